import { actionItems, expenses } from '../../db/schema.js';
import { addDays } from '../../src/domain/dates.js';
import { buildStatusReport } from '../../src/domain/plan/status.js';
import { renderChartPng } from '../../src/services/delivery/chart-images.js';
import { composeDigests } from '../../src/services/insights/digest.js';
import { digestSources } from '../../src/services/insights/digest-sources.js';
import { type EventRow, loadPlan, newestEvent } from '../../src/services/plan/event-store.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { renderDigest } from '../../views/insights/digest-message.js';
import { buildStatusMessage } from '../../views/plan/status-message.js';
import { setupInput, U } from '../support/builders.js';
import { createTestDb } from '../support/test-db.js';

const READERS = 5_000;
const ACTION_ITEMS = 10_000;
const EXPENSES = 20_000;

export interface DigestBench {
  readers: number;
  actionItems: number;
  /** Working out and building `/sko status` once for every reader, uncached: the baseline. */
  statusMs: number;
  /** Composing and rendering every reader's digest, as the dispatcher does on a Monday. */
  digestMs: number;
  /** Drawing the charts of every reader's digest, against drawing each different chart once. */
  chartsMs: number;
  oneSetOfChartsMs: number;
  charts: number;
}

/**
 * A Monday at full size: 5,000 readers (sales leaders, most reporting to one of fifty), 10,000
 * action items among them and 20,000 expenses; every digest composed and rendered against the
 * same readers each asking for the status, and every digest's charts against one set of them.
 */
export async function benchDigest(readers = READERS, items = ACTION_ITEMS): Promise<DigestBench> {
  const { db, close } = createTestDb();
  try {
    const now = new Date('2026-12-21T13:00:00Z');
    saveSetup(db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
    const plan = loadPlan(db, newestEvent(db) as EventRow);
    if (!plan) throw new Error('no plan');
    const c = db.$client;
    const ids: number[] = [];
    c.transaction(() => {
      const insert = c.prepare("INSERT INTO people (name, slack_user_id, role, manager_id, team) VALUES (?, ?, 'leader', ?, ?) RETURNING id").pluck();
      for (let i = 0; i < readers; i += 1)
        ids.push(insert.get(`Leader ${i}`, `UL${String(i).padStart(7, '0')}`, i < 50 ? null : ids[i % 50], `Team ${i % 50}`) as number);
    })();
    const stamp = now.toISOString();
    db.transaction(() => {
      for (let i = 0; i < items; i += 1) {
        const owner = ids[i % ids.length] as number;
        db.insert(actionItems)
          .values({
            eventId: plan.event.id,
            title: `Commitment ${i}`,
            ownerId: owner,
            creatorId: owner,
            due: addDays('2026-12-01', i % 45),
            status: i % 4 === 0 ? 'done' : 'open',
            source: 'commitment',
            createdAt: stamp,
            updatedAt: stamp,
          })
          .run();
      }
      const categories = ['venue', 'travel', 'speakers', 'materials', 'technology'] as const;
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
    const loaded = loadPlan(db, newestEvent(db) as EventRow);
    if (!loaded) throw new Error('no plan');

    let started = performance.now();
    let notices = composeDigests(db, loaded, { week: 5 }, now, digestSources(null));
    const rendered = notices.map((n) => renderDigest(n));
    const digestMs = performance.now() - started;

    started = performance.now();
    for (let i = 0; i < notices.length; i += 1) buildStatusMessage(buildStatusReport(loaded, now), {});
    const statusMs = performance.now() - started;

    const attachments = rendered.flatMap((r) => r.attachments);
    started = performance.now();
    for (const a of attachments) await renderChartPng(a.chart);
    const chartsMs = performance.now() - started;
    const distinct = [...new Map(attachments.map((a) => [JSON.stringify(a.chart), a.chart])).values()];
    started = performance.now();
    // Figures no digest carries, so each is drawn afresh: the cost of drawing every different chart once.
    for (const chart of distinct) await renderChartPng({ ...chart, title: `${chart.title} (baseline)` });
    const oneSetOfChartsMs = performance.now() - started;
    const count = notices.length;
    notices = [];
    return { readers: count, actionItems: items, statusMs, digestMs, chartsMs, oneSetOfChartsMs, charts: attachments.length };
  } finally {
    close();
  }
}

export function reportDigest(r: DigestBench): string {
  return [
    `A Monday's digests: ${r.readers.toLocaleString('en-US')} readers, ${r.actionItems.toLocaleString('en-US')} action items, ${EXPENSES.toLocaleString('en-US')} expenses`,
    `  /sko status for every reader, uncached (baseline)  ${(r.statusMs / 1000).toFixed(2)} s`,
    `  every digest composed and rendered                 ${(r.digestMs / 1000).toFixed(2)} s   (${(r.digestMs / r.statusMs).toFixed(2)}× baseline, target ≤ 2×)`,
    `  their ${r.charts.toLocaleString('en-US')} charts drawn                 ${(r.chartsMs / 1000).toFixed(2)} s   against each different chart drawn once ${(r.oneSetOfChartsMs / 1000).toFixed(2)} s (${(r.chartsMs / r.oneSetOfChartsMs).toFixed(2)}×)`,
  ].join('\n');
}
