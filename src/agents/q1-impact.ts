import { formatCalendarDate } from '../domain/dates.js';
import { formatMoney } from '../domain/money.js';
import { type FiscalCalendar, fiscalQuarterPeriod, fiscalYearOf, type Period, ratio, type Seller, sameDatesLastYear } from './definitions.js';
import { createPipelineAnalyst, type PipelineDeal } from './pipeline.js';

/**
 * The SKO's sales impact for the scorecard: won revenue per rep and pipeline velocity in the fiscal
 * Q1 the SKO opens (the part of it that has passed) against the same dates a year earlier. Velocity
 * is the pipeline analyst's, run as of each period's last day: a deal that closed after that day
 * was still open then, and one created after it did not exist yet.
 */

export interface Q1Window {
  thisYear: Period;
  lastYear: Period;
  /** Q1 is still under way: the figures cover its first part only. */
  partial: boolean;
}

/** Q1 of the fiscal year day 1 falls in, cut at today; null before it starts. */
export function q1Window(day1: string, today: string, calendar: FiscalCalendar): Q1Window | null {
  const q1 = fiscalQuarterPeriod(fiscalYearOf(day1, calendar), 1, calendar);
  if (today < q1.from) return null;
  const thisYear = { from: q1.from, to: today < q1.to ? today : q1.to };
  return { thisYear, lastYear: sameDatesLastYear(thisYear), partial: thisYear.to < q1.to };
}

/** A rep in the sales data, hired by the period's end and not gone before its start. */
function isRepIn(person: Seller, period: Period): boolean {
  if (person.role !== 'rep' || person.inSalesData === false) return false;
  if (person.hireDate && person.hireDate > period.to) return false;
  return !person.leftOn || person.leftOn >= period.from;
}

/** The deal as it stood at the end of `asOf`, or null if it did not exist yet. */
function asOfDate(deal: PipelineDeal, asOf: string): PipelineDeal | null {
  if (deal.createdDate !== null && deal.createdDate > asOf) return null;
  if (deal.outcome !== 'open' && deal.closeDate !== null && deal.closeDate > asOf) return { ...deal, outcome: 'open', closeDate: null };
  return deal;
}

interface PeriodFigures {
  period: Period;
  reps: number;
  wonDeals: number;
  /** Won cents per rep; null without reps. */
  perRepCents: number | null;
  velocity: { perDay: number | null; activeDeals: number };
  /** Deals the period's reps created in it, and their amounts: activity and pipeline generated. */
  created: number;
  createdCents: number;
}

interface Q1Measure {
  /** Signed % change, one decimal; null when it cannot be measured (see reason). */
  change: number | null;
  /** What the figure rests on, or why there is none. */
  basis: string;
}

export interface Q1Impact {
  productivity: Q1Measure;
  velocity: Q1Measure;
  activity: Q1Measure;
  pipeline: Q1Measure;
}

/** One period's fold: won revenue by its reps, and the pipeline analyst as of its last day. */
function periodFold(period: Period, people: readonly Seller[]) {
  const reps = new Set(people.filter((p) => isRepIn(p, period)).map((p) => p.id));
  const analyst = createPipelineAnalyst({ today: period.to, period, people });
  let wonDeals = 0;
  let wonCents = 0;
  let created = 0;
  let createdCents = 0;
  return {
    add(raw: PipelineDeal): void {
      const deal = asOfDate(raw, period.to);
      if (!deal) return;
      analyst.add(deal);
      if (reps.has(deal.ownerId) && deal.createdDate !== null && deal.createdDate >= period.from) {
        created += 1;
        createdCents += deal.amountCents ?? 0;
      }
      if (deal.outcome === 'won' && reps.has(deal.ownerId) && deal.closeDate !== null && deal.closeDate >= period.from) {
        wonDeals += 1;
        wonCents += deal.amountCents ?? 0;
      }
    },
    result(): PeriodFigures {
      const { velocity } = analyst.result();
      return {
        period,
        reps: reps.size,
        wonDeals,
        perRepCents: ratio(wonCents, reps.size),
        velocity: { perDay: velocity.perDay, activeDeals: velocity.activeDeals },
        created,
        createdCents,
      };
    },
  };
}

function change(now: number, before: number): number {
  return Math.round((now / before - 1) * 1000) / 10;
}

const shown = (p: Period) => `${formatCalendarDate(p.from, 'D MMM YYYY')}–${formatCalendarDate(p.to, 'D MMM YYYY')}`;

function deals(n: number): string {
  return `${n} won deal${n === 1 ? '' : 's'}`;
}

function productivityOf(now: PeriodFigures, before: PeriodFigures, label: string): Q1Measure {
  const rests = (f: PeriodFigures) =>
    f.perRepCents === null
      ? `no reps in ${shown(f.period)}`
      : `${formatMoney(Math.round(f.perRepCents))} per rep in ${shown(f.period)} (${f.reps} reps, ${deals(f.wonDeals)})`;
  if (now.perRepCents === null || before.perRepCents === null || before.perRepCents === 0) {
    const why =
      before.perRepCents === 0
        ? `no deals were won in ${shown(before.period)}, so there is nothing to compare with`
        : rests(now.perRepCents === null ? now : before);
    return { change: null, basis: `${label}: ${why}.` };
  }
  return { change: change(now.perRepCents, before.perRepCents), basis: `${label}: ${rests(now)} against ${rests(before)}.` };
}

function velocityOf(now: PeriodFigures, before: PeriodFigures, label: string): Q1Measure {
  const rests = (f: PeriodFigures) =>
    `${formatMoney(Math.round((f.velocity.perDay ?? 0) * 100))} a day in ${shown(f.period)} (${f.velocity.activeDeals} open deal${f.velocity.activeDeals === 1 ? '' : 's'})`;
  const missing = [now, before].find((f) => f.velocity.perDay === null || f.velocity.perDay === 0);
  if (missing) {
    return {
      change: null,
      basis: `${label}: no velocity for ${shown(missing.period)}; it needs deals won there with a created date, and deals open at its end.`,
    };
  }
  return { change: change(now.velocity.perDay as number, before.velocity.perDay as number), basis: `${label}: ${rests(now)} against ${rests(before)}.` };
}

/**
 * Activity: deals the reps created, against the same dates last year. Pipeline generation: the
 * amount of those deals, as a share of last year's over the same dates; the app has no pipeline
 * target of its own to pro-rate, and last year's pace is the one a RevOps lead plans from.
 */
function createdOf(now: PeriodFigures, before: PeriodFigures, label: string, what: 'activity' | 'pipeline'): Q1Measure {
  const rests = (f: PeriodFigures) =>
    what === 'activity'
      ? `${f.created} deal${f.created === 1 ? '' : 's'} created by ${f.reps} reps in ${shown(f.period)}`
      : `${formatMoney(f.createdCents)} of pipeline created by ${f.reps} reps in ${shown(f.period)}`;
  const [a, b] = what === 'activity' ? [now.created, before.created] : [now.createdCents, before.createdCents];
  if (b === 0) return { change: null, basis: `${label}: nothing was created in ${shown(before.period)}, so there is nothing to compare with.` };
  const value = what === 'activity' ? change(a, b) : Math.round((a / b) * 1000) / 10;
  return { change: value, basis: `${label}: ${rests(now)} against ${rests(before)}.` };
}

/** `deals`: every deal open now or closed since last year's period began, read once for both periods. */
export function q1Impact(window: Q1Window, people: readonly Seller[], deals: Iterable<PipelineDeal>): Q1Impact {
  const folds = [periodFold(window.thisYear, people), periodFold(window.lastYear, people)] as const;
  for (const deal of deals) for (const fold of folds) fold.add(deal);
  const [now, before] = folds.map((f) => f.result()) as [PeriodFigures, PeriodFigures];
  const label = window.partial ? 'Q1 so far' : 'Q1';
  return {
    productivity: productivityOf(now, before, label),
    velocity: velocityOf(now, before, label),
    activity: createdOf(now, before, label, 'activity'),
    pipeline: createdOf(now, before, label, 'pipeline'),
  };
}
