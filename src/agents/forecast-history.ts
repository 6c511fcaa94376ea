import { calendarMonth } from '../domain/dates.js';
import { type FiscalCalendar, fiscalQuarterOf, fiscalQuarterPeriod, fiscalYearOf, type Period, quarterKey } from './definitions.js';

/**
 * The forecaster's history: every fiscal quarter from the one the data starts in to today's, which
 * of them are full, and the seasonality the full ones support.
 */

export interface HistoryQuarter {
  key: string;
  period: Period;
  wonRevenue: number;
  wonCount: number;
  lostCount: number;
  /**
   * Full quarters feed the seasonality and the base. Partial: the data starts (or ends) inside it;
   * in progress: today's; after the data: between the last close and today's quarter.
   */
  status: 'full' | 'partial' | 'in progress' | 'after the data';
}

export interface SeasonalityIndex {
  quarter: number;
  index: number;
  /** The full quarters this position's index is averaged over, e.g. ["FY2016-Q1", "FY2017-Q1"]. */
  basis: string[];
}

export interface Seasonality {
  kind: 'measured' | 'flat';
  reason: string;
  indices: SeasonalityIndex[];
}

export interface ClosedTotals {
  cents: number;
  lostCents: number;
  won: number;
  lost: number;
}

/** A season needs this many years of each fiscal quarter: one year's Q3 is one quarter, not a pattern. */
const SEASON_YEARS = 2;

const money = (cents: number): number => Math.round(cents) / 100;

/**
 * From the quarter of the first close to today's. The data starts or ends inside a quarter when its
 * first close falls after the quarter's first month, or its last close before the quarter's last
 * month: that quarter is partial. Quarters after the last close, before today's, are after the data.
 */
export function historyQuarters(
  closes: { first: string; last: string } | null,
  today: string,
  calendar: FiscalCalendar,
  quarters: Map<number, ClosedTotals>,
): HistoryQuarter[] {
  if (closes === null) return [];
  const out: HistoryQuarter[] = [];
  let fy = fiscalYearOf(closes.first, calendar);
  let q = fiscalQuarterOf(closes.first, calendar);
  const monthOf = (date: string) => (calendarMonth(date) - calendar.startMonth + 12) % 3;
  for (;;) {
    const period = fiscalQuarterPeriod(fy, q, calendar);
    if (period.from > today) return out;
    const w = quarters.get(fy * 4 + q - 1);
    let status: HistoryQuarter['status'] = 'full';
    if (period.to >= today) status = 'in progress';
    else if (period.from > closes.last) status = 'after the data';
    else if (closes.first >= period.from && monthOf(closes.first) > 0) status = 'partial';
    else if (closes.last <= period.to && monthOf(closes.last) < 2) status = 'partial';
    out.push({ key: quarterKey(fy, q), period, wonRevenue: money(w?.cents ?? 0), wonCount: w?.won ?? 0, lostCount: w?.lost ?? 0, status });
    if (q === 4) {
      fy += 1;
      q = 1;
    } else q += 1;
  }
}

/**
 * Each quarter position's average won revenue over its full quarters, divided by the average of
 * the four positions' averages (so the indices average 1). Flat until every position has full
 * quarters from two years.
 */
export function seasonalityOf(full: HistoryQuarter[]): Seasonality {
  const positions = [1, 2, 3, 4].map((n) => full.filter((q) => q.key.endsWith(`-Q${n}`)));
  const flat = (reason: string) => ({
    kind: 'flat' as const,
    reason,
    indices: positions.map((p, i) => ({ quarter: i + 1, index: 1, basis: p.map((q) => q.key) })),
  });
  const short = positions.map((p, i) => [i + 1, p.length] as const).filter(([, n]) => n < SEASON_YEARS);
  if (short.length) {
    const which = short.map(([quarter, n]) => `Q${quarter} ${n}`).join(', ');
    return flat(`a season needs ${SEASON_YEARS} full years of each fiscal quarter, and the full quarters are fewer (${which}): the plan is split evenly`);
  }
  const means = positions.map((p) => p.reduce((s, q) => s + q.wonRevenue, 0) / p.length);
  const overall = means.reduce((s, m) => s + m, 0) / 4;
  if (overall === 0) return flat('no won revenue in the full quarters: the plan is split evenly');
  return {
    kind: 'measured',
    reason: `average won revenue of each fiscal quarter over ${full.length} full quarters, against the average quarter`,
    indices: positions.map((p, i) => ({ quarter: i + 1, index: (means[i] as number) / overall, basis: p.map((q) => q.key) })),
  };
}

export function shortHistoryOf(history: HistoryQuarter[], full: number): string | null {
  if (full >= 4) return null;
  const partial = history.filter((q) => q.status === 'partial');
  const parts = [`Only ${full} full ${full === 1 ? 'quarter' : 'quarters'} of history (a year needs four)`];
  for (const q of partial) parts.push(`${q.key} is partial: the data ${q === history[0] ? 'starts' : 'ends'} inside it, so it is left out`);
  parts.push(full === 0 ? 'there is no base to grow from: give a target' : 'the base is annualised from them and the plan is split evenly, not by season');
  return `${parts.join('; ')}.`;
}
