import { describe, expect, it } from 'vitest';
import {
  addDays,
  atLocalTime,
  daysBetween,
  formatCalendarDate,
  formatZoned,
  isCalendarDate,
  isoWeekday,
  isoWeekStart,
  isWeekend,
  localDate,
  monthStart,
  monthsBetween,
  weekdayBefore,
  weekdayOnOrAfter,
  weekdaysAfter,
  yearBefore,
} from '../../src/domain/dates.js';

describe('local calendar dates', () => {
  it('parses strictly: real YYYY-MM-DD dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    for (const text of [
      '2026-02-30',
      '2023-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-04-31',
      '0099-01-01',
      '0000-01-01',
      '2026-1-5',
      '20260105',
      '2026-01-05T00:00',
      ' 2026-01-05',
      '',
    ]) {
      expect(isCalendarDate(text), text).toBe(false);
    }
    expect(() => addDays('2026-02-30', 1)).toThrow(/not a real calendar date/);
  });

  it('counts days across month ends, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
    // The US clocks go forward on 8 March 2026: calendar days do not notice.
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
  });

  it('numbers weekdays as ISO 8601 does: Monday 1 … Sunday 7', () => {
    expect(isoWeekday('2026-11-30')).toBe(1); // a Monday
    expect(isoWeekday('2026-11-29')).toBe(7); // a Sunday
    expect(isWeekend('2026-11-28')).toBe(true);
    expect(isWeekend('2026-11-27')).toBe(false);
    expect(isoWeekStart('2026-11-29')).toBe('2026-11-23');
    expect(isoWeekStart('2026-11-30')).toBe('2026-11-30');
    expect(weekdayOnOrAfter('2026-11-28')).toBe('2026-11-30');
    expect(weekdayBefore('2026-11-30')).toBe('2026-11-27');
  });

  it('steps by months to the first of the month, and keeps a year back inside February', () => {
    expect(monthStart('2026-01-31', 1)).toBe('2026-02-01');
    expect(monthStart('2026-11-15', 3)).toBe('2027-02-01');
    expect(monthStart('2026-01-15', -1)).toBe('2025-12-01');
    expect(monthsBetween('2025-11-30', '2026-02-01')).toBe(3);
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
    expect(yearBefore('2027-03-01')).toBe('2026-03-01');
  });

  it('formats a date through dayjs', () => {
    expect(formatCalendarDate('2027-02-02', 'ddd D MMM YYYY')).toBe('Tue 2 Feb 2027');
  });
});

describe('instants in a time zone', () => {
  it('reads the local date and crosses DST as the timeline does', () => {
    expect(localDate(new Date('2026-11-30T04:59:00Z'), 'America/New_York')).toBe('2026-11-29');
    expect(localDate(new Date('2026-11-30T05:00:00Z'), 'America/New_York')).toBe('2026-11-30');
    // 02:30 does not exist on 8 March 2026 in New York: it moves forward by the gap.
    expect(atLocalTime('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 1 November 2026: the first one.
    expect(atLocalTime('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(formatZoned(new Date('2026-11-30T14:00:00Z'), 'America/New_York', 'ddd D MMM YYYY HH:mm')).toBe('Mon 30 Nov 2026 09:00 EST');
  });
});

// 2026-03-06 is a Friday, 2026-03-07 a Saturday, 2026-03-09 a Monday.
describe('weekdays between two dates', () => {
  it('lists the weekdays after one date up to and including another', () => {
    expect(weekdaysAfter('2026-03-05', '2026-03-10')).toEqual(['2026-03-06', '2026-03-09', '2026-03-10']);
    expect(weekdaysAfter('2026-03-06', '2026-03-06')).toEqual([]);
    expect(weekdaysAfter('2026-03-06', '2026-03-08')).toEqual([]);
  });
});
