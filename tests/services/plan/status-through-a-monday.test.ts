import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxWrite } from '../../../db/client.js';
import { outbox } from '../../../db/schema.js';
import { enqueue } from '../../../src/services/delivery/enqueue.js';
import type { EventRow } from '../../../src/services/plan/event-store.js';
import { saveSetup } from '../../../src/services/plan/setup.js';
import { statusNow } from '../../../src/services/plan/status.js';
import { setTaskStatus } from '../../../src/services/plan/tasks.js';
import { setupInput, U } from '../../support/builders.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

/**
 * Issue 19: a Monday stores thousands of digests in the outbox a batch at a time. `/sko status`
 * does not read the outbox, so those writes leave its answer as worked out; any other change
 * (a task marked done) still shows in the next answer.
 */
describe('/sko status while a Monday stores its digests', () => {
  const now = new Date('2026-12-09T15:00:00Z');
  let testDb: TestDb;
  let event: EventRow;

  beforeEach(() => {
    testDb = createTestDb();
    event = saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null).event;
  });

  afterEach(() => {
    testDb.close();
  });

  it('answers as before after a batch of digests is stored, and shows a task done as soon as it is', () => {
    const { db } = testDb;
    const before = statusNow(db, event, now);
    const digests = ['U0READER1', 'U0READER2'].map((channel) => ({
      key: `digest:${channel}`,
      kind: 'digest',
      label: 'week 3 digest',
      channel,
      text: 'Weekly digest',
    }));
    outboxWrite(db, () => db.transaction(() => enqueue(db, digests)));

    expect(
      db
        .select()
        .from(outbox)
        .all()
        .map((m) => m.channel),
    ).toEqual(['U0READER1', 'U0READER2']);
    expect(statusNow(db, event, now)).toBe(before);

    const task = before.weekTasks[0] ?? before.overdue[0];
    if (!task) throw new Error('the plan has no task this week');
    setTaskStatus(db, task.id, U.dana, 'done', now);
    const after = statusNow(db, event, now);
    expect(after.progress.done).toBe(before.progress.done + 1);
  });
});
