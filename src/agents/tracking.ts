import { dateOfDay, dayNumber } from '../domain/dates.js';
import { getOrAdd } from '../domain/maps.js';
import { type DealFact, type Period, type Seller, UNASSIGNED } from './definitions.js';

/**
 * The new fiscal year's first weeks against the same weeks a year earlier (52 weeks back, so
 * weekdays line up): deals created (activity), pipeline created, won revenue, against the activity
 * target, and the reps behind on both activity and pipeline. A fold like the others.
 */

export interface TrackingInput {
  /** The fiscal year's first day up to today. */
  period: Period;
  people: readonly Seller[];
  /** The activity target over last year's same weeks, in percent (seed 000: +15%). */
  activityTargetPct: number;
}

export interface TrackingFigures {
  dealsCreated: number;
  pipelineCreated: number;
  wonRevenue: number;
}

interface TrackingRep {
  key: string;
  name: string;
  team: string;
  now: TrackingFigures;
  lastYear: TrackingFigures;
  /** Deals created needed to meet the activity target. */
  activityTarget: number;
}

export interface TrackingResult {
  agent: 'quota-performance-tracker';
  view: 'tracking';
  period: Period;
  lastYear: Period;
  weeks: number;
  activityTargetPct: number;
  now: TrackingFigures;
  prior: TrackingFigures;
  /** Deals created needed over these weeks: last year's × (1 + target). */
  activityTarget: number;
  onTrack: { activity: boolean; pipeline: boolean; wonRevenue: boolean };
  /** Behind on activity (below their own target) and on pipeline (below last year's), furthest behind first. */
  needSupport: TrackingRep[];
  /** Reps with nothing in last year's weeks: no comparison to make. */
  newReps: { key: string; name: string; team: string; now: TrackingFigures }[];
}

/** 52 weeks: the same weekdays a year earlier. */
const WEEKS_BACK_DAYS = 364;

export function lastYearWeeks(period: Period): Period {
  return { from: dateOfDay(dayNumber(period.from) - WEEKS_BACK_DAYS), to: dateOfDay(dayNumber(period.to) - WEEKS_BACK_DAYS) };
}

class Tally {
  created = 0;
  pipelineCents = 0;
  wonCents = 0;

  figures(): TrackingFigures {
    return { dealsCreated: this.created, pipelineCreated: this.pipelineCents / 100, wonRevenue: this.wonCents / 100 };
  }
}

export function createTracking(input: TrackingInput) {
  const { period, activityTargetPct } = input;
  const prior = lastYearWeeks(period);
  const people = new Map(input.people.map((p) => [p.id, p]));
  const totals = { now: new Tally(), prior: new Tally() };
  const reps = new Map<number, { now: Tally; prior: Tally }>();
  const inside = (date: string | null, p: Period) => date !== null && date >= p.from && date <= p.to;

  return {
    add(deal: DealFact): void {
      if (!people.has(deal.ownerId)) return;
      const rep = getOrAdd(reps, deal.ownerId, () => ({ now: new Tally(), prior: new Tally() }));
      for (const [p, tallies] of [
        [period, [totals.now, rep.now]],
        [prior, [totals.prior, rep.prior]],
      ] as const) {
        if (inside(deal.createdDate, p)) {
          for (const t of tallies) {
            t.created += 1;
            t.pipelineCents += deal.amountCents ?? 0;
          }
        }
        if (deal.outcome === 'won' && inside(deal.closeDate, p)) for (const t of tallies) t.wonCents += deal.amountCents ?? 0;
      }
    },

    result(): TrackingResult {
      const target = (n: number) => Math.ceil(n * (1 + activityTargetPct / 100));
      const now = totals.now.figures();
      const before = totals.prior.figures();
      const needSupport: TrackingRep[] = [];
      const newReps: TrackingResult['newReps'] = [];
      for (const person of input.people) {
        if (person.role !== 'rep') continue;
        const rep = reps.get(person.id);
        const mine = rep?.now.figures() ?? { dealsCreated: 0, pipelineCreated: 0, wonRevenue: 0 };
        const theirs = rep?.prior.figures() ?? { dealsCreated: 0, pipelineCreated: 0, wonRevenue: 0 };
        const who = { key: person.key, name: person.name ?? person.key, team: person.team ?? UNASSIGNED };
        if (theirs.dealsCreated === 0) {
          newReps.push({ ...who, now: mine });
          continue;
        }
        const activityTarget = target(theirs.dealsCreated);
        if (mine.dealsCreated < activityTarget && mine.pipelineCreated < theirs.pipelineCreated)
          needSupport.push({ ...who, now: mine, lastYear: theirs, activityTarget });
      }
      needSupport.sort((a, b) => a.now.dealsCreated / a.activityTarget - b.now.dealsCreated / b.activityTarget || a.name.localeCompare(b.name));
      const activityTarget = target(before.dealsCreated);
      return {
        agent: 'quota-performance-tracker',
        view: 'tracking',
        period,
        lastYear: prior,
        weeks: Math.ceil((dayNumber(period.to) - dayNumber(period.from) + 1) / 7),
        activityTargetPct,
        now,
        prior: before,
        activityTarget,
        onTrack: {
          activity: now.dealsCreated >= activityTarget,
          pipeline: now.pipelineCreated >= before.pipelineCreated,
          wonRevenue: now.wonRevenue >= before.wonRevenue,
        },
        needSupport,
        newReps: newReps.sort((a, b) => a.name.localeCompare(b.name)),
      };
    },
  };
}
