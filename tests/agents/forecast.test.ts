import { beforeEach, describe, expect, it } from 'vitest';
import type { DealFact } from '../../src/agents/definitions.js';
import { createForecaster, type ForecastInput, type ForecastResult } from '../../src/agents/forecast.js';
import type { Outcome } from '../../src/domain/sales/deal-stages.js';

const calendar = { startMonth: 1 };

function deal(outcome: Outcome, dollars: number | null, closeDate: string | null, createdDate: string | null = null): DealFact {
  return { ownerId: 1, outcome, amountCents: dollars === null ? null : dollars * 100, segment: null, product: null, createdDate, closeDate };
}

function run(input: ForecastInput, deals: DealFact[]): ForecastResult {
  const forecaster = createForecaster(input);
  for (const d of deals) forecaster.add(d);
  return forecaster.result();
}

// Two seasonal years: each year's Q1..Q4 won 100k, 200k, 300k, 400k; FY2017 also lost four deals.
const twoYears: DealFact[] = [
  deal('won', 100_000, '2016-02-10', '2016-01-01'),
  deal('won', 200_000, '2016-05-10'),
  deal('won', 300_000, '2016-08-10'),
  deal('won', null, '2016-08-20'), // no amount: counted, warned about
  deal('won', 400_000, '2016-11-10'),
  deal('won', 100_000, '2017-02-10'),
  deal('won', 200_000, '2017-05-10'),
  deal('won', 300_000, '2017-08-10'),
  deal('won', 400_000, '2017-11-10'),
  ...['2017-01-05', '2017-04-05', '2017-07-05', '2017-10-05'].map((d) => deal('lost', 10_000, d)),
  deal('won', 50_000, '2018-01-10'), // FY2018-Q1 is in progress on 15 Jan 2018
  deal('lost', 5_000, '2018-03-01'), // closed "in the future": a data problem
  deal('open', 80_000, '2019-06-30', '2017-12-01'), // expected in FY2019, the plan year
  deal('open', null, null, '2017-12-01'),
];

describe('revenue-forecaster over two seasonal years', () => {
  let result: ForecastResult;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    result = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: null }, twoYears);
  });

  it('won revenue by fiscal quarter, the current quarter marked in progress', () => {
    expect(result.history.map((q) => [q.key, q.wonRevenue, q.status])).toEqual([
      ['FY2016-Q1', 100_000, 'full'],
      ['FY2016-Q2', 200_000, 'full'],
      ['FY2016-Q3', 300_000, 'full'],
      ['FY2016-Q4', 400_000, 'full'],
      ['FY2017-Q1', 100_000, 'full'],
      ['FY2017-Q2', 200_000, 'full'],
      ['FY2017-Q3', 300_000, 'full'],
      ['FY2017-Q4', 400_000, 'full'],
      ['FY2018-Q1', 50_000, 'in progress'],
    ]);
    expect(result.fullQuarters).toBe(8);
    expect(result.shortHistory).toBeNull();
  });

  it('seasonality: each quarter average ÷ the average quarter (250k), with its basis', () => {
    expect(result.seasonality.kind).toBe('measured');
    expect(result.seasonality.indices.map((i) => i.index)).toEqual([0.4, 0.8, 1.2, 1.6]);
    expect(result.seasonality.indices[0]?.basis).toEqual(['FY2016-Q1', 'FY2017-Q1']);
  });

  it('plan: 1,000k base + 20% = 1,200k, split by season; pipeline at a 50% win rate is twice the plan', () => {
    expect(result.base).toEqual({ revenue: 1_000_000, quarters: ['FY2017-Q1', 'FY2017-Q2', 'FY2017-Q3', 'FY2017-Q4'], annualised: false });
    expect(result.winRate).toEqual({ value: 0.5, won: 4, lost: 4, over: { from: '2017-01-01', to: '2017-12-31' } });
    expect(result.plan?.fiscalYear).toBe('FY2019');
    expect(result.plan?.revenue).toBe(1_200_000);
    expect(result.plan?.byQuarter).toEqual([
      { key: 'FY2019-Q1', revenue: 120_000, pipelineNeeded: 240_000 },
      { key: 'FY2019-Q2', revenue: 240_000, pipelineNeeded: 480_000 },
      { key: 'FY2019-Q3', revenue: 360_000, pipelineNeeded: 720_000 },
      { key: 'FY2019-Q4', revenue: 480_000, pipelineNeeded: 960_000 },
    ]);
    expect(result.plan?.pipelineNeeded).toBe(2_400_000);
    expect(result.plan?.coverageNeeded).toBe(2);
    expect(result.openPipeline).toEqual({ count: 2, value: 80_000, inPlanYear: 80_000 });
  });

  it('scenarios: growth 10 points either side', () => {
    expect(result.scenarios.map((s) => [s.name, s.growthPct, s.revenue])).toEqual([
      ['conservative', 10, 1_100_000],
      ['base', 20, 1_200_000],
      ['stretch', 30, 1_300_000],
    ]);
    expect(result.scenarios[2]?.byQuarter[3]).toEqual({ key: 'FY2019-Q4', revenue: 520_000, pipelineNeeded: 1_040_000 });
  });

  it('lists its assumptions and the data problems', () => {
    expect(result.assumptions).toContain('FY2018-Q1 is still in progress and is not part of the base or the seasonality.');
    expect(result.assumptions).toContain('Plan: the base grown by 20%.');
    expect(result.assumptions).toContain('Pipeline needed = plan ÷ win rate (50% over the base quarters); coverage 2.0×.');
    expect(result.warnings).toEqual({ wonWithoutAmount: 1, openWithoutAmount: 1, closedInFuture: 1 });
  });

  it('a target replaces the growth rate and says what growth it implies', () => {
    const target = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: 150_000_000 }, twoYears);
    expect(target.plan?.from).toBe('target');
    expect(target.plan?.growthPct).toBe(50);
    expect(target.plan?.byQuarter.map((q) => q.revenue)).toEqual([150_000, 300_000, 450_000, 600_000]);
    expect(target.scenarios.map((s) => s.revenue)).toEqual([1_400_000, 1_500_000, 1_600_000]);
  });
});

describe('revenue-forecaster with only two quarters of history', () => {
  // Data starts on 15 Feb 2017: FY2017-Q1 is partial, Q2 is the one full quarter, Q3 is in progress.
  const deals = [
    deal('won', 50_000, '2017-03-20', '2017-02-15'),
    deal('won', 100_000, '2017-04-20'),
    deal('won', 200_000, '2017-06-20'),
    deal('lost', 70_000, '2017-05-01'),
  ];
  let result: ForecastResult;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    result = run({ today: '2017-07-10', calendar, growthPct: 20, targetCents: null }, deals);
  });

  it('says so plainly and does not read a season into one quarter', () => {
    expect(result.history.map((q) => [q.key, q.status])).toEqual([
      ['FY2017-Q1', 'partial'],
      ['FY2017-Q2', 'full'],
      ['FY2017-Q3', 'in progress'],
    ]);
    expect(result.shortHistory).toBe(
      'Only 1 full quarter of history (a year needs four); FY2017-Q1 is partial: the data starts inside it, so it is left out; the base is annualised from them and the plan is split evenly, not by season.',
    );
    expect(result.seasonality.kind).toBe('flat');
    expect(result.seasonality.indices.map((i) => i.index)).toEqual([1, 1, 1, 1]);
  });

  it('annualises the one full quarter (300k × 4), grows it 20% and splits it evenly', () => {
    expect(result.base).toEqual({ revenue: 1_200_000, quarters: ['FY2017-Q2'], annualised: true });
    expect(result.plan?.revenue).toBe(1_440_000);
    // Win rate 2 of 3: each quarter's 360k needs 540k of pipeline.
    expect(result.plan?.byQuarter).toEqual(['Q1', 'Q2', 'Q3', 'Q4'].map((q) => ({ key: `FY2018-${q}`, revenue: 360_000, pipelineNeeded: 540_000 })));
  });

  it('with no full quarter at all, only a target gives a plan, and there are no scenarios', () => {
    const early = run({ today: '2017-03-25', calendar, growthPct: 20, targetCents: null }, deals.slice(0, 1));
    expect(early.base).toBeNull();
    expect(early.plan).toBeNull();
    expect(early.shortHistory).toContain('there is no base to grow from: give a target');
    const withTarget = run({ today: '2017-03-25', calendar, growthPct: 20, targetCents: 40_000_000 }, deals.slice(0, 1));
    expect(withTarget.plan?.byQuarter.map((q) => q.revenue)).toEqual([100_000, 100_000, 100_000, 100_000]);
    expect(withTarget.scenarios).toEqual([]);
  });
});

describe('revenue-forecaster, what it tells the reader', () => {
  it('spells out every assumption behind a grown plan, in order', () => {
    const result = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: null }, twoYears);
    expect(result.assumptions).toEqual([
      'FY2018-Q1 is still in progress and is not part of the base or the seasonality.',
      'Base: won revenue over the last four full quarters (FY2017-Q1 to FY2017-Q4).',
      'Plan: the base grown by 20%.',
      'Seasonality: average won revenue of each fiscal quarter over 8 full quarters, against the average quarter.',
      'Pipeline needed = plan ÷ win rate (50% over the base quarters); coverage 2.0×.',
      "Scenarios: growth 10 points below and above the plan's.",
      'Quarters are fiscal (year named by the calendar year it ends in); deals count in the quarter they closed.',
    ]);
  });

  it('says what growth a target implies', () => {
    const result = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: 150_000_000 }, twoYears);
    expect(result.assumptions[2]).toBe('Plan: the target you gave, +50% on the base.');
  });

  it('cannot work out the pipeline needed when nothing was won in the base quarters', () => {
    const lostOnly = ['2017-02-10', '2017-05-10', '2017-08-10', '2017-11-10'].map((d) => deal('lost', 1_000, d, d === '2017-02-10' ? '2017-01-01' : null));
    const result = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: 100_000_000 }, lostOnly);
    expect(result.winRate.value).toBe(0);
    expect(result.plan?.pipelineNeeded).toBeNull();
    expect(result.plan?.coverageNeeded).toBeNull();
    expect(result.plan?.byQuarter.map((q) => q.pipelineNeeded)).toEqual([null, null, null, null]);
    expect(result.assumptions).toContain('No win rate over the base quarters (nothing won): the pipeline needed cannot be worked out.');
    expect(result.seasonality.kind).toBe('flat');
    // No growth can be measured on a base of $0, so there are no scenarios, and the assumptions say none.
    expect(result.scenarios).toEqual([]);
    expect(result.assumptions.filter((a) => a.startsWith('Scenarios'))).toEqual([]);
  });

  it('has nothing to forecast from when every deal closes after today', () => {
    const result = run({ today: '2017-01-15', calendar, growthPct: 20, targetCents: null }, [deal('won', 1_000, '2017-02-01', '2017-01-20')]);
    expect(result.history).toEqual([]);
    expect(result.assumptions).toEqual(['No deals closed before today: nothing to forecast from.']);
    expect(result.warnings.closedInFuture).toBe(1);
  });

  it('counts open pipeline in the plan year by expected close date, and open deals without an amount apart', () => {
    const result = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: null }, [
      ...twoYears.filter((d) => d.outcome !== 'open'),
      deal('open', 1_000, '2019-01-01', '2017-12-01'),
      deal('open', 2_000, '2018-12-31', '2017-12-01'),
      deal('open', 4_000, null, '2017-12-01'),
      deal('open', null, '2019-03-01', '2017-12-01'),
    ]);
    expect(result.openPipeline).toEqual({ count: 4, value: 7_000, inPlanYear: 1_000 });
    expect(result.warnings.openWithoutAmount).toBe(1);
  });
});

describe('revenue-forecaster edges', () => {
  // One fiscal year, FY2017, won 100k, 200k, 300k, 400k by quarter; data starts on the first day of Q1.
  const fy2017 = [
    deal('won', 100_000, '2017-02-10', '2017-01-01'),
    deal('won', 200_000, '2017-05-10'),
    deal('won', 300_000, '2017-08-10'),
    deal('won', 400_000, '2017-11-10'),
  ];

  it('reads deals in any order: the history starts at the earliest date seen, a deal closed today is not in the future', () => {
    const result = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: null }, [...fy2017].reverse().concat(deal('lost', 1, '2018-01-15')));
    expect(result.agent).toBe('revenue-forecaster');
    expect(result.history.map((q) => [q.key, q.status])).toEqual([
      ['FY2017-Q1', 'full'],
      ['FY2017-Q2', 'full'],
      ['FY2017-Q3', 'full'],
      ['FY2017-Q4', 'full'],
      ['FY2018-Q1', 'in progress'],
    ]);
    expect(result.warnings.closedInFuture).toBe(0);
    // Exactly four full quarters is a year: no short-history note.
    expect(result.shortHistory).toBeNull();
    expect(result.seasonality.reason).toBe('average won revenue of each fiscal quarter over 4 full quarters, against the average quarter');
    expect(result.seasonality.indices.map((i) => [i.quarter, i.index])).toEqual([
      [1, 0.4],
      [2, 0.8],
      [3, 1.2],
      [4, 1.6],
    ]);
  });

  it('counts the quarter ending today as in progress, and one starting today too', () => {
    expect(run({ today: '2017-03-31', calendar, growthPct: 0, targetCents: null }, fy2017).history.map((q) => [q.key, q.status])).toEqual([
      ['FY2017-Q1', 'in progress'],
    ]);
    expect(run({ today: '2017-04-01', calendar, growthPct: 0, targetCents: null }, fy2017).history.map((q) => [q.key, q.status])).toEqual([
      ['FY2017-Q1', 'full'],
      ['FY2017-Q2', 'in progress'],
    ]);
  });

  it('averages a fiscal quarter over the years it has, so five quarters weigh Q1 by its mean', () => {
    // FY2016-Q1 to FY2017-Q1: Q1 twice (100k and 300k, mean 200k), then 200k, 300k, 400k: the average quarter is 275k.
    const five = [
      deal('won', 100_000, '2016-02-10', '2016-01-01'),
      deal('won', 200_000, '2016-05-10'),
      deal('won', 300_000, '2016-08-10'),
      deal('won', 400_000, '2016-11-10'),
      deal('won', 300_000, '2017-02-10'),
    ];
    const result = run({ today: '2017-04-15', calendar, growthPct: 0, targetCents: null }, five);
    expect(result.seasonality.indices.map((i) => [i.quarter, Math.round(i.index * 1000) / 1000, i.basis])).toEqual([
      [1, 0.727, ['FY2016-Q1', 'FY2017-Q1']],
      [2, 0.727, ['FY2016-Q2']],
      [3, 1.091, ['FY2016-Q3']],
      [4, 1.455, ['FY2016-Q4']],
    ]);
  });

  it('with two full quarters and no partial one: says so, annualises them and splits evenly', () => {
    const result = run({ today: '2017-07-10', calendar, growthPct: 20, targetCents: null }, fy2017.slice(0, 2));
    expect(result.shortHistory).toBe(
      'Only 2 full quarters of history (a year needs four); the base is annualised from them and the plan is split evenly, not by season.',
    );
    expect(result.seasonality).toEqual({
      kind: 'flat',
      reason: '2 full quarters of history, not one of each fiscal quarter: the plan is split evenly',
      indices: [
        { quarter: 1, index: 1, basis: ['FY2017-Q1'] },
        { quarter: 2, index: 1, basis: ['FY2017-Q2'] },
        { quarter: 3, index: 1, basis: [] },
        { quarter: 4, index: 1, basis: [] },
      ],
    });
    expect(result.assumptions).toEqual([
      'FY2017-Q3 is still in progress and is not part of the base or the seasonality.',
      'Base: FY2017-Q1, FY2017-Q2 won revenue, annualised (× 4 ÷ 2).',
      'Plan: the base grown by 20%.',
      'No seasonality: 2 full quarters of history, not one of each fiscal quarter: the plan is split evenly.',
      'Pipeline needed = plan ÷ win rate (100% over the base quarters); coverage 1.0×.',
      "Scenarios: growth 10 points below and above the plan's.",
      'Quarters are fiscal (year named by the calendar year it ends in); deals count in the quarter they closed.',
    ]);
  });

  it('with no full quarter yet: no base, no plan, no scenarios, and says only what it can', () => {
    const result = run({ today: '2017-03-25', calendar, growthPct: 20, targetCents: null }, fy2017.slice(0, 1));
    expect(result.shortHistory).toBe('Only 0 full quarters of history (a year needs four); there is no base to grow from: give a target.');
    expect(result.assumptions).toEqual([
      'FY2017-Q1 is still in progress and is not part of the base or the seasonality.',
      'No seasonality: 0 full quarters of history, not one of each fiscal quarter: the plan is split evenly.',
      'No win rate over the base quarters (nothing won): the pipeline needed cannot be worked out.',
    ]);
  });

  it('a target below the base implies negative growth; a base with nothing won implies none', () => {
    const below = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: 80_000_000 }, fy2017);
    expect(below.plan?.growthPct).toBe(-20);
    expect(below.assumptions[2]).toBe('Plan: the target you gave, -20% on the base.');
    const level = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: 100_000_000 }, fy2017);
    expect(level.assumptions[2]).toBe('Plan: the target you gave, +0% on the base.');

    const lostOnly = ['2017-02-10', '2017-05-10', '2017-08-10', '2017-11-10'].map((d) => deal('lost', 1_000, d, d === '2017-02-10' ? '2017-01-01' : null));
    const nothingWon = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: 100_000_000 }, lostOnly);
    expect(nothingWon.plan?.growthPct).toBeNull();
    expect(nothingWon.scenarios).toEqual([]);
    expect(nothingWon.seasonality.reason).toBe('no won revenue in the full quarters: the plan is split evenly');
    expect(nothingWon.assumptions).toContain('Plan: the target you gave.');
  });

  it('sets the scenarios 10 points either side of the exact growth a target implies, showing it rounded', () => {
    // 1,234,567 on a 1,000,000 base is +23.4567%, shown as +23.5%; the scenarios use the exact figure.
    const result = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: 123_456_700 }, fy2017);
    expect(result.plan?.growthPct).toBe(23.5);
    expect(result.scenarios.map((s) => [s.name, s.growthPct, s.revenue])).toEqual([
      ['conservative', 13.5, 1_134_567],
      ['base', 23.5, 1_234_567],
      ['stretch', 33.5, 1_334_567],
    ]);
  });
});
