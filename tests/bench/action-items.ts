import { eq, sql } from 'drizzle-orm';
import { actionItems, people, schedule, tasks } from '../../db/schema.js';
import { addDays } from '../../src/domain/dates.js';
import { actionItemCounts, changeActionItem } from '../../src/services/action-items/items.js';
import { planAllItemReminders } from '../../src/services/action-items/reminders.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { setTaskStatus } from '../../src/services/plan/tasks.js';
import { setupInput, U } from '../support/builders.js';
import { createTestDb } from '../support/test-db.js';
import { type LatencySummary, ms, summarize } from './stats.js';

const PEOPLE = 2_000;
const ITEMS = 10_000;
const CLICKS = 500;
const NOW = new Date('2026-11-30T15:00:00Z');

export interface ActionItemsResult {
  items: number;
  scheduleRows: number;
  itemClick: LatencySummary;
  taskClick: LatencySummary;
  clickRatioP50: number;
  counts: LatencySummary;
  countsQuery: LatencySummary;
  countsRatioP50: number;
}

/**
 * A company of 2,000 sellers with 10,000 action items (five each, their reminders planned): the
 * Done/Reopen click (access check, update, re-planning the item's reminders) beside the Mark done
 * click on a plan task, and the digest's counts beside the SQL they read, in alternating rounds.
 */
export async function benchActionItems(): Promise<ActionItemsResult> {
  const testDb = createTestDb();
  try {
    const { db } = testDb;
    const { event } = saveSetup(db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
    const ids: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < PEOPLE; i += 1) {
        const slackUserId = `UB${String(i).padStart(7, '0')}`;
        ids.push(slackUserId);
        db.insert(people)
          .values({ slackUserId, name: `Seller ${i}`, team: `Team ${i % 40}` })
          .run();
      }
    });
    // Stored in bulk and planned in one pass, as a setup edit re-plans them: creating them one by one only makes the bench slow.
    const personIds = new Map(
      db
        .select({ id: people.id, slackUserId: people.slackUserId })
        .from(people)
        .all()
        .map((p) => [p.slackUserId, p.id]),
    );
    const stamp = NOW.toISOString();
    db.transaction(() => {
      for (let from = 0; from < ITEMS; from += 500) {
        const rows = Array.from({ length: Math.min(500, ITEMS - from) }, (_, k) => {
          const i = from + k;
          const owner = personIds.get(ids[i % PEOPLE] as string) as number;
          return {
            eventId: event.id,
            title: `Commitment ${i}`,
            ownerId: owner,
            creatorId: owner,
            due: addDays('2026-12-01', i % 45),
            source: 'commitment' as const,
            createdAt: stamp,
            updatedAt: stamp,
          };
        });
        db.insert(actionItems).values(rows).run();
      }
      planAllItemReminders(db, event, NOW);
    });
    const itemIds = db
      .select({ id: actionItems.id })
      .from(actionItems)
      .orderBy(actionItems.id)
      .all()
      .map((r) => r.id);
    const scheduleRows = db.select({ n: sql<number>`count(*)` }).from(schedule).get()?.n ?? 0;
    const taskIds = db
      .select({ id: tasks.id })
      .from(tasks)
      .where(eq(tasks.eventId, event.id))
      .all()
      .map((t) => t.id);

    const itemSamples: number[] = [];
    const taskSamples: number[] = [];
    const countSamples: number[] = [];
    const querySamples: number[] = [];
    const rawCounts = db.$client.prepare(
      'SELECT a.id, a.owner_id, p.team, a.status, a.due FROM action_items a JOIN people p ON p.id = a.owner_id WHERE a.event_id = ?',
    );
    for (let round = 0; round < 10; round += 1) {
      for (let i = 0; i < CLICKS / 10; i += 1) {
        const n = round * (CLICKS / 10) + i;
        const itemId = itemIds[(n * 7919) % ITEMS] as number;
        const owner = ids[(itemId - 1) % PEOPLE] as string;
        let t = performance.now();
        changeActionItem(db, itemId, owner, { kind: 'done' }, NOW);
        changeActionItem(db, itemId, owner, { kind: 'reopen' }, NOW);
        itemSamples.push((performance.now() - t) / 2);
        const taskId = taskIds[n % taskIds.length] as number;
        t = performance.now();
        setTaskStatus(db, taskId, U.dana, 'done', NOW);
        setTaskStatus(db, taskId, U.dana, 'open', NOW);
        taskSamples.push((performance.now() - t) / 2);
      }
      for (let i = 0; i < 5; i += 1) {
        let t = performance.now();
        actionItemCounts(db, event.id, '2026-12-20');
        countSamples.push(performance.now() - t);
        t = performance.now();
        rawCounts.all(event.id);
        querySamples.push(performance.now() - t);
      }
    }
    const itemClick = summarize(itemSamples);
    const taskClick = summarize(taskSamples);
    const counts = summarize(countSamples);
    const countsQuery = summarize(querySamples);
    return {
      items: ITEMS,
      scheduleRows,
      itemClick,
      taskClick,
      clickRatioP50: itemClick.p50 / taskClick.p50,
      counts,
      countsQuery,
      countsRatioP50: counts.p50 / countsQuery.p50,
    };
  } finally {
    testDb.close();
  }
}

export function reportActionItems(r: ActionItemsResult): string {
  return [
    `Action items: ${r.items.toLocaleString('en-US')} items of ${PEOPLE.toLocaleString('en-US')} sellers, ${r.scheduleRows.toLocaleString('en-US')} schedule rows:`,
    `  Done or Reopen on an item (re-plans its reminders)   p50 ${ms(r.itemClick.p50)}   p99 ${ms(r.itemClick.p99)}`,
    `  Mark done or Undo on a plan task (baseline)          p50 ${ms(r.taskClick.p50)}   p99 ${ms(r.taskClick.p99)}`,
    `  ratio at p50: ${r.clickRatioP50.toFixed(2)}×`,
    `  actionItemCounts() for the digest                    p50 ${ms(r.counts.p50)}   p99 ${ms(r.counts.p99)}`,
    `  the rows it reads, straight from SQLite              p50 ${ms(r.countsQuery.p50)}   p99 ${ms(r.countsQuery.p99)}`,
    `  ratio at p50: ${r.countsRatioP50.toFixed(2)}×`,
  ].join('\n');
}
