import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScheduleRow, schedule } from '../../db/schema.js';
import { dispatchJob } from '../../schedules/dispatch.js';
import { DispatchWorker } from '../../src/dispatcher.js';
import { DIGEST_KIND } from '../../src/domain/insights/digest.js';
import { digestReaders } from '../../src/services/insights/digest.js';
import { loadPlan, newestEvent } from '../../src/services/plan/event-store.js';
import { addPeople } from '../support/builders.js';
import type { FakeSlack } from '../support/fake-slack/server.js';
import { setUpWalkEvent, startWalkApp } from '../support/schedule-walk.js';
import type { TestApp } from '../support/test-app.js';

const leaderIds = Array.from({ length: 40 }, (_, i) => `UW${String(i).padStart(7, '0')}`);

/** Issue 19: the running app composes a Monday in its dispatch worker, on the worker's own connection, and the app's outbox sends it. */
describe('the minute job dispatching through the dispatch worker', () => {
  let t: TestApp & { ownFake: FakeSlack };
  let dispatcher: DispatchWorker;
  let row: ScheduleRow;
  let readers: number;
  const isDigest = (m: { text?: string | undefined }) => m.text?.includes('Weekly digest, ') === true;

  beforeAll(async () => {
    t = await startWalkApp('2027-02-01T15:00:00Z');
    await setUpWalkEvent(t);
    addPeople(
      t.db,
      leaderIds.map((slackUserId, i) => ({ slackUserId, name: `Leader ${i}`, role: 'leader' as const })),
    );
    const newest = newestEvent(t.db);
    readers = newest ? digestReaders(t.db, loadPlan(t.db, newest)).length : 0;
    const first = t.db.select().from(schedule).where(eq(schedule.kind, DIGEST_KIND)).orderBy(asc(schedule.dueAt)).get();
    if (!first) throw new Error('no digest planned');
    row = first;
    t.clock.set(row.dueAt);
    dispatcher = new DispatchWorker(t.testDb.path, 'error');
    await dispatchJob.run({ ...t.deps, dispatcher }, t.clock.now());
    await dispatchJob.run({ ...t.deps, dispatcher }, t.clock.now());
    await t.deps.outbox.idle();
  }, 120_000);

  afterAll(async () => {
    await dispatcher.close();
    await t.close();
  });

  it('gives every reader exactly one digest, run twice, and marks the Monday done', () => {
    const counts = leaderIds.map((user) => t.ownFake.messagesIn(user).filter(isDigest).length);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(t.ownFake.allMessages().filter(isDigest)).toHaveLength(readers);
    expect(t.db.select().from(schedule).where(eq(schedule.id, row.id)).get()?.status).toBe('done');
  });
});
