import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, type ScheduleRow, schedule } from '../../db/schema.js';
import { dispatchJob } from '../../schedules/dispatch.js';
import { DIGEST_KIND } from '../../src/domain/insights/digest.js';
import { createLogger } from '../../src/logger.js';
import { PEOPLE_PER_BATCH } from '../../src/services/delivery/dispatch.js';
import { digestReaders } from '../../src/services/insights/digest.js';
import { loadPlan, newestEvent } from '../../src/services/plan/event-store.js';
import { addPeople } from '../support/builders.js';
import type { FakeSlack } from '../support/fake-slack/server.js';
import { setUpWalkEvent, startWalkApp } from '../support/schedule-walk.js';
import type { TestApp } from '../support/test-app.js';

const LEADERS = 600;
const leaderIds = Array.from({ length: LEADERS }, (_, i) => `UB${String(i).padStart(7, '0')}`);

/**
 * Issue 19, point 1: a Monday's digests are composed a batch of readers at a time, each batch in
 * its own transaction. The app is stopped right after the first batch (a crash leaves the same:
 * committed batches, the row still due); started again, it sends every reader exactly one digest.
 */
describe('a Monday digest to 600 sales leaders, stopped after its first batch and run again', () => {
  let t: TestApp & { ownFake: FakeSlack };
  let row: ScheduleRow;
  let readers: number;
  const digestRows = () =>
    t.db
      .select()
      .from(outbox)
      .where(and(gte(outbox.key, `${row.key}:`), lt(outbox.key, `${row.key};`)))
      .all();
  const rowNow = () => t.db.select().from(schedule).where(eq(schedule.id, row.id)).get();
  let afterStop: { stored: number; status: string | undefined; delivered: number };

  beforeAll(async () => {
    t = await startWalkApp('2027-02-01T15:00:00Z');
    await setUpWalkEvent(t);
    addPeople(
      t.db,
      leaderIds.map((slackUserId, i) => ({ slackUserId, name: `Leader ${i}`, role: 'leader' as const, team: `Team ${i % 12}` })),
    );
    const newest = newestEvent(t.db);
    const plan = newest ? loadPlan(t.db, newest) : null;
    if (!plan) throw new Error('no plan');
    readers = digestReaders(t.db, plan).length;
    const first = t.db.select().from(schedule).where(eq(schedule.kind, DIGEST_KIND)).orderBy(asc(schedule.dueAt)).get();
    if (!first) throw new Error('no digest planned');
    row = first;
    t.clock.set(row.dueAt);

    // The app's stop arrives as the first batch is stored: the job stops there and sends nothing.
    const stopping = new AbortController();
    const logger = createLogger('debug', (line) => {
      if (line.includes('people composed')) stopping.abort();
    });
    await dispatchJob.run({ ...t.deps, logger }, t.clock.now(), stopping.signal);
    afterStop = { stored: digestRows().length, status: rowNow()?.status, delivered: t.ownFake.allMessages().filter(isDigest).length };

    await dispatchJob.run(t.deps, t.clock.now());
    await t.deps.outbox.idle();
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const isDigest = (m: { text?: string | undefined }) => m.text?.includes('Weekly digest, ') === true;

  it('had stored one batch of digests, sent none, and left the Monday still due when it stopped', () => {
    expect(afterStop.stored).toBeGreaterThan(0);
    expect(afterStop.stored).toBeLessThanOrEqual(PEOPLE_PER_BATCH);
    expect(afterStop).toMatchObject({ status: 'pending', delivered: 0 });
  });

  it('then gave every reader exactly one digest', () => {
    const counts = leaderIds.map((user) => t.ownFake.messagesIn(user).filter(isDigest).length);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(t.ownFake.allMessages().filter(isDigest)).toHaveLength(readers);
  });

  it('holds one outbox message per reader, all sent, and the Monday done', () => {
    const rows = digestRows();
    expect(rows).toHaveLength(readers);
    expect(new Set(rows.map((r) => r.channel)).size).toBe(readers);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(rowNow()).toMatchObject({ status: 'done', note: `${readers} messages` });
  });
});
