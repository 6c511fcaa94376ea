import { monthStart, monthsBetween } from '../domain/dates.js';
import { type DealFact, type FiscalCalendar, fiscalYearPeriod, largestRemainder, type Period, quarterKey, type Seller, UNASSIGNED } from './definitions.js';

/**
 * `territory-planning-advisor`: next fiscal year's quotas. The company target plus over-assignment
 * is shared among the reps by territory potential and last year's results, new hires ramp month by
 * month from their hire date, and the totals are checked against the target by team and region.
 * A fold over last fiscal year's deals (for the history), then `result()`.
 */

export interface TerritoryParameters {
  /** The company's revenue target for the fiscal year, in cents. */
  targetCents: number;
  /** How much more than the target the quotas add up to, in percent (10 → quotas total 110% of target). */
  overAssignmentPct: number;
  /** Productivity by month since hire, in percent: month 0 is the hire month; later months stay at the last value. */
  ramp: number[];
  /** How much of a rep's share comes from last year's results rather than territory potential, in percent. */
  historyWeightPct: number;
}

export const DEFAULT_TERRITORY_PARAMETERS: Omit<TerritoryParameters, 'targetCents'> = {
  overAssignmentPct: 10,
  ramp: [0, 25, 50, 75, 100],
  historyWeightPct: 50,
};

export interface TerritoryAccount {
  name: string;
  ownerId: number | null;
  potentialCents: number | null;
}

export interface TerritoryInput {
  /** The fiscal year being planned. */
  fiscalYear: number;
  calendar: FiscalCalendar;
  parameters: TerritoryParameters;
  /** The reps who will carry quota. */
  reps: readonly Seller[];
  accounts: readonly TerritoryAccount[];
}

export interface RepPackage {
  key: string;
  name: string;
  team: string;
  region: string;
  hireDate: string | null;
  accounts: { name: string; potential: number | null }[];
  potential: number;
  /** Won revenue in the previous fiscal year, and over how many of its months the rep was on board. */
  history: { wonRevenue: number; months: number };
  /** The rep's share of the plan, before ramp. */
  share: number;
  /** The annual quota at full productivity: the quota itself for a rep who does not ramp, else rounded to the nearest thousand. */
  fullQuota: number;
  /** The quota the rep carries this year after ramp, reconciled with everyone's to the target plus over-assignment; the sum of the quarters. */
  quota: number;
  byQuarter: { key: string; quota: number }[];
  /** The months (YYYY-MM) the rep is still ramping, with the productivity expected. */
  ramp: { month: string; pct: number }[];
}

export interface TerritoryGroup {
  key: string;
  reps: number;
  fullQuota: number;
  quota: number;
  /** This group's quota as a share of the company target. */
  shareOfTarget: number;
}

export interface TerritoryResult {
  agent: 'territory-planning-advisor';
  fiscalYear: string;
  period: Period;
  parameters: { target: number; overAssignmentPct: number; ramp: number[]; historyWeightPct: number };
  totals: {
    target: number;
    /** Target × (1 + over-assignment): what the quotas should add up to. */
    toAssign: number;
    /** What they add up to after rounding: exactly toAssign (largest remainder). */
    assigned: number;
    /** What the quotas are rounded to: 1,000 when toAssign is whole thousands, else 1 (or 0.01 for cents). */
    roundedTo: number;
    coverage: number;
    meetsTarget: boolean;
    reps: number;
    /** Reps at full productivity the year is worth, counting ramping months at their ramp. */
    capacity: number;
  };
  byTeam: TerritoryGroup[];
  byRegion: TerritoryGroup[];
  packages: RepPackage[];
}

const THOUSAND_CENTS = 100_000;

/** Quotas are in thousands when the total is whole thousands, else in dollars, else in cents. */
function unitOf(totalCents: number): number {
  if (totalCents % THOUSAND_CENTS === 0) return THOUSAND_CENTS;
  return totalCents % 100 === 0 ? 100 : 1;
}

export function createTerritoryPlanner(input: TerritoryInput) {
  const { calendar, parameters } = input;
  const period = fiscalYearPeriod(input.fiscalYear, calendar);
  const lastYear = fiscalYearPeriod(input.fiscalYear - 1, calendar);
  const wonLastYear = new Map<number, number>(input.reps.map((r) => [r.id, 0]));

  return {
    /** Deals from any time may come; only last fiscal year's wins count as history. */
    add(deal: DealFact): void {
      if (deal.outcome !== 'won' || deal.closeDate === null || deal.closeDate < lastYear.from || deal.closeDate > lastYear.to) return;
      const won = wonLastYear.get(deal.ownerId);
      if (won !== undefined) wonLastYear.set(deal.ownerId, won + (deal.amountCents ?? 0));
    },

    result(): TerritoryResult {
      const months = Array.from({ length: 12 }, (_, i) => monthStart(period.from, i));
      const rampAt = (monthsSinceHire: number) =>
        monthsSinceHire < 0 ? 0 : (parameters.ramp[Math.min(monthsSinceHire, parameters.ramp.length - 1)] ?? 100) / 100;

      const accountsOf = new Map<number, TerritoryAccount[]>();
      for (const a of input.accounts) {
        if (a.ownerId === null) continue;
        const list = accountsOf.get(a.ownerId);
        if (list) list.push(a);
        else accountsOf.set(a.ownerId, [a]);
      }
      // In the order packages are listed, so the largest remainder breaks ties the way the reader reads.
      const reps = [...input.reps].sort(
        (a, b) => (a.team ?? UNASSIGNED).localeCompare(b.team ?? UNASSIGNED) || (a.name ?? a.key).localeCompare(b.name ?? b.key) || a.key.localeCompare(b.key),
      );
      const rows = reps.map((rep) => {
        const accounts = (accountsOf.get(rep.id) ?? []).sort((a, b) => (b.potentialCents ?? 0) - (a.potentialCents ?? 0) || a.name.localeCompare(b.name));
        const potential = accounts.reduce((sum, a) => sum + (a.potentialCents ?? 0), 0);
        const monthsOnBoard = rep.hireDate ? Math.max(0, Math.min(12, 12 - monthsBetween(lastYear.from, rep.hireDate))) : 12;
        const won = wonLastYear.get(rep.id) ?? 0;
        const factors = months.map((m) => (rep.hireDate ? rampAt(monthsBetween(rep.hireDate, m)) : 1));
        return { rep, accounts, potential, won, monthsOnBoard, factors, annualized: monthsOnBoard > 0 ? (won * 12) / monthsOnBoard : null };
      });

      const totalPotential = rows.reduce((sum, r) => sum + r.potential, 0);
      const withHistory = rows.filter((r) => r.annualized !== null && r.annualized > 0);
      const totalHistory = withHistory.reduce((sum, r) => sum + (r.annualized as number), 0);
      const h = parameters.historyWeightPct / 100;
      const raw = rows.map((r) => {
        const potentialShare = totalPotential > 0 ? r.potential / totalPotential : 1 / rows.length;
        // A rep with no results last year (new, or no wins) is weighed by potential alone.
        if (totalHistory === 0 || r.annualized === null || r.annualized === 0) return potentialShare;
        return h * ((r.annualized as number) / totalHistory) + (1 - h) * potentialShare;
      });
      const rawTotal = raw.reduce((a, b) => a + b, 0);
      const shares = raw.map((w) => (rawTotal > 0 ? w / rawTotal : 1 / rows.length));

      const toAssign = (parameters.targetCents * (100 + parameters.overAssignmentPct)) / 100;
      // Quota per share such that the ramped quotas add up to the target plus over-assignment.
      const ramped = rows.reduce((sum, r, i) => sum + (shares[i] as number) * (r.factors.reduce((a, b) => a + b, 0) / 12), 0);
      const perShare = ramped > 0 ? toAssign / ramped : 0;

      // Each rep's exact ramped quota, then rounded together so that they add up to exactly toAssign.
      const monthsWorth = rows.map((r) => r.factors.reduce((a, b) => a + b, 0));
      const exact = rows.map((_, i) => (perShare * (shares[i] as number) * (monthsWorth[i] as number)) / 12);
      const totalCents = Math.round(exact.reduce((a, b) => a + b, 0));
      const unit = unitOf(totalCents);
      const carried = largestRemainder(exact, totalCents, unit);

      const packages: RepPackage[] = rows.map((r, i) => {
        const quotaCents = carried[i] as number;
        const fullCents = monthsWorth[i] === 12 ? quotaCents : Math.round((perShare * (shares[i] as number)) / THOUSAND_CENTS) * THOUSAND_CENTS;
        const quarterWorth = [0, 1, 2, 3].map((q) => r.factors.slice(q * 3, q * 3 + 3).reduce((a, b) => a + b, 0));
        const quarters = largestRemainder(
          quarterWorth.map((w) => (monthsWorth[i] ? (quotaCents * w) / (monthsWorth[i] as number) : 0)),
          quotaCents,
          // Quarters in whole dollars, so a ramping quarter is not rounded away.
          quotaCents % 100 === 0 ? 100 : 1,
        );
        const byQuarter = quarters.map((cents, q) => ({ key: quarterKey(input.fiscalYear, q + 1), quota: cents / 100 }));
        return {
          key: r.rep.key,
          name: r.rep.name ?? r.rep.key,
          team: r.rep.team ?? UNASSIGNED,
          region: r.rep.region ?? UNASSIGNED,
          hireDate: r.rep.hireDate ?? null,
          accounts: r.accounts.map((a) => ({ name: a.name, potential: a.potentialCents === null ? null : a.potentialCents / 100 })),
          potential: r.potential / 100,
          history: { wonRevenue: r.won / 100, months: r.monthsOnBoard },
          share: shares[i] as number,
          fullQuota: fullCents / 100,
          quota: quotaCents / 100,
          byQuarter,
          ramp: months.map((month, m) => ({ month: month.slice(0, 7), pct: Math.round((r.factors[m] as number) * 100) })).filter((x) => x.pct < 100),
        };
      });

      const target = parameters.targetCents / 100;
      const assigned = carried.reduce((a, b) => a + b, 0) / 100;
      const groupBy = (keyOf: (p: RepPackage) => string): TerritoryGroup[] => {
        const groups = new Map<string, TerritoryGroup>();
        for (const p of packages) {
          const key = keyOf(p);
          const g = groups.get(key) ?? { key, reps: 0, fullQuota: 0, quota: 0, shareOfTarget: 0 };
          g.reps += 1;
          g.fullQuota += p.fullQuota;
          g.quota += p.quota;
          groups.set(key, g);
        }
        return [...groups.values()].map((g) => ({ ...g, shareOfTarget: target > 0 ? g.quota / target : 0 })).sort((a, b) => a.key.localeCompare(b.key));
      };

      return {
        agent: 'territory-planning-advisor',
        fiscalYear: `FY${input.fiscalYear}`,
        period,
        parameters: { target, overAssignmentPct: parameters.overAssignmentPct, ramp: parameters.ramp, historyWeightPct: parameters.historyWeightPct },
        totals: {
          target,
          toAssign: toAssign / 100,
          assigned,
          roundedTo: unit / 100,
          coverage: target > 0 ? assigned / target : 0,
          meetsTarget: assigned >= target,
          reps: packages.length,
          capacity: rows.reduce((sum, r) => sum + r.factors.reduce((a, b) => a + b, 0) / 12, 0),
        },
        byTeam: groupBy((p) => p.team),
        byRegion: groupBy((p) => p.region),
        packages,
      };
    },
  };
}
