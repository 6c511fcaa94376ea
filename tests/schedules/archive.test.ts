import type { KnownBlock } from '@slack/types';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, people, rsvps, schedule } from '../../db/schema.js';
import { digestSources } from '../../src/services/insights/digest-sources.js';
import { scorecardFor } from '../../src/services/insights/scorecard.js';
import { eventById, loadPlan, newestEvent } from '../../src/services/plan/event-store.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { addPeople, setupInput, U } from '../support/builders.js';
import { dispatchAt, startWithSko } from '../support/sko.js';
import type { TestApp } from '../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };

async function says(t: TestApp, text: string, userId: string = U.dana): Promise<string> {
  const res = await t.driver.slashCommand({ userId, text });
  return res.json?.blocks ? renderPlainText(res.json.blocks as KnownBlock[], names) : String(res.json?.text ?? res.text);
}

// startWithSko: the FY27 SKO, day 1 Tue 2 Feb 2027 in New York, 240 expected; its week 12 ends Sun 21 Feb 2027.
describe('an SKO whose week 12 has ended', () => {
  let t: TestApp;
  let eventId: number;
  beforeAll(async () => {
    t = await startWithSko();
    eventId = (newestEvent(t.db) as NonNullable<ReturnType<typeof newestEvent>>).id;
    // It is the Americas' SKO; three Americas reps said they attend.
    t.db
      .update(events)
      .set({ roster: { teams: [], regions: ['Americas'] } })
      .where(eq(events.id, eventId))
      .run();
    addPeople(t.db, [
      { slackUserId: 'UAMER0001', name: 'Ana', region: 'Americas' },
      { slackUserId: 'UAMER0002', name: 'Ben', region: 'Americas' },
      { slackUserId: 'UAMER0003', name: 'Cleo', region: 'Americas' },
    ]);
    for (const p of t.db
      .select()
      .from(people)
      .all()
      .filter((p) => p.region === 'Americas'))
      t.db.insert(rsvps).values({ eventId, personId: p.id, answer: 'attending', answeredAt: '2027-01-05T15:00:00.000Z' }).run();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is still running at 23:30 on the last Sunday of week 12 in its own time zone', async () => {
    // 04:30 UTC on Monday 22 Feb is 23:30 on Sunday 21 Feb in New York.
    await dispatchAt(t, '2027-02-22T04:30:00Z');
    expect(eventById(t.db, eventId)).toMatchObject({ archivedAt: null, frozenScorecard: null });
  });

  it('is archived by the scheduled work once, its scorecard stored, and nobody chased for its tasks any more', async () => {
    await dispatchAt(t, '2027-02-22T05:30:00Z');
    const archived = eventById(t.db, eventId);
    expect(archived?.archivedAt).toBe('2027-02-22T05:30:00.000Z');
    // 3 of the 240 expected: 1.3%.
    expect(archived?.frozenScorecard?.find((r) => r.key === 'attendance')).toMatchObject({ value: 1.3 });
    const reminders = t.db
      .select()
      .from(schedule)
      .where(and(eq(schedule.eventId, eventId), eq(schedule.kind, 'overdue')))
      .all();
    expect(reminders.filter((r) => r.status === 'pending')).toEqual([]);
    expect(reminders.filter((r) => r.note === 'the SKO is archived').length).toBeGreaterThan(0);

    await dispatchAt(t, '2027-02-23T15:00:00Z');
    expect(eventById(t.db, eventId)).toMatchObject({ archivedAt: '2027-02-22T05:30:00.000Z', frozenScorecard: archived?.frozenScorecard });
  });

  it('keeps its scorecard when the shared sales data changes afterwards', async () => {
    // Ben moves to EMEA in the next people import: measured now, the Americas' SKO would have had 2 attendees.
    t.db.update(people).set({ region: 'EMEA' }).where(eq(people.slackUserId, 'UAMER0002')).run();
    const event = eventById(t.db, eventId) as NonNullable<ReturnType<typeof eventById>>;
    const live = scorecardFor(t.db, loadPlan(t.db, event), t.clock.now(), digestSources(t.deps.surveyKeySecret));
    expect(live.find((r) => r.key === 'attendance')?.value).toBe(0.8);

    expect(await says(t, 'metrics')).toContain('Attendance 1.3%');
    const status = await says(t, 'status', 'UAMER0001');
    expect(status).toContain(
      'This SKO is archived. Its 12 weeks ended on Sun 21 Feb 2027, so it can be read but not changed; /sko setup new sets up the next one.',
    );
    expect(status).toContain('Attendance: 1.3%');
    // By its handle, from anyone: the same.
    expect(await says(t, 'status fy27', U.rep)).toContain('This SKO is archived.');
  });

  it('is read-only: setup is refused with what to do instead', async () => {
    expect(await says(t, 'setup fy27')).toContain(
      'FY27 Sales Kickoff is archived: its week 12 has ended, so it can be read but not changed. `/sko setup new` sets up the next SKO.',
    );
  });

  it('is compared in /sko history as it was frozen', async () => {
    saveSetup(t.db, setupInput({ name: 'FY28 Sales Kickoff', day1: '2028-02-01', channelId: 'CSKO00028' }), U.dana, new Date('2027-11-19T15:00:00Z'), null);
    t.clock.set('2028-02-10T15:00:00Z');
    expect(await says(t, 'history', U.rep)).toContain('Attendance · target above 95% of the team\n● FY27 Sales Kickoff: 1.3%\n');
  });
});
