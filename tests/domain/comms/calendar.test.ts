import { beforeEach, describe, expect, it } from 'vitest';
import {
  CommunicationPlanError,
  moveOverrides,
  type PlannedCommunication,
  planCommunications,
  rsvpBy,
  surveyReminderTimes,
  surveyWindows,
} from '../../../src/domain/comms/calendar.js';
import { buildTimeline, type EventDates } from '../../../src/domain/plan/timeline.js';

const NY = 'America/New_York';
const dates = (day1: string, days = 3): EventDates => ({ day1, days, hasDay0: false, timeZone: NY });
const iso = (d: Date): string => d.toISOString();
const brief = (plan: PlannedCommunication[]): string[] => plan.map((c) => `${c.key} ${iso(c.at)}`);
const find = (plan: PlannedCommunication[], key: string): PlannedCommunication => {
  const found = plan.find((c) => c.key === key);
  if (!found) throw new Error(`no ${key} in the plan`);
  return found;
};

describe('the default calendar for day 1 Tue 2027-02-02 in New York, planned from 2026-11-20', () => {
  // Plan Monday 2026-11-16, event Monday 2027-02-01: 11 weeks, so no compression and week 1 starts
  // 2027-02-01 − 63 days = 2026-11-30. Week 6 = 2027-01-04, week 8 = 01-18, week 10 = 02-01,
  // week 11 = 02-08, week 12 = 02-15. All in EST (UTC−5): 08:00 = 13:00Z, 10:00 = 15:00Z,
  // 07:30 = 12:30Z, 17:00 = 22:00Z.
  let t: ReturnType<typeof buildTimeline>;
  let plan: ReturnType<typeof planCommunications>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    t = buildTimeline(dates('2027-02-02'), '2026-11-20');
    plan = planCommunications(t, { hasQuiz: true, hasAgenda: true });
  });

  it('lists every message in time order at its local time', () => {
    expect(brief(plan)).toEqual([
      'weekly-digest-1 2026-11-30T13:00:00.000Z',
      'weekly-digest-2 2026-12-07T13:00:00.000Z',
      'weekly-digest-3 2026-12-14T13:00:00.000Z',
      'weekly-digest-4 2026-12-21T13:00:00.000Z',
      'weekly-digest-5 2026-12-28T13:00:00.000Z',
      'weekly-digest-6 2027-01-04T13:00:00.000Z',
      'save-the-date 2027-01-04T15:00:00.000Z',
      'pre-event-survey 2027-01-05T15:00:00.000Z',
      'travel-instructions 2027-01-06T15:00:00.000Z',
      'agenda-preview 2027-01-07T15:00:00.000Z',
      'weekly-digest-7 2027-01-11T13:00:00.000Z',
      'weekly-digest-8 2027-01-18T13:00:00.000Z',
      'weekly-digest-9 2027-01-25T13:00:00.000Z',
      'weekly-digest-10 2027-02-01T13:00:00.000Z',
      'morning-agenda-day-1 2027-02-02T12:30:00.000Z',
      'morning-agenda-day-2 2027-02-03T12:30:00.000Z',
      'morning-agenda-day-3 2027-02-04T12:30:00.000Z',
      'weekly-digest-11 2027-02-08T13:00:00.000Z',
      'thank-you-recap 2027-02-08T15:00:00.000Z',
      'post-event-survey 2027-02-09T15:00:00.000Z',
      'certification-quiz 2027-02-10T15:00:00.000Z',
      'q1-reinforcement 2027-02-11T15:00:00.000Z',
      'weekly-digest-12 2027-02-15T13:00:00.000Z',
      'survey-analysis 2027-02-18T15:00:00.000Z',
    ]);
  });

  it('gives each entry its audience, local date and time, and plan week', () => {
    expect(find(plan, 'save-the-date')).toEqual({
      key: 'save-the-date',
      template: 'save-the-date',
      title: 'Save the date (RSVP)',
      audience: 'all-attendees',
      at: new Date('2027-01-04T15:00:00.000Z'),
      localDate: '2027-01-04',
      localTime: '10:00',
      week: 6,
    });
    expect(find(plan, 'travel-instructions').audience).toBe('attending');
    expect(find(plan, 'weekly-digest-3').audience).toBe('leaders-and-role-holders');
    expect(find(plan, 'survey-analysis').audience).toBe('leaders');
    const day2 = find(plan, 'morning-agenda-day-2');
    expect([day2.title, day2.audience, day2.localDate, day2.localTime, day2.week, day2.eventDay]).toEqual([
      'Day 2 morning agenda',
      'event-channel',
      '2027-02-03',
      '07:30',
      10,
      2,
    ]);
  });

  it('opens and closes the surveys: pre-event until Friday of week 8, post-event and quiz until Tuesday of week 12', () => {
    const windows = surveyWindows(t, { hasQuiz: true, hasAgenda: true });
    expect(windows.map((w) => [w.survey, w.key, iso(w.opensAt), iso(w.closesAt)])).toEqual([
      ['pre', 'pre-event-survey', '2027-01-05T15:00:00.000Z', '2027-01-22T22:00:00.000Z'],
      ['post', 'post-event-survey', '2027-02-09T15:00:00.000Z', '2027-02-16T22:00:00.000Z'],
      ['quiz', 'certification-quiz', '2027-02-10T15:00:00.000Z', '2027-02-16T22:00:00.000Z'],
    ]);
  });

  it('reminds non-responders twice: midway and on the last working day before the close', () => {
    const [pre, post, quiz] = surveyWindows(t, { hasQuiz: true, hasAgenda: true });
    // Pre: opens Tue 01-05, closes Fri 01-22; last reminder Thu 01-21; 16 days between, midway +8 = Wed 01-13.
    expect(surveyReminderTimes(pre!).map(iso)).toEqual(['2027-01-13T15:00:00.000Z', '2027-01-21T15:00:00.000Z']);
    // Post: opens Tue 02-09, closes Tue 02-16; last Mon 02-15; 6 days between, midway +3 = Fri 02-12.
    expect(surveyReminderTimes(post!).map(iso)).toEqual(['2027-02-12T15:00:00.000Z', '2027-02-15T15:00:00.000Z']);
    // Quiz: opens Wed 02-10; 5 days to Mon 02-15, midway +2 = Fri 02-12.
    expect(surveyReminderTimes(quiz!).map(iso)).toEqual(['2027-02-12T15:00:00.000Z', '2027-02-15T15:00:00.000Z']);
  });

  it('leaves out the quiz without one, and the agenda messages without an agenda', () => {
    const bare = planCommunications(t, { hasQuiz: false, hasAgenda: false });
    const keys = bare.map((c) => c.key);
    expect(keys).not.toContain('certification-quiz');
    expect(keys).not.toContain('agenda-preview');
    expect(keys.filter((k) => k.startsWith('morning-agenda'))).toEqual([]);
    expect(bare).toHaveLength(24 - 5);
    expect(surveyWindows(t, { hasQuiz: false, hasAgenda: false }).map((w) => w.survey)).toEqual(['pre', 'post']);
  });
});

describe('the calendar across the 2027-03-14 change to daylight time (day 1 Tue 2027-03-02)', () => {
  // Event Monday 2027-03-01; week 11 = 03-08 (EST, UTC−5), week 12 = 03-15 (EDT, UTC−4).
  let t: ReturnType<typeof buildTimeline>;
  let plan: ReturnType<typeof planCommunications>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    t = buildTimeline(dates('2027-03-02'), '2026-11-20');
    plan = planCommunications(t, { hasQuiz: true, hasAgenda: true });
  });

  it('keeps local wall-clock times on both sides of the change', () => {
    expect(brief(plan.filter((c) => c.week >= 10))).toEqual([
      'weekly-digest-10 2027-03-01T13:00:00.000Z',
      'morning-agenda-day-1 2027-03-02T12:30:00.000Z',
      'morning-agenda-day-2 2027-03-03T12:30:00.000Z',
      'morning-agenda-day-3 2027-03-04T12:30:00.000Z',
      'weekly-digest-11 2027-03-08T13:00:00.000Z',
      'thank-you-recap 2027-03-08T15:00:00.000Z',
      'post-event-survey 2027-03-09T15:00:00.000Z',
      'certification-quiz 2027-03-10T15:00:00.000Z',
      'q1-reinforcement 2027-03-11T15:00:00.000Z',
      'weekly-digest-12 2027-03-15T12:00:00.000Z',
      'survey-analysis 2027-03-18T14:00:00.000Z',
    ]);
    expect(plan.filter((c) => c.week >= 10).map((c) => c.localTime)).toEqual([
      '08:00',
      '07:30',
      '07:30',
      '07:30',
      '08:00',
      '10:00',
      '10:00',
      '10:00',
      '10:00',
      '08:00',
      '10:00',
    ]);
  });

  it('closes the post-event survey at 17:00 EDT and reminds at 10:00 on each side of the change', () => {
    const post = surveyWindows(t, { hasQuiz: true, hasAgenda: true }).find((w) => w.survey === 'post')!;
    expect(iso(post.closesAt)).toBe('2027-03-16T21:00:00.000Z');
    // Fri 03-12 10:00 EST and Mon 03-15 10:00 EDT.
    expect(surveyReminderTimes(post).map(iso)).toEqual(['2027-03-12T15:00:00.000Z', '2027-03-15T14:00:00.000Z']);
  });
});

describe('a compressed plan (4 weeks before day 1 Tue 2027-02-02)', () => {
  // Plan Monday 2027-01-04, 28 days split into 9 at round(28k/9) = 0 3 6 9 12 16 19 22 25 28:
  // week 6 = Wed 01-20 … Fri 01-22, week 8 = Tue 01-26 … Thu 01-28. Mon…Fri map onto a week's
  // workdays at floor(i·n/5): with n = 3, mon→0, tue→0, wed→1, thu→1, fri→2.
  let t: ReturnType<typeof buildTimeline>;
  let plan: ReturnType<typeof planCommunications>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    t = buildTimeline(dates('2027-02-02'), '2027-01-04');
    plan = planCommunications(t, { hasQuiz: false, hasAgenda: true });
  });

  it('keeps the week-6 messages in order inside the shorter week', () => {
    expect(t.compression).toEqual({ weeksAvailable: 4 });
    expect(brief(plan.filter((c) => c.week === 6))).toEqual([
      'save-the-date 2027-01-20T15:00:00.000Z',
      'pre-event-survey 2027-01-20T15:00:00.000Z',
      'travel-instructions 2027-01-21T15:00:00.000Z',
      'agenda-preview 2027-01-21T15:00:00.000Z',
    ]);
  });

  it('sends one digest per calendar Monday of the plan', () => {
    expect(plan.filter((c) => c.template === 'weekly-digest').map((c) => c.localDate)).toEqual([
      '2027-01-04',
      '2027-01-11',
      '2027-01-18',
      '2027-01-25',
      '2027-02-01',
      '2027-02-08',
      '2027-02-15',
    ]);
  });

  it('closes the pre-event survey at the end of week 8 and still reminds twice', () => {
    const pre = surveyWindows(t, { hasQuiz: false, hasAgenda: true })[0]!;
    expect(iso(pre.closesAt)).toBe('2027-01-28T22:00:00.000Z');
    // Last working day before Thu 01-28 is Wed 01-27; 7 days from Wed 01-20, midway +3 = Sat 01-23 → Fri 01-22.
    expect(surveyReminderTimes(pre).map(iso)).toEqual(['2027-01-22T15:00:00.000Z', '2027-01-27T15:00:00.000Z']);
  });
});

describe('edits to the calendar', () => {
  let t: ReturnType<typeof buildTimeline>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    t = buildTimeline(dates('2027-02-02'), '2026-11-20');
  });

  it('applies a new time and a cancellation, and re-sorts', () => {
    const plan = planCommunications(t, {
      hasQuiz: true,
      hasAgenda: true,
      overrides: {
        'save-the-date': { at: new Date('2027-01-08T14:30:00Z') },
        'travel-instructions': { cancelled: true },
        'no-such-message': { cancelled: true },
      },
    });
    expect(brief(plan.filter((c) => c.week === 6))).toEqual([
      'weekly-digest-6 2027-01-04T13:00:00.000Z',
      'pre-event-survey 2027-01-05T15:00:00.000Z',
      'agenda-preview 2027-01-07T15:00:00.000Z',
      'save-the-date 2027-01-08T14:30:00.000Z',
    ]);
    expect(find(plan, 'save-the-date').localTime).toBe('09:30');
  });

  it('moves a survey close date and its reminders with it', () => {
    const overrides = { 'post-event-survey': { closesAt: new Date('2027-02-19T22:00:00Z') } };
    const post = surveyWindows(t, { hasQuiz: false, hasAgenda: false, overrides })[1]!;
    expect(iso(post.closesAt)).toBe('2027-02-19T22:00:00.000Z');
    // Opens Tue 02-09, closes Fri 02-19: last Thu 02-18; 9 days, midway +4 = Sat 02-13 → Fri 02-12.
    expect(surveyReminderTimes(post).map(iso)).toEqual(['2027-02-12T15:00:00.000Z', '2027-02-18T15:00:00.000Z']);
  });

  it('refuses to send a survey after it closes, and says what to change', () => {
    const plan = () => planCommunications(t, { hasQuiz: false, hasAgenda: false, overrides: { 'pre-event-survey': { at: new Date('2027-01-25T15:00:00Z') } } });
    expect(plan).toThrow(CommunicationPlanError);
    expect(plan).toThrow(expect.objectContaining({ name: 'CommunicationPlanError' }));
    expect(plan).toThrow(
      '"Pre-event survey" would go out (2027-01-25 10:00) after its survey closes (2027-01-22 17:00); send it earlier or close the survey later.',
    );
  });

  it('refuses a survey sent at the very moment it closes', () => {
    const plan = () => planCommunications(t, { hasQuiz: false, hasAgenda: false, overrides: { 'pre-event-survey': { at: new Date('2027-01-22T22:00:00Z') } } });
    expect(plan).toThrow(CommunicationPlanError);
  });

  it('refuses a time outside the plan', () => {
    expect(() =>
      planCommunications(t, { hasQuiz: false, hasAgenda: false, overrides: { 'survey-analysis': { at: new Date('2027-03-01T15:00:00Z') } } }),
    ).toThrow('Choose a time for "Survey analysis and lessons learned" between 2026-11-30 and 2027-02-21, the plan\'s 12 weeks.');
  });

  it('drops a reminder that would fall on the opening day', () => {
    // Opens Wed 10:00, closes Fri 17:00: the last working day before Friday is Thursday; midway
    // between Wednesday and Thursday is Wednesday itself, the opening day, so one reminder is left.
    const one = surveyReminderTimes({
      survey: 'pre',
      key: 'pre-event-survey',
      opensAt: new Date('2027-01-06T15:00:00Z'),
      closesAt: new Date('2027-01-08T22:00:00Z'),
      timeZone: NY,
    });
    expect(one.map(iso)).toEqual(['2027-01-07T15:00:00.000Z']);
    const none = surveyReminderTimes({
      survey: 'pre',
      key: 'pre-event-survey',
      opensAt: new Date('2027-01-07T15:00:00Z'),
      closesAt: new Date('2027-01-08T22:00:00Z'),
      timeZone: NY,
    });
    expect(none).toEqual([]);
  });
});

describe('moving the event keeps edited times at their local clock time', () => {
  let from: ReturnType<typeof buildTimeline>;
  let to: ReturnType<typeof buildTimeline>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    from = buildTimeline(dates('2027-02-02'), '2026-11-20');
    to = buildTimeline(dates('2027-03-02', 2), '2026-11-20');
  });

  it('shifts times and close dates by the days their entries moved, across the DST change', () => {
    const moved = moveOverrides(from, to, {
      'save-the-date': { at: new Date('2027-01-04T14:00:00Z') }, // Mon 09:00 EST
      'post-event-survey': { closesAt: new Date('2027-02-17T22:00:00Z') }, // Wed 17:00 EST
      'travel-instructions': { cancelled: true },
      'morning-agenda-day-3': { at: new Date('2027-02-04T12:00:00Z') },
    });
    expect(Object.keys(moved).sort()).toEqual(['post-event-survey', 'save-the-date', 'travel-instructions']);
    expect(iso(moved['save-the-date']!.at!)).toBe('2027-02-01T14:00:00.000Z');
    // Wed 2027-03-17 17:00 is EDT: 21:00Z.
    expect(iso(moved['post-event-survey']!.closesAt!)).toBe('2027-03-17T21:00:00.000Z');
    expect(moved['travel-instructions']).toEqual({ cancelled: true });
    const plan = planCommunications(to, { hasQuiz: false, hasAgenda: true, overrides: moved });
    expect(find(plan, 'save-the-date').localTime).toBe('09:00');
    expect(plan.map((c) => c.key)).not.toContain('travel-instructions');
  });
});

describe('RSVP deadline and moving between zones', () => {
  it('asks for answers by Friday of week 7 at 17:00 local', () => {
    // Week 7 starts Mon 2027-01-11, so Friday is 2027-01-15; 17:00 EST is 22:00Z.
    expect(iso(rsvpBy(buildTimeline(dates('2027-02-02'), '2026-11-20')))).toBe('2027-01-15T22:00:00.000Z');
  });

  it('refuses to carry edited times to a timeline in another time zone', () => {
    const ny = buildTimeline(dates('2027-02-02'), '2026-11-20');
    const berlin = buildTimeline({ ...dates('2027-02-02'), timeZone: 'Europe/Berlin' }, '2026-11-20');
    expect(() => moveOverrides(ny, berlin, {})).toThrow('Move overrides between timelines in the same time zone.');
  });

  it('reminds about a survey open for a single working day not at all', () => {
    // Opens Thu 09:00, closes Fri 17:00: the day before closing is the opening day, and the midpoint too.
    const window = {
      survey: 'pre' as const,
      key: 'pre-event-survey',
      opensAt: new Date('2027-01-07T14:00:00Z'),
      closesAt: new Date('2027-01-08T22:00:00Z'),
      timeZone: NY,
    };
    expect(surveyReminderTimes(window)).toEqual([]);
  });
});
