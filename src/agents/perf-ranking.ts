import { type Seller, UNASSIGNED } from './definitions.js';

/**
 * The performance tracker's rankings: top performers (recognition), bottom performers (coaching,
 * with the reasons against the ranked reps' medians), who is not ranked and why, and the
 * attainment distribution.
 */

export type Measure = 'attainment' | 'wonRevenue';

/** The figures of one person's row that the ranking reads. */
interface RowFigures {
  key: string;
  name?: string;
  wonRevenue: number;
  attainment: number | null;
  winRate: number | null;
  openValue: number;
  openCount: number;
}

export interface RankedRep {
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
  openCount: number;
}

type BottomReasonKind = 'low attainment' | 'low won revenue' | 'low win rate' | 'thin pipeline';

/** Why a bottom performer needs coaching: their figure against the median of the ranked reps. */
export interface BottomReason {
  kind: BottomReasonKind;
  value: number | null;
  median: number;
  /** Thin pipeline judged by the number of open deals, as the open deals have no amounts (otherwise by open value). */
  measure?: 'openCount';
}

export interface BottomRep extends RankedRep {
  reasons: BottomReason[];
}

export interface UnrankedRep {
  key: string;
  name: string;
  team: string;
  /** No deals in the period; no quota (when ranking by attainment); or not a rep and no rep quota (a manager's overlay is not one). */
  reason: 'no deals' | 'no quota' | 'no rep quota';
  quota: number | null;
}

export interface AttainmentBand {
  band: string;
  from: number;
  to: number | null;
  count: number;
}

export interface Ranking {
  rankedBy: Measure;
  top: RankedRep[];
  bottom: BottomRep[];
  unranked: UnrankedRep[];
  attainmentDistribution: AttainmentBand[];
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

/**
 * `rows`: everyone with deals in the period; `sells` says who may be ranked (a rep, or anyone
 * carrying a rep quota). `withoutDeals`: the reps with nothing in the period, with their quota.
 */
export function rank(rows: { person: Seller; metrics: RowFigures; sells: boolean }[], withoutDeals: { person: Seller; quota: number | null }[]): Ranking {
  const unranked: UnrankedRep[] = withoutDeals.map(({ person, quota }) => ({
    key: person.key,
    name: person.name ?? person.key,
    team: person.team ?? UNASSIGNED,
    reason: 'no deals',
    quota,
  }));
  const sellers = rows.filter((r) => {
    if (r.sells) return true;
    unranked.push({ key: r.metrics.key, name: r.metrics.name ?? r.metrics.key, team: r.person.team ?? UNASSIGNED, reason: 'no rep quota', quota: null });
    return false;
  });
  const rankedBy: Measure = sellers.some((r) => r.metrics.attainment !== null) ? 'attainment' : 'wonRevenue';
  const candidates = sellers.filter((r) => {
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
      openCount: metrics.openCount,
    }))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));

  const n = Math.min(ranked.length, 10, Math.max(3, Math.ceil(ranked.length / 10)));
  const top = ranked.slice(0, n);
  const rest = ranked.slice(n);
  const medians: Medians = {
    value: median(ranked.map((r) => r.value)),
    winRate: median(ranked.map((r) => r.winRate).filter((v): v is number => v !== null)),
    openValue: median(ranked.map((r) => r.openValue)),
    openCount: median(ranked.map((r) => r.openCount)),
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

interface Medians {
  value: number | null;
  winRate: number | null;
  openValue: number | null;
  openCount: number | null;
}

function reasonsFor(r: RankedRep, rankedBy: Measure, medians: Medians): BottomReason[] {
  const reasons: BottomReason[] = [];
  if (medians.value !== null && r.value < LOW_FACTOR * medians.value) {
    reasons.push({ kind: rankedBy === 'attainment' ? 'low attainment' : 'low won revenue', value: r.value, median: medians.value });
  }
  if (medians.winRate !== null && r.winRate !== null && r.winRate < LOW_FACTOR * medians.winRate) {
    reasons.push({ kind: 'low win rate', value: r.winRate, median: medians.winRate });
  }
  // Open deals with no amounts have no value to compare: their number still says whether the pipeline is thin.
  if (medians.openValue !== null && medians.openValue > 0) {
    if (r.openValue < THIN_PIPELINE_FACTOR * medians.openValue) {
      reasons.push({ kind: 'thin pipeline', value: r.openValue, median: medians.openValue });
    }
  } else if (medians.openCount !== null && medians.openCount > 0 && r.openCount < THIN_PIPELINE_FACTOR * medians.openCount) {
    reasons.push({ kind: 'thin pipeline', value: r.openCount, median: medians.openCount, measure: 'openCount' });
  }
  return reasons;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
