import type { KnownBlock } from '@slack/types';
import type { Db } from '../../db/client.js';
import type { PerfResult } from '../../src/agents/perf.js';
import { runAgentJob } from '../../src/services/sales/agent-jobs.js';
import { eventually, startTestApp } from '../support/test-app.js';
import { createTestDb } from '../support/test-db.js';
import { type AgentVsSql, benchForecastPipeline, reportForecastPipeline } from './forecast-pipeline.js';
import { BENCH_COMPANY, fillMillionDeals } from './million-deals.js';
import { type LatencySummary, ms, summarize } from './stats.js';
import { measure, setUpBenchSko } from './status-latency.js';

const FY2026 = { from: '2026-01-01', to: '2026-12-31' };

/**
 * The same aggregation as the perf agent, as one SQL statement run directly in SQLite: every deal
 * that counts in the period, grouped once at the finest grain (owner, segment, product, quarter),
 * then rolled up into the rep, team, region, segment, product, quarter and total rows.
 */
const SQL_BASELINE = `
WITH fine AS MATERIALIZED (
  SELECT d.owner_id, p.team, p.region, coalesce(d.segment, p.segment, '(none)') AS segment, coalesce(d.product, '(none)') AS product,
    CASE WHEN d.close_date IS NULL THEN NULL ELSE 'FY' || substr(d.close_date, 1, 4) || '-Q' || ((CAST(substr(d.close_date, 6, 2) AS INTEGER) + 2) / 3) END AS quarter,
    sum(CASE WHEN d.outcome = 'won' THEN coalesce(d.amount_cents, 0) ELSE 0 END) AS won_cents,
    sum(d.outcome = 'won') AS won, sum(d.outcome = 'lost') AS lost,
    sum(CASE WHEN d.outcome <> 'open' AND d.created_date IS NOT NULL THEN julianday(d.close_date) - julianday(d.created_date) END) AS cycle_days,
    sum(d.outcome <> 'open' AND d.created_date IS NOT NULL) AS cycles,
    sum(d.outcome = 'open') AS open, sum(CASE WHEN d.outcome = 'open' THEN coalesce(d.amount_cents, 0) ELSE 0 END) AS open_cents
  FROM deals d JOIN people p ON p.id = d.owner_id
  WHERE d.close_date BETWEEN @from AND @to OR (d.close_date IS NULL AND d.outcome = 'open' AND (d.created_date IS NULL OR d.created_date <= @to))
  GROUP BY d.owner_id, 4, 5, 6
)
SELECT 'rep' AS dim, CAST(owner_id AS TEXT) AS key, sum(won_cents), sum(won), sum(lost), sum(cycle_days), sum(cycles), sum(open), sum(open_cents) FROM fine GROUP BY owner_id
UNION ALL SELECT 'team', team, sum(won_cents), sum(won), sum(lost), sum(cycle_days), sum(cycles), sum(open), sum(open_cents) FROM fine GROUP BY team
UNION ALL SELECT 'region', region, sum(won_cents), sum(won), sum(lost), sum(cycle_days), sum(cycles), sum(open), sum(open_cents) FROM fine GROUP BY region
UNION ALL SELECT 'segment', segment, sum(won_cents), sum(won), sum(lost), sum(cycle_days), sum(cycles), sum(open), sum(open_cents) FROM fine GROUP BY segment
UNION ALL SELECT 'product', product, sum(won_cents), sum(won), sum(lost), sum(cycle_days), sum(cycles), sum(open), sum(open_cents) FROM fine GROUP BY product
UNION ALL SELECT 'quarter', quarter, sum(won_cents), sum(won), sum(lost), sum(cycle_days), sum(cycles), sum(open), sum(open_cents) FROM fine WHERE quarter IS NOT NULL GROUP BY quarter
UNION ALL SELECT 'total', 'total', sum(won_cents), sum(won), sum(lost), sum(cycle_days), sum(cycles), sum(open), sum(open_cents) FROM fine`;

function time<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

export interface PerfAgentBench {
  deals: number;
  generateMs: number;
  agentMs: number;
  sqlMs: number;
  ratio: number;
  agreed: boolean;
  /** The forecast and pipeline agents over the same deals. */
  others: AgentVsSql[];
  status: { idle: LatencySummary; underLoad: LatencySummary; perfRuns: number; perfMs: number[] };
}

/**
 * `perf` over a million generated deals: the agent end to end (the same code path the worker
 * runs: streaming rows out of SQLite through the fold) beside one SQL query doing the same
 * aggregation, best of three each; then `/sko status` acknowledgement latency through the real
 * app, idle and while `/sko perf` over the million deals runs in the agent worker.
 */
export async function benchPerfAgent(deals = 1_000_000): Promise<PerfAgentBench> {
  const testDb = createTestDb();
  try {
    const db: Db = testDb.db;
    const generated = time(() => fillMillionDeals(db, deals));
    const baseline = db.$client.prepare(SQL_BASELINE);
    const agentRuns: number[] = [];
    const sqlRuns: number[] = [];
    let result: PerfResult | undefined;
    let rows: { dim: string; key: string; 'sum(won_cents)': number }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const agent = time(() => runAgentJob(db, { agent: 'perf', today: FY2026.to, period: FY2026, scope: { kind: 'all' } }) as PerfResult);
      const sql = time(() => baseline.all(FY2026) as typeof rows);
      agentRuns.push(agent.ms);
      sqlRuns.push(sql.ms);
      result = agent.value;
      rows = sql.value;
    }
    const total = rows.find((r) => r.dim === 'total');
    const agreed = Boolean(
      result &&
        total &&
        Math.round(result.totals.wonRevenue * 100) === total['sum(won_cents)'] &&
        result.byRep.length === rows.filter((r) => r.dim === 'rep').length,
    );
    const agentMs = Math.min(...agentRuns);
    const sqlMs = Math.min(...sqlRuns);
    const others = benchForecastPipeline(db);
    const status = await statusUnderLoad(testDb);
    return { deals, generateMs: generated.ms, agentMs, sqlMs, ratio: agentMs / sqlMs, agreed, others, status };
  } finally {
    testDb.close();
  }
}

async function statusUnderLoad(testDb: ReturnType<typeof createTestDb>): Promise<PerfAgentBench['status']> {
  const t = await startTestApp({ now: '2026-11-20T15:00:00Z', db: testDb });
  try {
    setUpBenchSko(t);
    await measure(t.driver, 200);
    const idle = await measure(t.driver, 1_000);

    const underLoad: number[] = [];
    const perfMs: number[] = [];
    const runs = 3;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const res = await t.driver.slashCommand({ userId: BENCH_COMPANY.leaderSlackId, text: 'perf fy2026' });
      if (!String(res.json?.text).startsWith(':hourglass')) throw new Error(`/sko perf did not start: ${res.text}`);
      let done = false;
      const reply = eventually(() => t.fake.responsesTo(res.responseUrl)[0], 120_000).then((r) => {
        done = true;
        perfMs.push(performance.now() - started);
        return r;
      });
      while (!done) underLoad.push(...(await measure(t.driver, 1)));
      const blocks = (await reply).body.blocks as KnownBlock[];
      if (!JSON.stringify(blocks).includes('Performance · FY2026')) throw new Error('/sko perf replied without the report');
    }
    return { idle: summarize(idle), underLoad: summarize(underLoad), perfRuns: runs, perfMs };
  } finally {
    await t.close();
  }
}

export function reportPerfAgent(r: PerfAgentBench): string {
  return [
    `perf over ${r.deals.toLocaleString('en-US')} generated deals (${BENCH_COMPANY.reps.toLocaleString('en-US')} reps; FY2026 holds about half; generated in ${(r.generateMs / 1000).toFixed(1)} s):`,
    `  perf agent, end to end (SQLite rows streamed through the fold)   ${ms(r.agentMs)}`,
    `  the same aggregation as one SQL query in SQLite                  ${ms(r.sqlMs)}`,
    `  ratio: ${r.ratio.toFixed(2)}× (target ≤ 2×); the two agree on won revenue and reps: ${r.agreed ? 'yes' : 'NO'}`,
    `forecast (every deal, FY by quarter) and pipeline (open deals by stage, FY2026 rates by team) over the same ${r.deals.toLocaleString('en-US')} deals:`,
    reportForecastPipeline(r.others),
    `/sko status acknowledgement while /sko perf over the ${r.deals.toLocaleString('en-US')} deals runs in the agent worker (${r.status.perfRuns} runs, ${r.status.perfMs.map((x) => `${(x / 1000).toFixed(1)} s`).join(', ')} each):`,
    `  idle        p50 ${ms(r.status.idle.p50)}   p99 ${ms(r.status.idle.p99)}   (${r.status.idle.n} requests)`,
    `  under load  p50 ${ms(r.status.underLoad.p50)}   p99 ${ms(r.status.underLoad.p99)}   (${r.status.underLoad.n} requests; target p99 < 200 ms)`,
  ].join('\n');
}
