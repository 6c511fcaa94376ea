import { describe, expect, it } from 'vitest';
import { type CompPlan, computePayout, createCompCalculator, planFor, workedExamples } from '../../src/agents/comp.js';
import type { DealFact, Seller } from '../../src/agents/definitions.js';

// OTE 200,000 at 50/50: 100,000 variable against a 1,000,000 quota is a 10% base commission rate.
// 0–50% of quota pays 0.6×, 50–100% 1.4× (so 100% pays exactly the target variable), 100–150% 2×, beyond 1×; capped at 180%.
const plan: CompPlan = {
  name: 'AE FY2017',
  appliesTo: null,
  oteCents: 20_000_000,
  basePct: 50,
  quotaCents: 100_000_000,
  capPct: 180,
  tiers: [
    { fromPct: 0, toPct: 50, rate: 0.6 },
    { fromPct: 50, toPct: 100, rate: 1.4 },
    { fromPct: 100, toPct: 150, rate: 2 },
    { fromPct: 150, toPct: null, rate: 1 },
  ],
  spiffs: [
    { name: 'Big deal bonus', amountCents: 100_000, product: null, minDealCents: 15_000_000 },
    { name: 'Add-on push', amountCents: 50_000, product: 'Add-on', minDealCents: null },
  ],
};

const ann: Seller = { id: 1, key: 'ann@example.com', name: 'Ann', role: 'rep', team: 'East', region: null, segment: null, title: 'Account Executive' };

describe('commission-calculations', () => {
  it('worked payouts at 50, 75, 100, 125 and 150% of quota', () => {
    const examples = workedExamples(plan, plan.quotaCents as number);
    expect(examples.map((e) => [e.attainment, e.revenue, e.base, e.variable, e.total, e.capped])).toEqual([
      [0.5, 500_000, 100_000, 30_000, 130_000, false], // 500,000 × 10% × 0.6
      [0.75, 750_000, 100_000, 65_000, 165_000, false], // + 250,000 × 10% × 1.4
      [1, 1_000_000, 100_000, 100_000, 200_000, false], // + 500,000 × 10% × 1.4: on target
      [1.25, 1_250_000, 100_000, 150_000, 250_000, false], // + 250,000 × 10% × 2
      [1.5, 1_500_000, 100_000, 180_000, 280_000, true], // 200,000 earned, capped at 180% of 100,000
    ]);
  });

  it('shows each step of the calculation', () => {
    const [, , , at125] = workedExamples(plan, plan.quotaCents as number);
    expect(at125?.steps).toEqual([
      { kind: 'base', ote: 200_000, basePct: 50, share: 1, amount: 100_000 },
      { kind: 'target variable', ote: 200_000, variablePct: 50, share: 1, amount: 100_000 },
      { kind: 'commission rate', variable: 100_000, quota: 1_000_000, rate: 0.1 },
      { kind: 'tier', fromPct: 0, toPct: 50, revenue: 500_000, rate: 0.6, commissionRate: 0.1, amount: 30_000 },
      { kind: 'tier', fromPct: 50, toPct: 100, revenue: 500_000, rate: 1.4, commissionRate: 0.1, amount: 70_000 },
      { kind: 'tier', fromPct: 100, toPct: 150, revenue: 250_000, rate: 2, commissionRate: 0.1, amount: 50_000 },
      { kind: 'cap', capPct: 180, limit: 180_000, before: 150_000, amount: 150_000 },
      { kind: 'total', base: 100_000, variable: 150_000, spiffs: 0, amount: 250_000 },
    ]);
  });

  it("a rep's statement for a quarter: base and variable for a quarter of the year, tiers on the quarter's quota, SPIFFs on top", () => {
    const calc = createCompCalculator({
      period: { from: '2017-01-01', to: '2017-03-31' },
      calendar: { startMonth: 1 },
      plans: [plan],
      rep: ann,
      quotas: [{ personId: 1, period: { from: '2017-01-01', to: '2017-12-31' }, amountCents: 100_000_000 }],
    });
    const deals: DealFact[] = [
      { ownerId: 1, outcome: 'won', amountCents: 20_000_000, product: 'Core', segment: null, createdDate: null, closeDate: '2017-02-01' },
      { ownerId: 1, outcome: 'won', amountCents: 10_000_000, product: 'add-on', segment: null, createdDate: null, closeDate: '2017-03-31' },
      { ownerId: 1, outcome: 'won', amountCents: 50_000_000, product: 'Core', segment: null, createdDate: null, closeDate: '2017-04-01' },
      { ownerId: 1, outcome: 'lost', amountCents: 50_000_000, product: 'Core', segment: null, createdDate: null, closeDate: '2017-02-01' },
      { ownerId: 2, outcome: 'won', amountCents: 50_000_000, product: 'Core', segment: null, createdDate: null, closeDate: '2017-02-01' },
    ];
    for (const d of deals) calc.add(d);
    const { statement, plans, rep } = calc.result();
    expect(rep).toEqual({ key: 'ann@example.com', name: 'Ann' });
    // Quarter quota 250,000; won 300,000 = 120%. Tiers: 125,000 × 10% × 0.6 + 125,000 × 10% × 1.4 + 50,000 × 10% × 2.
    expect(statement).toMatchObject({
      quota: 250_000,
      quotaSource: 'rep',
      revenue: 300_000,
      attainment: 1.2,
      wonDeals: 2,
      base: 25_000,
      variable: 35_000,
      spiffs: 1_500,
      total: 61_500,
      capped: false,
    });
    expect(statement?.steps.filter((s) => s.kind === 'spiff')).toEqual([
      { kind: 'spiff', name: 'Big deal bonus', deals: 1, each: 1_000, amount: 1_000 },
      { kind: 'spiff', name: 'Add-on push', deals: 1, each: 500, amount: 500 },
    ]);
    expect(plans.map((p) => [p.plan.name, p.quota, p.quotaSource, p.examples.length])).toEqual([['AE FY2017', 1_000_000, 'rep', 5]]);
  });

  it('earns nothing beyond the base with no wins', () => {
    const payout = computePayout(plan, 100_000_000, 0, 1);
    expect([payout.variable, payout.total]).toEqual([0, 100_000]);
  });

  it('finds the plan for a person: by email, else team, else title, else the plan for everyone', () => {
    const plans = [
      { ...plan, name: 'Default', appliesTo: null },
      { ...plan, name: 'East team', appliesTo: 'East' },
      { ...plan, name: 'AEs', appliesTo: 'account executive' },
      { ...plan, name: 'Ann only', appliesTo: 'ANN@example.com' },
    ];
    expect(planFor(ann, plans)?.name).toBe('Ann only');
    expect(planFor({ key: 'bob@example.com', team: 'East', title: 'Account Executive' }, plans)?.name).toBe('East team');
    expect(planFor({ key: 'cat@example.com', team: 'West', title: 'Account Executive' }, plans)?.name).toBe('AEs');
    expect(planFor({ key: 'dan@example.com', team: 'West', title: null }, plans)?.name).toBe('Default');
    expect(planFor({ key: 'dan@example.com', team: 'West', title: null }, plans.slice(1))).toBeNull();
  });
});

const won = (amountCents: number | null, closeDate: string | null, product: string | null = 'Core', ownerId = 1): DealFact => ({
  ownerId,
  outcome: 'won',
  amountCents,
  product,
  segment: null,
  createdDate: null,
  closeDate,
});

const Q1 = { from: '2017-01-01', to: '2017-03-31' };
const annualQuota = { personId: 1, period: { from: '2017-01-01', to: '2017-12-31' }, amountCents: 100_000_000 };

function statementFor(deals: DealFact[], overrides: Partial<Parameters<typeof createCompCalculator>[0]> = {}) {
  const calc = createCompCalculator({ period: Q1, calendar: { startMonth: 1 }, plans: [plan], rep: ann, quotas: [annualQuota], ...overrides });
  for (const d of deals) calc.add(d);
  return calc.result();
}

describe('SPIFF eligibility and counts', () => {
  it('pays the big-deal bonus for a deal of exactly the minimum size but not one cent less', () => {
    const { statement } = statementFor([won(15_000_000, '2017-02-01'), won(14_999_999, '2017-02-02')]);
    expect(statement?.steps.filter((s) => s.kind === 'spiff')).toEqual([{ kind: 'spiff', name: 'Big deal bonus', deals: 1, each: 1_000, amount: 1_000 }]);
    expect(statement?.spiffs).toBe(1_000);
  });

  it('counts every qualifying deal: three add-on wins pay the add-on SPIFF three times', () => {
    const { statement } = statementFor([
      won(1_000_000, '2017-01-10', 'Add-on'),
      won(1_000_000, '2017-01-11', 'ADD-ON'),
      won(1_000_000, '2017-01-12', 'add-on'),
    ]);
    expect(statement?.steps.filter((s) => s.kind === 'spiff')).toEqual([{ kind: 'spiff', name: 'Add-on push', deals: 3, each: 500, amount: 1_500 }]);
    expect([statement?.wonDeals, statement?.spiffs]).toEqual([3, 1_500]);
  });

  it('pays no product SPIFF on a deal of another product or with no product, and lists no SPIFF nobody earned', () => {
    const { statement } = statementFor([won(1_000_000, '2017-01-10', 'Core'), won(1_000_000, '2017-01-11', null)]);
    expect(statement?.steps.some((s) => s.kind === 'spiff')).toBe(false);
    expect([statement?.wonDeals, statement?.spiffs]).toEqual([2, 0]);
  });

  it('pays an open SPIFF (no product, no minimum) on every won deal, including one with no amount', () => {
    const open: CompPlan = { ...plan, spiffs: [{ name: 'Any win', amountCents: 10_000, product: null, minDealCents: null }] };
    const { statement } = statementFor([won(null, '2017-01-10', null), won(5_000_000, '2017-01-11', 'Core')], { plans: [open] });
    expect(statement?.steps.filter((s) => s.kind === 'spiff')).toEqual([{ kind: 'spiff', name: 'Any win', deals: 2, each: 100, amount: 200 }]);
    // The deal with no amount counts as a win worth nothing: revenue is the other deal's 50,000.
    expect([statement?.wonDeals, statement?.revenue, statement?.spiffs]).toEqual([2, 50_000, 200]);
  });

  it('adds SPIFFs to the total on top of base and variable', () => {
    const { statement } = statementFor([won(15_000_000, '2017-02-01', 'Add-on')]);
    // 150,000 of a 250,000 quarter quota: 125,000 × 10% × 0.6 + 25,000 × 10% × 1.4 = 7,500 + 3,500.
    expect(statement?.steps.at(-1)).toEqual({ kind: 'total', base: 25_000, variable: 11_000, spiffs: 1_500, amount: 37_500 });
    expect(statement?.total).toBe(37_500);
  });
});

describe("which deals count in a rep's statement", () => {
  it('counts wins closed on the first and the last day of the period, and nothing outside it', () => {
    const { statement } = statementFor([
      won(1_000_000, '2016-12-31'),
      won(2_000_000, '2017-01-01'),
      won(4_000_000, '2017-03-31'),
      won(8_000_000, '2017-04-01'),
      won(16_000_000, null),
      won(32_000_000, '2017-02-01', 'Core', 2),
      { ...won(64_000_000, '2017-02-01'), outcome: 'open' },
    ]);
    expect([statement?.wonDeals, statement?.revenue]).toEqual([2, 60_000]);
  });
});

describe('where the quota comes from', () => {
  it("uses the plan's quota, prorated to the quarter, for a rep without their own", () => {
    const { statement, plans } = statementFor([won(25_000_000, '2017-02-01')], { quotas: [] });
    expect(statement).toMatchObject({ quota: 250_000, quotaSource: 'plan', attainment: 1, base: 25_000, variable: 25_000, spiffs: 1_000, total: 51_000 });
    expect(plans.map((p) => [p.quota, p.quotaSource, p.examples.length])).toEqual([[1_000_000, 'plan', 5]]);
  });

  it('gives no statement and no examples when neither the rep nor the plan has a quota', () => {
    const { statement, plans } = statementFor([won(25_000_000, '2017-02-01')], { quotas: [], plans: [{ ...plan, quotaCents: null }] });
    expect(statement).toBeNull();
    expect(plans.map((p) => [p.quota, p.quotaSource, p.examples])).toEqual([[null, null, []]]);
  });

  it("only counts the rep's quota that overlaps the fiscal year for the examples", () => {
    const { plans } = statementFor([], { quotas: [annualQuota, { personId: 1, period: { from: '2016-01-01', to: '2016-12-31' }, amountCents: 900_000_000 }] });
    expect(plans[0]?.quota).toBe(1_000_000);
  });

  it('without a rep: every plan with its own examples, no statement; a rep with no plan gets neither', () => {
    const other: CompPlan = { ...plan, name: 'SE FY2017', appliesTo: 'Sales Engineer', quotaCents: 50_000_000 };
    const all = statementFor([won(25_000_000, '2017-02-01')], { rep: null, plans: [plan, other] });
    expect(all.rep).toBeNull();
    expect(all.statement).toBeNull();
    expect(all.plans.map((p) => [p.plan.name, p.quota, p.quotaSource])).toEqual([
      ['AE FY2017', 1_000_000, 'plan'],
      ['SE FY2017', 500_000, 'plan'],
    ]);
    const none = statementFor([won(25_000_000, '2017-02-01')], { plans: [other] });
    expect([none.statement, none.plans]).toEqual([null, []]);
  });

  it('names a rep without a name by their key', () => {
    expect(statementFor([], { rep: { ...ann, name: null } }).rep).toEqual({ key: 'ann@example.com', name: 'ann@example.com' });
  });
});

describe('the cap', () => {
  const flat: CompPlan = { ...plan, tiers: [{ fromPct: 0, toPct: null, rate: 1 }], spiffs: [] };

  it('is not hit by earning exactly the cap, and is hit by earning one cent more', () => {
    const atCap = computePayout({ ...flat, capPct: 100 }, 100_000_000, 100_000_000, 1);
    expect([atCap.variable, atCap.capped]).toEqual([100_000, false]);
    const over = computePayout({ ...flat, capPct: 100 }, 100_000_000, 100_000_010, 1);
    expect([over.variable, over.capped]).toEqual([100_000, true]);
  });

  it('leaves earnings uncapped and shows no cap step when the plan has no cap', () => {
    const payout = computePayout({ ...flat, capPct: null }, 100_000_000, 300_000_000, 1);
    expect([payout.variable, payout.capped, payout.total]).toEqual([300_000, false, 400_000]);
    expect(payout.steps.map((s) => s.kind)).toEqual(['base', 'target variable', 'commission rate', 'tier', 'total']);
  });

  it('counts only the revenue inside each tier: nothing below a tier that starts above zero', () => {
    const accelerator: CompPlan = { ...flat, capPct: null, tiers: [{ fromPct: 100, toPct: null, rate: 2 }] };
    expect(computePayout(accelerator, 100_000_000, 80_000_000, 1).variable).toBe(0);
    expect(computePayout(accelerator, 100_000_000, 120_000_000, 1).variable).toBe(40_000);
  });
});

describe("a rep's own quota over the plan's", () => {
  it('uses the rep’s quota, not the plan’s, for both the statement and the examples', () => {
    const result = statementFor([won(20_000_000, '2017-02-01')], { quotas: [{ ...annualQuota, amountCents: 80_000_000 }] });
    expect(result.agent).toBe('commission-calculations');
    // A quarter of 800,000 is 200,000: 200,000 won is exactly on target.
    expect(result.statement).toMatchObject({ quota: 200_000, quotaSource: 'rep', attainment: 1 });
    expect(result.plans.map((p) => [p.quota, p.quotaSource, p.examples[2]?.revenue])).toEqual([[800_000, 'rep', 800_000]]);
  });
});

describe('proration by the time employed', () => {
  const FY = { from: '2017-01-01', to: '2017-12-31' };

  it('a rep hired on 1 October gets a quarter of the year: base, target variable and quota, in whole months', () => {
    const result = statementFor([won(30_000_000, '2017-11-15')], { period: FY, rep: { ...ann, hireDate: '2017-10-01' } });
    // Employed October to December: 3 of 12 months = 25%. Base 200,000 × 50% × 25% = 25,000; target variable the same;
    // quota 1,000,000 × 3/12 = 250,000, so a 10% commission rate still. Won 300,000 = 120%:
    // 125,000 × 10% × 0.6 = 7,500 + 125,000 × 10% × 1.4 = 17,500 + 50,000 × 10% × 2 = 10,000 → 35,000 (cap 45,000 not reached);
    // the big deal bonus 1,000. Total 25,000 + 35,000 + 1,000 = 61,000 (a full year's base alone would be 100,000).
    expect(result.statement).toMatchObject({
      quota: 250_000,
      quotaSource: 'rep',
      attainment: 1.2,
      base: 25_000,
      variable: 35_000,
      spiffs: 1_000,
      total: 61_000,
      employedFrom: '2017-10-01',
    });
    expect(result.statement?.steps.slice(0, 3)).toEqual([
      { kind: 'base', ote: 200_000, basePct: 50, share: 0.25, amount: 25_000 },
      { kind: 'target variable', ote: 200_000, variablePct: 50, share: 0.25, amount: 25_000 },
      { kind: 'commission rate', variable: 25_000, quota: 250_000, rate: 0.1 },
    ]);
    // The examples are on the same part-year: at 100%, 250,000 won pays 25,000 base + 25,000 commission.
    expect(result.plans[0]?.quota).toBe(250_000);
    expect(result.plans[0]?.examples[2]).toMatchObject({ revenue: 250_000, base: 25_000, variable: 25_000, total: 50_000 });
    expect(result.noStatement).toBeNull();
  });

  it('a hire mid-month is prorated by days, against the plan’s quota when the rep has none', () => {
    const result = statementFor([], { period: FY, quotas: [], rep: { ...ann, hireDate: '2017-10-16' } });
    // 16 Oct – 31 Dec: 16 + 30 + 31 = 77 of 365 days. Base 100,000 × 77/365 = 21,095.89; quota 1,000,000 × 77/365 = 210,958.90.
    expect(result.statement).toMatchObject({ quota: 210_958.9, quotaSource: 'plan', base: 21_095.89, variable: 0, total: 21_095.89 });
    expect(result.statement?.steps[0]).toMatchObject({ kind: 'base', share: 77 / 365 });
  });

  it('hired on the period’s first day or before: nothing to prorate; on its last day: one day', () => {
    // Q1 is 3 of 12 months whoever is employed throughout it: quota 250,000, base 25,000.
    for (const hireDate of ['2017-01-01', '2016-12-31']) {
      expect(statementFor([], { rep: { ...ann, hireDate } }).statement).toMatchObject({ quota: 250_000, base: 25_000, employedFrom: null });
    }
    // 31 Mar alone: 1 of 365 days. Base 100,000 ÷ 365 = 273.97; quota 1,000,000 ÷ 365 = 2,739.73.
    expect(statementFor([], { rep: { ...ann, hireDate: '2017-03-31' } }).statement).toMatchObject({
      quota: 2_739.73,
      base: 273.97,
      employedFrom: '2017-03-31',
    });
  });

  it('hired after the period: no statement, saying why; the examples cover the months of the year employed', () => {
    const result = statementFor([], { rep: { ...ann, hireDate: '2017-04-01' } });
    expect(result.statement).toBeNull();
    expect(result.noStatement).toBe('Ann was hired on 2017-04-01, after this period.');
    // April to December: 9 of 12 months of the 1,000,000 quota = 750,000; base 100,000 × 9/12 = 75,000.
    expect(result.plans[0]?.quota).toBe(750_000);
    expect(result.plans[0]?.examples[2]).toMatchObject({ revenue: 750_000, base: 75_000, variable: 75_000 });
  });
});

describe('a zero quota', () => {
  it('is a zero quota, not the plan’s: no statement, no worked examples, and a line saying so', () => {
    const result = statementFor([won(25_000_000, '2017-02-01')], { quotas: [{ ...annualQuota, amountCents: 0 }] });
    expect(result.statement).toBeNull();
    expect(result.noStatement).toBe(
      "Ann's quota for this period is zero: with no quota there is no commission rate (target variable ÷ quota), so no commission and no worked examples.",
    );
    expect(result.plans.map((p) => [p.quota, p.quotaSource, p.examples])).toEqual([[0, 'rep', []]]);
  });

  it('with no quota anywhere, the reason is that there is none', () => {
    const result = statementFor([], { quotas: [], plans: [{ ...plan, quotaCents: null }] });
    expect(result.noStatement).toBe('Ann has no quota for this period and the plan sets none.');
  });
});

describe('which of the rep’s quotas count for a statement', () => {
  it('a quota on the period’s last day is the rep’s own; one starting the day after is not, and the plan’s applies', () => {
    const lastDay = statementFor([], { quotas: [{ personId: 1, period: { from: '2017-03-31', to: '2017-03-31' }, amountCents: 100_000 }] });
    expect(lastDay.statement).toMatchObject({ quota: 1_000, quotaSource: 'rep' });
    const after = statementFor([], { quotas: [{ personId: 1, period: { from: '2017-04-01', to: '2017-06-30' }, amountCents: 100_000 }] });
    // The plan's 1,000,000 × a quarter of the year.
    expect(after.statement).toMatchObject({ quota: 250_000, quotaSource: 'plan' });
  });
});
