import { dayNumber } from '../domain/dates.js';
import { getOrAdd } from '../domain/maps.js';
import type { PeopleRole } from '../domain/roles.js';
import { countsIn, type DealFact, type FiscalCalendar, type Period, proratedCents, quarterKeyOf, quartersIn, ratio, winRate } from './definitions.js';

/**
 * `quota-performance-tracker`: PRODUCT §6's metrics by rep, team, region, segment, product and fiscal
 * quarter over a period, the attainment distribution, top performers and bottom performers with the
 * reason. A fold: `add()` each deal (in any order, a million of them), then `result()`.
 */

export const UNASSIGNED = '(none)';

/** The breakdowns a performance report can be read by. */
export const BREAKDOWNS = ['rep', 'team', 'region', 'segment', 'product', 'quarter'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

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
}

export interface QuotaFact {
  personId: number;
  period: Period;
  amountCents: number;
}

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

type Measure = 'attainment' | 'wonRevenue';

interface RankedRep {
  key: string;
  name: string;
  team: string;
  region: string;
  /** The figure the rep was ranked by (see PerfResult.rankedBy). */
  value: number;
  wonRevenue: number;
  attainment: number | null;
  winRate: number | null;
  openValue: number;
}

type BottomReasonKind = 'low attainment' | 'low won revenue' | 'low win rate' | 'thin pipeline';

/** Why a bottom performer needs coaching: their figure against the median of the ranked reps. */
export interface BottomReason {
  kind: BottomReasonKind;
  value: number | null;
  median: number;
}

interface BottomRep extends RankedRep {
  reasons: BottomReason[];
}

interface UnrankedRep {
  key: string;
  name: string;
  team: string;
  reason: 'no deals' | 'no quota';
  quota: number | null;
}

interface AttainmentBand {
  band: string;
  from: number;
  to: number | null;
  count: number;
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
  /** When asked for (a year to date): the same dates a year earlier, to track the new year's start against. */
  priorYear?: { period: Period; totals: GroupMetrics };
}

/** Below this share of the ranked reps' median, a figure is a coaching reason; pipeline is noisier, so its bar is lower. */
const LOW_FACTOR = 0.75;
const THIN_PIPELINE_FACTOR = 0.5;

const BANDS: { band: string; from: number; to: number | null }[] = [
  { band: '<50%', from: 0, to: 0.5 },
  { band: '50–75%', from: 0.5, to: 0.75 },
  { band: '75–100%', from: 0.75, to: 1 },
  { band: '100–125%', from: 1, to: 1.25 },
  { band: '≥125%', from: 1.25, to: null },
];

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
      // Sellers are the reps and whoever sold in the period; a manager's or leader's own quota is not their team's.
      const sellers = input.people.filter((p) => p.role === 'rep' || byRep.has(p.id));
      const sellerIds = new Set(sellers.map((p) => p.id));
      const quotaOf = new Map<number, number>();
      const quarters = quartersIn(period, calendar);
      const quarterQuota = new Map<string, number>();
      for (const q of input.quotas) {
        if (!sellerIds.has(q.personId)) continue;
        const amount = proratedCents(q.amountCents, q.period, period);
        if (amount > 0) quotaOf.set(q.personId, (quotaOf.get(q.personId) ?? 0) + amount);
        for (const quarter of quarters) {
          const part = proratedCents(q.amountCents, q.period, quarter.period);
          if (part > 0) quarterQuota.set(quarter.key, (quarterQuota.get(quarter.key) ?? 0) + part);
        }
      }
      const sumQuota = (predicate: (p: Seller) => boolean): number | null => {
        let sum = 0;
        let any = false;
        for (const p of sellers) {
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

      const repRows = sellers
        .filter((p) => byRep.has(p.id))
        .map((p) => ({ person: p, metrics: (byRep.get(p.id) as Totals).metrics(p.key, quotaOf.get(p.id) ?? null, p.name ?? p.key) }))
        .sort((a, b) => a.metrics.key.localeCompare(b.metrics.key));

      const empty = new Totals();
      const ranking = rank(
        repRows,
        sellers.filter((p) => p.role === 'rep' && !byRep.has(p.id)),
        quotaOf,
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
      };
    },
  };
}

function rank(
  rows: { person: Seller; metrics: GroupMetrics }[],
  withoutDeals: Seller[],
  quotaOf: Map<number, number>,
): Pick<PerfResult, 'rankedBy' | 'top' | 'bottom' | 'unranked' | 'attainmentDistribution'> {
  const rankedBy: Measure = rows.some((r) => r.metrics.attainment !== null) ? 'attainment' : 'wonRevenue';
  const unranked: UnrankedRep[] = withoutDeals.map((p) => ({
    key: p.key,
    name: p.name ?? p.key,
    team: p.team ?? UNASSIGNED,
    reason: 'no deals',
    quota: quotaOf.has(p.id) ? money(quotaOf.get(p.id) as number) : null,
  }));
  const candidates = rows.filter((r) => {
    if (rankedBy === 'wonRevenue' || r.metrics.attainment !== null) return true;
    unranked.push({ key: r.metrics.key, name: r.metrics.name ?? r.metrics.key, team: r.person.team ?? UNASSIGNED, reason: 'no quota', quota: null });
    return false;
  });
  unranked.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));

  const ranked: RankedRep[] = candidates
    .map(({ person, metrics }) => ({
      key: metrics.key,
      name: metrics.name ?? metrics.key,
      team: person.team ?? UNASSIGNED,
      region: person.region ?? UNASSIGNED,
      value: rankedBy === 'attainment' ? (metrics.attainment as number) : metrics.wonRevenue,
      wonRevenue: metrics.wonRevenue,
      attainment: metrics.attainment,
      winRate: metrics.winRate,
      openValue: metrics.openValue,
    }))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));

  const n = Math.min(ranked.length, 10, Math.max(3, Math.ceil(ranked.length / 10)));
  const top = ranked.slice(0, n);
  const rest = ranked.slice(n);
  const medians = {
    value: median(ranked.map((r) => r.value)),
    winRate: median(ranked.map((r) => r.winRate).filter((v): v is number => v !== null)),
    openValue: median(ranked.map((r) => r.openValue)),
  };
  const bottom = rest
    .slice(Math.max(0, rest.length - n))
    .reverse()
    .map((r) => ({ ...r, reasons: reasonsFor(r, rankedBy, medians) }));

  const distribution = BANDS.map((b) => ({ ...b, count: 0 }));
  for (const r of ranked) {
    if (r.attainment === null) continue;
    const band = distribution.find((b) => (r.attainment as number) >= b.from && (b.to === null || (r.attainment as number) < b.to));
    if (band) band.count += 1;
  }
  return { rankedBy, top, bottom, unranked, attainmentDistribution: distribution };
}

function reasonsFor(r: RankedRep, rankedBy: Measure, medians: { value: number | null; winRate: number | null; openValue: number | null }): BottomReason[] {
  const reasons: BottomReason[] = [];
  if (medians.value !== null && r.value < LOW_FACTOR * medians.value) {
    reasons.push({ kind: rankedBy === 'attainment' ? 'low attainment' : 'low won revenue', value: r.value, median: medians.value });
  }
  if (medians.winRate !== null && r.winRate !== null && r.winRate < LOW_FACTOR * medians.winRate) {
    reasons.push({ kind: 'low win rate', value: r.winRate, median: medians.winRate });
  }
  if (medians.openValue !== null && medians.openValue > 0 && r.openValue < THIN_PIPELINE_FACTOR * medians.openValue) {
    reasons.push({ kind: 'thin pipeline', value: r.openValue, median: medians.openValue });
  }
  return reasons;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
