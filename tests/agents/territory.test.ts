import { beforeEach, describe, expect, it } from 'vitest';
import type { DealFact, Seller } from '../../src/agents/definitions.js';
import { createTerritoryPlanner } from '../../src/agents/territory.js';

const rep = (id: number, name: string, team: string, hireDate: string): Seller => ({
  id,
  key: `${name.toLowerCase()}@example.com`,
  name,
  role: 'rep',
  team,
  region: team === 'East' ? 'Americas' : 'EMEA',
  segment: null,
  hireDate,
});
const won = (ownerId: number, dollars: number, closeDate: string): DealFact => ({
  ownerId,
  outcome: 'won',
  amountCents: dollars * 100,
  segment: null,
  product: null,
  createdDate: null,
  closeDate,
});

describe('territory-planning-advisor', () => {
  // FY2018 target 1,000,000 with 10% over-assignment; shares half from last year's results, half from potential; ramp 0/50/100%.
  function plan() {
    const planner = createTerritoryPlanner({
      fiscalYear: 2018,
      calendar: { startMonth: 1 },
      parameters: { targetCents: 100_000_000, overAssignmentPct: 10, ramp: [0, 50, 100], historyWeightPct: 50 },
      reps: [
        rep(1, 'Ann', 'East', '2015-04-01'),
        rep(2, 'Bob', 'East', '2015-04-01'),
        rep(3, 'Cat', 'West', '2017-07-15'),
        rep(4, 'Dan', 'West', '2018-03-10'),
      ],
      accounts: [
        { name: 'Acme', ownerId: 1, potentialCents: 40_000 },
        { name: 'Globex', ownerId: 1, potentialCents: 20_000 },
        { name: 'Initech', ownerId: 2, potentialCents: 20_000 },
        { name: 'Umbrella', ownerId: 3, potentialCents: 20_000 },
        { name: 'Hooli', ownerId: 4, potentialCents: 20_000 },
        { name: 'Unowned', ownerId: null, potentialCents: 90_000 },
      ],
    });
    for (const d of [
      won(1, 200_000, '2017-03-01'),
      won(1, 100_000, '2017-12-31'),
      won(1, 999, '2016-12-31'),
      won(2, 100_000, '2017-05-01'),
      won(3, 100_000, '2017-09-01'),
      won(99, 5_000, '2017-05-01'),
    ])
      planner.add(d);
    return planner.result();
  }
  let result: ReturnType<typeof plan>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    result = plan();
  });

  // Potential shares 1/2, 1/6, 1/6, 1/6. Results annualised: Ann 300,000, Bob 100,000, Cat 100,000 over 6 months = 200,000,
  // so history shares 1/2, 1/6, 1/3; Dan has none and is weighed by potential alone.
  // Weights 1/2, 1/6, 1/4, 1/6 normalise to 6/13, 2/13, 3/13, 2/13. Dan works 8.5 months' worth (Apr 50%, May–Dec 100%),
  // so the per-share quota is 1,100,000 ÷ (11/13 + 2/13 × 8.5/12) = 1,100,000 × 156/149, and the exact quotas carried are
  // Ann 1,100,000 × 72/149 = 531,543.62, Bob × 24/149 = 177,181.21, Cat × 36/149 = 265,771.81, Dan × 17/149 = 125,503.36.
  // In thousands: 531 + 177 + 265 + 125 = 1,098; the 2 missing go to the largest remainders, Cat (.77) and Ann (.54).
  // Dan's full-productivity quota is 1,100,000 × 24/149 = 177,181.21, rounded to 177,000.
  it('shares the target plus over-assignment by history and potential, in thousands that add up to it exactly', () => {
    expect(result.packages.map((p) => [p.name, p.share, p.fullQuota, p.quota])).toEqual([
      ['Ann', 6 / 13, 532_000, 532_000],
      ['Bob', 2 / 13, 177_000, 177_000],
      ['Cat', 3 / 13, 266_000, 266_000],
      ['Dan', 2 / 13, 177_000, 125_000],
    ]);
  });

  it('ramps a new hire from the hire month, and lays out each quota by quarter', () => {
    const dan = result.packages.find((p) => p.name === 'Dan');
    expect(dan?.ramp).toEqual([
      { month: '2018-01', pct: 0 },
      { month: '2018-02', pct: 0 },
      { month: '2018-03', pct: 0 },
      { month: '2018-04', pct: 50 },
    ]);
    // 125,000 over 8.5 months' worth: Q2 2.5 of them = 36,764.71, Q3 and Q4 3 = 44,117.65 each; in dollars
    // 36,764 + 44,117 + 44,117 = 124,998, and the 2 missing go to Q2 (.71) and Q3 (.65, tied with Q4: the earlier).
    expect(dan?.byQuarter).toEqual([
      { key: 'FY2018-Q1', quota: 0 },
      { key: 'FY2018-Q2', quota: 36_765 },
      { key: 'FY2018-Q3', quota: 44_118 },
      { key: 'FY2018-Q4', quota: 44_117 },
    ]);
    expect(dan?.quota).toBe(125_000);
    expect(result.packages[0]?.byQuarter.map((q) => q.quota)).toEqual([133_000, 133_000, 133_000, 133_000]);
  });

  it("each package carries the rep's territory and last year's history", () => {
    expect(result.packages[0]).toMatchObject({
      key: 'ann@example.com',
      team: 'East',
      region: 'Americas',
      accounts: [
        { name: 'Acme', potential: 400 },
        { name: 'Globex', potential: 200 },
      ],
      potential: 600,
      history: { wonRevenue: 300_000, months: 12 },
      ramp: [],
    });
    expect(result.packages[2]?.history).toEqual({ wonRevenue: 100_000, months: 6 });
  });

  it('checks the totals by team and region against the target', () => {
    expect(result.totals).toEqual({
      target: 1_000_000,
      toAssign: 1_100_000,
      assigned: 1_100_000,
      roundedTo: 1000,
      coverage: 1.1,
      meetsTarget: true,
      reps: 4,
      capacity: 3 + 8.5 / 12,
    });
    expect(result.byTeam).toEqual([
      { key: 'East', reps: 2, fullQuota: 709_000, quota: 709_000, shareOfTarget: 0.709 },
      // West: Cat 266,000 + Dan 177,000 at full productivity; 266,000 + 125,000 carried.
      { key: 'West', reps: 2, fullQuota: 443_000, quota: 391_000, shareOfTarget: 0.391 },
    ]);
    expect(result.byRegion.map((r) => r.key)).toEqual(['Americas', 'EMEA']);
    expect(result.fiscalYear).toBe('FY2018');
    expect(result.period).toEqual({ from: '2018-01-01', to: '2018-12-31' });
  });
});

describe('territory-planning-advisor edges', () => {
  const parameters = { targetCents: 120_000_000, overAssignmentPct: 0, ramp: [50], historyWeightPct: 100 };

  it('with no potential and no history, shares equally; lists packages by team then name, accounts by potential then name', () => {
    const planner = createTerritoryPlanner({
      fiscalYear: 2018,
      calendar: { startMonth: 1 },
      parameters,
      reps: [rep(2, 'Zed', 'West', '2010-01-01'), rep(1, 'Bob', 'West', '2010-01-01'), { ...rep(3, 'Amy', 'East', '2010-01-01'), team: null, name: null }],
      accounts: [
        { name: 'Beta', ownerId: 1, potentialCents: null },
        { name: 'Alpha', ownerId: 1, potentialCents: null },
        { name: 'Gamma', ownerId: 1, potentialCents: 0 },
      ],
    });
    const result = planner.result();
    // The ramp stays at its last value, 50%, so each carries 400,000 of an 800,000 full-productivity quota.
    expect(result.packages.map((p) => [p.key, p.name, p.team, p.share, p.fullQuota, p.quota])).toEqual([
      ['amy@example.com', 'amy@example.com', '(none)', 1 / 3, 800_000, 400_000],
      ['bob@example.com', 'Bob', 'West', 1 / 3, 800_000, 400_000],
      ['zed@example.com', 'Zed', 'West', 1 / 3, 800_000, 400_000],
    ]);
    expect(result.packages[1]?.accounts).toEqual([
      { name: 'Alpha', potential: null },
      { name: 'Beta', potential: null },
      { name: 'Gamma', potential: 0 },
    ]);
    expect(result.totals).toMatchObject({ assigned: 1_200_000, coverage: 1, meetsTarget: true });
  });

  it('a rep hired during the year ramps at the last value of the ramp from the hire month, and nothing before', () => {
    const planner = createTerritoryPlanner({
      fiscalYear: 2018,
      calendar: { startMonth: 1 },
      parameters: { ...parameters, targetCents: 12_000_000 },
      reps: [rep(1, 'Ann', 'East', '2018-11-15')],
      accounts: [],
    });
    const ann = planner.result().packages[0];
    expect(ann?.ramp.map((r) => [r.month, r.pct])).toEqual([
      ['2018-01', 0],
      ['2018-02', 0],
      ['2018-03', 0],
      ['2018-04', 0],
      ['2018-05', 0],
      ['2018-06', 0],
      ['2018-07', 0],
      ['2018-08', 0],
      ['2018-09', 0],
      ['2018-10', 0],
      ['2018-11', 50],
      ['2018-12', 50],
    ]);
    // The whole target falls on her two half months: 120,000 at one month's worth of productivity makes 1,440,000 a year.
    expect([ann?.fullQuota, ann?.quota]).toEqual([1_440_000, 120_000]);
  });

  it('with no target: no coverage, no share of it, and the target counts as met', () => {
    const planner = createTerritoryPlanner({
      fiscalYear: 2018,
      calendar: { startMonth: 1 },
      parameters: { ...parameters, targetCents: 0 },
      reps: [rep(1, 'Ann', 'East', '2010-01-01')],
      accounts: [],
    });
    const result = planner.result();
    expect(result.totals).toMatchObject({ target: 0, assigned: 0, coverage: 0, meetsTarget: true });
    expect(result.byTeam).toEqual([{ key: 'East', reps: 1, fullQuota: 0, quota: 0, shareOfTarget: 0 }]);
  });

  it('counts only last fiscal year’s wins, from its first to its last day, as history', () => {
    const planner = createTerritoryPlanner({
      fiscalYear: 2018,
      calendar: { startMonth: 1 },
      parameters,
      reps: [rep(1, 'Ann', 'East', '2010-01-01')],
      accounts: [],
    });
    for (const d of [
      won(1, 1, '2017-01-01'),
      won(1, 2, '2017-12-31'),
      won(1, 4, '2016-12-31'),
      won(1, 8, '2018-01-01'),
      { ...won(1, 16, '2017-06-01'), outcome: 'lost' as const },
    ])
      planner.add(d);
    expect(planner.result().packages[0]?.history).toEqual({ wonRevenue: 3, months: 12 });
  });
});

describe('a territory’s accounts', () => {
  it('are listed biggest potential first whatever order they come in, and a rep with none has none', () => {
    const planner = createTerritoryPlanner({
      fiscalYear: 2018,
      calendar: { startMonth: 1 },
      parameters: { targetCents: 100_000_000, overAssignmentPct: 0, ramp: [100], historyWeightPct: 0 },
      reps: [rep(1, 'Ann', 'East', '2010-01-01'), rep(2, 'Bob', 'East', '2010-01-01')],
      accounts: [
        { name: 'Small', ownerId: 1, potentialCents: 10_000 },
        { name: 'Mid', ownerId: 1, potentialCents: 20_000 },
        { name: 'Big', ownerId: 1, potentialCents: 30_000 },
      ],
    });
    const [ann, bob] = planner.result().packages;
    expect(ann?.accounts.map((a) => a.name)).toEqual(['Big', 'Mid', 'Small']);
    expect([bob?.accounts, bob?.potential, bob?.share]).toEqual([[], 0, 0]);
    expect(ann?.share).toBe(1);
  });
});

describe('quotas reconciled to the target', () => {
  const three = (targetCents: number) =>
    createTerritoryPlanner({
      fiscalYear: 2018,
      calendar: { startMonth: 1 },
      parameters: { targetCents, overAssignmentPct: 0, ramp: [100], historyWeightPct: 0 },
      reps: [rep(1, 'Ann', 'East', '2010-01-01'), rep(2, 'Bob', 'East', '2010-01-01'), rep(3, 'Cat', 'East', '2010-01-01')],
      accounts: [],
    }).result();

  it('three equal shares of 1,000,000: 333,333.33 each would round to 999,000, short of the target; one rep carries the extra thousand', () => {
    const result = three(100_000_000);
    // 333 + 333 + 333 = 999 thousands; the missing one goes to the first of three equal remainders (.33): Ann.
    expect(result.packages.map((p) => [p.name, p.fullQuota, p.quota])).toEqual([
      ['Ann', 334_000, 334_000],
      ['Bob', 333_000, 333_000],
      ['Cat', 333_000, 333_000],
    ]);
    expect(result.totals).toMatchObject({ target: 1_000_000, toAssign: 1_000_000, assigned: 1_000_000, roundedTo: 1000, meetsTarget: true });
    // Ann's quarters: 334,000 ÷ 4 = 83,500 each.
    expect(result.packages[0]?.byQuarter.map((q) => q.quota)).toEqual([83_500, 83_500, 83_500, 83_500]);
  });

  it('a target that is not whole thousands is met to the dollar, or to the cent', () => {
    // 1,000,001 ÷ 3 = 333,333.67: 333,333 × 3 = 999,999 dollars, the 2 missing to Ann and Bob (.67 each, the earlier first).
    const dollars = three(100_000_100);
    expect(dollars.packages.map((p) => p.quota)).toEqual([333_334, 333_334, 333_333]);
    expect(dollars.totals).toMatchObject({ assigned: 1_000_001, roundedTo: 1 });
    // 100,001 cents ÷ 3 = 33,333.67: 33,333 × 3 = 99,999 cents, the 2 missing to Ann and Bob.
    const cents = three(100_001);
    expect(cents.packages.map((p) => p.quota)).toEqual([333.34, 333.34, 333.33]);
    expect(cents.totals).toMatchObject({ assigned: 1000.01, roundedTo: 0.01 });
  });
});
