import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src/domain/agenda/sessions.js';
import { BUDGET_CATEGORIES, planBudget } from '../../../src/domain/budget/budget.js';
import { DEFAULT_COMMUNICATIONS } from '../../../src/domain/comms/calendar.js';
import { planCopy, type SkoToCopy } from '../../../src/domain/plan/copy.js';
import { buildTimeline } from '../../../src/domain/plan/timeline.js';

const session = (day: number, title: string): Session => ({
  day,
  start: '09:00',
  end: '10:00',
  title,
  kind: 'training',
  format: 'workshop',
  speakers: [],
  takeaways: [],
  nextSteps: [],
});

/** Last year's SKO: day 0 and three days from Tue 3 Feb 2026 in New York, planned twelve weeks ahead. */
const lastYear = (more: Partial<SkoToCopy> = {}): SkoToCopy => ({
  name: 'FY26 Sales Kickoff',
  timeZone: 'America/New_York',
  timelineInNewZone: buildTimeline({ day1: '2026-02-03', days: 3, hasDay0: true, timeZone: 'America/New_York' }, '2025-10-01'),
  budgetCents: 60_000_000,
  sessions: [session(0, 'Top performer dinner'), session(1, 'Keynote'), session(2, 'Workshop'), session(3, 'Awards')],
  budget: [],
  communications: [],
  surveys: [],
  ...more,
});
const newSko = (days: number, hasDay0: boolean, budgetCents = 30_000_000) => ({
  timeline: buildTimeline({ day1: '2027-02-02', days, hasDay0, timeZone: 'America/New_York' }, '2026-10-01'),
  budgetCents,
});

describe('starting from a past SKO', () => {
  it('places each session on the new SKO’s day of the same number, and leaves out the days it lacks', () => {
    const short = planCopy(lastYear(), newSko(2, false), DEFAULT_COMMUNICATIONS);
    expect(short.sessions.map((s) => [s.day, s.title])).toEqual([
      [1, 'Keynote'],
      [2, 'Workshop'],
    ]);
    expect(short.sessionsLeftOut).toBe(2);
    const full = planCopy(lastYear(), newSko(3, true), DEFAULT_COMMUNICATIONS);
    expect(full.sessions).toHaveLength(4);
    expect(full.sessionsLeftOut).toBe(0);
  });

  it('keeps the split as shares of the new total; with every category set, it still adds up to the total exactly', () => {
    const every = BUDGET_CATEGORIES.map((c, i) => ({ category: c.key, amountCents: [23_333_333, 18_000_001, 9_000_000, 6_666_666, 3_000_000][i] as number }));
    const copied = planCopy(lastYear({ budget: every }), newSko(3, false, 31_000_003), DEFAULT_COMMUNICATIONS).budget;
    expect(copied.reduce((sum, c) => sum + c.amountCents, 0)).toBe(31_000_003);
    expect(planBudget(31_000_003, Object.fromEntries(copied.map((c) => [c.category, c.amountCents]))).ok).toBe(true);

    const some = planCopy(lastYear({ budget: [{ category: 'venue', amountCents: 33_333_333 }] }), newSko(3, false, 10_000_000), DEFAULT_COMMUNICATIONS).budget;
    expect(some).toEqual([{ category: 'venue', amountCents: 5_555_555 }]);
  });

  it('moves an edited send time to the same point of the new plan, at the same local time, and reads times in the new zone', () => {
    // Save the date: Monday of week 6 by default. Edited to Tue 6 Jan 2026 08:30 in New York, a day after it.
    const texts = [{ key: 'save-the-date', body: 'Save it', sendAt: '2026-01-06T13:30:00.000Z', closesAt: null }];
    const ny = planCopy(lastYear({ communications: texts }), newSko(3, false), DEFAULT_COMMUNICATIONS);
    expect(ny.communications).toEqual([{ key: 'save-the-date', body: 'Save it', sendAt: '2027-01-05T13:30:00.000Z', closesAt: null }]);

    const berlin = {
      timeline: buildTimeline({ day1: '2027-02-02', days: 3, hasDay0: false, timeZone: 'Europe/Berlin' }, '2026-10-01'),
      budgetCents: 30_000_000,
    };
    const inBerlin = lastYear({
      communications: texts,
      timelineInNewZone: buildTimeline({ day1: '2026-02-03', days: 3, hasDay0: true, timeZone: 'Europe/Berlin' }, '2025-10-01'),
    });
    expect(planCopy(inBerlin, berlin, DEFAULT_COMMUNICATIONS).communications[0]?.sendAt).toBe('2027-01-05T07:30:00.000Z');
  });

  it('copies a text whose time was never edited without a time, and leaves out rows with nothing written or moved', () => {
    const texts = [
      { key: 'travel-instructions', body: 'Book by Friday', sendAt: null, closesAt: null },
      { key: 'agenda-preview', body: null, sendAt: null, closesAt: null },
    ];
    expect(planCopy(lastYear({ communications: texts }), newSko(3, false), DEFAULT_COMMUNICATIONS).communications).toEqual([
      { key: 'travel-instructions', body: 'Book by Friday', sendAt: null, closesAt: null },
    ]);
  });
});
