import { dayNumber } from '../domain/dates.js';
import { getOrAdd } from '../domain/maps.js';
import { quotaKindOf } from '../domain/sales/quota-kinds.js';
import {
  countsIn,
  type DealFact,
  type FiscalCalendar,
  type Period,
  proratedCents,
  type QuotaFact,
  quarterKeyOf,
  quartersIn,
  ratio,
  type Seller,
  UNASSIGNED,
  winRate,
} from './definitions.js';
import { type AttainmentBand, type BottomRep, type Measure, type RankedRep, rank, type UnrankedRep } from './perf-ranking.js';

/**
 * `quota-performance-tracker`: PRODUCT §6's metrics by rep, team, region, segment, product and fiscal
 * quarter over a period, the attainment distribution, top performers and bottom performers with the
 * reason. A fold: `add()` each deal (in any order, a million of them), then `result()`.
 */

/** The breakdowns a performance report can be read by. */
export const BREAKDOWNS = ['rep', 'team', 'region', 'segment', 'product', 'quarter'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface PerfInput {
  period: Period;
  calendar: FiscalCalendar;
  /** Everyone in scope: deals owned by anyone else are not counted. */
  people: readonly Seller[];
  quotas: readonly QuotaFact[];
}

/** One row of every breakdown. Money in currency units, rates as fractions, null where undefined. */
export interface GroupMetrics {
  key: string;
  name?: string;
  wonRevenue: number;
  wonCount: number;
  lostCount: number;
  winRate: number | null;
  avgDealSize: number | null;
  avgCycleDays: number | null;
  quota: number | null;
  attainment: number | null;
  openCount: number;
  openValue: number;
}

/** An overlay quota: its holder, how many people their organisation counts (them included), its won revenue against the quota. */
interface OverlayRow {
  key: string;
  name: string;
  people: number;
  quota: number;
  wonRevenue: number;
  attainment: number;
}

export interface PerfResult {
  agent: 'quota-performance-tracker';
  period: Period;
  totals: GroupMetrics;
  byRep: GroupMetrics[];
  byTeam: GroupMetrics[];
  byRegion: GroupMetrics[];
  bySegment: GroupMetrics[];
  byProduct: GroupMetrics[];
  byQuarter: GroupMetrics[];
  /** Attainment where the ranked reps have quotas, else won revenue; ties by name. */
  rankedBy: Measure;
  top: RankedRep[];
  bottom: BottomRep[];
  /** Reps not ranked: no deals in the period, or (when ranking by attainment) no quota for it. */
  unranked: UnrankedRep[];
  attainmentDistribution: AttainmentBand[];
  /** Managers' and leaders' overlay quotas, each against the won revenue of their organisation; never in the totals above. */
  overlays: OverlayRow[];
  /** When asked for (a year to date): the same dates a year earlier, to track the new year's start against. */
  priorYear?: { period: Period; totals: GroupMetrics };
}

class Totals {
  wonCents = 0;
  wonCount = 0;
  lostCount = 0;
  cycleDays = 0;
  cycleCount = 0;
  openCount = 0;
  openCents = 0;

  add(deal: DealFact, cycle: number | null): void {
    if (deal.outcome === 'open') {
      this.openCount += 1;
      if (deal.amountCents !== null) this.openCents += deal.amountCents;
      return;
    }
    if (deal.outcome === 'won') {
      this.wonCount += 1;
      if (deal.amountCents !== null) this.wonCents += deal.amountCents;
    } else this.lostCount += 1;
    if (cycle !== null) {
      this.cycleDays += cycle;
      this.cycleCount += 1;
    }
  }

  metrics(key: string, quotaCents: number | null, name?: string): GroupMetrics {
    const quota = quotaCents === null || quotaCents === 0 ? null : quotaCents;
    return {
      key,
      ...(name === undefined ? {} : { name }),
      wonRevenue: money(this.wonCents),
      wonCount: this.wonCount,
      lostCount: this.lostCount,
      winRate: winRate(this.wonCount, this.lostCount),
      avgDealSize: this.wonCount === 0 ? null : money(this.wonCents / this.wonCount),
      avgCycleDays: ratio(this.cycleDays, this.cycleCount),
      quota: quota === null ? null : money(quota),
      attainment: quota === null ? null : this.wonCents / quota,
      openCount: this.openCount,
      openValue: money(this.openCents),
    };
  }
}

/** Cents to currency units, rounded to the cent. */
const money = (amountCents: number): number => Math.round(amountCents) / 100;

function group(map: Map<string, Totals>, key: string): Totals {
  return getOrAdd(map, key, () => new Totals());
}

export function createPerfTracker(input: PerfInput) {
  const { period, calendar } = input;
  const people = new Map(input.people.map((p) => [p.id, p]));
  const totals = new Totals();
  const byRep = new Map<number, Totals>();
  const byTeam = new Map<string, Totals>();
  const byRegion = new Map<string, Totals>();
  const bySegment = new Map<string, Totals>();
  const byProduct = new Map<string, Totals>();
  const byQuarter = new Map<string, Totals>();

  return {
    add(deal: DealFact): void {
      const owner = people.get(deal.ownerId);
      if (!owner || !countsIn(deal, period)) return;
      const cycle =
        deal.outcome !== 'open' && deal.createdDate !== null && deal.closeDate !== null ? dayNumber(deal.closeDate) - dayNumber(deal.createdDate) : null;
      totals.add(deal, cycle);
      const rep = getOrAdd(byRep, owner.id, () => new Totals());
      rep.add(deal, cycle);
      group(byTeam, owner.team ?? UNASSIGNED).add(deal, cycle);
      group(byRegion, owner.region ?? UNASSIGNED).add(deal, cycle);
      group(bySegment, deal.segment ?? owner.segment ?? UNASSIGNED).add(deal, cycle);
      group(byProduct, deal.product ?? UNASSIGNED).add(deal, cycle);
      // An open deal with no expected close date belongs to no quarter.
      if (deal.closeDate !== null) group(byQuarter, quarterKeyOf(deal.closeDate, calendar)).add(deal, cycle);
    },

    result(): PerfResult {
      // Rep quotas add up to teams, regions and the company; an overlay is measured over its holder's organisation only.
      const byId = new Map(input.people.map((p) => [p.id, p]));
      const quotaOf = new Map<number, number>();
      const overlayOf = new Map<number, number>();
      const quarters = quartersIn(period, calendar);
      const quarterQuota = new Map<string, number>();
      for (const q of input.quotas) {
        const holder = byId.get(q.personId);
        if (!holder) continue;
        const amount = proratedCents(q.amountCents, q.period, period);
        if (amount <= 0) continue;
        if (quotaKindOf(q.kind, holder.role) === 'overlay') {
          overlayOf.set(q.personId, (overlayOf.get(q.personId) ?? 0) + amount);
          continue;
        }
        quotaOf.set(q.personId, (quotaOf.get(q.personId) ?? 0) + amount);
        for (const quarter of quarters) {
          const part = proratedCents(q.amountCents, q.period, quarter.period);
          if (part > 0) quarterQuota.set(quarter.key, (quarterQuota.get(quarter.key) ?? 0) + part);
        }
      }
      const sumQuota = (predicate: (p: Seller) => boolean): number | null => {
        let sum = 0;
        let any = false;
        for (const p of input.people) {
          const q = quotaOf.get(p.id);
          if (q !== undefined && predicate(p)) {
            sum += q;
            any = true;
          }
        }
        return any ? sum : null;
      };
      const groupRows = (map: Map<string, Totals>, quotaFor: ((key: string) => number | null) | null) =>
        [...map.keys()].sort().map((key) => (map.get(key) as Totals).metrics(key, quotaFor ? quotaFor(key) : null));

      // A rep in the sales data, or anyone carrying a rep quota, is ranked; anyone else who sold is shown but not ranked.
      const sells = (p: Seller) => (p.role === 'rep' && p.inSalesData !== false) || quotaOf.has(p.id);
      const repRows = input.people
        .filter((p) => byRep.has(p.id))
        .map((p) => ({ person: p, sells: sells(p), metrics: (byRep.get(p.id) as Totals).metrics(p.key, quotaOf.get(p.id) ?? null, p.name ?? p.key) }))
        .sort((a, b) => a.metrics.key.localeCompare(b.metrics.key));

      const empty = new Totals();
      const ranking = rank(
        repRows,
        input.people
          .filter((p) => sells(p) && !byRep.has(p.id))
          .map((p) => ({ person: p, quota: quotaOf.has(p.id) ? money(quotaOf.get(p.id) as number) : null })),
      );
      return {
        agent: 'quota-performance-tracker',
        period,
        totals: totals.metrics(
          'total',
          sumQuota(() => true),
        ),
        byRep: repRows.map((r) => r.metrics),
        byTeam: groupRows(byTeam, (key) => sumQuota((p) => (p.team ?? UNASSIGNED) === key)),
        byRegion: groupRows(byRegion, (key) => sumQuota((p) => (p.region ?? UNASSIGNED) === key)),
        // Quotas belong to people, not to segments or products.
        bySegment: groupRows(bySegment, null),
        byProduct: groupRows(byProduct, null),
        byQuarter: quarters.map((q) => (byQuarter.get(q.key) ?? empty).metrics(q.key, quarterQuota.get(q.key) ?? null)),
        ...ranking,
        overlays: overlays(input.people, overlayOf, byRep),
      };
    },
  };
}

/**
 * Each overlay quota against its holder's organisation: the holder and everyone below them in the
 * reporting line (among the people in scope), their won revenue together.
 */
function overlays(people: readonly Seller[], overlayOf: Map<number, number>, byRep: Map<number, Totals>): OverlayRow[] {
  const reports = new Map<number, number[]>();
  for (const p of people) if (p.managerId != null) getOrAdd(reports, p.managerId, () => []).push(p.id);
  const rows: OverlayRow[] = [];
  for (const p of people) {
    const quota = overlayOf.get(p.id);
    if (quota === undefined) continue;
    const org = new Set<number>([p.id]);
    const queue = [p.id];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      for (const report of reports.get(id) ?? []) {
        if (org.has(report)) continue;
        org.add(report);
        queue.push(report);
      }
    }
    let wonCents = 0;
    for (const id of org) wonCents += byRep.get(id)?.wonCents ?? 0;
    rows.push({ key: p.key, name: p.name ?? p.key, people: org.size, quota: money(quota), wonRevenue: money(wonCents), attainment: wonCents / quota });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}
