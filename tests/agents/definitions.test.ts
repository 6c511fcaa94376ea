import { describe, expect, it } from 'vitest';
import {
  countsIn,
  fiscalQuarterOf,
  fiscalYearOf,
  fiscalYearPeriod,
  proratedCents,
  quarterKeyOf,
  quartersIn,
  ratio,
  sameDatesLastYear,
  winRate,
} from '../../src/agents/definitions.js';
import { dateOfDay, dayNumber } from '../../src/domain/dates.js';
import { outcomeOf } from '../../src/domain/sales/deal-stages.js';

describe('stages', () => {
  it('reads won, lost and open exactly as PRODUCT §6 spells them, in any case', () => {
    for (const s of ['won', 'Won', 'closed won', 'Closed Won', 'CLOSED-WON', 'closed_won', ' Closed won ']) expect(outcomeOf(s), s).toBe('won');
    for (const s of ['lost', 'LOST', 'closed lost', 'Closed Lost', 'closed-lost', 'Closed_Lost']) expect(outcomeOf(s), s).toBe('lost');
    for (const s of ['Prospecting', 'Negotiation', 'closedwon', 'won back', 'closed  won', 'Closed Won - Pending']) expect(outcomeOf(s), s).toBe('open');
  });
});

describe('periods', () => {
  const fy2017 = { from: '2017-01-01', to: '2017-12-31' };

  it('counts closed deals by close date and open deals by expected close date, else by creation', () => {
    expect(countsIn({ outcome: 'won', closeDate: '2017-12-31', createdDate: null }, fy2017)).toBe(true);
    expect(countsIn({ outcome: 'lost', closeDate: '2018-01-01', createdDate: '2017-03-01' }, fy2017)).toBe(false);
    expect(countsIn({ outcome: 'open', closeDate: '2018-02-01', createdDate: '2017-03-01' }, fy2017)).toBe(false);
    expect(countsIn({ outcome: 'open', closeDate: null, createdDate: '2017-03-01' }, fy2017)).toBe(true);
    expect(countsIn({ outcome: 'open', closeDate: null, createdDate: '2018-01-02' }, fy2017)).toBe(false);
    expect(countsIn({ outcome: 'open', closeDate: null, createdDate: null }, fy2017)).toBe(true);
  });

  it('numbers days across leap years and centuries like the calendar does', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
    expect(dayNumber('2100-03-01') - dayNumber('2100-02-28')).toBe(1);
    expect(dayNumber('2017-05-10') - dayNumber('2017-03-01')).toBe(70);
    expect(dateOfDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
  });

  it('names fiscal years by the calendar year they end in, with the first month as a setting', () => {
    const feb = { startMonth: 2 };
    expect(fiscalYearOf('2026-01-31', feb)).toBe(2026);
    expect(fiscalYearOf('2026-02-01', feb)).toBe(2027);
    expect(fiscalYearPeriod(2027, feb)).toEqual({ from: '2026-02-01', to: '2027-01-31' });
    expect(fiscalYearPeriod(2024, { startMonth: 3 })).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(fiscalYearPeriod(2017, { startMonth: 1 })).toEqual(fy2017);
    expect(fiscalQuarterOf('2026-04-30', feb)).toBe(1);
    expect(quarterKeyOf('2026-05-01', feb)).toBe('FY2027-Q2');
    expect(quarterKeyOf('2027-01-15', feb)).toBe('FY2027-Q4');
  });

  it('lists the quarters a period touches, clipped to it', () => {
    expect(quartersIn({ from: '2017-02-15', to: '2017-08-10' }, { startMonth: 1 })).toEqual([
      { key: 'FY2017-Q1', period: { from: '2017-02-15', to: '2017-03-31' } },
      { key: 'FY2017-Q2', period: { from: '2017-04-01', to: '2017-06-30' } },
      { key: 'FY2017-Q3', period: { from: '2017-07-01', to: '2017-08-10' } },
    ]);
    expect(quartersIn({ from: '2026-12-01', to: '2027-03-31' }, { startMonth: 2 }).map((q) => q.key)).toEqual(['FY2027-Q4', 'FY2028-Q1']);
  });

  it('prorates quotas by whole months where it can, else by days', () => {
    const year = { from: '2017-01-01', to: '2017-12-31' };
    expect(proratedCents(10_000_000, year, { from: '2017-01-01', to: '2017-03-31' })).toBe(2_500_000);
    expect(proratedCents(10_000_000, year, { from: '2017-07-01', to: '2018-06-30' })).toBe(5_000_000);
    expect(proratedCents(10_000_000, year, { from: '2018-01-01', to: '2018-12-31' })).toBe(0);
    // 15 Jan – 14 Feb is 31 days, of which 1–14 Feb (14 days) are in February.
    expect(proratedCents(3_100, { from: '2017-01-15', to: '2017-02-14' }, { from: '2017-02-01', to: '2017-02-28' })).toBe(1_400);
  });

  it('finds the same dates a year earlier, for tracking a new year against the last', () => {
    expect(sameDatesLastYear({ from: '2027-01-01', to: '2027-01-28' })).toEqual({ from: '2026-01-01', to: '2026-01-28' });
    expect(sameDatesLastYear({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  });

  it('leaves the win rate undefined, not 0, when nothing closed', () => {
    expect(winRate(0, 0)).toBeNull();
    expect(winRate(0, 3)).toBe(0);
    expect(winRate(2, 1)).toBeCloseTo(2 / 3, 12);
  });
});

describe('period edges', () => {
  const q1 = { from: '2017-01-01', to: '2017-03-31' };

  it('counts a deal closed on the first or last day, and an open one created on the last day; a closed deal needs a close date', () => {
    expect(countsIn({ outcome: 'won', closeDate: '2017-01-01', createdDate: null }, q1)).toBe(true);
    expect(countsIn({ outcome: 'won', closeDate: '2016-12-31', createdDate: null }, q1)).toBe(false);
    expect(countsIn({ outcome: 'open', closeDate: null, createdDate: '2017-03-31' }, q1)).toBe(true);
    expect(countsIn({ outcome: 'won', closeDate: null, createdDate: '2017-02-01' }, q1)).toBe(false);
  });

  it('turns every day number back into its calendar date, across leap days and centuries', () => {
    const mismatches: string[] = [];
    for (let day = dayNumber('1896-01-01'); day <= dayNumber('2104-12-31'); day += 1) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (dateOfDay(day) !== expected) mismatches.push(expected);
    }
    expect(mismatches).toEqual([]);
  });

  it('includes a quarter the period only touches on its first day, and clips the first and last', () => {
    expect(quartersIn({ from: '2017-03-31', to: '2017-04-01' }, { startMonth: 1 })).toEqual([
      { key: 'FY2017-Q1', period: { from: '2017-03-31', to: '2017-03-31' } },
      { key: 'FY2017-Q2', period: { from: '2017-04-01', to: '2017-04-01' } },
    ]);
    expect(quartersIn(q1, { startMonth: 1 })).toEqual([{ key: 'FY2017-Q1', period: q1 }]);
  });

  it('prorates by days when the shared part or the quota is not whole months, and gives a one-day overlap its day', () => {
    const year = { from: '2017-01-01', to: '2017-12-31' };
    expect(proratedCents(36_500, year, { from: '2017-01-01', to: '2017-01-30' })).toBe(3_000);
    expect(proratedCents(36_500, year, { from: '2017-12-31', to: '2018-01-31' })).toBe(100);
    // 15 Jan – 31 Mar is 76 days; February and March, though whole months, are 59 of them.
    expect(proratedCents(7_600, { from: '2017-01-15', to: '2017-03-31' }, { from: '2017-02-01', to: '2017-03-31' })).toBe(5_900);
    // A nine-month quota that starts after the period does: all of it falls inside.
    expect(proratedCents(9_000, { from: '2017-04-01', to: '2017-12-31' }, year)).toBe(9_000);
    expect(proratedCents(9_000, { from: '2017-04-01', to: '2017-12-31' }, { from: '2017-01-01', to: '2017-03-31' })).toBe(0);
    // Years apart, by months or by days: nothing, never a negative share.
    expect(proratedCents(9_000, { from: '2015-01-01', to: '2015-12-31' }, year)).toBe(0);
    expect(proratedCents(9_000, { from: '2015-01-05', to: '2015-12-20' }, { from: '2017-02-03', to: '2017-05-09' })).toBe(0);
  });

  it('divides, or says there is nothing to divide by', () => {
    expect(ratio(6, 3)).toBe(2);
    expect(ratio(6, 0)).toBeNull();
    expect(ratio(0, 4)).toBe(0);
  });
});
