import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, schedule } from '../../db/schema.js';
import { startSchedules } from '../../schedules/index.js';
import { ManualClock } from '../../src/clock.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import { sentLines, setUpWalkEvent, walk } from '../support/schedule-walk.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/**
 * The walk's plan (day 1 Tue 13 Apr 2027, New York), nobody marking anything done. The app stops
 * at 08:00 on Mon 12 Apr, the Monday of the event week, and starts again two days later.
 */
describe('stopped for two days mid-plan, then started again', () => {
  const clock = new ManualClock('2027-02-03T15:00:00Z');
  let fake: FakeSlack;
  let db: TestDb;
  let first: TestApp;
  let second: TestApp;
  let sentBefore: number;
  let atRestart: string[];

  beforeAll(async () => {
    fake = await FakeSlack.start({ now: () => clock.now().getTime() });
    db = createTestDb();
    first = await startTestApp({ clock, fake, db });
    await setUpWalkEvent(first);
    await walk(first, '2027-04-12T12:00:00Z');
    await first.close();
    sentBefore = fake.allMessages().length;

    clock.set('2027-04-14T12:00:00Z');
    second = await startTestApp({ clock, fake, db });
    // As main.ts starts it: the jobs run once at start, before cron's first minute.
    const schedules = startSchedules(second.deps);
    await schedules.stop();
    atRestart = sentLines(fake, fake.allMessages().slice(sentBefore));
  }, 120_000);

  afterAll(async () => {
    await second.close();
    await fake.close();
    db.close();
  });

  it('posts what was missed in the channel at once, and holds the rest of the DMs until the morning after the event', () => {
    // Mon 12 Apr 09:00: the phase 4 post, five weekly DMs, four overdue DMs (tasks due Fri 9 Apr);
    // Tue 13 Apr 09:00: Priya's reminder of two tasks due Thu 15 Apr. Wed 14 Apr is an event day
    // (issue 14): Priya's tasks are due on day 3, so hers goes; reminders of work that is not the event's wait for Fri 16 Apr 08:00.
    expect(atRestart).toEqual([
      'Wed 14 Apr 08:00 EDT (12:00Z) @Priya: Reminder: 2 tasks due tomorrow (Thu 15 Apr)',
      'Wed 14 Apr 08:00 EDT (12:00Z) #sko: Phase 4 of 5 begins: Event execution (week 10)',
    ]);
    // Five weekly DMs and four overdue DMs wait, not yet written, for Fri 16 Apr 08:00 New York time:
    // their rows stay due until then, and nothing of theirs waits in the outbox.
    const waiting = db.db
      .select()
      .from(schedule)
      .all()
      .filter((r) => r.status === 'pending' && r.nextAt !== null);
    expect(waiting.map((r) => r.key.replace(/:\d+:/, ':E:')).sort()).toEqual(['overdue:E:2027-04-09', 'week-start:E:10:2027-04-12']);
    expect(waiting.map((r) => r.nextAt)).toEqual(['2027-04-16T12:00:00.000Z', '2027-04-16T12:00:00.000Z']);
    expect(
      db.db
        .select()
        .from(outbox)
        .all()
        .filter((r) => r.status === 'pending'),
    ).toEqual([]);
  });

  it('records the reminder that went stale as skipped, and sends nothing for it', () => {
    // "Due in two days" for Wed 14 Apr was due Mon 12 Apr 09:00; it stopped mattering when Wed 14 Apr began.
    const skipped = db.db.select().from(schedule).where(eq(schedule.status, 'skipped')).all();
    expect(skipped.map((r) => [r.key.replace(/:\d+:/, ':E:'), r.note])).toEqual([
      ['due-soon:E:2027-04-14', 'stale: due 2027-04-12T13:00:00.000Z, no longer useful after 2027-04-14T04:00:00.000Z'],
      // Day 1's morning agenda (Tue 13 Apr 07:00) is no use after midday of that day.
      ['morning-agenda:E:1:2027-04-13', 'stale: due 2027-04-13T11:00:00.000Z, no longer useful after 2027-04-13T16:00:00.000Z'],
    ]);
    expect(
      db.db
        .select()
        .from(outbox)
        .all()
        .filter((r) => r.key.startsWith(skipped[0]?.key ?? '-')),
    ).toEqual([]);
  });

  it('sends nothing twice when started again, and carries on as before', async () => {
    // On day 2 only event-day tasks are reminded; "due in 2 days (Fri 16 Apr)" waits for Fri 16 Apr 08:00, when it has gone stale.
    const startAgain = startSchedules(second.deps);
    await startAgain.stop();
    expect(fake.allMessages()).toHaveLength(sentBefore + 2);
    await walk(second, '2027-04-14T14:00:00Z');
    expect(sentLines(fake, fake.allMessages().slice(sentBefore + 2))).toEqual([
      'Wed 14 Apr 09:00 EDT (13:00Z) @Marco: Overdue: 1 task due Tue 13 Apr is still open',
      'Wed 14 Apr 09:00 EDT (13:00Z) @Priya: Overdue: 2 tasks due Tue 13 Apr are still open',
    ]);
    const keys = db.db
      .select({ key: outbox.key })
      .from(outbox)
      .where(and(eq(outbox.status, 'sent'), isNull(outbox.carriedBy)))
      .all()
      .map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(fake.allMessages()).toHaveLength(keys.length);
  });

  it('sends the held DMs on the morning after the event, one DM per person where one message can hold them', async () => {
    await walk(second, '2027-04-16T12:00:00Z');
    expect(sentLines(fake, fake.allMessages().slice(sentBefore)).filter((line) => line.startsWith('Fri 16 Apr 08:00'))).toEqual([
      'Fri 16 Apr 08:00 EDT (12:00Z) @Aisha: Week 10 of 12 (Event execution): you have 2 open tasks this week.',
      'Fri 16 Apr 08:00 EDT (12:00Z) @Dana: Week 10 of 12 (Event execution): you have 2 open tasks this week.',
      'Fri 16 Apr 08:00 EDT (12:00Z) @Marco: Week 10 of 12 (Event execution): you have 2 open tasks this week.\nOverdue: 1 task due Fri 9 Apr is still open',
      'Fri 16 Apr 08:00 EDT (12:00Z) @Priya: Week 10 of 12 (Event execution): you have 6 open tasks this week.\nOverdue: 2 tasks due Fri 9 Apr are still open',
      'Fri 16 Apr 08:00 EDT (12:00Z) @Tom: Week 10 of 12 (Event execution): you have 1 open task this week.\nOverdue: 1 task due Fri 9 Apr is still open',
    ]);
  });
});
