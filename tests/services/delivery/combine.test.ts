import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema.js';
import { enqueueDms, settleCombined } from '../../../src/services/delivery/combine.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

const AT = new Date('2027-01-04T15:00:00Z');

const dm = (n: number) => ({
  key: `reminder:${n}`,
  kind: 'due-soon',
  label: `Reminder ${n}`,
  channel: 'UPRIYA001',
  text: `Reminder ${n}`,
  blocks: [{ type: 'section', block_id: `part-${n}`, text: { type: 'mrkdwn', text: `Reminder ${n}` } }],
  notBefore: AT,
});

/** One DM instead of several (issue 14): what the person is finally sent holds each part once. */
describe('combining DMs due together', () => {
  let testDb: TestDb;
  beforeEach(() => {
    testDb = createTestDb();
  });
  afterEach(() => {
    testDb.close();
  });

  it('each further part joins without bringing in twice the parts of the carriers it retires', () => {
    for (const n of [1, 2, 3, 4]) enqueueDms(testDb.db, [dm(n)]);
    const rows = testDb.db.select().from(outbox).all();
    const pending = rows.filter((r) => r.status === 'pending');
    expect(pending).toHaveLength(1);
    const ids = (pending[0]?.blocks ?? []).flatMap((b) => ((b as { block_id?: string }).block_id ? [(b as { block_id: string }).block_id] : []));
    expect(ids).toEqual(['part-1', 'part-2', 'part-3', 'part-4']);
    expect(pending[0]?.text).toBe('Reminder 1\nReminder 2\nReminder 3\nReminder 4');
    // Each part, and each carrier it retired, waits for the one message's outcome.
    expect(rows.filter((r) => r.carriedBy === pending[0]?.id).map((r) => r.key)).toEqual([
      'reminder:1',
      'reminder:2',
      'combined:reminder:1+1',
      'reminder:3',
      'combined:reminder:1+2',
      'reminder:4',
    ]);

    // Once the one message is sent, every row takes its outcome: none is left waiting as combined.
    testDb.db
      .update(outbox)
      .set({ status: 'sent', sentAt: AT.toISOString() })
      .where(eq(outbox.id, pending[0]?.id as number))
      .run();
    settleCombined(testDb.db);
    expect(
      new Set(
        testDb.db
          .select()
          .from(outbox)
          .all()
          .map((r) => r.status),
      ),
    ).toEqual(new Set(['sent']));
  });
});
