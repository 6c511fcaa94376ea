import { beforeEach, describe, expect, it } from 'vitest';
import { type AgendaCheck, agendaChecks } from '../../../src/domain/agenda/agenda-checks.js';
import { type Session, sessionMinutes, validateSession } from '../../../src/domain/agenda/sessions.js';

const s = (
  day: number,
  start: string,
  end: string,
  title: string,
  kind: Session['kind'],
  format: Session['format'],
  speakers: string[],
  has: { takeaways?: boolean; nextSteps?: boolean } = {},
): Session => ({
  day,
  start,
  end,
  title,
  kind,
  format,
  speakers,
  takeaways: has.takeaways === false ? [] : ['What to do differently on Monday'],
  nextSteps: has.nextSteps === false ? [] : ['Manager 1:1 in week 11'],
});

// Three days, thirteen sessions; minutes in the comments.
const agenda: Session[] = [
  // Day 1: 45 + 90 + 60 + 90 + 120 + 180 = 585 (content 405, social 180)
  s(1, '09:00', '09:45', 'Welcome and opening', 'strategy', 'lecture', ['Ana Ruiz']), // 45
  s(1, '09:45', '11:15', 'FY performance review and recognition', 'recognition', 'lecture', ['Ben Cole']), // 90
  s(1, '11:30', '12:30', 'FY+1 vision and strategy', 'strategy', 'panel', ['Ana Ruiz', 'Cara Diaz']), // 60
  s(1, '13:30', '15:00', 'Product roadmap and competitive positioning', 'product', 'lecture', ['Dev Patel']), // 90
  s(1, '15:15', '17:15', 'Territory and quota rollout', 'planning', 'workshop', ['Cara Diaz']), // 120
  s(1, '19:00', '22:00', 'Team dinner', 'social', 'interactive', []), // 180
  // Day 2: 90 + 90 + 90 + 60 = 330
  s(2, '09:00', '10:30', 'Sales methodology', 'training', 'lecture', ['Eli Park']), // 90
  s(2, '10:45', '12:15', 'Discovery and negotiation workshops', 'training', 'workshop', ['eli park ', 'Fay Lin']), // 90
  s(2, '13:15', '14:45', 'Objection handling role-plays', 'training', 'role-play', ['Fay Lin']), // 90
  s(2, '15:00', '16:00', 'Tools and enablement', 'training', 'lecture', ['Gus Hill'], { takeaways: false }), // 60
  // Day 3: 120 + 60 + 30 = 210
  s(3, '09:00', '11:00', 'Team planning breakouts', 'planning', 'workshop', ['Cara Diaz']), // 120
  s(3, '12:15', '12:45', 'Closing and call to action', 'strategy', 'lecture', ['Ana Ruiz']), // 30
  s(3, '11:15', '12:15', 'Q1 priorities and action planning', 'planning', 'interactive', ['Ben Cole'], { nextSteps: false }), // 60
];

const check = (checks: AgendaCheck[], key: AgendaCheck['key']) => {
  const found = checks.find((c) => c.key === key);
  if (!found) throw new Error(`no ${key} check`);
  return found;
};

describe('agendaChecks on a three-day agenda', () => {
  let review: ReturnType<typeof agendaChecks>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    review = agendaChecks(agenda);
  });

  it('adds up minutes by day and by kind', () => {
    // 585 + 330 + 210 = 1,125 in all; 1,125 − 180 social = 945 content.
    expect(review.totalMinutes).toBe(1125);
    expect(review.contentMinutes).toBe(945);
    expect(review.days.map((d) => [d.day, d.minutes, d.contentMinutes, d.sessions.length])).toEqual([
      [1, 585, 405, 6],
      [2, 330, 330, 4],
      [3, 210, 210, 3],
    ]);
    // Sorted by start time within the day.
    expect(review.days[2]?.sessions.map((x) => x.start)).toEqual(['09:00', '11:15', '12:15']);
    // strategy 45 + 60 + 30; planning 120 + 120 + 60; training 90 × 3 + 60.
    expect(review.minutesByKind).toEqual({ strategy: 135, planning: 300, training: 330, recognition: 90, product: 90, social: 180 });
  });

  it('checks the 60/40 split over strategy, planning and training only', () => {
    // (135 + 300) ÷ (435 + 330) = 435 ÷ 765 = 56.9% → 57%, within 10 points of 60.
    expect(check(review.checks, 'balance')).toMatchObject({
      status: 'ok',
      figure: {
        text: '57% strategy and planning / 43% training (435 min / 330 min)',
        values: { strategyPlanningMinutes: 435, trainingMinutes: 330, strategyPlanningPct: 57, trainingPct: 43 },
      },
      rules: [{ principle: 'Best-practice kickoffs spend about 60% on strategy and planning and 40% on skills.' }],
    });
  });

  it('counts lecture against content minutes, leaving the dinner out', () => {
    // Lecture: 45 + 90 + 90 + 90 + 60 + 30 = 405 of 945 = 42.9% → 43%; interactive 540.
    expect(check(review.checks, 'interaction')).toMatchObject({
      status: 'ok',
      figure: {
        text: '43% lecture, 57% interactive (405 min of 945 min of content is lecture)',
        values: { lectureMinutes: 405, interactiveMinutes: 540, contentMinutes: 945, lecturePct: 43 },
      },
    });
  });

  it('names the content sessions without takeaways or next steps', () => {
    expect(check(review.checks, 'action')).toMatchObject({
      status: 'warn',
      figure: { text: '2 of 12 content sessions lack takeaways or next steps', values: { lacking: 2, contentSessions: 12 } },
      detail: 'Add them to: day 2 15:00 Tools and enablement (no takeaways); day 3 11:15 Q1 priorities and action planning (no next steps).',
    });
  });

  it('keeps product under 15% and flags recognition plus social above 20% of all time', () => {
    // Product 90 of 1,125 = 8%.
    expect(check(review.checks, 'product')).toMatchObject({ status: 'ok', figure: { text: '8% of agenda time on product (90 min of 1,125 min)' } });
    // Recognition 90 + dinner 180 = 270 of 1,125 = 24%.
    const celebration = check(review.checks, 'celebration');
    expect(celebration).toMatchObject({
      status: 'warn',
      figure: {
        text: '24% of agenda time on recognition and social (270 min of 1,125 min)',
        values: { recognitionMinutes: 90, socialMinutes: 180, celebrationPct: 24 },
      },
    });
    expect(celebration.rules.map((r) => r.principle)).toEqual([
      'A kickoff is not a celebration, even when celebration is deserved.',
      'Recognition motivates: do not skip celebrating wins.',
    ]);
  });

  it('counts distinct speakers (case and spacing ignored) and their sessions', () => {
    // Ana Ruiz 3, Cara Diaz 3, Ben Cole 2, Eli Park 2, Fay Lin 2, Dev Patel 1, Gus Hill 1 → 7 over 3 days, limit 18.
    expect(check(review.checks, 'speakers')).toMatchObject({
      status: 'ok',
      figure: { text: '7 speakers over 3 days (2.3 per day)', values: { speakers: 7, days: 3, perDay: 2.3, limit: 18 } },
      detail:
        'At most 6 speakers a day. Sessions per speaker: Ana Ruiz (3), Cara Diaz (3), Ben Cole (2), Eli Park (2), Fay Lin (2), Dev Patel (1), Gus Hill (1).',
    });
  });
});

describe('agendaChecks on a one-day product show', () => {
  const panel = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'];
  let review: ReturnType<typeof agendaChecks>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    review = agendaChecks([
      s(1, '09:00', '12:00', 'Roadmap deep dive', 'product', 'lecture', panel), // 180
      s(1, '13:00', '15:00', 'Strategy keynote', 'strategy', 'lecture', ['CEO']), // 120
      s(1, '15:00', '15:30', 'Tools tips', 'training', 'workshop', ['Ops']), // 30
    ]);
  });
  it('warns on every design check it breaks, and says what to change', () => {
    expect(Object.fromEntries(review.checks.map((c) => [c.key, c.status]))).toEqual({
      balance: 'warn',
      interaction: 'warn',
      action: 'ok',
      product: 'warn',
      celebration: 'warn',
      speakers: 'warn',
    });
    // 120 ÷ (120 + 30) = 80%; 60% of 150 is 90, so 30 minutes should move to training.
    expect(check(review.checks, 'balance').detail).toBe(
      'More than 10 points from 60 / 40; moving about 30 min from strategy and planning to training would restore it.',
    );
    // Lecture 300 of 330; half of 330 is 165, so 135 minutes should become interactive.
    expect(check(review.checks, 'interaction').detail).toBe(
      'Lecture is more than half of the content time; turn at least 135 min of it into workshops, role-plays, panels or discussion.',
    );
    // 180 of 330 = 55% product.
    expect(check(review.checks, 'product').figure.values).toEqual({ productMinutes: 180, totalMinutes: 330, productPct: 55 });
    // No recognition at all: seed 000 lesson 6.
    expect(check(review.checks, 'celebration').detail).toBe(
      'No recognition session: the playbook says not to skip it; add awards or a performance recognition slot.',
    );
    // 9 speakers on one day, limit 6.
    expect(check(review.checks, 'speakers').figure.text).toBe('9 speakers over 1 day (9 per day)');
  });
});

describe('agendaChecks thresholds', () => {
  it('accepts a split exactly 10 points off and warns one minute beyond', () => {
    // 70 / 30: |70 − 60| = 10, not more than 10.
    const at70 = agendaChecks([s(1, '09:00', '10:10', 'Plan', 'planning', 'workshop', ['A']), s(1, '10:10', '10:40', 'Train', 'training', 'workshop', ['A'])]);
    expect(check(at70.checks, 'balance').status).toBe('ok');
    // 71 / 30 of 101 = 70.3%.
    const at71 = agendaChecks([s(1, '09:00', '10:11', 'Plan', 'planning', 'workshop', ['A']), s(1, '10:11', '10:41', 'Train', 'training', 'workshop', ['A'])]);
    expect(check(at71.checks, 'balance').status).toBe('warn');
  });

  it('accepts lecture at exactly half of the content time', () => {
    const half = agendaChecks([s(1, '09:00', '10:00', 'Talk', 'strategy', 'lecture', ['A']), s(1, '10:00', '11:00', 'Do', 'training', 'role-play', ['A'])]);
    expect(check(half.checks, 'interaction')).toMatchObject({ status: 'ok', figure: { values: { lecturePct: 50 } } });
  });
});

describe('validateSession', () => {
  const context = { days: 3, hasDay0: true };

  it('normalises the fields: times, kind and format spelling, lists one per line', () => {
    expect(
      validateSession(
        {
          day: '2',
          start: '9:00',
          end: '10:30',
          title: ' Discovery ',
          kind: 'Training',
          format: 'Role play',
          speakers: 'Fay Lin\n\n Eli Park ',
          takeaways: ['Ask three why questions'],
          nextSteps: 'Record one call\r\nReview with manager',
        },
        context,
      ),
    ).toEqual({
      ok: true,
      session: {
        day: 2,
        start: '09:00',
        end: '10:30',
        title: 'Discovery',
        kind: 'training',
        format: 'role-play',
        speakers: ['Fay Lin', 'Eli Park'],
        takeaways: ['Ask three why questions'],
        nextSteps: ['Record one call', 'Review with manager'],
      },
    });
    expect(validateSession({ day: 0, start: '19:00', end: '21:00', title: 'Top performer dinner', kind: 'social', format: 'interactive' }, context).ok).toBe(
      true,
    );
  });

  it('says what to fix in each bad field', () => {
    expect(validateSession({ day: 4, start: '25:00', end: '10:00', title: '', kind: 'keynote', format: '' }, context)).toEqual({
      ok: false,
      errors: {
        day: 'Choose an event day from 0 to 3.',
        start: 'Give the start time as HH:mm on a 24-hour clock, such as 09:00.',
        title: 'Give the session a title, such as "Discovery role-plays".',
        kind: '"keynote" is not a session kind; choose one of: strategy, planning, training, recognition, product, social.',
        format: "Choose the session's format: interactive, workshop, role-play, panel, lecture.",
      },
    });
  });

  it('refuses a session that ends before or when it starts, and day 0 without one', () => {
    const base = { day: 1, title: 'Party', kind: 'social', format: 'interactive' };
    expect(validateSession({ ...base, start: '22:00', end: '01:00' }, context)).toEqual({
      ok: false,
      errors: {
        end: 'The session ends (01:00) before it starts (22:00); a session starts and ends on the same day, so split one that runs past midnight in two.',
      },
    });
    expect(validateSession({ ...base, start: '10:00', end: '10:00' }, context)).toEqual({
      ok: false,
      errors: { end: 'The session ends when it starts (10:00); give it an end time after 10:00.' },
    });
    expect(validateSession({ ...base, day: 0, start: '10:00', end: '11:00' }, { days: 3, hasDay0: false })).toEqual({
      ok: false,
      errors: { day: 'Choose an event day from 1 to 3.' },
    });
  });

  it('limits lists to 20 items of 300 characters', () => {
    const base = { day: 1, start: '09:00', end: '10:00', title: 'T', kind: 'training', format: 'workshop' };
    const tooMany = validateSession({ ...base, takeaways: Array.from({ length: 21 }, (_, i) => `t${i}`) }, context);
    expect(tooMany.ok ? null : tooMany.errors).toEqual({ takeaways: 'List at most 20 takeaways (there are 21).' });
    const tooLong = validateSession({ ...base, nextSteps: ['ok', 'x'.repeat(301)] }, context);
    expect(tooLong.ok ? null : tooLong.errors).toEqual({ nextSteps: 'Keep each of the next steps to 300 characters or fewer (number 2 has 301).' });
  });

  it('measures a session in minutes', () => {
    expect(sessionMinutes({ start: '09:45', end: '11:15' })).toBe(90);
    expect(() => sessionMinutes({ start: '11:00', end: '10:00' })).toThrow('A session must run from an earlier to a later HH:mm time; got 11:00–10:00.');
  });
});
