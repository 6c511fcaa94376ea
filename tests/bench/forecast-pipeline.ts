import type { Db } from '../../db/client.js';
import type { ForecastResult } from '../../src/agents/forecast.js';
import type { PipelineResult } from '../../src/agents/pipeline.js';
import { runAgentJob } from '../../src/services/sales/agent-jobs.js';
import { ms } from './stats.js';

const TODAY = '2026-11-20';
const FY2026 = { from: '2026-01-01', to: '2026-12-31' };

/** The forecaster's aggregations as SQL: won revenue and closed counts by fiscal quarter up to today, the open pipeline, where the data starts. */
const FORECAST_SQL = `
SELECT 'q' AS kind, 'FY' || substr(close_date, 1, 4) || '-Q' || ((CAST(substr(close_date, 6, 2) AS INTEGER) + 2) / 3) AS key,
  sum(CASE WHEN outcome = 'won' THEN coalesce(amount_cents, 0) ELSE 0 END) AS cents, sum(outcome = 'won') AS won, sum(outcome = 'lost') AS lost
FROM deals WHERE outcome <> 'open' AND close_date <= @today GROUP BY 2
UNION ALL SELECT 'open', substr(close_date, 1, 4), sum(coalesce(amount_cents, 0)), count(*), sum(amount_cents IS NULL) FROM deals WHERE outcome = 'open' GROUP BY 2
UNION ALL SELECT 'first', min(created_date), NULL, NULL, NULL FROM deals WHERE created_date <= @today`;

/** The pipeline analyst's: open deals by stage with their age, and closed-in-period rates by team. */
const PIPELINE_SQL = `
SELECT 'stage' AS kind, stage AS key, count(*) AS n, sum(coalesce(amount_cents, 0)) AS cents, avg(julianday(@today) - julianday(created_date)) AS days, NULL AS won, NULL AS lost
FROM deals WHERE outcome = 'open' GROUP BY stage
UNION ALL
SELECT 'team', p.team, sum(d.outcome = 'open'),
  sum(CASE WHEN d.outcome = 'won' AND d.close_date BETWEEN @from AND @to THEN coalesce(d.amount_cents, 0) ELSE 0 END),
  avg(CASE WHEN d.outcome <> 'open' AND d.close_date BETWEEN @from AND @to THEN julianday(d.close_date) - julianday(d.created_date) END),
  sum(d.outcome = 'won' AND d.close_date BETWEEN @from AND @to), sum(d.outcome = 'lost' AND d.close_date BETWEEN @from AND @to)
FROM deals d JOIN people p ON p.id = d.owner_id WHERE d.outcome = 'open' OR d.close_date BETWEEN @from AND @to GROUP BY p.team`;

export interface AgentVsSql {
  name: string;
  agentMs: number;
  sqlMs: number;
  agreed: boolean;
}

function best<T>(runs: number, run: () => T): { ms: number; value: T } {
  let fastest = Number.POSITIVE_INFINITY;
  let value: T | undefined;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    value = run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return { ms: fastest, value: value as T };
}

/** The forecast and pipeline agents over the bench company's deals (already in `db`), each beside its SQL, best of three. */
export function benchForecastPipeline(db: Db): AgentVsSql[] {
  const forecastSql = db.$client.prepare(FORECAST_SQL);
  const pipelineSql = db.$client.prepare(PIPELINE_SQL);
  const forecast = best(
    3,
    () => runAgentJob(db, { agent: 'forecast', today: TODAY, growthPct: 20, targetCents: null, scope: { kind: 'all' } }) as ForecastResult,
  );
  const forecastRows = best(3, () => forecastSql.all({ today: TODAY }) as { kind: string; cents: number }[]);
  const pipeline = best(3, () => runAgentJob(db, { agent: 'pipeline', today: TODAY, period: FY2026, scope: { kind: 'all' } }) as PipelineResult);
  const pipelineRows = best(3, () => pipelineSql.all({ today: TODAY, ...FY2026 }) as { kind: string; n: number }[]);
  const wonCents = forecastRows.value.filter((r) => r.kind === 'q').reduce((s, r) => s + r.cents, 0);
  const openDeals = pipelineRows.value.filter((r) => r.kind === 'stage').reduce((s, r) => s + r.n, 0);
  return [
    {
      name: 'forecast',
      agentMs: forecast.ms,
      sqlMs: forecastRows.ms,
      agreed: Math.round(forecast.value.history.reduce((s, q) => s + q.wonRevenue * 100, 0)) === wonCents,
    },
    { name: 'pipeline', agentMs: pipeline.ms, sqlMs: pipelineRows.ms, agreed: pipeline.value.open.count === openDeals },
  ];
}

export function reportForecastPipeline(results: AgentVsSql[]): string {
  return results
    .map((r) =>
      [
        `  ${`${r.name} agent, end to end`.padEnd(65)}${ms(r.agentMs)}`,
        `  ${'the same aggregations in SQL'.padEnd(65)}${ms(r.sqlMs)}`,
        `  ratio: ${(r.agentMs / r.sqlMs).toFixed(2)}× (target ≤ 2×); the two agree: ${r.agreed ? 'yes' : 'NO'}`,
      ].join('\n'),
    )
    .join('\n');
}
