import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventRow, people, schedule } from '../../../db/schema.js';
import { actionItemCounts, changeActionItem, createActionItem } from '../../../src/services/action-items/items.js';
import { nextItemReminder } from '../../../src/services/action-items/reminders.js';
import { saveSetup } from '../../../src/services/plan/setup.js';
import { setupInput, U } from '../../support/builders.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

let testDb: TestDb;
let event: EventRow;
let qbr: number;
const id = (slackId: string) => testDb.db.select().from(people).where(eq(people.slackUserId, slackId)).get()?.id as number;

beforeAll(() => {
  testDb = createTestDb();
  event = saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null).event;
  testDb.db
    .insert(people)
    .values([
      { slackUserId: 'URITA0001', name: 'Rita', team: 'East' },
      { slackUserId: 'URAJ00001', name: 'Raj', team: 'East' },
      { slackUserId: 'UWEN00001', name: 'Wen', team: 'West' },
      { slackUserId: 'UUMA00001', name: 'Uma' },
    ])
    .run();
  const created = new Date('2026-11-30T15:00:00Z');
  const add = (owner: string, title: string, due: string | null) =>
    createActionItem(testDb.db, event, U.dana, { title, ownerSlackId: owner, due, source: 'command' }, created);
  add('URITA0001', 'Send the deck', '2026-12-01');
  qbr = add('URITA0001', 'Plan the QBR', '2026-12-15').id;
  const done = add('URAJ00001', 'Call Acme', '2026-12-04');
  add('UWEN00001', 'Fix the forecast', '2026-12-08');
  add('UWEN00001', 'Read the playbook', null);
  add('UUMA00001', 'Book the room', '2026-12-09');
  add('UUMA00001', 'File the expenses', '2026-11-30');
  changeActionItem(testDb.db, done.id, 'URAJ00001', { kind: 'done' }, new Date('2026-12-03T15:00:00Z'));
});
afterAll(() => testDb.close());

describe('actionItemCounts: what the weekly digest reads', () => {
  it('counts open, done and overdue in total, by owner and by team, as of a day', () => {
    // On Wed 9 Dec, overdue means open and due before the 9th: Send the deck (1 Dec, 8 days late),
    // Fix the forecast (8 Dec, 1 day) and File the expenses (30 Nov, 9 days). Book the room is due today.
    expect(actionItemCounts(testDb.db, event.id, '2026-12-09')).toEqual({
      open: 6,
      done: 1,
      overdue: 3,
      byOwner: [
        { personId: id('URITA0001'), open: 2, done: 0, overdue: 1, oldestOverdueDays: 8 },
        { personId: id('UWEN00001'), open: 2, done: 0, overdue: 1, oldestOverdueDays: 1 },
        { personId: id('UUMA00001'), open: 2, done: 0, overdue: 1, oldestOverdueDays: 9 },
        { personId: id('URAJ00001'), open: 0, done: 1, overdue: 0, oldestOverdueDays: null },
      ],
      byTeam: [
        { team: 'East', open: 2, done: 1, overdue: 1 },
        { team: 'West', open: 2, done: 0, overdue: 1 },
        { team: null, open: 2, done: 0, overdue: 1 },
      ],
    });
  });

  it('counts nothing overdue before anything falls due', () => {
    expect(actionItemCounts(testDb.db, event.id, '2026-11-30')).toMatchObject({ open: 6, done: 1, overdue: 0 });
  });
});

describe('re-planning when the SKO setup changes', () => {
  it("moves open items' reminders to a new reminder time", () => {
    // Due Tue 15 Dec: the first reminder is the day before, Mon 14 Dec, at 09:00 in New York (14:00Z).
    expect(nextItemReminder(testDb.db, qbr)).toEqual(new Date('2026-12-14T14:00:00Z'));
    event = saveSetup(testDb.db, setupInput({ reminderTime: '08:00' }), U.dana, new Date('2026-12-01T15:00:00Z'), event.id).event;
    expect(nextItemReminder(testDb.db, qbr)).toEqual(new Date('2026-12-14T13:00:00Z'));
  });
});

describe('reassigning an overdue item', () => {
  it('chases the new owner afresh, from the next reminder time on', () => {
    const item = createActionItem(
      testDb.db,
      event,
      U.dana,
      { title: 'Chase the PO', ownerSlackId: 'URITA0001', due: '2026-12-01', source: 'command' },
      new Date('2026-11-30T15:00:00Z'),
    );
    // Reminders now go at 08:00 (13:00Z). Its whole chase lies before Wed 9 Dec: due Tue 1 Dec, overdue on the 2nd, 3rd and 4th, escalated on the 4th.
    const pendingKeys = () =>
      testDb.db
        .select()
        .from(schedule)
        .where(and(eq(schedule.status, 'pending'), like(schedule.key, `action:${item.id}:%`)))
        .all()
        .map((r) => `${r.key.split(':').slice(2).join(':')} ${r.dueAt}`)
        .sort();
    expect(pendingKeys()).toEqual([
      'due-day:2026-12-01 2026-12-01T13:00:00.000Z',
      'escalation:2026-12-04 2026-12-04T13:00:00.000Z',
      'overdue:2026-12-02 2026-12-02T13:00:00.000Z',
      'overdue:2026-12-03 2026-12-03T13:00:00.000Z',
      'overdue:2026-12-04 2026-12-04T13:00:00.000Z',
    ]);
    const reassigned = changeActionItem(testDb.db, item.id, U.dana, { kind: 'reassign', ownerSlackId: 'UWEN00001' }, new Date('2026-12-09T15:00:00Z'));
    expect(reassigned.item.owner.personId).toBe(id('UWEN00001'));
    // 10:00 on Wednesday, after today's 08:00 reminder time: from Thursday, three reminders and the escalation on the third.
    expect(pendingKeys()).toEqual([
      'escalation:2026-12-14 2026-12-14T13:00:00.000Z',
      'overdue:2026-12-10 2026-12-10T13:00:00.000Z',
      'overdue:2026-12-11 2026-12-11T13:00:00.000Z',
      'overdue:2026-12-14 2026-12-14T13:00:00.000Z',
    ]);
  });
});
