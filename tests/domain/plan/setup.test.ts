import { describe, expect, it } from 'vitest';
import { parseAmountCents, type SetupForm, validateSetup } from '../../../src/domain/plan/setup.js';

const good: SetupForm = {
  name: ' FY27 Sales Kickoff ',
  day1: '2027-02-02',
  days: '3',
  hasDay0: true,
  timeZone: 'america/new_york',
  location: '',
  headcount: '1,240',
  budget: '$620,000',
  channelId: 'C1',
  gtmChallenge: 'low-belief',
  leads: { sko_lead: 'U1', content_lead: 'U2', logistics_lead: 'U2', communications_lead: 'U3', technology_lead: 'U4' },
  salesLeaders: ['U5', 'U5', 'U6'],
};
const today = '2026-11-20';

describe('validateSetup', () => {
  it('accepts a complete form and normalises it', () => {
    const result = validateSetup(good, { today });
    expect(result).toEqual({
      ok: true,
      input: {
        name: 'FY27 Sales Kickoff',
        day1: '2027-02-02',
        days: 3,
        hasDay0: true,
        timeZone: 'America/New_York',
        location: null,
        headcount: 1240,
        budgetCents: 62_000_000,
        channelId: 'C1',
        gtmChallenge: 'low-belief',
        leads: { sko_lead: 'U1', content_lead: 'U2', logistics_lead: 'U2', communications_lead: 'U3', technology_lead: 'U4' },
        salesLeaders: ['U5', 'U6'],
        // Left empty, reminders go out at the default hour.
        reminderTime: '09:00',
      },
    });
  });

  it('reports every bad field at once, each with what to do', () => {
    const result = validateSetup(
      {
        ...good,
        name: '  ',
        headcount: '0',
        budget: 'lots',
        channelId: undefined,
        gtmChallenge: 'vibes',
        timeZone: 'Mars/Olympus',
        reminderTime: '25:00',
        leads: { ...good.leads, sko_lead: undefined },
      },
      { today },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      name: 'Give the event a name, such as "FY27 Sales Kickoff".',
      timeZone: '"Mars/Olympus" is not a time zone; choose one from the list, such as America/New_York.',
      headcount: 'Enter the expected headcount as a whole number of people, such as 250.',
      budget: 'Enter the total budget as a positive amount in dollars, such as 250000, $250,000 or 250k.',
      channelId: 'Choose the channel where the SKO is announced and discussed.',
      gtmChallenge: 'Choose the core go-to-market challenge this SKO must address.',
      reminderTime: 'Pick the time reminders go out, such as 09:00.',
      sko_lead: 'Choose the SKO lead; one person may hold several roles.',
    });
  });

  it('rejects a day 1 in the past, or under 4 weeks away, for a new event', () => {
    const past = validateSetup({ ...good, day1: '2026-11-19' }, { today });
    expect(past.ok || past.errors.day1).toBe('Day 1 (2026-11-19) is in the past; pick a date after 2026-11-20.');
    const soon = validateSetup({ ...good, day1: '2026-12-10' }, { today });
    expect(soon.ok || soon.errors.day1).toMatch(/^Day 1 is only 3 weeks from the start of planning.*Move day 1 to 2026-12-14 or later\.$/);
    expect(validateSetup({ ...good, day1: '2026-12-14' }, { today }).ok).toBe(true);
  });

  it('lets an event that is already close be edited as long as day 1 stays put', () => {
    const existing = { day1: '2026-12-01', timeZone: 'America/New_York' };
    expect(validateSetup({ ...good, day1: '2026-12-01', location: 'Denver' }, { today, existing }).ok).toBe(true);
    const moved = validateSetup({ ...good, day1: '2026-12-02' }, { today, existing });
    expect(moved.ok).toBe(false);
  });

  it('holds names and headcounts to their limits', () => {
    const result = validateSetup({ ...good, name: 'x'.repeat(81), headcount: '100001', days: '9' }, { today });
    expect(result.ok || result.errors).toEqual({
      name: 'Keep the name to 80 characters or fewer (it has 81).',
      headcount: 'Enter a headcount of at most 100,000.',
      days: 'Choose between 1 and 7 event days.',
    });
  });
});

describe('parseAmountCents', () => {
  it.each([
    ['250000', 25_000_000],
    ['$250,000', 25_000_000],
    ['250k', 25_000_000],
    ['1.2m', 120_000_000],
    ['USD 99.99', 9_999],
    ['0', 0],
  ])('%s → %d cents', (text, cents) => {
    expect(parseAmountCents(text)).toBe(cents);
  });

  it.each(['', 'abc', '-5', '1,2,3x', '$'])('"%s" is not an amount', (text) => {
    expect(parseAmountCents(text)).toBeNull();
  });
});
