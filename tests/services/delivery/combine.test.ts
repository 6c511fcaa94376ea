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

  it('each further part joins the message once, and every part takes the outcome of the message sent', () => {
    for (const n of [1, 2, 3, 4]) enqueueDms(testDb.db, [dm(n)], new Date('2027-01-04T14:00:00Z'));
    const rows = testDb.db.select().from(outbox).all();
    const pending = rows.filter((r) => r.status === 'pending');
    expect(pending).toHaveLength(1);
    const ids = (pending[0]?.blocks ?? []).flatMap((b) => ((b as { block_id?: string }).block_id ? [(b as { block_id: string }).block_id] : []));
    expect(ids).toEqual(['part-1', 'part-2', 'part-3', 'part-4']);
    expect(pending[0]?.text).toBe('Reminder 1\nReminder 2\nReminder 3\nReminder 4');
    // The carriers form a chain: each holds the one before it and one more part.
    const carrierOf = new Map(rows.map((r) => [r.key, rows.find((c) => c.id === r.carriedBy)?.key]));
    expect(Object.fromEntries(carrierOf)).toEqual({
      'reminder:1': 'combined:reminder:1+reminder:2',
      'reminder:2': 'combined:reminder:1+reminder:2',
      'combined:reminder:1+reminder:2': 'combined:combined:reminder:1+reminder:2+reminder:3',
      'reminder:3': 'combined:combined:reminder:1+reminder:2+reminder:3',
      'combined:combined:reminder:1+reminder:2+reminder:3': 'combined:combined:combined:reminder:1+reminder:2+reminder:3+reminder:4',
      'reminder:4': 'combined:combined:combined:reminder:1+reminder:2+reminder:3+reminder:4',
      'combined:combined:combined:reminder:1+reminder:2+reminder:3+reminder:4': undefined,
    });
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
