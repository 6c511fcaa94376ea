/**
 * The definitions every analysis agent shares (PRODUCT §6): what a stage means, which period a deal
 * counts in, fiscal years and quarters, and the derived rates. Pure, and cheap enough to run a
 * million times per request.
 */
import { addDays, calendarMonth, calendarYear, dateOfDay, dayNumber, monthStart, monthsBetween, yearBefore } from '../domain/dates.js';
import type { PeopleRole } from '../domain/roles.js';
import type { Outcome } from '../domain/sales/deal-stages.js';
import type { QuotaKind } from '../domain/sales/quota-kinds.js';

// The agents and the demo data count days and months through their shared definitions; the
// arithmetic itself is the app's one date module.

/** An inclusive range of local dates, YYYY-MM-DD. ISO dates compare correctly as strings. */
export interface Period {
  from: string;
  to: string;
}

/** Data whose newest record is older than this many days is stale: the replies say so. */
export const STALE_AFTER_DAYS = 90;

/** Who owns nothing of a breakdown: a person with no team, a deal with no product. */
export const UNASSIGNED = '(none)';

/** A person as the agents see them. `key` is their email (what the CSVs and the JSON call them by). */
export interface Seller {
  id: number;
  key: string;
  name: string | null;
  role: PeopleRole;
  team: string | null;
  region: string | null;
  segment: string | null;
  title?: string | null;
  hireDate?: string | null;
  /** The day they left the company, when a people file says so. */
  leftOn?: string | null;
  /** Whom they report to: an overlay quota is measured over everyone below its holder. */
  managerId?: number | null;
  /**
   * False for someone the app knows only from Slack (an event lead, a person who ran a command):
   * not a rep, however their role defaults, until the sales data names them.
   */
  inSalesData?: boolean;
}

export interface QuotaFact {
  personId: number;
  period: Period;
  amountCents: number;
  /** As the quotas file said; null or absent follows the person's role (quotaKindOf). */
  kind?: QuotaKind | null;
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

/** Runs per deal, so it reads the year and month off the date's digits. */
export function fiscalYearOf(date: string, calendar: FiscalCalendar): number {
  const y = calendarYear(date);
  return calendar.startMonth === 1 || calendarMonth(date) < calendar.startMonth ? y : y + 1;
}

export function fiscalYearPeriod(fiscalYear: number, calendar: FiscalCalendar): Period {
  const startYear = calendar.startMonth === 1 ? fiscalYear : fiscalYear - 1;
  const from = `${startYear}-${String(calendar.startMonth).padStart(2, '0')}-01`;
  return { from, to: addDays(monthStart(from, 12), -1) };
}

/** The fiscal quarter (1–4) a date falls in. */
export function fiscalQuarterOf(date: string, calendar: FiscalCalendar): number {
  return Math.floor(((calendarMonth(date) - calendar.startMonth + 12) % 12) / 3) + 1;
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
  const start = monthStart(from, (quarter - 1) * 3);
  return { from: start, to: addDays(monthStart(start, 3), -1) };
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

/** The same dates a year earlier, for tracking a new year's first weeks against last year's (29 Feb becomes 28 Feb). */
export function sameDatesLastYear(period: Period): Period {
  return { from: yearBefore(period.from), to: yearBefore(period.to) };
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
  if (!period.from.endsWith('-01') || !dateOfDay(dayNumber(period.to) + 1).endsWith('-01')) return null;
  return monthsBetween(period.from, period.to) + 1;
}

/**
 * Whole units of `unit` for each value, adding up to exactly `total` (a whole number of units):
 * each value's whole units, then one more for the largest remainders until the total is met (ties
 * go to the earlier value). Rounding each value alone would leave the sum short or over.
 */
export function largestRemainder(values: readonly number[], total: number, unit: number): number[] {
  const whole = values.map((v) => Math.floor(v / unit));
  let missing = Math.round(total / unit) - whole.reduce((a, b) => a + b, 0);
  const byRemainder = values.map((v, i) => ({ i, rest: v / unit - (whole[i] as number) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    whole[i] = (whole[i] as number) + 1;
    missing -= 1;
  }
  return whole.map((w) => w * unit);
}
