import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate, isoWeekday, isWeekend, weekdayBefore, weekdayOnOrAfter, weekdaysAfter } from '../../src/domain/dates.js';

// 2026-03-06 is a Friday, 2026-03-07 a Saturday, 2026-03-09 a Monday.
describe('calendar dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const text of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-5', '2026-01-05T00:00', ' 2026-01-05', 'today', '0099-01-01x'])
      expect(isCalendarDate(text), text).toBe(false);
    // Years 0–99 would be read as 1900–1999, so they are refused rather than moved.
    expect(isCalendarDate('0099-01-01')).toBe(false);
    expect(isCalendarDate('1999-12-31')).toBe(true);
  });

  it('adds days across months, leap days and years, both ways', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-06', 0)).toBe('2026-03-06');
    expect(() => addDays('2026-02-30', 1)).toThrow('"2026-02-30" is not a real date in the form YYYY-MM-DD.');
  });

  it('numbers weekdays from Monday 0 to Sunday 6 and knows the weekend', () => {
    expect(['2026-03-09', '2026-03-06', '2026-03-07', '2026-03-08'].map(isoWeekday)).toEqual([0, 4, 5, 6]);
    expect(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'].map(isWeekend)).toEqual([false, true, true, false]);
  });

  it('moves a weekend date to the Monday after, and finds the last weekday before a date', () => {
    expect(weekdayOnOrAfter('2026-03-06')).toBe('2026-03-06');
    expect(weekdayOnOrAfter('2026-03-07')).toBe('2026-03-09');
    expect(weekdayOnOrAfter('2026-03-08')).toBe('2026-03-09');
    expect(weekdayBefore('2026-03-09')).toBe('2026-03-06');
    expect(weekdayBefore('2026-03-10')).toBe('2026-03-09');
  });

  it('lists the weekdays after one date up to and including another', () => {
    expect(weekdaysAfter('2026-03-05', '2026-03-10')).toEqual(['2026-03-06', '2026-03-09', '2026-03-10']);
    expect(weekdaysAfter('2026-03-06', '2026-03-06')).toEqual([]);
    expect(weekdaysAfter('2026-03-06', '2026-03-08')).toEqual([]);
  });
});
