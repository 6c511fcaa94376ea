/**
 * Local calendar dates ('YYYY-MM-DD') with weekday arithmetic. Dates are counted in UTC
 * milliseconds, so no time zone or DST change can move a day; only atLocalTime (timeline.ts)
 * turns a date into an instant.
 */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** 00:00 UTC of the date, or null unless it is a real 'YYYY-MM-DD' date. */
function utcMs(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March and maps years 0–99 to the 1900s; comparing catches both.
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}

function mustMs(date: string): number {
  const ms = utcMs(date);
  if (ms === null) throw new Error(`"${date}" is not a real date in the form YYYY-MM-DD.`);
  return ms;
}

export function isCalendarDate(text: string): boolean {
  return utcMs(text) !== null;
}

export function addDays(date: string, days: number): string {
  return new Date(mustMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function isoWeekday(date: string): number {
  return (new Date(mustMs(date)).getUTCDay() + 6) % 7;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 5;
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
