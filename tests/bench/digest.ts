import { and, eq, lte, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { actionItems, expenses, type ScheduleRow, schedule } from '../../db/schema.js';
import { DispatchWorker } from '../../src/dispatcher.js';
import { addDays } from '../../src/domain/dates.js';
import { DIGEST_KIND, type DigestNotice } from '../../src/domain/insights/digest.js';
import { buildStatusReport } from '../../src/domain/plan/status.js';
import { renderChartPng } from '../../src/services/delivery/charts/images.js';
import { digestFanout } from '../../src/services/insights/digest.js';
import { digestSources } from '../../src/services/insights/digest-sources.js';
import { type EventRow, loadPlan, newestEvent } from '../../src/services/plan/event-store.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { renderDigest } from '../../views/insights/digest-message.js';
import { buildStatusMessage } from '../../views/plan/status-message.js';
import { setupInput, U } from '../support/builders.js';
import { SURVEY_KEY, startTestApp } from '../support/test-app.js';
import { type LatencySummary, ms, summarize } from './stats.js';
import { StatusLoad } from './status-latency.js';

const READERS = 5_000;
const ACTION_ITEMS = 10_000;
const EXPENSES = 20_000;
const IDLE_REQUESTS = 3_000;
const ROUNDS = 2;
const WEEK_MS = 7 * 24 * 3_600_000;

export interface DigestBench {
  readers: number;
  actionItems: number;
  /** Working out and building `/sko status` once for every reader, uncached: the baseline. */
  statusMs: number;
  /** Composing and rendering every reader's digest, as the dispatcher does on a Monday. */
  digestMs: number;
  /** The Monday as the dispatcher runs it: composed a batch at a time, rendered, and stored in the outbox. */
  dispatchMs: number;
  /** `/sko status` from another process, idle and while the dispatcher works through the Monday. */
  idle: LatencySummary;
  during: LatencySummary;
  /** Drawing the charts of every reader's digest, against drawing each different chart once. */
  chartsMs: number;
  oneSetOfChartsMs: number;
  charts: number;
}

/** 5,000 sales leaders (most reporting to one of fifty), 10,000 action items among them and 20,000 expenses. */
function seedMonday(db: Db, eventId: number, readers: number, items: number, now: Date): void {
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
          eventId,
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
          eventId,
          category: categories[i % 5] as (typeof categories)[number],
          vendor: `Vendor ${i}`,
          amountCents: 1_000 + i,
          date: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
          note: null,
        })
        .run();
  });
}

/** The Monday's digest row, due now; everything else that fell due before it is set aside so the dispatcher works on the Monday alone. */
function mondayRow(db: Db, week: number): ScheduleRow {
  const row = db
    .select()
    .from(schedule)
    .where(and(eq(schedule.kind, DIGEST_KIND), eq(schedule.status, 'pending')))
    .all()
    .find((r) => Number(r.payload.week) === week);
  if (!row) throw new Error(`no digest planned for week ${week}`);
  db.update(schedule)
    .set({ status: 'skipped', note: 'not part of the bench' })
    .where(and(eq(schedule.status, 'pending'), lte(schedule.dueAt, row.dueAt), ne(schedule.id, row.id)))
    .run();
  return row;
}

/**
 * A Monday at full size: 5,000 readers, 10,000 action items and 20,000 expenses. Every digest
 * composed and rendered, and the Monday as the dispatcher runs it (batches, stored in the outbox),
 * against the same readers each asking for the status; `/sko status` sent from another process
 * while the dispatcher works, against the same requests idle; every digest's charts against one
 * set of them.
 */
export async function benchDigest(readers = READERS, items = ACTION_ITEMS): Promise<DigestBench> {
  const t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  const load = new StatusLoad(t.fake);
  try {
    saveSetup(t.db, setupInput(), U.dana, t.clock.now(), null);
    const event = newestEvent(t.db);
    if (!event) throw new Error('no plan');
    seedMonday(t.db, event.id, readers, items, new Date('2026-12-21T13:00:00Z'));
    const row = mondayRow(t.db, 5);
    t.clock.set(row.dueAt);
    const now = t.clock.now();
    const loaded = loadPlan(t.db, newestEvent(t.db) as EventRow);
    if (!loaded) throw new Error('no plan');

    // The Monday's composing and its baseline alternate, and the fastest of each counts: this
    // machine's speed drifts from one minute to the next, and a drift would fall on one side only.
    let digestMs = Number.POSITIVE_INFINITY;
    let statusMs = Number.POSITIVE_INFINITY;
    let notices: DigestNotice[] = [];
    let rendered: ReturnType<typeof renderDigest>[] = [];
    let started = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      started = performance.now();
      const fanout = await digestFanout(t.db, loaded, row.payload, now, digestSources(SURVEY_KEY));
      notices = fanout.compose(fanout.personIds);
      rendered = notices.map((n) => renderDigest(n));
      digestMs = Math.min(digestMs, performance.now() - started);

      started = performance.now();
      for (let i = 0; i < notices.length; i += 1) buildStatusMessage(buildStatusReport(loaded, now), {});
      statusMs = Math.min(statusMs, performance.now() - started);
    }

    await load.round(t.appUrl, 200, 1);
    // As the running app dispatches: in its worker thread, beside the event loop that answers Slack.
    // The app starts that thread on its first minute's tick and keeps it: it is up before the Monday.
    const dispatcher = new DispatchWorker(t.testDb.path, 'error');
    await dispatcher.dispatchDue(new Date(now.getTime() - WEEK_MS), SURVEY_KEY);
    // Idle is measured on both sides of the Monday, so a pause either side falls on it as on the Monday.
    const idleSamples = await load.round(t.appUrl, IDLE_REQUESTS / 2, 1);
    const during: number[] = [];
    let done = false;
    started = performance.now();
    const dispatching = dispatcher.dispatchDue(now, SURVEY_KEY).finally(() => {
      done = true;
    });
    while (!done) during.push(...(await load.round(t.appUrl, 10, 1)));
    const report = await dispatching;
    const dispatchMs = performance.now() - started;
    await dispatcher.close();
    idleSamples.push(...(await load.round(t.appUrl, IDLE_REQUESTS / 2, 1)));
    if (report.messages !== notices.length) throw new Error(`the Monday stored ${report.messages} digests for ${notices.length} readers`);

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
    return {
      readers: count,
      actionItems: items,
      statusMs,
      digestMs,
      dispatchMs,
      idle: summarize(idleSamples),
      during: summarize(during),
      chartsMs,
      oneSetOfChartsMs,
      charts: attachments.length,
    };
  } finally {
    load.close();
    await t.close();
  }
}

export function reportDigest(r: DigestBench): string {
  return [
    `A Monday's digests: ${r.readers.toLocaleString('en-US')} readers, ${r.actionItems.toLocaleString('en-US')} action items, ${EXPENSES.toLocaleString('en-US')} expenses`,
    `  /sko status for every reader, uncached (baseline)  ${(r.statusMs / 1000).toFixed(2)} s`,
    `  every digest composed and rendered                 ${(r.digestMs / 1000).toFixed(2)} s   (${(r.digestMs / r.statusMs).toFixed(2)}× baseline, target ≤ 2×)`,
    `  the Monday dispatched, batches stored in the outbox ${(r.dispatchMs / 1000).toFixed(2)} s   (${(r.dispatchMs / r.statusMs).toFixed(2)}× baseline)`,
    `  /sko status idle             p50 ${ms(r.idle.p50)}   p99 ${ms(r.idle.p99)}   (${r.idle.n} requests)`,
    `  /sko status during the Monday p50 ${ms(r.during.p50)}   p99 ${ms(r.during.p99)}   (${r.during.n} requests)`,
    `  ratio at p99: ${(r.during.p99 / r.idle.p99).toFixed(2)}× idle (target ≤ 1.5×)`,
    `  their ${r.charts.toLocaleString('en-US')} charts drawn                 ${(r.chartsMs / 1000).toFixed(2)} s   against each different chart drawn once ${(r.oneSetOfChartsMs / 1000).toFixed(2)} s (${(r.chartsMs / r.oneSetOfChartsMs).toFixed(2)}×)`,
  ].join('\n');
}
