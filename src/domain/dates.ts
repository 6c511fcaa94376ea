/**
 * The app's date computations, on dayjs set up once here. Local calendar dates are
 * 'YYYY-MM-DD' strings, counted in UTC so no time zone or DST change can move a day; instants are
 * Dates. Only localDate, localTime and atLocalTime cross between the two, in an IANA time zone.
 */
import dayjs, { type Dayjs } from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(isoWeek);

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

// ── local calendar dates ─────────────────────────────────────────────────────────────────────

/**
 * 00:00 UTC of the date, or null unless it is a real 'YYYY-MM-DD' date. dayjs rolls 2026-02-30
 * over to March and maps years 0–99 to the 1900s, so the fields must read back as written: the
 * check customParseFormat's strict mode makes, without its per-call parser and format().
 */
function parse(date: string): Dayjs | null {
  if (typeof date !== 'string' || !DATE_RE.test(date)) return null;
  const day = dayjs.utc(date);
  return day.year() === calendarYear(date) && day.month() + 1 === calendarMonth(date) && day.date() === digits(date, 8, 10) ? day : null;
}

/**
 * The 'YYYY-MM-DD' of a UTC dayjs, read off its ISO string: format() costs four times
 * as much, and calendar loops (the plan's weeks, the communications calendar) run this per day.
 */
function iso(day: Dayjs): string {
  return day.toISOString().slice(0, 10);
}

/** The date as a dayjs at 00:00 UTC; throws unless it is a real 'YYYY-MM-DD' date. */
function calendarDay(date: string, what = 'date'): Dayjs {
  const day = parse(date);
  if (!day) throw new Error(`The ${what} "${date}" is not a real calendar date in the form YYYY-MM-DD.`);
  return day;
}

/** Throws unless the date is a real 'YYYY-MM-DD' date, naming what it is in the message. */
export function assertCalendarDate(date: string, what: string): void {
  calendarDay(date, what);
}

export function isCalendarDate(text: string): boolean {
  return parse(text) !== null;
}

export function addDays(date: string, days: number): string {
  return iso(calendarDay(date).add(days, 'day'));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return calendarDay(to).diff(calendarDay(from), 'day');
}

/** ISO 8601's weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return calendarDay(date).isoWeekday();
}

/** The Monday of the date's ISO week. */
export function isoWeekStart(date: string): string {
  return iso(calendarDay(date).startOf('isoWeek'));
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** The date itself when it is a weekday, else the Monday after. */
export function weekdayOnOrAfter(date: string): string {
  let d = date;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** The last weekday strictly before the date. */
export function weekdayBefore(date: string): string {
  let d = addDays(date, -1);
  while (isWeekend(d)) d = addDays(d, -1);
  return d;
}

/** The weekdays strictly after `from`, up to and including `to`, in order. */
export function weekdaysAfter(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    if (!isWeekend(d)) out.push(d);
  }
  return out;
}

/** The first day of the month `months` after the date's month. */
export function monthStart(date: string, months = 0): string {
  return iso(calendarDay(date).startOf('month').add(months, 'month'));
}

/** Whole months from the month of `from` to the month of `to` (0 when the same month); read off the digits, as quotas are prorated per rep and month. */
export function monthsBetween(from: string, to: string): number {
  return (calendarYear(to) - calendarYear(from)) * 12 + calendarMonth(to) - calendarMonth(from);
}

/** The same date a year earlier; 29 February becomes 28 February. */
export function yearBefore(date: string): string {
  return iso(calendarDay(date).subtract(1, 'year'));
}

/**
 * Days since 1970-01-01 and back (Howard Hinnant's days_from_civil and civil_from_days), for the
 * agents' folds, which count days per deal over a million deals: integer arithmetic on the digits,
 * without allocating, runs at about a twentieth of the cost of dayjs.utc(date).
 */
export function dayNumber(date: string): number {
  const y0 = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The 'YYYY-MM-DD' date of a day number (the inverse of dayNumber). */
export function dateOfDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${yoe + era * 400 + (m <= 2 ? 1 : 0)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The year of a 'YYYY-MM-DD' date, read off its digits: the folds call this per deal. */
export function calendarYear(date: string): number {
  return digits(date, 0, 4);
}

/** The month (1–12) of a 'YYYY-MM-DD' date, read off its digits. */
export function calendarMonth(date: string): number {
  return digits(date, 5, 7);
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

// ── time zones ───────────────────────────────────────────────────────────────────────────────

// One cached Intl formatter per zone, and offsets read through it; dayjs only formats the result.
// dayjs's timezone plugin would do the conversions, but its .tz() builds a new Intl formatter on
// every call (~1 ms each, ~35 ms per timeline) while these run per task per request, and its
// wall-time parser resolves a repeated time by the offset in force today, not on that date.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZoneName: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  // Intl also accepts offsets such as '+01:00' on some Node versions; PRODUCT §2 asks for IANA names.
  if (typeof tz !== 'string' || !/^[A-Za-z]/.test(tz)) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export function assertTimeZone(tz: string): void {
  if (!isValidTimeZone(tz)) {
    throw new Error(`"${tz}" is not a time zone SKO Conductor knows; use an IANA name such as America/New_York.`);
  }
}

/** UTC offset in minutes at an instant, read through Intl (independent of the host's zone). */
function offsetMinutes(ms: number, tz: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms))) fields[part.type] = Number(part.value);
  const wall = Date.UTC(fields.year ?? NaN, (fields.month ?? NaN) - 1, fields.day ?? NaN, fields.hour ?? NaN, fields.minute ?? NaN, fields.second ?? NaN);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The instant's wall clock in the zone, as a UTC dayjs to format. */
function wallClock(instant: Date, timeZone: string, caller: string): Dayjs {
  assertTimeZone(timeZone);
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new Error(`${caller} needs a valid instant.`);
  return dayjs.utc(ms + offsetMinutes(ms, timeZone) * 60_000);
}

/** The calendar date at that instant in that zone. */
export function localDate(instant: Date, timeZone: string): string {
  return iso(wallClock(instant, timeZone, 'localDate'));
}

/** The wall-clock time ('HH:mm') at that instant in that zone. */
export function localTime(instant: Date, timeZone: string): string {
  return wallClock(instant, timeZone, 'localTime').format('HH:mm');
}

/**
 * The instant of a wall-clock time on a local date. A time repeated when clocks go back resolves
 * to its first occurrence; a time skipped when clocks go forward moves forward by the gap
 * (so 00:00 on a day whose midnight does not exist is that day's first instant).
 */
export function atLocalTime(date: string, time: string, timeZone: string): Date {
  assertTimeZone(timeZone);
  const t = TIME_RE.exec(time);
  if (!t) throw new Error(`The time "${time}" is not a time in the form HH:mm.`);
  const wall = calendarDay(date).valueOf() + (Number(t[1]) * 60 + Number(t[2])) * 60_000;
  // At most one offset change lies within a day of any wall time, so these are the candidates.
  const before = offsetMinutes(wall - DAY_MS, timeZone);
  const after = offsetMinutes(wall + DAY_MS, timeZone);
  const matches = [before, after].map((o) => wall - o * 60_000).filter((ms) => wall - ms === offsetMinutes(ms, timeZone) * 60_000);
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(wall - before * 60_000);
}

// ── formatting ───────────────────────────────────────────────────────────────────────────────

/** An instant in a dayjs format as read in the zone, then the zone's short name: 'Mon 30 Nov 2026 09:00 EST'. */
export function formatZoned(instant: Date, timeZone: string, format: string): string {
  const wall = wallClock(instant, timeZone, 'formatZoned').format(format);
  return `${wall} ${
    formatter(timeZone)
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  }`;
}

/** A local date in a dayjs format, e.g. 'ddd D MMM YYYY' → 'Tue 2 Feb 2027'. */
export function formatCalendarDate(date: string, format: string): string {
  return calendarDay(date).format(format);
}
