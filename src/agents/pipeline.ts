import { dayNumber } from '../domain/dates.js';
import { getOrAdd } from '../domain/maps.js';
import { outcomeOf } from '../domain/sales/deal-stages.js';
import { countsIn, type DealFact, type Period, ratio, type Seller, UNASSIGNED, winRate } from './definitions.js';

/**
 * `sales-pipeline-analyst`: the open pipeline by stage (count, value, age), win rate and cycle,
 * sales velocity per team and overall, stage-to-stage conversion and time in stage from the stage
 * history with the bottleneck stage, and what the top quartile of reps does differently. Two
 * folds: `add()` each deal, `addStageEntry()` each stage-history row ordered by deal and date.
 */

export interface PipelineDeal extends DealFact {
  stage: string;
}

/** One row of the stage history: the deal entered `stage` on `enteredDate`. */
export interface StageEntry {
  dealId: string;
  stage: string;
  enteredDate: string;
}

export interface PipelineInput {
  today: string;
  /** Win rate, cycle and deal size are measured over deals closed in this period. */
  period: Period;
  people: readonly Seller[];
}

interface StageRow {
  stage: string;
  count: number;
  value: number;
  avgAgeDays: number | null;
}

interface Velocity {
  key: string;
  openDeals: number;
  /** Open deals no older than the active window (see PipelineResult.activeWindow), or of unknown age: the ones velocity counts. */
  activeDeals: number;
  staleDeals: number;
  winRate: number | null;
  avgDealSize: number | null;
  avgCycleDays: number | null;
  /** Active open deals × win rate × average deal size ÷ cycle days: revenue the pipeline yields per day. */
  perDay: number | null;
}

interface StageFlow {
  stage: string;
  entered: number;
  /** Moves out of the stage to a later one (or won); conversion is advanced ÷ left. Deals still in it are not counted. */
  advanced: number;
  /** Moves back to an earlier stage: they left the stage without advancing. */
  regressed: number;
  left: number;
  conversion: number | null;
  avgDaysInStage: number | null;
}

export interface Cohort {
  reps: number;
  winRate: number | null;
  avgDealSize: number | null;
  avgCycleDays: number | null;
  /** Open pipeline ÷ won revenue in the period. */
  coverage: number | null;
}

export interface PipelineResult {
  agent: 'sales-pipeline-analyst';
  asOf: string;
  period: Period;
  byStage: StageRow[];
  /** How the stages are ordered: by the stage history, or (without one) youngest deals first. */
  stageOrder: 'history' | 'age';
  open: { count: number; value: number };
  velocity: Velocity;
  velocityByTeam: Velocity[];
  /**
   * Velocity counts open deals no older than twice the median cycle of the deals won in the period;
   * older ones are stale. Without a won cycle every open deal counts.
   */
  activeWindow: { medianWonCycleDays: number | null; maxAgeDays: number | null; staleOpenDeals: number };
  flow: StageFlow[] | null;
  /** Moves from a stage back to an earlier one, over the whole history. */
  regressions: number;
  bottleneck: { stage: string; conversion: number | null; avgDaysInStage: number | null; reason: 'lowest conversion' } | null;
  topPerformers: { rankedBy: 'wonRevenue'; top: Cohort; rest: Cohort } | null;
  warnings: { openWithoutAmount: number; openPastCloseDate: number; closedInFuture: number; withoutCreatedDate: number };
}

/** The age of an open deal with no created date: it cannot be stale, so it counts as active. */
const UNKNOWN_AGE = -1;

class Counts {
  won = 0;
  lost = 0;
  wonCents = 0;
  cycleDays = 0;
  cycles = 0;
  open = 0;
  openCents = 0;
  /** Open deals by age in days (UNKNOWN_AGE without a created date): few distinct ages, however many deals. */
  openAges = new Map<number, number>();

  velocity(key: string, maxAgeDays: number | null): Velocity {
    const rate = winRate(this.won, this.lost);
    const size = this.won === 0 ? null : this.wonCents / this.won / 100;
    const cycle = ratio(this.cycleDays, this.cycles);
    let active = 0;
    for (const [age, n] of this.openAges) if (maxAgeDays === null || age === UNKNOWN_AGE || age <= maxAgeDays) active += n;
    const perDay = rate === null || size === null || cycle === null || cycle === 0 ? null : Math.round(((active * rate * size) / cycle) * 100) / 100;
    return {
      key,
      openDeals: this.open,
      activeDeals: active,
      staleDeals: this.open - active,
      winRate: rate,
      avgDealSize: size === null ? null : Math.round(size * 100) / 100,
      avgCycleDays: cycle,
      perDay,
    };
  }

  cohort(): Omit<Cohort, 'reps'> {
    const v = this.velocity('', null);
    return {
      winRate: v.winRate,
      avgDealSize: v.avgDealSize,
      avgCycleDays: v.avgCycleDays,
      coverage: this.wonCents === 0 ? null : this.openCents / this.wonCents,
    };
  }

  merge(other: Counts): void {
    this.won += other.won;
    this.lost += other.lost;
    this.wonCents += other.wonCents;
    this.cycleDays += other.cycleDays;
    this.cycles += other.cycles;
    this.open += other.open;
    this.openCents += other.openCents;
  }
}

export function createPipelineAnalyst(input: PipelineInput) {
  const { today, period } = input;
  const todayDay = dayNumber(today);
  const people = new Map(input.people.map((p) => [p.id, p]));
  const total = new Counts();
  const byTeam = new Map<string, Counts>();
  const byRep = new Map<number, Counts>();
  const stages = new Map<string, { count: number; cents: number; ageDays: number; aged: number }>();
  const warnings = { openWithoutAmount: 0, openPastCloseDate: 0, closedInFuture: 0, withoutCreatedDate: 0 };
  const wonCycles = new Map<number, number>();

  // The stage order is only known once every deal's history has been read, so moves are kept by
  // (from, to) pair and judged forward or back in result(); there are few stages, so few pairs.
  const entered = new Map<string, number>();
  const firstSeen = new Map<string, { sum: number; deals: number }>();
  const moves = new Map<string, Map<string, { count: number; days: number }>>();
  let current: { dealId: string; entries: StageEntry[] } | null = null;

  const closeDeal = () => {
    if (!current) return;
    // A repeated row for the stage the deal is already in is not a move.
    const entries = current.entries.filter((e, i, all) => i === 0 || e.stage !== (all[i - 1] as StageEntry).stage);
    const order: string[] = [];
    entries.forEach((entry, i) => {
      entered.set(entry.stage, (entered.get(entry.stage) ?? 0) + 1);
      if (!order.includes(entry.stage)) order.push(entry.stage);
      const next = entries[i + 1];
      if (!next) return;
      const out = getOrAdd(moves, entry.stage, () => new Map<string, { count: number; days: number }>());
      const move = getOrAdd(out, next.stage, () => ({ count: 0, days: 0 }));
      move.count += 1;
      move.days += dayNumber(next.enteredDate) - dayNumber(entry.enteredDate);
    });
    // Where a deal first met a stage orders the stages: a deal moved back does not make a stage look later.
    order.forEach((stage, i) => {
      const f = getOrAdd(firstSeen, stage, () => ({ sum: 0, deals: 0 }));
      f.sum += i;
      f.deals += 1;
    });
    current = null;
  };

  return {
    add(deal: PipelineDeal): void {
      const owner = people.get(deal.ownerId);
      if (!owner) return;
      if (deal.createdDate === null) warnings.withoutCreatedDate += 1;
      const rep = getOrAdd(byRep, owner.id, () => new Counts());
      const team = owner.team ?? UNASSIGNED;
      const teamCounts = getOrAdd(byTeam, team, () => new Counts());
      const all = [total, rep, teamCounts];
      if (deal.outcome === 'open') {
        if (deal.amountCents === null) warnings.openWithoutAmount += 1;
        if (deal.closeDate !== null && deal.closeDate < today) warnings.openPastCloseDate += 1;
        const age = deal.createdDate === null ? UNKNOWN_AGE : todayDay - dayNumber(deal.createdDate);
        for (const c of all) {
          c.open += 1;
          c.openCents += deal.amountCents ?? 0;
          c.openAges.set(age, (c.openAges.get(age) ?? 0) + 1);
        }
        const s = stages.get(deal.stage) ?? { count: 0, cents: 0, ageDays: 0, aged: 0 };
        stages.set(deal.stage, s);
        s.count += 1;
        s.cents += deal.amountCents ?? 0;
        if (deal.createdDate !== null) {
          s.ageDays += todayDay - dayNumber(deal.createdDate);
          s.aged += 1;
        }
        return;
      }
      if (deal.closeDate !== null && deal.closeDate > today) warnings.closedInFuture += 1;
      if (!countsIn(deal, period)) return;
      const cycle = deal.createdDate !== null && deal.closeDate !== null ? dayNumber(deal.closeDate) - dayNumber(deal.createdDate) : null;
      if (cycle !== null && deal.outcome === 'won') wonCycles.set(cycle, (wonCycles.get(cycle) ?? 0) + 1);
      for (const c of all) {
        if (deal.outcome === 'won') {
          c.won += 1;
          c.wonCents += deal.amountCents ?? 0;
        } else c.lost += 1;
        if (cycle !== null) {
          c.cycleDays += cycle;
          c.cycles += 1;
        }
      }
    },

    /** Rows must come grouped by deal, in date order within a deal. */
    addStageEntry(entry: StageEntry): void {
      if (current?.dealId !== entry.dealId) {
        closeDeal();
        current = { dealId: entry.dealId, entries: [] };
      }
      current.entries.push(entry);
    },

    result(): PipelineResult {
      closeDeal();
      const { flow, regressions } = flowOf(entered, firstSeen, moves);
      const medianWonCycleDays = medianOf(wonCycles);
      const maxAgeDays = medianWonCycleDays === null ? null : 2 * medianWonCycleDays;
      const velocity = total.velocity('total', maxAgeDays);
      const order = flow ? new Map(flow.map((f, i) => [f.stage, i])) : null;
      const byStage = [...stages.entries()]
        .map(([stage, s]) => ({ stage, count: s.count, value: s.cents / 100, avgAgeDays: ratio(s.ageDays, s.aged) }))
        .sort((a, b) =>
          order
            ? (order.get(a.stage) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.stage) ?? Number.MAX_SAFE_INTEGER) || a.stage.localeCompare(b.stage)
            : (a.avgAgeDays ?? Number.MAX_SAFE_INTEGER) - (b.avgAgeDays ?? Number.MAX_SAFE_INTEGER) || a.stage.localeCompare(b.stage),
        );
      return {
        agent: 'sales-pipeline-analyst',
        asOf: today,
        period,
        byStage,
        stageOrder: order ? 'history' : 'age',
        open: { count: total.open, value: total.openCents / 100 },
        velocity,
        velocityByTeam: [...byTeam.keys()].sort().map((k) => (byTeam.get(k) as Counts).velocity(k, maxAgeDays)),
        activeWindow: { medianWonCycleDays, maxAgeDays, staleOpenDeals: velocity.staleDeals },
        flow,
        regressions,
        bottleneck: bottleneckOf(flow),
        topPerformers: topQuartile(byRep),
        warnings,
      };
    },
  };
}

/** The median of values kept as value → how many times it occurs. */
function medianOf(counts: Map<number, number>): number | null {
  let n = 0;
  for (const c of counts.values()) n += c;
  if (n === 0) return null;
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  // The values at positions floor((n − 1) ÷ 2) and floor(n ÷ 2) (0-based): the same one when n is odd.
  const at = (position: number): number => {
    let seen = 0;
    for (const v of sorted) {
      seen += counts.get(v) as number;
      if (seen > position) return v;
    }
    return sorted[sorted.length - 1] as number;
  };
  return (at(Math.floor((n - 1) / 2)) + at(Math.floor(n / 2))) / 2;
}

/**
 * Conversion and time in each open stage, in the order deals first meet them (average position,
 * ties by name). A move out of a stage advances when it goes to a later stage or to won, regresses
 * when it goes to an earlier one, and neither when it goes to lost; every move counts as leaving.
 */
function flowOf(
  entered: Map<string, number>,
  firstSeen: Map<string, { sum: number; deals: number }>,
  moves: Map<string, Map<string, { count: number; days: number }>>,
): { flow: StageFlow[] | null; regressions: number } {
  if (entered.size === 0) return { flow: null, regressions: 0 };
  const position = (stage: string) => {
    const f = firstSeen.get(stage) as { sum: number; deals: number };
    return f.sum / f.deals;
  };
  const stages = [...entered.keys()].filter((s) => outcomeOf(s) === 'open').sort((a, b) => position(a) - position(b) || a.localeCompare(b));
  const rank = new Map(stages.map((s, i) => [s, i]));
  let regressions = 0;
  const flow = stages.map((stage) => {
    let advanced = 0;
    let regressed = 0;
    let left = 0;
    let days = 0;
    for (const [to, move] of moves.get(stage) ?? []) {
      left += move.count;
      days += move.days;
      const outcome = outcomeOf(to);
      const step = outcome === 'open' ? (rank.get(to) as number) - (rank.get(stage) as number) : 0;
      if (outcome === 'won' || step > 0) advanced += move.count;
      else if (step < 0) regressed += move.count;
    }
    regressions += regressed;
    return { stage, entered: entered.get(stage) as number, advanced, regressed, left, conversion: ratio(advanced, left), avgDaysInStage: ratio(days, left) };
  });
  return { flow, regressions };
}

/**
 * The stage with the lowest conversion. A stage's time in stage is known exactly when its
 * conversion is (both are counted over the deals that left it), so conversion alone decides.
 */
function bottleneckOf(flow: StageFlow[] | null): PipelineResult['bottleneck'] {
  const converting = (flow ?? []).filter((f) => f.conversion !== null);
  if (!converting.length) return null;
  const worst = converting.reduce((a, b) => ((b.conversion as number) < (a.conversion as number) ? b : a));
  return { stage: worst.stage, conversion: worst.conversion, avgDaysInStage: worst.avgDaysInStage, reason: 'lowest conversion' };
}

/** Reps ranked by won revenue in the period; the top quarter (rounded up) against everyone else who closed a deal. */
function topQuartile(byRep: Map<number, Counts>): PipelineResult['topPerformers'] {
  const reps = [...byRep.entries()].filter(([, c]) => c.won + c.lost > 0).sort((a, b) => b[1].wonCents - a[1].wonCents || a[0] - b[0]);
  if (reps.length < 2) return null;
  const n = Math.ceil(reps.length / 4);
  const cohort = (rows: typeof reps): Cohort => {
    const sum = new Counts();
    for (const [, c] of rows) sum.merge(c);
    return { reps: rows.length, ...sum.cohort() };
  };
  return { rankedBy: 'wonRevenue', top: cohort(reps.slice(0, n)), rest: cohort(reps.slice(n)) };
}
