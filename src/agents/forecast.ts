import { getOrAdd } from '../domain/maps.js';
import { type DealFact, type FiscalCalendar, fiscalQuarterOf, fiscalQuarterPeriod, fiscalYearOf, type Period, quarterKey, winRate } from './definitions.js';

/**
 * `revenue-forecaster`: won revenue by fiscal quarter over the history, a seasonality index per
 * quarter, next fiscal year's plan by quarter (from a growth rate or a target), the pipeline that
 * plan needs at the current win rate, and three scenarios, with every assumption spelled out. A
 * fold over every deal: `add()` each, then `result()`.
 */

export interface ForecastInput {
  today: string;
  calendar: FiscalCalendar;
  /** Growth over the trailing year, in percent; used when no target is given. */
  growthPct: number;
  /** The company's target for next fiscal year, in whole cents; overrides the growth rate. */
  targetCents: number | null;
}

export interface HistoryQuarter {
  key: string;
  period: Period;
  wonRevenue: number;
  wonCount: number;
  lostCount: number;
  /** Full quarters feed the seasonality and the base; the first (data starts inside it) and the current one do not. */
  status: 'full' | 'partial' | 'in progress';
}

interface SeasonalityIndex {
  quarter: number;
  index: number;
  /** The full quarters this position's index is averaged over, e.g. ["FY2016-Q1", "FY2017-Q1"]. */
  basis: string[];
}

export interface PlanQuarter {
  key: string;
  revenue: number;
  /** Open pipeline needed at the start of the quarter to close the plan at the current win rate. */
  pipelineNeeded: number | null;
}

interface Scenario {
  name: 'conservative' | 'base' | 'stretch';
  growthPct: number;
  revenue: number;
  byQuarter: PlanQuarter[];
}

interface DataWarnings {
  wonWithoutAmount: number;
  openWithoutAmount: number;
  /** Won or lost deals whose close date is after today. */
  closedInFuture: number;
}

export interface ForecastResult {
  agent: 'revenue-forecaster';
  asOf: string;
  history: HistoryQuarter[];
  fullQuarters: number;
  seasonality: { kind: 'measured' | 'flat'; reason: string; indices: SeasonalityIndex[] };
  /** The trailing year the plan grows from: the last four full quarters, or fewer annualised. */
  base: { revenue: number; quarters: string[]; annualised: boolean } | null;
  winRate: { value: number | null; won: number; lost: number; over: Period | null };
  plan: {
    fiscalYear: string;
    from: 'growth' | 'target';
    growthPct: number | null;
    revenue: number;
    byQuarter: PlanQuarter[];
    pipelineNeeded: number | null;
    coverageNeeded: number | null;
  } | null;
  openPipeline: { count: number; value: number; inPlanYear: number };
  scenarios: Scenario[];
  assumptions: string[];
  warnings: DataWarnings;
  /** What is missing for a plan, when there is none. */
  shortHistory: string | null;
}

/** Without a growth rate or a target, the plan grows the trailing year by this much. */
export const DEFAULT_GROWTH_PCT = 20;

/** The scenarios move the growth rate by this many points either way. */
const SCENARIO_SPREAD_PCT = 10;

const money = (cents: number): number => Math.round(cents) / 100;

export function createForecaster(input: ForecastInput) {
  const { today, calendar } = input;
  // Keyed by fiscal year × 4 + quarter − 1: a number per deal rather than a string.
  const closedBy = new Map<number, { cents: number; won: number; lost: number }>();
  let firstDate: string | null = null;
  const openTotals = { count: 0, cents: 0, byYear: new Map<number, number>() };
  const warnings: DataWarnings = { wonWithoutAmount: 0, openWithoutAmount: 0, closedInFuture: 0 };

  const seen = (date: string | null) => {
    if (date !== null && date <= today && (firstDate === null || date < firstDate)) firstDate = date;
  };

  return {
    add(deal: DealFact): void {
      seen(deal.createdDate);
      if (deal.outcome === 'open') {
        openTotals.count += 1;
        if (deal.amountCents === null) warnings.openWithoutAmount += 1;
        else {
          openTotals.cents += deal.amountCents;
          const year = deal.closeDate === null ? null : fiscalYearOf(deal.closeDate, calendar);
          if (year !== null) openTotals.byYear.set(year, (openTotals.byYear.get(year) ?? 0) + deal.amountCents);
        }
        return;
      }
      const close = deal.closeDate as string;
      if (close > today) {
        warnings.closedInFuture += 1;
        return;
      }
      seen(close);
      const index = fiscalYearOf(close, calendar) * 4 + fiscalQuarterOf(close, calendar) - 1;
      const q = getOrAdd(closedBy, index, () => ({ cents: 0, won: 0, lost: 0 }));
      if (deal.outcome === 'lost') {
        q.lost += 1;
        return;
      }
      q.won += 1;
      if (deal.amountCents === null) warnings.wonWithoutAmount += 1;
      else q.cents += deal.amountCents;
    },

    result(): ForecastResult {
      const history = historyQuarters(firstDate, today, calendar, closedBy);
      const full = history.filter((q) => q.status === 'full');
      const seasonality = seasonalityOf(full);
      const trailing = full.slice(-4);
      const base =
        trailing.length === 0
          ? null
          : {
              revenue: money((trailing.reduce((s, q) => s + q.wonRevenue * 100, 0) * 4) / trailing.length),
              quarters: trailing.map((q) => q.key),
              annualised: trailing.length < 4,
            };

      // The win rate over the same trailing quarters the base comes from.
      let wonCount = 0;
      let lostCount = 0;
      for (const q of trailing) {
        wonCount += q.wonCount;
        lostCount += q.lostCount;
      }
      const rate = winRate(wonCount, lostCount);
      const over = trailing.length
        ? { from: (trailing[0] as HistoryQuarter).period.from, to: (trailing[trailing.length - 1] as HistoryQuarter).period.to }
        : null;

      const planYear = fiscalYearOf(today, calendar) + 1;
      const quarters = [1, 2, 3, 4].map((q) => ({ key: quarterKey(planYear, q), index: (seasonality.indices[q - 1] as SeasonalityIndex).index }));
      const split = (revenue: number): PlanQuarter[] =>
        quarters.map((q) => {
          const r = money((revenue * 100 * q.index) / 4);
          return { key: q.key, revenue: r, pipelineNeeded: rate === null || rate === 0 ? null : money((r * 100) / rate) };
        });

      const growthPct =
        input.targetCents !== null ? (base === null || base.revenue === 0 ? null : (input.targetCents / 100 / base.revenue - 1) * 100) : input.growthPct;
      const planRevenue =
        input.targetCents !== null ? money(input.targetCents) : base === null ? null : money(base.revenue * 100 * (1 + input.growthPct / 100));
      const plan =
        planRevenue === null
          ? null
          : {
              fiscalYear: `FY${planYear}`,
              from: input.targetCents !== null ? ('target' as const) : ('growth' as const),
              growthPct: growthPct === null ? null : Math.round(growthPct * 10) / 10,
              revenue: planRevenue,
              byQuarter: split(planRevenue),
              pipelineNeeded: rate === null || rate === 0 ? null : money((planRevenue * 100) / rate),
              coverageNeeded: rate === null || rate === 0 ? null : 1 / rate,
            };

      const scenarios: Scenario[] =
        base === null || growthPct === null
          ? []
          : (
              [
                ['conservative', growthPct - SCENARIO_SPREAD_PCT],
                ['base', growthPct],
                ['stretch', growthPct + SCENARIO_SPREAD_PCT],
              ] as const
            ).map(([name, g]) => {
              const revenue = name === 'base' && plan ? plan.revenue : money(base.revenue * 100 * (1 + g / 100));
              return { name, growthPct: Math.round(g * 10) / 10, revenue, byQuarter: split(revenue) };
            });

      return {
        agent: 'revenue-forecaster',
        asOf: today,
        history,
        fullQuarters: full.length,
        seasonality,
        base,
        winRate: { value: rate, won: wonCount, lost: lostCount, over },
        plan,
        openPipeline: { count: openTotals.count, value: money(openTotals.cents), inPlanYear: money(openTotals.byYear.get(planYear) ?? 0) },
        scenarios,
        assumptions: assumptionsOf(history, full, seasonality, base, plan, rate, input),
        warnings,
        shortHistory: shortHistoryOf(history, full.length),
      };
    },
  };
}

/** Every fiscal quarter from the one the data starts in up to today's, each marked full, partial or in progress. */
function historyQuarters(
  firstDate: string | null,
  today: string,
  calendar: FiscalCalendar,
  quarters: Map<number, { cents: number; won: number; lost: number }>,
): HistoryQuarter[] {
  if (firstDate === null) return [];
  const out: HistoryQuarter[] = [];
  let fy = fiscalYearOf(firstDate, calendar);
  let q = fiscalQuarterOf(firstDate, calendar);
  for (;;) {
    const period = fiscalQuarterPeriod(fy, q, calendar);
    if (period.from > today) return out;
    const w = quarters.get(fy * 4 + q - 1);
    const status = period.to >= today ? 'in progress' : period.from < firstDate ? 'partial' : 'full';
    out.push({ key: quarterKey(fy, q), period, wonRevenue: money(w?.cents ?? 0), wonCount: w?.won ?? 0, lostCount: w?.lost ?? 0, status });
    if (q === 4) {
      fy += 1;
      q = 1;
    } else q += 1;
  }
}

/**
 * Each quarter position's average won revenue over the full quarters in it, divided by the average
 * of the four positions' averages (so the indices average 1). Flat until every position has a full quarter.
 */
function seasonalityOf(full: HistoryQuarter[]): ForecastResult['seasonality'] {
  const positions = [1, 2, 3, 4].map((n) => full.filter((q) => q.key.endsWith(`-Q${n}`)));
  const flat = (reason: string) => ({
    kind: 'flat' as const,
    reason,
    indices: positions.map((p, i) => ({ quarter: i + 1, index: 1, basis: p.map((q) => q.key) })),
  });
  if (positions.some((p) => p.length === 0)) {
    return flat(`${full.length} full ${full.length === 1 ? 'quarter' : 'quarters'} of history, not one of each fiscal quarter: the plan is split evenly`);
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

function shortHistoryOf(history: HistoryQuarter[], full: number): string | null {
  if (full >= 4) return null;
  const partial = history.find((q) => q.status === 'partial');
  const parts = [`Only ${full} full ${full === 1 ? 'quarter' : 'quarters'} of history (a year needs four)`];
  if (partial) parts.push(`${partial.key} is partial: the data starts inside it, so it is left out`);
  parts.push(full === 0 ? 'there is no base to grow from: give a target' : 'the base is annualised from them and the plan is split evenly, not by season');
  return `${parts.join('; ')}.`;
}

function assumptionsOf(
  history: HistoryQuarter[],
  full: HistoryQuarter[],
  seasonality: ForecastResult['seasonality'],
  base: ForecastResult['base'],
  plan: ForecastResult['plan'],
  rate: number | null,
  input: ForecastInput,
): string[] {
  const out: string[] = [];
  if (history.length === 0) return ['No deals closed before today: nothing to forecast from.'];
  const current = history.find((q) => q.status === 'in progress');
  if (current) out.push(`${current.key} is still in progress and is not part of the base or the seasonality.`);
  if (base) {
    out.push(
      base.annualised
        ? `Base: ${base.quarters.join(', ')} won revenue, annualised (× 4 ÷ ${base.quarters.length}).`
        : `Base: won revenue over the last four full quarters (${base.quarters[0]} to ${base.quarters[base.quarters.length - 1]}).`,
    );
  }
  if (plan) {
    out.push(
      plan.from === 'target'
        ? `Plan: the target you gave${plan.growthPct === null ? '' : `, ${plan.growthPct >= 0 ? '+' : ''}${plan.growthPct}% on the base`}.`
        : `Plan: the base grown by ${input.growthPct}%.`,
    );
  }
  out.push(seasonality.kind === 'measured' ? `Seasonality: ${seasonality.reason}.` : `No seasonality: ${seasonality.reason}.`);
  out.push(
    rate === null || rate === 0
      ? 'No win rate over the base quarters (nothing won): the pipeline needed cannot be worked out.'
      : `Pipeline needed = plan ÷ win rate (${Math.round(rate * 1000) / 10}% over the base quarters); coverage ${(1 / rate).toFixed(1)}×.`,
  );
  if (plan && base && plan.growthPct !== null) out.push(`Scenarios: growth ${SCENARIO_SPREAD_PCT} points below and above the plan's.`);
  if (full.length > 0) out.push(`Quarters are fiscal (year named by the calendar year it ends in); deals count in the quarter they closed.`);
  return out;
}
