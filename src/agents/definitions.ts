/**
 * The definitions every analysis agent shares (PRODUCT §6): what a stage means, which period a deal
 * counts in, fiscal years and quarters, and the derived rates. Pure, and cheap enough to run a
 * million times per request.
 */
import type { Outcome } from '../domain/sales/deal-stages.js';

/** An inclusive range of local dates, YYYY-MM-DD. ISO dates compare correctly as strings. */
export interface Period {
  from: string;
  to: string;
}

/** The deal facts the agents read: one row of `deals`, already classified. */
export interface DealFact {
  ownerId: number;
  outcome: Outcome;
  /** Whole cents; null when the CRM had no amount. */
  amountCents: number | null;
  segment: string | null;
  product: string | null;
  createdDate: string | null;
  /** When won or lost: the day it closed. When open: the expected close date, if the CRM has one. */
  closeDate: string | null;
}

/**
 * Whether a deal counts in the period: won and lost deals in the period their close date falls in;
 * open deals in the period of their expected close date, and with none, in every period that ends
 * on or after the deal was created (the export is a snapshot of what is open now).
 */
export function countsIn(deal: Pick<DealFact, 'outcome' | 'closeDate' | 'createdDate'>, period: Period): boolean {
  const close = deal.closeDate;
  if (close !== null) return close >= period.from && close <= period.to;
  return deal.outcome === 'open' && (deal.createdDate === null || deal.createdDate <= period.to);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date, without allocating a Date (Howard Hinnant's days_from_civil). */
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

/** The YYYY-MM-DD date of a day number (the inverse of dayNumber: civil_from_days). */
export function dateOfDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${yoe + era * 400 + (m <= 2 ? 1 : 0)}-${pad(m)}-${pad(d)}`;
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** Days in an inclusive period. */
function periodDays(period: Period): number {
  return dayNumber(period.to) - dayNumber(period.from) + 1;
}

/**
 * The fiscal calendar: the year starts on the first day of `startMonth` (1 = January) and is named
 * by the calendar year it ends in, so with a February start FY2027 runs 1 Feb 2026 – 31 Jan 2027.
 */
export interface FiscalCalendar {
  startMonth: number;
}

export function fiscalYearOf(date: string, calendar: FiscalCalendar): number {
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  return calendar.startMonth === 1 || m < calendar.startMonth ? y : y + 1;
}

export function fiscalYearPeriod(fiscalYear: number, calendar: FiscalCalendar): Period {
  const startYear = calendar.startMonth === 1 ? fiscalYear : fiscalYear - 1;
  const from = `${startYear}-${pad(calendar.startMonth)}-01`;
  return { from, to: dateOfDay(dayNumber(`${startYear + 1}-${pad(calendar.startMonth)}-01`) - 1) };
}

/** The fiscal quarter (1–4) a date falls in. */
export function fiscalQuarterOf(date: string, calendar: FiscalCalendar): number {
  const m = digits(date, 5, 7);
  return Math.floor(((m - calendar.startMonth + 12) % 12) / 3) + 1;
}

/** `FY2027-Q1`. */
export function quarterKey(fiscalYear: number, quarter: number): string {
  return `FY${fiscalYear}-Q${quarter}`;
}

export function quarterKeyOf(date: string, calendar: FiscalCalendar): string {
  return quarterKey(fiscalYearOf(date, calendar), fiscalQuarterOf(date, calendar));
}

export function fiscalQuarterPeriod(fiscalYear: number, quarter: number, calendar: FiscalCalendar): Period {
  const { from } = fiscalYearPeriod(fiscalYear, calendar);
  const start = addMonths(from, (quarter - 1) * 3);
  return { from: start, to: dateOfDay(dayNumber(addMonths(start, 3)) - 1) };
}

/** The fiscal quarters a period touches, in order, each clipped to the period. */
export function quartersIn(period: Period, calendar: FiscalCalendar): { key: string; period: Period }[] {
  const out: { key: string; period: Period }[] = [];
  let fy = fiscalYearOf(period.from, calendar);
  let q = fiscalQuarterOf(period.from, calendar);
  for (;;) {
    const full = fiscalQuarterPeriod(fy, q, calendar);
    if (full.from > period.to) return out;
    out.push({ key: quarterKey(fy, q), period: { from: full.from < period.from ? period.from : full.from, to: full.to > period.to ? period.to : full.to } });
    if (q === 4) {
      fy += 1;
      q = 1;
    } else q += 1;
  }
}

/** The first day of the month `months` after the month of `date`. */
export function addMonths(date: string, months: number): string {
  const index = digits(date, 0, 4) * 12 + digits(date, 5, 7) - 1 + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

/** Months from the month of `a` to the month of `b` (0 when the same month). */
export function monthsBetween(a: string, b: string): number {
  return digits(b, 0, 4) * 12 + digits(b, 5, 7) - (digits(a, 0, 4) * 12 + digits(a, 5, 7));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The same dates a year earlier, for tracking a new year's first weeks against last year's (29 Feb becomes 28 Feb). */
export function sameDatesLastYear(period: Period): Period {
  const back = (date: string) => {
    const shifted = `${digits(date, 0, 4) - 1}${date.slice(4)}`;
    return shifted.endsWith('-02-29') ? `${shifted.slice(0, 8)}28` : shifted;
  };
  return { from: back(period.from), to: back(period.to) };
}

/** Win rate: won ÷ (won + lost); undefined (null), not 0, when nothing closed. */
export function winRate(won: number, lost: number): number | null {
  return won + lost === 0 ? null : won / (won + lost);
}

/** a ÷ b, or null when b is zero: an average of nothing, or attainment against no quota. */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/**
 * A quota of `amountCents` for `quotaPeriod`, prorated to the part inside `period`: by whole
 * months when both are whole months (an annual quota gives each quarter exactly a quarter), else by days.
 */
export function proratedCents(amountCents: number, quotaPeriod: Period, period: Period): number {
  const shared: Period = { from: quotaPeriod.from > period.from ? quotaPeriod.from : period.from, to: quotaPeriod.to < period.to ? quotaPeriod.to : period.to };
  if (shared.from > shared.to) return 0;
  const months = wholeMonths(shared);
  const quotaMonths = wholeMonths(quotaPeriod);
  if (months !== null && quotaMonths !== null) return (amountCents * months) / quotaMonths;
  return (amountCents * periodDays(shared)) / periodDays(quotaPeriod);
}

/** How many calendar months a period spans when it starts on a 1st and ends on a month's last day; else null. */
function wholeMonths(period: Period): number | null {
  if (digits(period.from, 8, 10) !== 1 || addMonths(period.to, 1) !== dateOfDay(dayNumber(period.to) + 1)) return null;
  return monthsBetween(period.from, period.to) + 1;
}
