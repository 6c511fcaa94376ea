import { type DealFact, type FiscalCalendar, fiscalYearOf, fiscalYearPeriod, type Period, proratedCents, type QuotaFact, type Seller } from './definitions.js';

/**
 * `commission-calculations`: comp plans (on-target earnings, base/variable split, quota, tiers,
 * cap, SPIFFs), a rep's statement for a period, and worked payouts at several attainments, each
 * with its calculation steps. A fold over the rep's deals.
 */

/** Revenue between fromPct and toPct of quota pays `rate` × the base commission rate (0.5 decelerates, 1.5 accelerates). */
export interface CommissionTier {
  fromPct: number;
  toPct: number | null;
  rate: number;
}

/** A fixed bonus per won deal, optionally only for one product or deals of at least a size. */
export interface Spiff {
  name: string;
  amountCents: number;
  product: string | null;
  minDealCents: number | null;
}

export interface CompPlan {
  name: string;
  /** An email, a team or a title; null for everyone no other plan names. */
  appliesTo: string | null;
  oteCents: number;
  /** Share of on-target earnings paid as base salary, in percent. */
  basePct: number;
  /** The plan's standard annual quota, for reps without their own. */
  quotaCents: number | null;
  /** Variable pay stops at this percent of the target variable. */
  capPct: number | null;
  tiers: CommissionTier[];
  spiffs: Spiff[];
}

export type CalcStep =
  | { kind: 'base'; ote: number; basePct: number; share: number; amount: number }
  | { kind: 'target variable'; ote: number; variablePct: number; share: number; amount: number }
  | { kind: 'commission rate'; variable: number; quota: number; rate: number }
  | { kind: 'tier'; fromPct: number; toPct: number | null; revenue: number; rate: number; commissionRate: number; amount: number }
  | { kind: 'cap'; capPct: number; limit: number; before: number; amount: number }
  | { kind: 'spiff'; name: string; deals: number; each: number; amount: number }
  | { kind: 'total'; base: number; variable: number; spiffs: number; amount: number };

export interface Payout {
  attainment: number;
  revenue: number;
  quota: number;
  base: number;
  variable: number;
  spiffs: number;
  total: number;
  capped: boolean;
  steps: CalcStep[];
}

export interface PlanExamples {
  plan: CompPlan;
  /** The annual quota the examples use, and whose it is. */
  quota: number | null;
  quotaSource: 'rep' | 'plan' | null;
  examples: Payout[];
}

export interface CompResult {
  agent: 'commission-calculations';
  period: Period;
  rep: { key: string; name: string } | null;
  plans: PlanExamples[];
  /**
   * The rep's earnings for the period from their won deals; null without a rep, a plan or a quota.
   * `employedFrom` is the hire date when it falls inside the period: base, target variable and
   * quota are then prorated to the days employed (`share` in the steps).
   */
  statement: (Payout & { quotaSource: 'rep' | 'plan'; wonDeals: number; employedFrom: string | null }) | null;
  /** Why a rep with a plan has no statement, in words; null when there is one. */
  noStatement: string | null;
}

const EXAMPLE_ATTAINMENTS = [0.5, 0.75, 1, 1.25, 1.5] as const;

/** The plan that applies to a person: one naming their email, else their team, else their title, else the plan naming nobody. */
export function planFor(person: Pick<Seller, 'key' | 'team' | 'title'>, plans: readonly CompPlan[]): CompPlan | null {
  const named = (value: string | null | undefined) => (value ? plans.find((p) => p.appliesTo?.toLowerCase() === value.toLowerCase()) : undefined);
  return named(person.key) ?? named(person.team) ?? named(person.title) ?? plans.find((p) => p.appliesTo === null) ?? null;
}

const money = (amountCents: number): number => Math.round(amountCents) / 100;

/**
 * What a plan pays on `revenueCents` against `quotaCents`, for a share of the year (1 for a whole
 * fiscal year): base and target variable are prorated by the share, commission is earned tier by tier.
 */
export function computePayout(plan: CompPlan, quotaCents: number, revenueCents: number, share: number, spiffs: { spiff: Spiff; deals: number }[] = []): Payout {
  const baseCents = (plan.oteCents * plan.basePct * share) / 100;
  const variableCents = (plan.oteCents * (100 - plan.basePct) * share) / 100;
  const rate = variableCents / quotaCents;
  const steps: CalcStep[] = [
    { kind: 'base', ote: money(plan.oteCents), basePct: plan.basePct, share, amount: money(baseCents) },
    { kind: 'target variable', ote: money(plan.oteCents), variablePct: 100 - plan.basePct, share, amount: money(variableCents) },
    { kind: 'commission rate', variable: money(variableCents), quota: money(quotaCents), rate },
  ];
  let earned = 0;
  for (const tier of plan.tiers) {
    const low = (quotaCents * tier.fromPct) / 100;
    const high = tier.toPct === null ? Number.POSITIVE_INFINITY : (quotaCents * tier.toPct) / 100;
    const inBand = Math.max(0, Math.min(revenueCents, high) - low);
    if (inBand === 0) continue;
    const amount = inBand * rate * tier.rate;
    earned += amount;
    steps.push({
      kind: 'tier',
      fromPct: tier.fromPct,
      toPct: tier.toPct,
      revenue: money(inBand),
      rate: tier.rate,
      commissionRate: rate,
      amount: money(amount),
    });
  }
  let capped = false;
  if (plan.capPct !== null) {
    const limit = (variableCents * plan.capPct) / 100;
    capped = earned > limit;
    steps.push({ kind: 'cap', capPct: plan.capPct, limit: money(limit), before: money(earned), amount: money(Math.min(earned, limit)) });
    earned = Math.min(earned, limit);
  }
  let spiffCents = 0;
  for (const { spiff, deals } of spiffs) {
    if (deals === 0) continue;
    spiffCents += spiff.amountCents * deals;
    steps.push({ kind: 'spiff', name: spiff.name, deals, each: money(spiff.amountCents), amount: money(spiff.amountCents * deals) });
  }
  const total = money(baseCents) + money(earned) + money(spiffCents);
  steps.push({ kind: 'total', base: money(baseCents), variable: money(earned), spiffs: money(spiffCents), amount: Math.round(total * 100) / 100 });
  return {
    attainment: revenueCents / quotaCents,
    revenue: money(revenueCents),
    quota: money(quotaCents),
    base: money(baseCents),
    variable: money(earned),
    spiffs: money(spiffCents),
    total: Math.round(total * 100) / 100,
    capped,
    steps,
  };
}

/** Payouts at 50, 75, 100, 125 and 150% of a year's quota, for the share of the year the rep is employed (1 by default). */
export function workedExamples(plan: CompPlan, quotaCents: number, share = 1): Payout[] {
  return EXAMPLE_ATTAINMENTS.map((a) => computePayout(plan, quotaCents, Math.round(quotaCents * a), share));
}

/** The part of a period a person is employed: from their hire date when it falls inside; null when hired after it. */
function employedPart(period: Period, hireDate: string | null | undefined): Period | null {
  if (!hireDate || hireDate <= period.from) return period;
  return hireDate > period.to ? null : { from: hireDate, to: period.to };
}

export interface CompInput {
  period: Period;
  calendar: FiscalCalendar;
  plans: readonly CompPlan[];
  /** The rep whose statement this is; null for the plans alone. */
  rep: Seller | null;
  /** The rep's quotas. */
  quotas: readonly QuotaFact[];
}

export function createCompCalculator(input: CompInput) {
  const { period, rep } = input;
  const plan = rep ? planFor(rep, input.plans) : null;
  let wonCents = 0;
  let wonDeals = 0;
  const spiffDeals = new Map<Spiff, number>((plan?.spiffs ?? []).map((s) => [s, 0]));

  return {
    add(deal: DealFact): void {
      if (!rep || deal.ownerId !== rep.id || deal.outcome !== 'won' || deal.closeDate === null) return;
      if (deal.closeDate < period.from || deal.closeDate > period.to) return;
      wonDeals += 1;
      wonCents += deal.amountCents ?? 0;
      for (const spiff of spiffDeals.keys()) {
        if (spiff.product !== null && spiff.product.toLowerCase() !== (deal.product ?? '').toLowerCase()) continue;
        if (spiff.minDealCents !== null && (deal.amountCents ?? 0) < spiff.minDealCents) continue;
        spiffDeals.set(spiff, (spiffDeals.get(spiff) as number) + 1);
      }
    },

    result(): CompResult {
      const fiscalYear = fiscalYearPeriod(fiscalYearOf(period.from, input.calendar), input.calendar);
      // The rep's own quota over a span: null when no quota of theirs touches it (the plan's then applies), 0 when it is zero.
      const repQuota = (within: Period | null): number | null => {
        const touching = within ? input.quotas.filter((q) => q.period.from <= within.to && within.from <= q.period.to) : [];
        return touching.length ? touching.reduce((sum, q) => sum + proratedCents(q.amountCents, q.period, within as Period), 0) : null;
      };
      // Base, target variable and quota are prorated by the days employed (whole months when those are whole months).
      const share = (within: Period | null) => (within ? proratedCents(1, fiscalYear, within) : 0);
      const yearEmployed = employedPart(fiscalYear, rep?.hireDate);
      const plans = (rep ? (plan ? [plan] : []) : input.plans).map((p): PlanExamples => {
        const own = rep ? repQuota(yearEmployed) : null;
        const yearShare = rep ? share(yearEmployed) : 1;
        const quotaCents = own ?? (p.quotaCents === null ? null : p.quotaCents * yearShare);
        return {
          plan: p,
          quota: quotaCents === null ? null : money(quotaCents),
          quotaSource: own !== null ? 'rep' : quotaCents !== null ? 'plan' : null,
          examples: quotaCents ? workedExamples(p, quotaCents, yearShare) : [],
        };
      });
      let statement: CompResult['statement'] = null;
      let noStatement: string | null = null;
      if (rep && plan) {
        const name = rep.name ?? rep.key;
        const employed = employedPart(period, rep.hireDate);
        const own = repQuota(employed);
        const quotaCents = own ?? (plan.quotaCents === null ? null : plan.quotaCents * share(employed));
        if (employed === null) noStatement = `${name} was hired on ${rep.hireDate}, after this period.`;
        else if (quotaCents === null) noStatement = `${name} has no quota for this period and the plan sets none.`;
        else if (quotaCents === 0) {
          noStatement = `${name}'s quota for this period is zero: with no quota there is no commission rate (target variable ÷ quota), so no commission and no worked examples.`;
        } else {
          const payout = computePayout(
            plan,
            quotaCents,
            wonCents,
            share(employed),
            [...spiffDeals].map(([spiff, deals]) => ({ spiff, deals })),
          );
          statement = { ...payout, quotaSource: own !== null ? 'rep' : 'plan', wonDeals, employedFrom: employed.from === period.from ? null : employed.from };
        }
      }
      return { agent: 'commission-calculations', period, rep: rep ? { key: rep.key, name: rep.name ?? rep.key } : null, plans, statement, noStatement };
    },
  };
}
