import { dayNumber } from '../domain/dates.js';
import { getOrAdd } from '../domain/maps.js';
import { type DealFact, type FiscalCalendar, fiscalQuarterOf, fiscalYearOf, type Period, quarterKey, STALE_AFTER_DAYS, winRate } from './definitions.js';
import {
  type ClosedTotals,
  type HistoryQuarter,
  historyQuarters,
  type Seasonality,
  type SeasonalityIndex,
  seasonalityOf,
  shortHistoryOf,
} from './forecast-history.js';

/**
 * `revenue-forecaster`: won revenue by fiscal quarter over the history, a seasonality index per
 * quarter, next fiscal year's plan by quarter (from a growth rate or a target), the pipeline that
 * plan needs at the current win rate, and three scenarios, with every assumption spelled out. A
 * fold over every deal: `add()` each, then `result()`.
 */

/** What the forecaster reads of a deal: neither its owner, segment nor product. */
export type ForecastDeal = Pick<DealFact, 'outcome' | 'amountCents' | 'createdDate' | 'closeDate'>;

export interface ForecastInput {
  today: string;
  calendar: FiscalCalendar;
  /** Growth over the trailing year, in percent; used when no target is given. */
  growthPct: number;
  /** The company's target for next fiscal year, in whole cents; overrides the growth rate. */
  targetCents: number | null;
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
  seasonality: Seasonality;
  /** The trailing year the plan grows from: the last four full quarters, or fewer annualised. */
  base: { revenue: number; quarters: string[]; annualised: boolean } | null;
  /** Won ÷ (won + lost) deals over the base quarters. */
  winRate: { value: number | null; won: number; lost: number; over: Period | null };
  /** Won ÷ (won + lost) amounts over the same quarters; null when no lost deal has an amount. */
  valueWinRate: { value: number; wonAmount: number; lostAmount: number } | null;
  /** Which rate the pipeline needed is worked with (the value rate where lost amounts exist), against the usual 3× rule. */
  coverage: { basis: 'value' | 'count'; rule: number };
  /** Set when the newest deal in the data is more than 90 days old: the history may stop long before today. */
  staleData: { newestRecord: string; daysOld: number } | null;
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

/** The usual pipeline coverage rule of thumb, shown beside the coverage the win rate implies. */
const COVERAGE_RULE = 3;

/** The scenarios move the growth rate by this many points either way. */
const SCENARIO_SPREAD_PCT = 10;

const money = (cents: number): number => Math.round(cents) / 100;

export function createForecaster(input: ForecastInput) {
  const { today, calendar } = input;
  // Keyed by fiscal year × 4 + quarter − 1: a number per deal rather than a string.
  const closedBy = new Map<number, ClosedTotals>();
  let closes: { first: string; last: string } | null = null;
  let newest: string | null = null;
  const openTotals = { count: 0, cents: 0, byYear: new Map<number, number>() };
  const warnings: DataWarnings = { wonWithoutAmount: 0, openWithoutAmount: 0, closedInFuture: 0 };

  const seen = (date: string | null) => {
    if (date !== null && date <= today && (newest === null || date > newest)) newest = date;
  };

  return {
    add(deal: ForecastDeal): void {
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
      // Where the data starts and ends is read from close dates: a deal created long before the export began says nothing of it.
      if (closes === null) closes = { first: close, last: close };
      else if (close < closes.first) closes.first = close;
      else if (close > closes.last) closes.last = close;
      const index = fiscalYearOf(close, calendar) * 4 + fiscalQuarterOf(close, calendar) - 1;
      const q = getOrAdd(closedBy, index, () => ({ cents: 0, lostCents: 0, won: 0, lost: 0 }));
      if (deal.outcome === 'lost') {
        q.lost += 1;
        q.lostCents += deal.amountCents ?? 0;
        return;
      }
      q.won += 1;
      if (deal.amountCents === null) warnings.wonWithoutAmount += 1;
      else q.cents += deal.amountCents;
    },

    result(): ForecastResult {
      const history = historyQuarters(closes, today, calendar, closedBy);
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
      let wonCents = 0;
      let lostCents = 0;
      for (const q of trailing) {
        wonCount += q.wonCount;
        lostCount += q.lostCount;
        const totals = closedBy.get(indexOf(q.key));
        wonCents += totals?.cents ?? 0;
        lostCents += totals?.lostCents ?? 0;
      }
      const countRate = winRate(wonCount, lostCount);
      // Big deals lost weigh more than small ones won: where lost deals have amounts, coverage follows the value rate.
      const valueWinRate = lostCents > 0 ? { value: wonCents / (wonCents + lostCents), wonAmount: money(wonCents), lostAmount: money(lostCents) } : null;
      const rate = valueWinRate ? valueWinRate.value : countRate;
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
        winRate: { value: countRate, won: wonCount, lost: lostCount, over },
        valueWinRate,
        coverage: { basis: valueWinRate ? 'value' : 'count', rule: COVERAGE_RULE },
        staleData: staleOf(newest, today),
        plan,
        openPipeline: { count: openTotals.count, value: money(openTotals.cents), inPlanYear: money(openTotals.byYear.get(planYear) ?? 0) },
        scenarios,
        assumptions: assumptionsOf(history, full, seasonality, base, plan, rate, valueWinRate !== null, input),
        warnings,
        shortHistory: shortHistoryOf(history, full.length),
      };
    },
  };
}

function assumptionsOf(
  history: HistoryQuarter[],
  full: HistoryQuarter[],
  seasonality: ForecastResult['seasonality'],
  base: ForecastResult['base'],
  plan: ForecastResult['plan'],
  rate: number | null,
  byValue: boolean,
  input: ForecastInput,
): string[] {
  const out: string[] = [];
  if (history.length === 0) return ['No deals closed before today: nothing to forecast from.'];
  const current = history.find((q) => q.status === 'in progress');
  if (current) out.push(`${current.key} is still in progress and is not part of the base or the seasonality.`);
  const after = history.filter((q) => q.status === 'after the data');
  if (after.length) {
    out.push(
      `${after.length === 1 ? (after[0] as HistoryQuarter).key : `${(after[0] as HistoryQuarter).key} to ${(after[after.length - 1] as HistoryQuarter).key}`} come after the last closed deal and are left out.`,
    );
  }
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
      : `Pipeline needed = plan ÷ win rate (${Math.round(rate * 1000) / 10}%${byValue ? ' by value: won amounts ÷ won and lost amounts' : ''} over the base quarters); coverage ${(1 / rate).toFixed(1)}×, against the usual ${COVERAGE_RULE}×.`,
  );
  if (plan && base && plan.growthPct !== null) out.push(`Scenarios: growth ${SCENARIO_SPREAD_PCT} points below and above the plan's.`);
  if (full.length > 0) out.push(`Quarters are fiscal (year named by the calendar year it ends in); deals count in the quarter they closed.`);
  return out;
}

/** The numeric key a quarter's totals are kept under, from its `FY2017-Q3` key. */
function indexOf(key: string): number {
  return Number(key.slice(2, key.indexOf('-'))) * 4 + Number(key.slice(-1)) - 1;
}

function staleOf(newest: string | null, today: string): ForecastResult['staleData'] {
  if (newest === null) return null;
  const daysOld = dayNumber(today) - dayNumber(newest);
  return daysOld > STALE_AFTER_DAYS ? { newestRecord: newest, daysOld } : null;
}
