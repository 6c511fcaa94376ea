import { createCanvas } from '@napi-rs/canvas';
import { expenses, people } from '../../db/schema.js';
import { CHART_HEIGHT, CHART_WIDTH, renderChartPng } from '../../src/services/delivery/chart-images.js';
import { buildDigest, burnDown, digestReaders, sharedFigures } from '../../src/services/insights/digest.js';
import { digestSources } from '../../src/services/insights/digest-sources.js';
import { currentPlan } from '../../src/services/plan/event-store.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { statusNow } from '../../src/services/plan/status.js';
import { budgetChart } from '../../views/budget/message.js';
import { burnDownChart } from '../../views/insights/digest-message.js';
import { setupInput, U } from '../support/builders.js';
import { createTestDb } from '../support/test-db.js';
import { type LatencySummary, ms, summarize } from './stats.js';

const LEADERS = 200;
const EXPENSES = 20_000;
const CHARTS = 30;

export interface DigestBench {
  readers: number;
  expenses: number;
  status: LatencySummary;
  digest: LatencySummary;
  /** The budget and scorecard, worked out once per Monday for all readers. */
  once: LatencySummary;
  blankPng: LatencySummary;
  chartPng: LatencySummary;
  pngBytes: number;
}

async function time(n: number, fn: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * One Monday's digests for 200 leaders over 20,000 expenses, each against /sko status (the plan read
 * every digest also does); and a chart rendered to PNG against encoding a blank canvas of its size.
 */
export async function benchDigest(): Promise<DigestBench> {
  const { db, close } = createTestDb();
  const now = new Date('2026-12-21T13:00:00Z');
  saveSetup(db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'));
  const plan = currentPlan(db);
  if (!plan) throw new Error('no plan');
  db.insert(people)
    .values(Array.from({ length: LEADERS }, (_, i) => ({ name: `Leader ${i}`, slackUserId: `UL${String(i).padStart(7, '0')}`, role: 'leader' as const })))
    .run();
  const categories = ['venue', 'travel', 'speakers', 'materials', 'technology'] as const;
  db.transaction(() => {
    for (let i = 0; i < EXPENSES; i += 1)
      db.insert(expenses)
        .values({
          eventId: plan.event.id,
          category: categories[i % 5] as (typeof categories)[number],
          vendor: `Vendor ${i}`,
          amountCents: 1_000 + i,
          date: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
          note: null,
        })
        .run();
  });
  const readers = digestReaders(db, plan);
  const status = summarize(await time(readers.length, () => statusNow(db, now)));
  const shared = sharedFigures(db, plan, now, digestSources(null));
  const digest = summarize(
    await time(readers.length, () => buildDigest(db, plan, readers[0] as (typeof readers)[number], now, digestSources(null), 4, shared)),
  );
  const once = summarize(await time(5, () => sharedFigures(db, plan, now, digestSources(null))));
  const report = buildDigest(db, plan, readers[0] as (typeof readers)[number], now, digestSources(null));
  const blankPng = summarize(await time(CHARTS, () => createCanvas(CHART_WIDTH, CHART_HEIGHT).encode('png')));
  let pngBytes = 0;
  const chartPng = summarize(
    await time(CHARTS, async () => {
      pngBytes = (await renderChartPng(budgetChart(report.budget))).length;
      await renderChartPng(burnDownChart({ burn: burnDown(plan, '2026-12-21') }));
    }),
  );
  close();
  return { readers: readers.length, expenses: EXPENSES, status, digest, once, blankPng, chartPng, pngBytes };
}

export function reportDigest(r: DigestBench): string {
  return [
    `Weekly digest: ${r.readers} readers, ${r.expenses.toLocaleString('en-US')} expenses`,
    `  /sko status (baseline)  p50 ${ms(r.status.p50)}  p99 ${ms(r.status.p99)}`,
    `  one reader's digest     p50 ${ms(r.digest.p50)}  p99 ${ms(r.digest.p99)}  (${(r.digest.p50 / r.status.p50).toFixed(1)}× status)`,
    `  budget + scorecard, once per Monday  p50 ${ms(r.once.p50)}`,
    `  → a Monday's digests for all readers in about ${((r.digest.p50 * r.readers + r.once.p50) / 1000).toFixed(2)} s`,
    `Charts: ${CHART_WIDTH} × ${CHART_HEIGHT} PNG (budget chart ${(r.pngBytes / 1024).toFixed(0)} KB)`,
    `  blank canvas encode (baseline)  p50 ${ms(r.blankPng.p50)}`,
    `  budget + burn-down charts       p50 ${ms(r.chartPng.p50)}  (${(r.chartPng.p50 / r.blankPng.p50).toFixed(1)}× baseline)`,
  ].join('\n');
}
