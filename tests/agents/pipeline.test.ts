import { beforeEach, describe, expect, it } from 'vitest';
import type { Seller } from '../../src/agents/definitions.js';
import { createPipelineAnalyst, type PipelineDeal, type PipelineResult, type StageEntry } from '../../src/agents/pipeline.js';
import type { Outcome } from '../../src/domain/sales/deal-stages.js';

const FY2017 = { from: '2017-01-01', to: '2017-12-31' };
const person = (id: number, name: string, team: string): Seller => ({
  id,
  key: `${name.toLowerCase()}@example.com`,
  name,
  role: 'rep',
  team,
  region: null,
  segment: null,
});
const people = [person(1, 'Ann', 'East'), person(2, 'Bob', 'East'), person(3, 'Cat', 'West'), person(4, 'Dan', 'West')];

function deal(
  ownerId: number,
  outcome: Outcome,
  dollars: number | null,
  createdDate: string | null,
  closeDate: string | null,
  stage = outcome === 'won' ? 'Closed Won' : 'Closed Lost',
): PipelineDeal {
  return { ownerId, outcome, amountCents: dollars === null ? null : dollars * 100, segment: null, product: null, createdDate, closeDate, stage };
}

const deals: PipelineDeal[] = [
  deal(1, 'won', 100_000, '2017-01-01', '2017-01-31'), // 30 days
  deal(1, 'won', 100_000, '2017-03-01', '2017-03-31'), // 30
  deal(2, 'won', 20_000, '2017-02-01', '2017-04-02'), // 60
  deal(2, 'lost', 5_000, '2017-03-01', '2017-04-30'), // 60
  deal(3, 'won', 40_000, '2017-05-01', '2017-06-10'), // 40
  deal(3, 'lost', 5_000, '2017-06-01', '2017-06-21'), // 20
  deal(3, 'lost', 5_000, '2017-07-01', '2017-07-21'), // 20
  deal(4, 'lost', 5_000, '2017-08-01', '2017-09-10'), // 40
  deal(1, 'won', 999_000, '2016-01-01', '2016-06-01'), // last year: not in the rates
  deal(2, 'won', 10_000, '2017-12-01', '2018-02-01'), // closed "in the future": warned, not counted
  deal(99, 'won', 1_000_000, '2017-01-01', '2017-02-01'), // nobody in scope
  deal(1, 'open', 50_000, '2017-11-01', '2018-03-01', 'Proposal'), // 60 days old on 31 Dec
  deal(1, 'open', 30_000, '2017-12-21', '2018-02-01', 'Negotiation'), // 10 days
  deal(2, 'open', null, '2017-12-21', null, 'Proposal'), // 10 days, no amount
  deal(3, 'open', 10_000, '2017-12-26', '2017-12-01', 'Qualification'), // 5 days, expected close already past
];

const history: StageEntry[] = [
  ['D1', 'Qualification', '2017-01-01'],
  ['D1', 'Proposal', '2017-01-11'],
  ['D1', 'Negotiation', '2017-01-21'],
  ['D1', 'Closed Won', '2017-01-31'],
  ['D2', 'Qualification', '2017-03-01'],
  ['D2', 'Proposal', '2017-03-06'],
  ['D2', 'Negotiation', '2017-03-16'],
  ['D2', 'Closed Won', '2017-03-31'],
  ['D3', 'Qualification', '2017-04-01'],
  ['D3', 'Closed Lost', '2017-04-11'],
  ['D4', 'Qualification', '2017-05-01'],
  ['D4', 'Proposal', '2017-05-21'],
  ['D4', 'Closed Lost', '2017-06-30'],
  ['D5', 'Qualification', '2017-12-01'],
  ['D5', 'Proposal', '2017-12-11'],
].map(([dealId, stage, enteredDate]) => ({ dealId, stage, enteredDate }) as StageEntry);

function run(withHistory: boolean): PipelineResult {
  const analyst = createPipelineAnalyst({ today: '2017-12-31', period: FY2017, people });
  for (const d of deals) analyst.add(d);
  if (withHistory) for (const e of history) analyst.addStageEntry(e);
  return analyst.result();
}

describe('sales-pipeline-analyst with no stage history', () => {
  let result: PipelineResult;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    result = run(false);
  });

  it('open pipeline by stage, youngest stage first: count, value, average age', () => {
    expect(result.stageOrder).toBe('age');
    expect(result.byStage).toEqual([
      { stage: 'Qualification', count: 1, value: 10_000, avgAgeDays: 5 },
      { stage: 'Negotiation', count: 1, value: 30_000, avgAgeDays: 10 },
      { stage: 'Proposal', count: 2, value: 50_000, avgAgeDays: 35 },
    ]);
    expect(result.open).toEqual({ count: 4, value: 90_000 });
    expect(result.flow).toBeNull();
    expect(result.bottleneck).toBeNull();
  });

  it('velocity: 4 open × 50% × $65,000 ÷ 37.5 days = $3,466.67 a day; and per team', () => {
    // Won cycles 30, 30, 60, 40: median 35, so open deals up to 70 days old are active; the oldest is 60 days.
    expect(result.activeWindow).toEqual({ medianWonCycleDays: 35, maxAgeDays: 70, staleOpenDeals: 0 });
    expect(result.velocity).toEqual({
      key: 'total',
      openDeals: 4,
      activeDeals: 4,
      staleDeals: 0,
      winRate: 0.5,
      avgDealSize: 65_000,
      avgCycleDays: 37.5,
      perDay: 3466.67,
    });
    // East: 3 open × 75% × $73,333.33 ÷ 45 days; West: 1 × 25% × $40,000 ÷ 30 days.
    expect(result.velocityByTeam).toEqual([
      { key: 'East', openDeals: 3, activeDeals: 3, staleDeals: 0, winRate: 0.75, avgDealSize: 73_333.33, avgCycleDays: 45, perDay: 3666.67 },
      { key: 'West', openDeals: 1, activeDeals: 1, staleDeals: 0, winRate: 0.25, avgDealSize: 40_000, avgCycleDays: 30, perDay: 333.33 },
    ]);
  });

  it('the top quartile (Ann) against the rest', () => {
    expect(result.topPerformers).toEqual({
      rankedBy: 'wonRevenue',
      top: { reps: 1, winRate: 1, avgDealSize: 100_000, avgCycleDays: 30, coverage: 0.4 },
      rest: { reps: 3, winRate: 1 / 3, avgDealSize: 30_000, avgCycleDays: 40, coverage: 1 / 6 },
    });
  });

  it('counts the data problems', () => {
    expect(result.warnings).toEqual({ openWithoutAmount: 1, openPastCloseDate: 1, closedInFuture: 1, withoutCreatedDate: 0 });
  });
});

describe('sales-pipeline-analyst with a stage history', () => {
  let result: PipelineResult;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    result = run(true);
  });

  it('conversion and time in each stage, in the order deals move through them', () => {
    expect(result.flow).toEqual([
      { stage: 'Qualification', entered: 5, advanced: 4, regressed: 0, left: 5, conversion: 0.8, avgDaysInStage: 11 },
      { stage: 'Proposal', entered: 4, advanced: 2, regressed: 0, left: 3, conversion: 2 / 3, avgDaysInStage: 20 },
      { stage: 'Negotiation', entered: 2, advanced: 2, regressed: 0, left: 2, conversion: 1, avgDaysInStage: 12.5 },
    ]);
    expect(result.stageOrder).toBe('history');
    expect(result.byStage.map((s) => s.stage)).toEqual(['Qualification', 'Proposal', 'Negotiation']);
  });

  it('the bottleneck is Proposal: two of three deals that left it moved on, after 20 days on average', () => {
    expect(result.bottleneck).toEqual({ stage: 'Proposal', conversion: 2 / 3, avgDaysInStage: 20, reason: 'lowest conversion' });
  });
});

describe('sales-pipeline-analyst edges', () => {
  const analyse = (ds: PipelineDeal[], entries: StageEntry[] = []) => {
    const analyst = createPipelineAnalyst({ today: '2017-12-31', period: FY2017, people });
    for (const d of ds) analyst.add(d);
    for (const e of entries) analyst.addStageEntry(e);
    return analyst.result();
  };
  const entry = (dealId: string, stage: string, enteredDate: string): StageEntry => ({ dealId, stage, enteredDate });

  it('counts deals without a created date, and ages stages only by the deals that have one; equal ages sort by name', () => {
    const result = analyse([
      deal(1, 'open', 100, null, null, 'Proposal'),
      deal(1, 'open', 100, '2017-12-21', null, 'Proposal'),
      deal(2, 'open', 100, '2017-12-21', null, 'Discovery'),
      deal(2, 'won', 100, null, '2017-05-01'),
    ]);
    expect(result.warnings.withoutCreatedDate).toBe(2);
    expect(result.byStage).toEqual([
      { stage: 'Discovery', count: 1, value: 100, avgAgeDays: 10 },
      { stage: 'Proposal', count: 2, value: 200, avgAgeDays: 10 },
    ]);
    // A won deal without a created date has no cycle, so there is no velocity to compute.
    expect(result.velocity).toMatchObject({ winRate: 1, avgCycleDays: null, perDay: null });
  });

  it('a stage the history never saw comes after the ones it did, and a deal closed today is not in the future', () => {
    const result = analyse(
      [
        deal(1, 'open', 100, '2017-12-01', null, 'Legal'),
        deal(1, 'open', 100, '2017-12-01', null, 'Proposal'),
        deal(1, 'won', 100, '2017-12-01', '2017-12-31'),
      ],
      [entry('D1', 'Proposal', '2017-01-01'), entry('D1', 'Closed Won', '2017-01-05')],
    );
    expect(result.byStage.map((s) => s.stage)).toEqual(['Proposal', 'Legal']);
    expect(result.warnings.closedInFuture).toBe(0);
    expect(result.flow).toEqual([{ stage: 'Proposal', entered: 1, advanced: 1, regressed: 0, left: 1, conversion: 1, avgDaysInStage: 4 }]);
  });

  it('needs two reps with closed deals to compare a top quartile; a won deal with no amount counts at nothing', () => {
    expect(analyse([deal(1, 'won', 100, '2017-01-01', '2017-01-11'), deal(2, 'open', 100, '2017-01-01', null, 'Proposal')]).topPerformers).toBeNull();
    const five = analyse(
      [1, 2, 3, 4].map((id) => deal(id, 'won', id * 100, '2017-01-01', '2017-01-11')).concat(deal(1, 'won', null, '2017-01-01', '2017-01-11')),
    );
    // Four reps: the top quarter is one rep (Dan, 400), against three.
    expect(five.topPerformers).toMatchObject({ top: { reps: 1, avgDealSize: 400, coverage: 0 }, rest: { reps: 3, avgDealSize: 150 } });
  });

  it('orders stages by where deals usually meet them, not by which came first in the file', () => {
    const result = analyse(
      [deal(1, 'open', 100, '2017-12-21', '2017-12-31', 'Proposal'), deal(1, 'open', 100, '2017-12-21', '2017-12-30', 'Qualification')],
      [
        entry('D1', 'Proposal', '2017-01-01'),
        entry('D1', 'Closed Won', '2017-01-05'),
        entry('D2', 'Qualification', '2017-02-01'),
        entry('D2', 'Proposal', '2017-02-03'),
        entry('D2', 'Closed Won', '2017-02-09'),
      ],
    );
    expect(result.flow?.map((f) => f.stage)).toEqual(['Qualification', 'Proposal']);
    expect(result.byStage.map((s) => s.stage)).toEqual(['Qualification', 'Proposal']);
    expect(result.agent).toBe('sales-pipeline-analyst');
    // Expected to close today is not yet past its close date; yesterday is.
    expect(result.warnings.openPastCloseDate).toBe(1);
  });

  it('a deal that never moved on is counted as entered but not as having left its stage', () => {
    const result = analyse([], [entry('D1', 'Qualification', '2017-01-01'), entry('D2', 'Qualification', '2017-01-01'), entry('D2', 'Proposal', '2017-01-04')]);
    expect(result.flow).toEqual([
      { stage: 'Qualification', entered: 2, advanced: 1, regressed: 0, left: 1, conversion: 1, avgDaysInStage: 3 },
      { stage: 'Proposal', entered: 1, advanced: 0, regressed: 0, left: 0, conversion: null, avgDaysInStage: null },
    ]);
    expect(result.bottleneck).toEqual({ stage: 'Qualification', conversion: 1, avgDaysInStage: 3, reason: 'lowest conversion' });
  });

  it('a move back to an earlier stage is a regression: it leaves the stage without advancing', () => {
    const result = analyse(
      [],
      [
        // R1 goes back from Proposal to Qualification, then on to won.
        entry('R1', 'Qualification', '2017-01-01'),
        entry('R1', 'Proposal', '2017-01-11'),
        entry('R1', 'Qualification', '2017-01-21'),
        entry('R1', 'Proposal', '2017-02-10'),
        entry('R1', 'Closed Won', '2017-02-20'),
        // R2 goes back from Negotiation to Proposal, then is lost.
        entry('R2', 'Qualification', '2017-03-01'),
        entry('R2', 'Proposal', '2017-03-05'),
        entry('R2', 'Negotiation', '2017-03-15'),
        entry('R2', 'Proposal', '2017-03-20'),
        entry('R2', 'Closed Lost', '2017-04-01'),
        // R3's second Qualification row is no move: it is still in Qualification.
        entry('R3', 'Qualification', '2017-05-01'),
        entry('R3', 'Qualification', '2017-05-03'),
        entry('R3', 'Proposal', '2017-05-11'),
      ],
    );
    // First met at position: Qualification 0, Proposal 1 (all three deals), Negotiation 2: that order.
    // Qualification: entered 2 (R1) + 1 (R2) + 1 (R3) = 4; moves to Proposal: R1 twice (10 and 20 days),
    //   R2 (4 days), R3 (05-01 → 05-11, 10 days) = 4 left, 4 advanced, 44 ÷ 4 = 11 days.
    // Proposal: entered 2 (R1) + 2 (R2) + 1 (R3) = 5; moves: back to Qualification (R1, 10 days), won (R1, 10),
    //   Negotiation (R2, 10), lost (R2, 12) = 4 left, 2 advanced, 1 back, 2 ÷ 4 = 50%, 42 ÷ 4 = 10.5 days.
    // Negotiation: entered 1; back to Proposal after 5 days = 1 left, 0 advanced, 1 back.
    expect(result.flow).toEqual([
      { stage: 'Qualification', entered: 4, advanced: 4, regressed: 0, left: 4, conversion: 1, avgDaysInStage: 11 },
      { stage: 'Proposal', entered: 5, advanced: 2, regressed: 1, left: 4, conversion: 0.5, avgDaysInStage: 10.5 },
      { stage: 'Negotiation', entered: 1, advanced: 0, regressed: 1, left: 1, conversion: 0, avgDaysInStage: 5 },
    ]);
    expect(result.regressions).toBe(2);
    expect(result.bottleneck).toEqual({ stage: 'Negotiation', conversion: 0, avgDaysInStage: 5, reason: 'lowest conversion' });
  });

  it('without a stage history there are no regressions to count', () => {
    expect(analyse([deal(1, 'open', 100, '2017-12-01', null, 'Proposal')]).regressions).toBe(0);
  });

  it('velocity counts active deals only: open and no older than twice the median won cycle', () => {
    const result = analyse([
      deal(1, 'won', 1_000, '2017-01-01', '2017-01-11'), // 10 days
      deal(1, 'won', 2_000, '2017-02-01', '2017-02-21'), // 20 days
      deal(1, 'lost', 500, '2017-03-01', '2017-03-31'), // 30 days: in the average cycle, not in the won median
      deal(1, 'open', 100, '2017-12-01', null, 'Proposal'), // 30 days old on 31 Dec: at the limit, active
      deal(1, 'open', 100, '2017-11-30', null, 'Proposal'), // 31 days: stale
      deal(1, 'open', 100, '2017-12-21', null, 'Proposal'), // 10 days
      deal(1, 'open', 100, null, null, 'Proposal'), // no age: cannot be stale
    ]);
    // Won cycles 10 and 20: median 15, limit 30 days. Active 3 of 4 open.
    // Velocity = 3 × 2/3 × 1,500 ÷ 20 days (10 + 20 + 30 over 3 closed) = 150 a day (with the stale deal it would be 200).
    expect(result.activeWindow).toEqual({ medianWonCycleDays: 15, maxAgeDays: 30, staleOpenDeals: 1 });
    expect(result.velocity).toMatchObject({ openDeals: 4, activeDeals: 3, staleDeals: 1, perDay: 150 });
    expect(result.velocityByTeam[0]).toMatchObject({ key: 'East', activeDeals: 3, staleDeals: 1, perDay: 150 });
  });

  it('an odd number of won cycles has the middle one as median; with none, every open deal counts', () => {
    const odd = analyse([
      deal(1, 'won', 100, '2017-01-01', '2017-01-05'), // 4
      deal(1, 'won', 100, '2017-01-01', '2017-01-07'), // 6
      deal(1, 'won', 100, '2017-01-01', '2017-01-21'), // 20
      deal(1, 'open', 100, '2017-12-19', null, 'Proposal'), // 12 days: exactly 2 × 6
      deal(1, 'open', 100, '2017-12-18', null, 'Proposal'), // 13 days: stale
    ]);
    expect(odd.activeWindow).toEqual({ medianWonCycleDays: 6, maxAgeDays: 12, staleOpenDeals: 1 });
    const none = analyse([deal(1, 'lost', 100, '2017-01-01', '2017-01-05'), deal(1, 'open', 100, '2010-01-01', null, 'Proposal')]);
    expect(none.activeWindow).toEqual({ medianWonCycleDays: null, maxAgeDays: null, staleOpenDeals: 0 });
    expect(none.velocity).toMatchObject({ openDeals: 1, activeDeals: 1 });
  });
});
