import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSchedules } from '../../schedules/index.js';
import { timeZonesJob } from '../../schedules/time-zones.js';
import { ManualClock } from '../../src/clock.js';
import { isoWeekday, localDate, localTime } from '../../src/domain/dates.js';
import { EVENT_CHANNEL, setupValues, U } from '../support/builders.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import { walk } from '../support/schedule-walk.js';
import { submitSetup } from '../support/sko.js';
import { stateValue } from '../support/slack-driver/state-values.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/**
 * Issue 14, points 1 and 2: an SKO in Berlin (day 1 Tue 13 Apr 2027, reminders at 10:00) whose
 * leads live in Los Angeles, Berlin, Singapore and Sydney. Week 9 begins Mon 5 Apr, with tasks
 * for Dana (Berlin), Priya (Los Angeles), Marco (Singapore) and Tom (Sydney). Clocks change on
 * Sun 14 Mar (Los Angeles), Sun 28 Mar (Berlin) and Sun 4 Apr (Sydney) along the way.
 */
const ZONES: Record<string, string> = {
  [U.dana]: 'Europe/Berlin',
  [U.priya]: 'America/Los_Angeles',
  [U.marco]: 'Asia/Singapore',
  [U.aisha]: 'America/Los_Angeles',
  [U.tom]: 'Australia/Sydney',
  [U.elena]: 'Europe/Berlin',
};
const HOUR = 60 * 60_000;

interface Dm {
  to: string;
  at: Date;
  local: string;
  text: string;
}

function dmsOf(fake: FakeSlack, from = 0): Dm[] {
  const byChannel = new Map(Object.keys(ZONES).map((id) => [fake.dmChannelOf(id), id]));
  return fake
    .allMessages()
    .slice(from)
    .filter((m) => byChannel.has(m.channel))
    .map((m) => {
      const to = byChannel.get(m.channel) as string;
      const at = new Date(Number(m.ts.split('.')[0]) * 1000);
      const zone = ZONES[to] as string;
      return { to, at, local: `${localDate(at, zone)} ${localTime(at, zone)}`, text: m.text ?? '' };
    });
}

function inWorkingHours(dm: Dm): boolean {
  const zone = ZONES[dm.to] as string;
  const time = localTime(dm.at, zone);
  return isoWeekday(localDate(dm.at, zone)) <= 5 && time >= '08:00' && time < '18:00';
}

describe('each person their own 10:00, inside their working hours', () => {
  const clock = new ManualClock('2027-02-03T09:00:00Z');
  let fake: FakeSlack;
  let db: TestDb;
  let t: TestApp;
  let week: Dm[];
  let all: Dm[];
  let sentBeforeWeek: number;
  let beforeRestart: number;
  let atRestart: Dm[];
  let afterRestart: Dm[];

  beforeAll(async () => {
    fake = await FakeSlack.start({ now: () => clock.now().getTime() });
    for (const [id, tz] of Object.entries(ZONES)) fake.addUser({ id, name: id.toLowerCase(), tz });
    db = createTestDb();
    t = await startTestApp({ clock, fake, db });
    const res = await submitSetup(
      t,
      setupValues({
        day1: stateValue.date('2027-04-13'),
        timeZone: stateValue.option('Europe/Berlin'),
        reminderTime: stateValue.time('10:00'),
      }),
    );
    if (res.status !== 200 || res.text !== '') throw new Error(`setup was refused: ${res.text}`);
    await timeZonesJob(t.deps.slack).run(t.deps, clock.now());
    await walk(t, '2027-03-29T00:00:00Z', { stepMs: HOUR });
    // Down from Mon 29 Mar 02:00 Berlin time (its week-8 DMs not sent) until Tue 30 Mar 02:00.
    await t.close();
    clock.set('2027-03-30T00:00:00Z');
    beforeRestart = fake.allMessages().length;
    t = await startTestApp({ clock, fake, db });
    const schedules = startSchedules(t.deps);
    await schedules.stop();
    atRestart = dmsOf(fake, beforeRestart);
    await walk(t, '2027-04-04T12:00:00Z', { stepMs: HOUR });
    afterRestart = dmsOf(fake, beforeRestart);
    sentBeforeWeek = fake.allMessages().length;
    await walk(t, '2027-04-12T00:00:00Z', { stepMs: HOUR });
    week = dmsOf(fake, sentBeforeWeek);
    all = dmsOf(fake);
  }, 300_000);

  afterAll(async () => {
    await t.close();
    await fake.close();
    db.close();
  });

  it("gives every owner week 9's tasks on Monday at 10:00 on their own clock, in waves", () => {
    const weekly = week.filter((dm) => dm.text.startsWith('Week 9 of 12'));
    expect(weekly.map((dm) => [ZONES[dm.to], dm.local, dm.at.toISOString()]).sort((a, b) => String(a[2]).localeCompare(String(b[2])))).toEqual([
      ['Australia/Sydney', '2027-04-05 10:00', '2027-04-05T00:00:00.000Z'],
      ['Asia/Singapore', '2027-04-05 10:00', '2027-04-05T02:00:00.000Z'],
      ['Europe/Berlin', '2027-04-05 10:00', '2027-04-05T08:00:00.000Z'],
      ['America/Los_Angeles', '2027-04-05 10:00', '2027-04-05T17:00:00.000Z'],
    ]);
  });

  it('sends no DM outside anyone’s working hours, from the day their time zones were known', () => {
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter((dm) => !inWorkingHours(dm)).map((dm) => `${dm.to} ${dm.local} ${dm.text}`)).toEqual([]);
  });

  it('keeps the event channel on the event’s clock', () => {
    const posts = fake.allMessages().filter((m) => m.channel === EVENT_CHANNEL && (m.text ?? '').startsWith('Phase'));
    expect(posts.length).toBeGreaterThan(2);
    for (const post of posts) expect(localTime(new Date(Number(post.ts.split('.')[0]) * 1000), 'Europe/Berlin')).toBe('10:00');
  });

  it('after a restart at 02:00 Berlin time, sends nothing until each person’s working morning', () => {
    // 02:00 in Berlin is 17:00 on Monday in Los Angeles: Priya's week-8 tasks and the two digests there go
    // at once, inside working hours, Priya's digest and tasks as one DM; Dana's tasks wait for Berlin's 08:00.
    expect(atRestart.map((dm) => [dm.to, dm.local, dm.text.slice(0, 12)])).toEqual([
      [U.aisha, '2027-03-29 17:00', 'Weekly diges'],
      [U.priya, '2027-03-29 17:00', 'Weekly diges'],
    ]);
    expect(atRestart[1]?.text.split('\n').map((part) => part.slice(0, 12))).toEqual(['Weekly diges', 'Week 8 of 12']);
    const dana = afterRestart.filter((dm) => dm.to === U.dana && dm.text.split('\n').some((part) => part.startsWith('Week 8 of 12')));
    expect(dana.map((dm) => dm.local)).toEqual(['2027-03-30 08:00']);
    expect(afterRestart.filter((dm) => !inWorkingHours(dm))).toEqual([]);
    // Nobody gets two DMs within five minutes of each other, catch-up included.
    const close = all.filter((dm, i) => all.some((other, j) => j < i && other.to === dm.to && Math.abs(other.at.getTime() - dm.at.getTime()) < 5 * 60_000));
    expect(close.map((dm) => `${dm.to} ${dm.local} ${dm.text.slice(0, 30)}`)).toEqual([]);
  });
});
