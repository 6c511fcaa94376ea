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

describe('validateSetup at its limits', () => {
  const errorsOf = (over: Partial<SetupForm>) => {
    const result = validateSetup({ ...good, ...over }, { today });
    return result.ok ? {} : result.errors;
  };

  it('takes exactly the longest name and location, and the first and last allowed day counts', () => {
    expect(errorsOf({ name: 'x'.repeat(80), location: 'y'.repeat(150), days: '1' })).toEqual({});
    expect(errorsOf({ days: '7' })).toEqual({});
    expect(errorsOf({ location: 'y'.repeat(151) })).toEqual({ location: 'Keep the location to 150 characters or fewer.' });
    for (const days of ['0', '8', '2.5']) expect(errorsOf({ days }), days).toEqual({ days: 'Choose between 1 and 7 event days.' });
  });

  it('assumes three days when none are given', () => {
    const result = validateSetup({ ...good, days: ' ' }, { today });
    expect(result.ok && result.input.days).toBe(3);
  });

  it('takes one person and 100,000 people, and nothing that is not a whole number of at least one', () => {
    expect(errorsOf({ headcount: '1' })).toEqual({});
    expect(errorsOf({ headcount: '100,000' })).toEqual({});
    for (const headcount of ['0', 'x12', '12x', '-3'])
      expect(errorsOf({ headcount }), headcount).toEqual({ headcount: 'Enter the expected headcount as a whole number of people, such as 250.' });
  });

  it('needs a budget above zero, a time zone, a day 1 written as a date, and a reminder time written HH:mm', () => {
    expect(errorsOf({ budget: '0', timeZone: ' ', day1: 'x2027-02-02', reminderTime: '09:00x' })).toEqual({
      budget: 'Enter the total budget as a positive amount in dollars, such as 250000, $250,000 or 250k.',
      timeZone: 'Choose the time zone the event runs in.',
      day1: 'Pick the date of day 1.',
      reminderTime: 'Pick the time reminders go out, such as 09:00.',
    });
    expect(errorsOf({ day1: '2027-02-02x', reminderTime: 'x09:00' })).toEqual({
      day1: 'Pick the date of day 1.',
      reminderTime: 'Pick the time reminders go out, such as 09:00.',
    });
  });

  it('a day 1 of today is not in the past, only too soon', () => {
    expect(errorsOf({ day1: today }).day1).toMatch(/^Day 1 is in the same week planning starts;/);
  });

  it('re-checks the lead time when the time zone of an existing event changes', () => {
    const existing = { day1: '2026-12-01', timeZone: 'America/New_York' };
    expect(validateSetup({ ...good, day1: '2026-12-01', timeZone: 'Europe/Berlin' }, { today, existing }).ok).toBe(false);
  });

  it('keeps sales leaders once each, trimmed, without blanks', () => {
    const result = validateSetup({ ...good, salesLeaders: [' U5 ', 'U5', '', '  '] }, { today });
    expect(result.ok && result.input.salesLeaders).toEqual(['U5']);
    const none = validateSetup({ ...good, salesLeaders: undefined }, { today });
    expect(none.ok && none.input.salesLeaders).toEqual([]);
  });
});

describe('parseAmountCents with a currency', () => {
  it('drops USD on either side, and only there', () => {
    expect(parseAmountCents('usd100')).toBe(10_000);
    expect(parseAmountCents('100 USD')).toBe(10_000);
    expect(parseAmountCents('100usd')).toBe(10_000);
    expect(parseAmountCents('1usd00')).toBeNull();
    expect(parseAmountCents('x$100')).toBeNull();
  });
});
