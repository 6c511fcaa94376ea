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

// Two seasonal years: each year's Q1..Q4 won 100k, 200k, 300k, 400k; FY2017 also lost four deals of no amount. The first
// close is in the first month of FY2016-Q1, so the data starts with that quarter.
const twoYears: DealFact[] = [
  deal('won', 100_000, '2016-01-10', '2016-01-01'),
  deal('won', 200_000, '2016-05-10'),
  deal('won', 300_000, '2016-08-10'),
  deal('won', null, '2016-08-20'), // no amount: counted, warned about
  deal('won', 400_000, '2016-11-10'),
  deal('won', 100_000, '2017-02-10'),
  deal('won', 200_000, '2017-05-10'),
  deal('won', 300_000, '2017-08-10'),
  deal('won', 400_000, '2017-11-10'),
  ...['2017-01-05', '2017-04-05', '2017-07-05', '2017-10-05'].map((d) => deal('lost', null, d)),
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
    expect(result.assumptions).toContain('Pipeline needed = plan ÷ win rate (50% over the base quarters); coverage 2.0×, against the usual 3×.');
    // No lost deal has an amount: the count rate is all there is.
    expect([result.valueWinRate, result.coverage]).toEqual([null, { basis: 'count', rule: 3 }]);
    expect(result.staleData).toBeNull();
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

  it('annualises the one full quarter (300k × 4), grows it 20% and splits it evenly, covering it at the value win rate', () => {
    expect(result.base).toEqual({ revenue: 1_200_000, quarters: ['FY2017-Q2'], annualised: true });
    expect(result.plan?.revenue).toBe(1_440_000);
    // 2 won of 3 closed by count; by value 300k won ÷ (300k + 70k lost) = 30/37. Each quarter's 360k needs
    // 360k × 37/30 = 444k of pipeline (at the count rate it would be 540k); coverage 37/30 = 1.23×.
    expect(result.winRate).toMatchObject({ value: 2 / 3, won: 2, lost: 1 });
    expect(result.valueWinRate).toEqual({ value: 300_000 / 370_000, wonAmount: 300_000, lostAmount: 70_000 });
    expect(result.coverage).toEqual({ basis: 'value', rule: 3 });
    expect(result.plan?.byQuarter).toEqual(['Q1', 'Q2', 'Q3', 'Q4'].map((q) => ({ key: `FY2018-${q}`, revenue: 360_000, pipelineNeeded: 444_000 })));
    expect(result.plan?.coverageNeeded).toBeCloseTo(370_000 / 300_000, 12);
    expect(result.assumptions).toContain(
      'Pipeline needed = plan ÷ win rate (81.1% by value: won amounts ÷ won and lost amounts over the base quarters); coverage 1.2×, against the usual 3×.',
    );
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
      'Pipeline needed = plan ÷ win rate (50% over the base quarters); coverage 2.0×, against the usual 3×.',
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
  // One fiscal year, FY2017, won 100k, 200k, 300k, 400k by quarter; the first close is in Q1's first month, Q2's and Q4's
  // in their last months, so each is full whether the data stops after Q2 or after Q4.
  const fy2017 = [
    deal('won', 100_000, '2017-01-10', '2017-01-01'),
    deal('won', 200_000, '2017-06-10'),
    deal('won', 300_000, '2017-08-10'),
    deal('won', 400_000, '2017-12-10'),
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
    // One year of each quarter is one quarter each, not a season.
    expect(result.seasonality.reason).toBe(
      'a season needs 2 full years of each fiscal quarter, and the full quarters are fewer (Q1 1, Q2 1, Q3 1, Q4 1): the plan is split evenly',
    );
    expect(result.seasonality.indices.map((i) => [i.quarter, i.index])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
  });

  it('counts the quarter ending today as in progress, and one starting today too', () => {
    expect(run({ today: '2017-03-31', calendar, growthPct: 0, targetCents: null }, fy2017).history.map((q) => [q.key, q.status])).toEqual([
      ['FY2017-Q1', 'in progress'],
    ]);
    // A close on 31 Mar: the data runs to Q1's last month, so Q1 is full.
    const toMarch = [...fy2017, deal('won', 1, '2017-03-31')];
    expect(run({ today: '2017-04-01', calendar, growthPct: 0, targetCents: null }, toMarch).history.map((q) => [q.key, q.status])).toEqual([
      ['FY2017-Q1', 'full'],
      ['FY2017-Q2', 'in progress'],
    ]);
  });

  it('reads no season into five quarters: Q1 has two years, the others one', () => {
    const five = [
      deal('won', 100_000, '2016-01-10', '2016-01-01'),
      deal('won', 200_000, '2016-05-10'),
      deal('won', 300_000, '2016-08-10'),
      deal('won', 400_000, '2016-11-10'),
      deal('won', 300_000, '2017-03-10'),
    ];
    const result = run({ today: '2017-04-15', calendar, growthPct: 0, targetCents: null }, five);
    expect(result.seasonality).toEqual({
      kind: 'flat',
      reason: 'a season needs 2 full years of each fiscal quarter, and the full quarters are fewer (Q2 1, Q3 1, Q4 1): the plan is split evenly',
      indices: [
        { quarter: 1, index: 1, basis: ['FY2016-Q1', 'FY2017-Q1'] },
        { quarter: 2, index: 1, basis: ['FY2016-Q2'] },
        { quarter: 3, index: 1, basis: ['FY2016-Q3'] },
        { quarter: 4, index: 1, basis: ['FY2016-Q4'] },
      ],
    });
  });

  it('with two full quarters and no partial one: says so, annualises them and splits evenly', () => {
    const result = run({ today: '2017-07-10', calendar, growthPct: 20, targetCents: null }, fy2017.slice(0, 2));
    expect(result.shortHistory).toBe(
      'Only 2 full quarters of history (a year needs four); the base is annualised from them and the plan is split evenly, not by season.',
    );
    expect(result.seasonality).toEqual({
      kind: 'flat',
      reason: 'a season needs 2 full years of each fiscal quarter, and the full quarters are fewer (Q1 1, Q2 1, Q3 0, Q4 0): the plan is split evenly',
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
      'No seasonality: a season needs 2 full years of each fiscal quarter, and the full quarters are fewer (Q1 1, Q2 1, Q3 0, Q4 0): the plan is split evenly.',
      'Pipeline needed = plan ÷ win rate (100% over the base quarters); coverage 1.0×, against the usual 3×.',
      "Scenarios: growth 10 points below and above the plan's.",
      'Quarters are fiscal (year named by the calendar year it ends in); deals count in the quarter they closed.',
    ]);
  });

  it('with no full quarter yet: no base, no plan, no scenarios, and says only what it can', () => {
    const result = run({ today: '2017-03-25', calendar, growthPct: 20, targetCents: null }, fy2017.slice(0, 1));
    expect(result.shortHistory).toBe('Only 0 full quarters of history (a year needs four); there is no base to grow from: give a target.');
    expect(result.assumptions).toEqual([
      'FY2017-Q1 is still in progress and is not part of the base or the seasonality.',
      'No seasonality: a season needs 2 full years of each fiscal quarter, and the full quarters are fewer (Q1 0, Q2 0, Q3 0, Q4 0): the plan is split evenly.',
      'No win rate over the base quarters (nothing won): the pipeline needed cannot be worked out.',
    ]);
  });

  it('a target below the base implies negative growth; a base with nothing won implies none', () => {
    const below = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: 80_000_000 }, fy2017);
    expect(below.plan?.growthPct).toBe(-20);
    expect(below.assumptions[2]).toBe('Plan: the target you gave, -20% on the base.');
    const level = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: 100_000_000 }, fy2017);
    expect(level.assumptions[2]).toBe('Plan: the target you gave, +0% on the base.');

    // Two years with nothing won: a loss in the first month of FY2016 and the last of FY2017 make eight full quarters of $0.
    const lostOnly = [deal('lost', 1_000, '2016-01-05'), deal('lost', 1_000, '2017-12-05')];
    const nothingWon = run({ today: '2018-01-15', calendar, growthPct: 20, targetCents: 100_000_000 }, lostOnly);
    expect(nothingWon.fullQuarters).toBe(8);
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

describe('where the data starts and ends, read from close dates', () => {
  // Deals created long before the export began; the first close is mid-FY2016-Q1, the last early in FY2016-Q4.
  const old = [
    deal('won', 100_000, '2016-02-15', '2015-01-01'),
    deal('won', 200_000, '2016-05-10', '2015-01-01'),
    deal('won', 300_000, '2016-08-10'),
    deal('won', 400_000, '2016-10-20'),
  ];
  let result: ForecastResult;
  beforeEach(() => {
    result = run({ today: '2018-01-15', calendar, growthPct: 0, targetCents: null }, old);
  });

  it('leaves out the partial first and last quarters, and the quarters after the last close', () => {
    // FY2016-Q1 starts with a close in February (not its first month): partial. FY2016-Q4 ends with a close in October
    // (not its last month): partial. FY2017 has nothing: after the data. Full: Q2 and Q3 only.
    expect(result.history.map((q) => [q.key, q.status])).toEqual([
      ['FY2016-Q1', 'partial'],
      ['FY2016-Q2', 'full'],
      ['FY2016-Q3', 'full'],
      ['FY2016-Q4', 'partial'],
      ['FY2017-Q1', 'after the data'],
      ['FY2017-Q2', 'after the data'],
      ['FY2017-Q3', 'after the data'],
      ['FY2017-Q4', 'after the data'],
      ['FY2018-Q1', 'in progress'],
    ]);
    // Base: (200,000 + 300,000) × 4 ÷ 2 = 1,000,000, not four empty FY2017 quarters' $0.
    expect(result.base).toEqual({ revenue: 1_000_000, quarters: ['FY2016-Q2', 'FY2016-Q3'], annualised: true });
    expect(result.shortHistory).toBe(
      'Only 2 full quarters of history (a year needs four); FY2016-Q1 is partial: the data starts inside it, so it is left out; FY2016-Q4 is partial: the data ends inside it, so it is left out; the base is annualised from them and the plan is split evenly, not by season.',
    );
    expect(result.assumptions).toContain('FY2017-Q1 to FY2017-Q4 come after the last closed deal and are left out.');
  });

  it('warns when the newest deal is more than 90 days old, naming its date', () => {
    // 20 Oct 2016 to 15 Jan 2018: 365 + 11 (Oct) + 30 (Nov) + 31 (Dec) + 15 (Jan) = 452 days.
    expect(result.staleData).toEqual({ newestRecord: '2016-10-20', daysOld: 452 });
  });

  it('90 days old is not stale, 91 is; a created date counts as a record, a close after today does not', () => {
    const one = [deal('won', 1_000, '2017-01-10'), deal('won', 1_000, '2017-09-01')];
    // 10 Jan to 10 Apr 2017: 21 + 28 + 31 + 10 = 90 days (the September close is after today, and warned about).
    expect(run({ today: '2017-04-10', calendar, growthPct: 0, targetCents: null }, one).staleData).toBeNull();
    expect(run({ today: '2017-04-11', calendar, growthPct: 0, targetCents: null }, one).staleData).toEqual({ newestRecord: '2017-01-10', daysOld: 91 });
    const created = [...one, deal('open', 1_000, null, '2017-04-01')];
    // The open deal created on 1 Apr is the newest record on 1 Aug: 30 + 31 + 30 + 31 = 122 days.
    expect(run({ today: '2017-08-01', calendar, growthPct: 0, targetCents: null }, created).staleData).toEqual({ newestRecord: '2017-04-01', daysOld: 122 });
  });
});

describe('the month rule for partial quarters', () => {
  const closes = (dates: string[]) => dates.map((d) => deal('won', 1_000, d));

  it('a last close in the quarter’s middle month leaves the quarter partial; in its last month, full', () => {
    const middle = run({ today: '2018-03-01', calendar, growthPct: 0, targetCents: null }, closes(['2017-10-05', '2017-11-20']));
    expect(middle.history.map((q) => q.status)).toEqual(['partial', 'in progress']);
    const last = run({ today: '2018-03-01', calendar, growthPct: 0, targetCents: null }, closes(['2017-10-05', '2017-12-01']));
    expect(last.history.map((q) => q.status)).toEqual(['full', 'in progress']);
  });

  it('reads the months of the fiscal quarter, not of the calendar one: with a February start, 5 February opens Q1', () => {
    const february = { startMonth: 2 };
    // FY2017 runs Feb 2016 – Jan 2017: Q1 is Feb–Apr 2016, so a first close on 5 Feb and a last on 30 Apr make it full.
    const result = run({ today: '2016-06-01', calendar: february, growthPct: 0, targetCents: null }, closes(['2016-02-05', '2016-04-30']));
    expect(result.history.map((q) => [q.key, q.status])).toEqual([
      ['FY2017-Q1', 'full'],
      ['FY2017-Q2', 'in progress'],
    ]);
  });
});
