import { beforeEach, describe, expect, it } from 'vitest';
import { atLocalTime, daysBetween, isValidTimeZone, localDate } from '../../../src/domain/dates.js';
import { buildTimeline, checkPlan, type EventDates, locate, PlanTooShortError, type Timeline, taskSchedule } from '../../../src/domain/plan/timeline.js';

const iso = (d: Date): string => d.toISOString();
const starts = (t: Timeline): string[] => t.weeks.map((w) => w.start);
const ends = (t: Timeline): string[] => t.weeks.map((w) => w.end);
const phases = (t: Timeline): number[] => t.weeks.map((w) => w.phase);

function weekAt(t: Timeline, now: string): number | string {
  const p = locate(t, new Date(now));
  return p.kind === 'week' ? p.week : p.kind;
}

function week(t: Timeline, n: number) {
  const w = t.weeks[n - 1];
  if (!w) throw new Error(`no week ${n}`);
  return w;
}

describe('a normal 12-week plan (day 1 on a Wednesday, America/Chicago)', () => {
  // 2026-09-16 is a Wednesday; its Monday-based week starts Monday 2026-09-14 (week 10).
  const dates: EventDates = { day1: '2026-09-16', days: 3, hasDay0: false, timeZone: 'America/Chicago' };
  let t: ReturnType<typeof buildTimeline>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    t = buildTimeline(dates, '2026-07-13');
  });

  it('puts week 10 on the Monday of day 1 and each earlier week 7 days before', () => {
    expect(starts(t)).toEqual([
      '2026-07-13',
      '2026-07-20',
      '2026-07-27',
      '2026-08-03',
      '2026-08-10',
      '2026-08-17',
      '2026-08-24',
      '2026-08-31',
      '2026-09-07',
      '2026-09-14',
      '2026-09-21',
      '2026-09-28',
    ]);
    expect(ends(t)).toEqual([
      '2026-07-19',
      '2026-07-26',
      '2026-08-02',
      '2026-08-09',
      '2026-08-16',
      '2026-08-23',
      '2026-08-30',
      '2026-09-06',
      '2026-09-13',
      '2026-09-20',
      '2026-09-27',
      '2026-10-04',
    ]);
    expect(t.weeks.map((w) => w.week)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('assigns the phases 1-3 / 4-6 / 7-9 / 10 / 11-12', () => {
    expect(phases(t)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 5, 5]);
  });

  it('has no compression and lists days 1-3', () => {
    expect(t.compression).toBeNull();
    expect(t.eventDays).toEqual([
      { day: 1, date: '2026-09-16' },
      { day: 2, date: '2026-09-17' },
      { day: 3, date: '2026-09-18' },
    ]);
    expect(t.planStart).toBe('2026-07-13');
  });

  it('gives instants at local midnight (CDT = UTC-5)', () => {
    expect(iso(week(t, 1).startsAt)).toBe('2026-07-13T05:00:00.000Z');
    expect(iso(week(t, 1).endsAt)).toBe('2026-07-20T05:00:00.000Z');
    expect(iso(week(t, 12).endsAt)).toBe('2026-10-05T05:00:00.000Z');
  });

  it('locates before, each phase, and after', () => {
    expect(locate(t, new Date('2026-07-13T04:59:00Z'))).toEqual({
      kind: 'before',
      firstWeekStarts: '2026-07-13',
      daysUntil: 1,
    });
    expect(locate(t, new Date('2026-07-01T12:00:00Z'))).toEqual({
      kind: 'before',
      firstWeekStarts: '2026-07-13',
      daysUntil: 12,
    });
    const w1 = locate(t, new Date('2026-07-13T05:00:00Z'));
    expect(w1).toMatchObject({ kind: 'week', week: 1, phase: 1 });
    expect(w1.kind === 'week' && w1.window.start).toBe('2026-07-13');
    expect(locate(t, new Date('2026-07-29T15:00:00Z'))).toMatchObject({ kind: 'week', week: 3, phase: 1 });
    expect(locate(t, new Date('2026-08-05T17:00:00Z'))).toMatchObject({ kind: 'week', week: 4, phase: 2 });
    expect(locate(t, new Date('2026-08-22T17:00:00Z'))).toMatchObject({ kind: 'week', week: 6, phase: 2 });
    expect(locate(t, new Date('2026-09-01T17:00:00Z'))).toMatchObject({ kind: 'week', week: 8, phase: 3 });
    expect(locate(t, new Date('2026-09-16T15:00:00Z'))).toMatchObject({ kind: 'week', week: 10, phase: 4 });
    expect(locate(t, new Date('2026-09-23T15:00:00Z'))).toMatchObject({ kind: 'week', week: 11, phase: 5 });
    // 23:59 local on Sunday 2026-10-04 is still week 12; 00:00 local on Monday is after.
    expect(locate(t, new Date('2026-10-05T04:59:00Z'))).toMatchObject({ kind: 'week', week: 12, phase: 5 });
    expect(locate(t, new Date('2026-10-05T05:00:00Z'))).toEqual({ kind: 'after', lastWeekEnded: '2026-10-04' });
  });

  it('judges the week by the local date, not the UTC date', () => {
    // 2026-07-20T03:00Z is 22:00 on Sunday 2026-07-19 in Chicago: still week 1.
    expect(weekAt(t, '2026-07-20T03:00:00Z')).toBe(1);
    expect(weekAt(t, '2026-07-20T05:00:00Z')).toBe(2);
  });

  it('schedules tasks: start of the first week, last weekday of the last week', () => {
    expect(taskSchedule(t, { weeks: { from: 1, to: 1 } })).toEqual({ start: '2026-07-13', due: '2026-07-17' });
    expect(taskSchedule(t, { weeks: { from: 2, to: 3 } })).toEqual({ start: '2026-07-20', due: '2026-07-31' });
    expect(taskSchedule(t, { weeks: { from: 7, to: 8 } })).toEqual({ start: '2026-08-24', due: '2026-09-04' });
    expect(taskSchedule(t, { weeks: { from: 12, to: 12 } })).toEqual({ start: '2026-09-28', due: '2026-10-02' });
  });

  it('schedules event-day tasks on their day', () => {
    expect(taskSchedule(t, { weeks: { from: 10, to: 10 }, eventDay: 1 })).toEqual({ start: '2026-09-16', due: '2026-09-16' });
    expect(taskSchedule(t, { weeks: { from: 10, to: 10 }, eventDay: 3 })).toEqual({ start: '2026-09-18', due: '2026-09-18' });
  });

  it('moves a day-3 task to day 2 of a 2-day event', () => {
    const twoDays = buildTimeline({ ...dates, days: 2 }, '2026-07-13');
    expect(twoDays.eventDays).toEqual([
      { day: 1, date: '2026-09-16' },
      { day: 2, date: '2026-09-17' },
    ]);
    expect(taskSchedule(twoDays, { weeks: { from: 10, to: 10 }, eventDay: 3 })).toEqual({ start: '2026-09-17', due: '2026-09-17' });
  });

  it('rejects a task whose weeks are out of range', () => {
    expect(() => taskSchedule(t, { weeks: { from: 0, to: 1 } })).toThrow(/Week 0/);
    expect(() => taskSchedule(t, { weeks: { from: 12, to: 13 } })).toThrow(/Week 13/);
    expect(() => taskSchedule(t, { weeks: { from: 3, to: 2 } })).toThrow(/before it starts/);
  });
});

describe('day 0', () => {
  it('falls in week 9 when day 1 is a Monday', () => {
    // Monday 2026-09-14: day 0 is Sunday 2026-09-13, the last day of week 9.
    const t = buildTimeline({ day1: '2026-09-14', days: 3, hasDay0: true, timeZone: 'America/Chicago' }, '2026-07-01');
    expect(t.eventDays).toEqual([
      { day: 0, date: '2026-09-13' },
      { day: 1, date: '2026-09-14' },
      { day: 2, date: '2026-09-15' },
      { day: 3, date: '2026-09-16' },
    ]);
    expect(week(t, 9)).toMatchObject({ start: '2026-09-07', end: '2026-09-13' });
    expect(week(t, 10)).toMatchObject({ start: '2026-09-14', end: '2026-09-20' });
    expect(taskSchedule(t, { weeks: { from: 10, to: 10 }, eventDay: 0 })).toEqual({ start: '2026-09-13', due: '2026-09-13' });
    // Midday on day 0 (Chicago) is week 9.
    expect(weekAt(t, '2026-09-13T17:00:00Z')).toBe(9);
  });

  it('is the day before day 1 mid-week', () => {
    const t = buildTimeline({ day1: '2026-09-16', days: 2, hasDay0: true, timeZone: 'America/Chicago' }, '2026-07-01');
    expect(t.eventDays).toEqual([
      { day: 0, date: '2026-09-15' },
      { day: 1, date: '2026-09-16' },
      { day: 2, date: '2026-09-17' },
    ]);
  });
});

describe('daylight-saving changes', () => {
  it('America/New_York, March (clocks forward Sunday 2026-03-08)', () => {
    // Day 1 Wednesday 2026-04-15 → week 10 = 2026-04-13; week 4 = 03-02..03-08 holds the change.
    const t = buildTimeline({ day1: '2026-04-15', days: 3, hasDay0: false, timeZone: 'America/New_York' }, '2026-01-15');
    expect(week(t, 4)).toMatchObject({ start: '2026-03-02', end: '2026-03-08' });
    expect(iso(week(t, 4).startsAt)).toBe('2026-03-02T05:00:00.000Z'); // EST, UTC-5
    expect(iso(week(t, 4).endsAt)).toBe('2026-03-09T04:00:00.000Z'); // EDT, UTC-4
    expect(iso(week(t, 5).startsAt)).toBe('2026-03-09T04:00:00.000Z');
    expect(iso(week(t, 1).startsAt)).toBe('2026-02-09T05:00:00.000Z');
    // 00:30 local on Monday 2026-03-09 (EDT) = 04:30Z → the new week.
    expect(weekAt(t, '2026-03-09T04:30:00Z')).toBe(5);
    // 23:30 local on Sunday 2026-03-08 (EDT) = 03:30Z → still week 4.
    expect(weekAt(t, '2026-03-09T03:30:00Z')).toBe(4);
  });

  it('America/New_York, November (clocks back Sunday 2026-11-01)', () => {
    // Day 1 Wednesday 2026-11-18 → week 10 = 2026-11-16; week 7 = 10-26..11-01 holds the change.
    const t = buildTimeline({ day1: '2026-11-18', days: 3, hasDay0: false, timeZone: 'America/New_York' }, '2026-08-20');
    expect(week(t, 7)).toMatchObject({ start: '2026-10-26', end: '2026-11-01' });
    expect(iso(week(t, 7).startsAt)).toBe('2026-10-26T04:00:00.000Z'); // EDT
    expect(iso(week(t, 7).endsAt)).toBe('2026-11-02T05:00:00.000Z'); // EST
    expect(iso(week(t, 8).startsAt)).toBe('2026-11-02T05:00:00.000Z');
    // 00:30 local on Monday 2026-11-02 (EST) = 05:30Z → week 8.
    expect(weekAt(t, '2026-11-02T05:30:00Z')).toBe(8);
    // 04:30Z is 23:30 on Sunday 2026-11-01 (EST) → week 7.
    expect(weekAt(t, '2026-11-02T04:30:00Z')).toBe(7);
  });

  it('Europe/Berlin, March (clocks forward Sunday 2026-03-29)', () => {
    // Day 1 Wednesday 2026-05-06 → week 10 = 2026-05-04; week 4 = 03-23..03-29.
    const t = buildTimeline({ day1: '2026-05-06', days: 3, hasDay0: false, timeZone: 'Europe/Berlin' }, '2026-02-01');
    expect(week(t, 4)).toMatchObject({ start: '2026-03-23', end: '2026-03-29' });
    expect(iso(week(t, 4).startsAt)).toBe('2026-03-22T23:00:00.000Z'); // CET, UTC+1
    expect(iso(week(t, 5).startsAt)).toBe('2026-03-29T22:00:00.000Z'); // CEST, UTC+2
    expect(iso(week(t, 4).endsAt)).toBe('2026-03-29T22:00:00.000Z');
    expect(weekAt(t, '2026-03-29T22:30:00Z')).toBe(5); // 00:30 Monday CEST
    expect(weekAt(t, '2026-03-29T21:30:00Z')).toBe(4); // 23:30 Sunday CEST
  });

  it('Europe/Berlin, October (clocks back Sunday 2026-10-25)', () => {
    // Day 1 Tuesday 2026-12-01 → week 10 = 2026-11-30; week 5 = 10-26..11-01, week 4 = 10-19..10-25.
    const t = buildTimeline({ day1: '2026-12-01', days: 2, hasDay0: false, timeZone: 'Europe/Berlin' }, '2026-09-01');
    expect(week(t, 4)).toMatchObject({ start: '2026-10-19', end: '2026-10-25' });
    expect(iso(week(t, 4).startsAt)).toBe('2026-10-18T22:00:00.000Z'); // CEST
    expect(iso(week(t, 5).startsAt)).toBe('2026-10-25T23:00:00.000Z'); // CET
    expect(weekAt(t, '2026-10-25T23:30:00Z')).toBe(5); // 00:30 Monday CET
  });
});

describe('year end', () => {
  it('day 1 in the first week of January puts week 1 in November of the year before', () => {
    // Wednesday 2027-01-06 → week 10 starts Monday 2027-01-04; week 9 spans 2026-12-28..2027-01-03.
    const t = buildTimeline({ day1: '2027-01-06', days: 3, hasDay0: false, timeZone: 'America/New_York' }, '2026-10-15');
    expect(starts(t)).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
      '2027-01-11',
      '2027-01-18',
    ]);
    expect(week(t, 9)).toMatchObject({ start: '2026-12-28', end: '2027-01-03', phase: 3 });
    expect(iso(week(t, 1).startsAt)).toBe('2026-11-02T05:00:00.000Z'); // EST, after the November change
    expect(weekAt(t, '2027-01-01T12:00:00Z')).toBe(9);
    expect(taskSchedule(t, { weeks: { from: 9, to: 9 } })).toEqual({ start: '2026-12-28', due: '2027-01-01' });
  });

  it('day 1 on January 1st makes week 10 span Dec 31 → Jan 1 and week 1 start in October', () => {
    // Friday 2027-01-01 → week 10 = Monday 2026-12-28 .. Sunday 2027-01-03.
    const t = buildTimeline({ day1: '2027-01-01', days: 3, hasDay0: true, timeZone: 'America/New_York' }, '2026-10-01');
    expect(week(t, 1)).toMatchObject({ start: '2026-10-26', end: '2026-11-01' });
    expect(week(t, 10)).toMatchObject({ start: '2026-12-28', end: '2027-01-03', phase: 4 });
    expect(week(t, 12)).toMatchObject({ start: '2027-01-11', end: '2027-01-17' });
    expect(t.eventDays).toEqual([
      { day: 0, date: '2026-12-31' },
      { day: 1, date: '2027-01-01' },
      { day: 2, date: '2027-01-02' },
      { day: 3, date: '2027-01-03' },
    ]);
    // Week 1 starts in EDT and ends in EST (the change is on its Sunday, 2026-11-01).
    expect(iso(week(t, 1).startsAt)).toBe('2026-10-26T04:00:00.000Z');
    expect(iso(week(t, 1).endsAt)).toBe('2026-11-02T05:00:00.000Z');
    // New Year's Eve 23:30 local and New Year's Day 00:30 local are both week 10.
    expect(weekAt(t, '2027-01-01T04:30:00Z')).toBe(10);
    expect(weekAt(t, '2027-01-01T05:30:00Z')).toBe(10);
    expect(taskSchedule(t, { weeks: { from: 10, to: 10 }, eventDay: 0 })).toEqual({ start: '2026-12-31', due: '2026-12-31' });
    expect(taskSchedule(t, { weeks: { from: 10, to: 10 } })).toEqual({ start: '2026-12-28', due: '2027-01-01' });
  });
});

describe('southern hemisphere (Australia/Sydney)', () => {
  it('handles clocks forward on Sunday 2026-10-04 (AEST +10 → AEDT +11)', () => {
    // Day 1 Wednesday 2026-11-11 → week 10 = 2026-11-09; week 4 = 09-28..10-04.
    const t = buildTimeline({ day1: '2026-11-11', days: 3, hasDay0: false, timeZone: 'Australia/Sydney' }, '2026-08-01');
    expect(week(t, 1)).toMatchObject({ start: '2026-09-07', end: '2026-09-13' });
    expect(week(t, 4)).toMatchObject({ start: '2026-09-28', end: '2026-10-04' });
    expect(iso(week(t, 4).startsAt)).toBe('2026-09-27T14:00:00.000Z');
    expect(iso(week(t, 5).startsAt)).toBe('2026-10-04T13:00:00.000Z');
    expect(weekAt(t, '2026-10-04T13:30:00Z')).toBe(5); // 00:30 Monday AEDT
    expect(weekAt(t, '2026-10-04T12:30:00Z')).toBe(4); // 23:30 Sunday AEDT
  });

  it('handles clocks back on Sunday 2026-04-05 (AEDT +11 → AEST +10)', () => {
    // Day 1 Wednesday 2026-05-13 → week 10 = 2026-05-11; week 4 = 03-30..04-05.
    const t = buildTimeline({ day1: '2026-05-13', days: 3, hasDay0: false, timeZone: 'Australia/Sydney' }, '2026-02-20');
    expect(week(t, 4)).toMatchObject({ start: '2026-03-30', end: '2026-04-05' });
    expect(iso(week(t, 4).startsAt)).toBe('2026-03-29T13:00:00.000Z');
    expect(iso(week(t, 5).startsAt)).toBe('2026-04-05T14:00:00.000Z');
    expect(weekAt(t, '2026-04-05T14:30:00Z')).toBe(5);
  });

  it('is already on the next calendar day while UTC is not', () => {
    // Day 1 Monday 2027-02-01 → week 10 = 2027-02-01, week 9 = 2027-01-25.
    const t = buildTimeline({ day1: '2027-02-01', days: 1, hasDay0: false, timeZone: 'Australia/Sydney' }, '2026-10-01');
    // 2027-01-31T13:30Z is 00:30 on Monday 2027-02-01 in Sydney (AEDT).
    expect(weekAt(t, '2027-01-31T13:30:00Z')).toBe(10);
    expect(weekAt(t, '2027-01-31T12:30:00Z')).toBe(9);
  });
});

describe('compression', () => {
  // Day 1 Wednesday 2026-09-16 → week 10 = Monday 2026-09-14 in every case.
  const dates: EventDates = { day1: '2026-09-16', days: 3, hasDay0: false, timeZone: 'America/Chicago' };

  const cases: { weeks: number; planStart: string; starts: string[]; lengths: number[] }[] = [
    {
      // Thursday; its Monday is 2026-08-17. D = 28: boundaries 0,3,6,9,12,16,19,22,25,28.
      weeks: 4,
      planStart: '2026-08-20',
      starts: ['2026-08-17', '2026-08-20', '2026-08-23', '2026-08-26', '2026-08-29', '2026-09-02', '2026-09-05', '2026-09-08', '2026-09-11'],
      lengths: [3, 3, 3, 3, 4, 3, 3, 3, 3],
    },
    {
      // D = 35: boundaries 0,4,8,12,16,19,23,27,31,35.
      weeks: 5,
      planStart: '2026-08-10',
      starts: ['2026-08-10', '2026-08-14', '2026-08-18', '2026-08-22', '2026-08-26', '2026-08-29', '2026-09-02', '2026-09-06', '2026-09-10'],
      lengths: [4, 4, 4, 4, 3, 4, 4, 4, 4],
    },
    {
      // Sunday 2026-08-09 belongs to the week of Monday 2026-08-03. D = 42: 0,5,9,14,19,23,28,33,37,42.
      weeks: 6,
      planStart: '2026-08-09',
      starts: ['2026-08-03', '2026-08-08', '2026-08-12', '2026-08-17', '2026-08-22', '2026-08-26', '2026-08-31', '2026-09-05', '2026-09-09'],
      lengths: [5, 4, 5, 5, 4, 5, 5, 4, 5],
    },
    {
      // D = 49: 0,5,11,16,22,27,33,38,44,49.
      weeks: 7,
      planStart: '2026-07-29',
      starts: ['2026-07-27', '2026-08-01', '2026-08-07', '2026-08-12', '2026-08-18', '2026-08-23', '2026-08-29', '2026-09-03', '2026-09-09'],
      lengths: [5, 6, 5, 6, 5, 6, 5, 6, 5],
    },
    {
      // D = 56: 0,6,12,19,25,31,37,44,50,56.
      weeks: 8,
      planStart: '2026-07-24',
      starts: ['2026-07-20', '2026-07-26', '2026-08-01', '2026-08-08', '2026-08-14', '2026-08-20', '2026-08-26', '2026-09-02', '2026-09-08'],
      lengths: [6, 6, 7, 6, 6, 6, 7, 6, 6],
    },
  ];

  for (const c of cases) {
    it(`squeezes weeks 1-9 into ${c.weeks} weeks`, () => {
      const t = buildTimeline(dates, c.planStart);
      expect(t.compression).toEqual({ weeksAvailable: c.weeks });
      const pre = t.weeks.slice(0, 9);
      expect(pre.map((w) => w.start)).toEqual(c.starts);
      expect(pre.map((w) => daysBetween(w.start, w.end) + 1)).toEqual(c.lengths);
      // Contiguous: each window starts the day after the previous one ends; week 9 ends the day
      // before week 10 (Sunday 2026-09-13).
      for (let i = 1; i < 9; i++) {
        expect(daysBetween(pre[i - 1]!.end, pre[i]!.start)).toBe(1);
        expect(pre[i - 1]!.endsAt.getTime()).toBe(pre[i]!.startsAt.getTime());
      }
      expect(pre[8]!.end).toBe('2026-09-13');
      expect(c.lengths.reduce((a, b) => a + b, 0)).toBe(c.weeks * 7);
      for (const len of c.lengths) expect(len).toBeGreaterThanOrEqual(3);
      expect(phases(t)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 5, 5]);
      // Weeks 10-12 are untouched.
      expect(t.weeks.slice(9).map((w) => [w.start, w.end])).toEqual([
        ['2026-09-14', '2026-09-20'],
        ['2026-09-21', '2026-09-27'],
        ['2026-09-28', '2026-10-04'],
      ]);
    });
  }

  it('gives exact windows for 4 weeks, and due dates on the last weekday of short windows', () => {
    const t = buildTimeline(dates, '2026-08-20');
    expect(ends(t).slice(0, 9)).toEqual([
      '2026-08-19',
      '2026-08-22',
      '2026-08-25',
      '2026-08-28',
      '2026-09-01',
      '2026-09-04',
      '2026-09-07',
      '2026-09-10',
      '2026-09-13',
    ]);
    // Week 2 = Thu 08-20 .. Sat 08-22 → Friday; week 3 = Sun 08-23 .. Tue 08-25 → Tuesday.
    expect(taskSchedule(t, { weeks: { from: 2, to: 2 } })).toEqual({ start: '2026-08-20', due: '2026-08-21' });
    expect(taskSchedule(t, { weeks: { from: 2, to: 3 } })).toEqual({ start: '2026-08-20', due: '2026-08-25' });
    // Week 7 = Sat 09-05 .. Mon 09-07 → Monday.
    expect(taskSchedule(t, { weeks: { from: 7, to: 7 } })).toEqual({ start: '2026-09-05', due: '2026-09-07' });
    // Week 9 = Fri 09-11 .. Sun 09-13 → Friday.
    expect(taskSchedule(t, { weeks: { from: 9, to: 9 } })).toEqual({ start: '2026-09-11', due: '2026-09-11' });
    // The day planning starts is already in compressed week 2.
    expect(weekAt(t, '2026-08-20T17:00:00Z')).toBe(2);
    expect(weekAt(t, '2026-08-29T17:00:00Z')).toBe(5);
  });

  it('does not compress with exactly 9 weeks', () => {
    const t = buildTimeline(dates, '2026-07-15'); // Monday 2026-07-13 = week 1
    expect(t.compression).toBeNull();
    expect(week(t, 1)).toMatchObject({ start: '2026-07-13', end: '2026-07-19' });
  });

  it('does not compress with more than 9 weeks; the plan is "before" until week 1', () => {
    const t = buildTimeline(dates, '2026-06-03'); // 15 weeks out
    expect(t.compression).toBeNull();
    expect(week(t, 1)).toMatchObject({ start: '2026-07-13', end: '2026-07-19' });
    expect(locate(t, new Date('2026-06-03T15:00:00Z'))).toEqual({
      kind: 'before',
      firstWeekStarts: '2026-07-13',
      daysUntil: 40,
    });
  });

  it('refuses 3 weeks with a plain reason and the earliest day 1', () => {
    const check = checkPlan(dates, '2026-08-26'); // Monday 2026-08-24, three weeks before 09-14
    expect(check).toEqual({
      ok: false,
      weeksAvailable: 3,
      earliestDay1: '2026-09-21',
      reason:
        'Day 1 is only 3 weeks from the start of planning; a good SKO needs 12 weeks and SKO Conductor can compress the plan to no fewer than 4. Move day 1 to 2026-09-21 or later.',
    });
    expect(() => buildTimeline(dates, '2026-08-26')).toThrow(PlanTooShortError);
    try {
      buildTimeline(dates, '2026-08-26');
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect((e as PlanTooShortError).weeksAvailable).toBe(3);
      expect((e as PlanTooShortError).message).toContain('Move day 1 to 2026-09-21 or later.');
    }
    // The suggested day 1 is accepted, with 4 weeks.
    const moved = checkPlan({ ...dates, day1: '2026-09-21' }, '2026-08-26');
    expect(moved.ok && moved.timeline.compression).toEqual({ weeksAvailable: 4 });
  });

  it('refuses 1 week, the same week, and a day 1 before planning', () => {
    const one = checkPlan(dates, '2026-09-09');
    expect(one.ok === false && one.reason).toBe(
      'Day 1 is only 1 week from the start of planning; a good SKO needs 12 weeks and SKO Conductor can compress the plan to no fewer than 4. Move day 1 to 2026-10-05 or later.',
    );
    const same = checkPlan(dates, '2026-09-15');
    expect(same).toMatchObject({ ok: false, weeksAvailable: 0, earliestDay1: '2026-10-12' });
    const past = checkPlan(dates, '2026-10-01');
    expect(past).toMatchObject({ ok: false, weeksAvailable: 0, earliestDay1: '2026-10-26' });
    expect(past.ok === false && past.reason).toContain('Day 1 (2026-09-16) is before the start of planning (2026-10-01)');
  });
});

describe('validation', () => {
  const ok: EventDates = { day1: '2026-09-16', days: 3, hasDay0: false, timeZone: 'America/Chicago' };

  it('accepts 1 to 7 days and rejects the rest', () => {
    expect(buildTimeline({ ...ok, days: 1 }, '2026-07-01').eventDays).toEqual([{ day: 1, date: '2026-09-16' }]);
    expect(buildTimeline({ ...ok, days: 7 }, '2026-07-01').eventDays.at(-1)).toEqual({ day: 7, date: '2026-09-22' });
    expect(() => checkPlan({ ...ok, days: 0 }, '2026-07-01')).toThrow(/1 to 7 days/);
    expect(() => checkPlan({ ...ok, days: 8 }, '2026-07-01')).toThrow(/1 to 7 days/);
    expect(() => checkPlan({ ...ok, days: 2.5 }, '2026-07-01')).toThrow(/1 to 7 days/);
  });

  it('rejects dates that are not real', () => {
    expect(() => checkPlan({ ...ok, day1: '2026-02-30' }, '2026-01-01')).toThrow(/not a real calendar date/);
    expect(() => checkPlan({ ...ok, day1: '2026-9-16' }, '2026-01-01')).toThrow(/YYYY-MM-DD/);
    expect(() => checkPlan(ok, '2026-13-01')).toThrow(/planning start date/);
    expect(buildTimeline({ ...ok, day1: '2028-02-29' }, '2027-11-01').weeks[9]!.start).toBe('2028-02-28');
  });

  it('rejects unknown time zones', () => {
    expect(() => checkPlan({ ...ok, timeZone: 'Mars/Olympus_Mons' }, '2026-07-01')).toThrow(/time zone/);
    expect(() => checkPlan({ ...ok, timeZone: '' }, '2026-07-01')).toThrow(/time zone/);
  });
});

describe('date helpers', () => {
  it('localDate reads the calendar date in the zone', () => {
    expect(localDate(new Date('2026-03-09T03:30:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(new Date('2026-03-09T04:30:00Z'), 'America/New_York')).toBe('2026-03-09');
    expect(localDate(new Date('2026-12-31T14:00:00Z'), 'Australia/Sydney')).toBe('2027-01-01');
    expect(localDate(new Date('2026-12-31T14:00:00Z'), 'UTC')).toBe('2026-12-31');
    expect(localDate(new Date('2026-07-01T23:30:00Z'), 'Asia/Kolkata')).toBe('2026-07-02');
  });

  it('atLocalTime is DST-correct', () => {
    expect(iso(atLocalTime('2026-03-07', '09:00', 'America/New_York'))).toBe('2026-03-07T14:00:00.000Z');
    expect(iso(atLocalTime('2026-03-09', '09:00', 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(atLocalTime('2026-07-01', '09:15', 'Europe/Berlin'))).toBe('2026-07-01T07:15:00.000Z');
    expect(iso(atLocalTime('2026-07-01', '09:00', 'Asia/Kolkata'))).toBe('2026-07-01T03:30:00.000Z');
    // 02:30 does not exist on 2026-03-08 in New York: it moves forward to 03:30 EDT.
    expect(iso(atLocalTime('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 2026-11-01: the first (EDT) is taken.
    expect(iso(atLocalTime('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    // Chile skips midnight on 2026-09-06 (00:00 -04 → 01:00 -03): the day starts at 01:00 -03.
    expect(iso(atLocalTime('2026-09-06', '00:00', 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
    expect(() => atLocalTime('2026-07-01', '9:00', 'Europe/Berlin')).toThrow(/HH:mm/);
    expect(() => atLocalTime('2026-07-01', '24:00', 'Europe/Berlin')).toThrow(/HH:mm/);
  });

  it('daysBetween counts calendar days', () => {
    expect(daysBetween('2026-12-28', '2027-01-04')).toBe(7);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
  });

  it('isValidTimeZone', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Australia/Sydney')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Not/AZone')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+01:00')).toBe(false);
  });
});

describe('a shared timeline cannot be changed by one of its readers', () => {
  const dates: EventDates = { day1: '2031-03-12', days: 2, hasDay0: true, timeZone: 'Europe/Berlin' };

  it('is frozen all the way down, its instants excepted', () => {
    const t = buildTimeline(dates, '2030-12-16');
    const first = week(t, 1);
    expect([Object.isFrozen(t), Object.isFrozen(t.weeks), Object.isFrozen(first), Object.isFrozen(t.dates)]).toEqual([true, true, true, true]);
    expect([Object.isFrozen(t.eventDays), Object.isFrozen(t.eventDays[0])]).toEqual([true, true]);
    expect(Object.isFrozen(first.startsAt)).toBe(false);
    expect(() => {
      (first as { start: string }).start = '2000-01-01';
    }).toThrow(TypeError);
    expect(buildTimeline(dates, '2030-12-16').weeks[0]?.start).toBe(first.start);
  });

  it('a compressed one too, and a refusal', () => {
    const squeezed = buildTimeline(dates, '2031-01-27');
    expect(squeezed.compression).toEqual({ weeksAvailable: 6 });
    expect(Object.isFrozen(squeezed.compression)).toBe(true);
    const refused = checkPlan(dates, '2031-03-02');
    expect(refused.ok).toBe(false);
    expect(Object.isFrozen(refused)).toBe(true);
  });
});
