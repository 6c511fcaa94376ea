import { beforeEach, describe, expect, it } from 'vitest';
import type { DealFact, Seller } from '../../src/agents/definitions.js';
import { createTracking } from '../../src/agents/tracking.js';
import type { Outcome } from '../../src/domain/sales/deal-stages.js';

const person = (id: number, name: string, role: Seller['role'] = 'rep'): Seller => ({
  id,
  key: `${name.toLowerCase()}@example.com`,
  name,
  role,
  team: 'East',
  region: null,
  segment: null,
});
const people = [person(1, 'Ann'), person(2, 'Bob'), person(3, 'Cat'), person(4, 'Mia', 'manager')];

function deal(ownerId: number, outcome: Outcome, dollars: number, createdDate: string, closeDate: string | null = null): DealFact {
  return { ownerId, outcome, amountCents: dollars * 100, segment: null, product: null, createdDate, closeDate };
}

describe('tracking the first three weeks of FY2018 against the same weeks of 2017', () => {
  function track() {
    const tracking = createTracking({ period: { from: '2018-01-01', to: '2018-01-21' }, people, activityTargetPct: 15 });
    [
      deal(1, 'open', 10_000, '2018-01-02'),
      deal(1, 'open', 20_000, '2018-01-09'),
      deal(1, 'open', 30_000, '2018-01-21'),
      deal(1, 'won', 25_000, '2017-12-01', '2018-01-15'),
      deal(1, 'open', 10_000, '2017-01-05'),
      deal(1, 'lost', 10_000, '2017-01-20', '2017-03-01'),
      deal(1, 'open', 99_000, '2017-01-01'), // the day before last year's weeks begin (52 weeks back: Monday 2 Jan 2017)
      deal(2, 'open', 5_000, '2018-01-03'),
      ...['2017-01-03', '2017-01-10', '2017-01-17', '2017-01-22'].map((d) => deal(2, 'open', 10_000, d)),
      deal(2, 'won', 50_000, '2016-11-01', '2017-01-10'),
      deal(3, 'open', 4_000, '2018-01-04'),
      deal(3, 'open', 6_000, '2018-01-05'),
      deal(99, 'open', 1_000_000, '2018-01-05'), // out of scope
    ].forEach((d) => {
      tracking.add(d);
    });
    return tracking.result();
  }
  let result: ReturnType<typeof track>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    result = track();
  });

  it('compares 3 weeks with the same weekdays a year earlier', () => {
    expect(result.lastYear).toEqual({ from: '2017-01-02', to: '2017-01-22' });
    expect(result.weeks).toBe(3);
  });

  it('deals created, pipeline created and won revenue against last year, and the +15% activity target', () => {
    expect(result.now).toEqual({ dealsCreated: 6, pipelineCreated: 75_000, wonRevenue: 25_000 });
    expect(result.prior).toEqual({ dealsCreated: 6, pipelineCreated: 60_000, wonRevenue: 50_000 });
    expect(result.activityTarget).toBe(7); // 6 × 1.15 = 6.9, rounded up
    expect(result.onTrack).toEqual({ activity: false, pipeline: true, wonRevenue: false });
  });

  it('Bob needs support (1 deal against a target of 5; $5,000 of pipeline against $40,000); Cat is new', () => {
    expect(result.needSupport).toEqual([
      {
        key: 'bob@example.com',
        name: 'Bob',
        team: 'East',
        now: { dealsCreated: 1, pipelineCreated: 5_000, wonRevenue: 0 },
        lastYear: { dealsCreated: 4, pipelineCreated: 40_000, wonRevenue: 50_000 },
        activityTarget: 5,
      },
    ]);
    expect(result.newReps.map((r) => [r.name, r.now.dealsCreated, r.now.pipelineCreated])).toEqual([['Cat', 2, 10_000]]);
  });
});

describe('who needs support, and in what order', () => {
  // One week: 2018-01-01 to 2018-01-07 against 2017-01-02 to 2017-01-08. Target +50%.
  const week = { from: '2018-01-01', to: '2018-01-07' };
  const reps = [person(1, 'Ann'), person(2, 'Bob'), person(3, 'Cat'), person(4, 'Dan'), person(5, 'Eve'), { ...person(6, 'Fay'), name: null, team: null }];
  const lastYear = (ownerId: number, count: number, dollars = 1_000) => Array.from({ length: count }, () => deal(ownerId, 'open', dollars, '2017-01-03'));
  const thisYear = (ownerId: number, count: number, dollars = 1_000) => Array.from({ length: count }, () => deal(ownerId, 'open', dollars, '2018-01-02'));

  function track(deals: DealFact[]) {
    const t = createTracking({ period: week, people: [person(7, 'Max', 'manager'), ...reps].reverse(), activityTargetPct: 50 });
    for (const d of deals) t.add(d);
    return t.result();
  }

  it('lists reps behind on both activity and pipeline, furthest behind their target first, ties by name', () => {
    const result = track([
      // Ann: 1 of a target of 3 (a third), $1,000 against $2,000. Bob: 0 of 3. Cat: 1 of 3 too, after Ann by name.
      ...lastYear(1, 2),
      ...thisYear(1, 1),
      ...lastYear(2, 2),
      ...lastYear(3, 2),
      ...thisYear(3, 1),
      // Dan met his activity target of 3 with small deals: behind on pipeline only, so not listed.
      ...lastYear(4, 2),
      ...thisYear(4, 3, 100),
      // Eve created less but matched last year's pipeline exactly: not listed.
      ...lastYear(5, 2),
      ...thisYear(5, 1, 2_000),
    ]);
    expect(result.needSupport.map((r) => [r.name, r.now.dealsCreated, r.activityTarget])).toEqual([
      ['Bob', 0, 3],
      ['Ann', 1, 3],
      ['Cat', 1, 3],
    ]);
  });

  it('lists reps with no deals in last year’s weeks as new, by name, under their key and team when they have none', () => {
    const result = track([...thisYear(6, 1), ...thisYear(5, 2)]);
    expect(result.newReps.map((r) => [r.key, r.name, r.team])).toEqual([
      ['ann@example.com', 'Ann', 'East'],
      ['bob@example.com', 'Bob', 'East'],
      ['cat@example.com', 'Cat', 'East'],
      ['dan@example.com', 'Dan', 'East'],
      ['eve@example.com', 'Eve', 'East'],
      ['fay@example.com', 'fay@example.com', '(none)'],
    ]);
    expect(result.newReps.find((r) => r.name === 'Eve')?.now).toEqual({ dealsCreated: 2, pipelineCreated: 2_000, wonRevenue: 0 });
    // Managers are not tracked as reps.
    expect(result.newReps.some((r) => r.name === 'Max')).toBe(false);
  });

  it('is on track when exactly on target and exactly level with last year', () => {
    const result = track([
      ...lastYear(1, 2),
      deal(1, 'won', 500, '2016-12-01', '2017-01-04'),
      deal(1, 'open', 1_000, '2018-01-02'),
      deal(1, 'open', 500, '2018-01-03'),
      deal(1, 'open', 500, '2018-01-04'),
      deal(1, 'won', 500, '2017-12-01', '2018-01-05'),
    ]);
    expect(result.activityTarget).toBe(3);
    expect(result.onTrack).toEqual({ activity: true, pipeline: true, wonRevenue: true });
    const behind = track([...lastYear(1, 2), ...thisYear(1, 2, 500), deal(1, 'won', 1, '2016-12-01', '2017-01-04')]);
    expect(behind.onTrack).toEqual({ activity: false, pipeline: false, wonRevenue: false });
  });

  it('counts a deal without an amount as activity worth nothing, and a won deal only when it closed inside the weeks', () => {
    const result = track([
      { ...deal(1, 'open', 0, '2018-01-02'), amountCents: null },
      { ...deal(1, 'won', 0, '2017-12-01', '2018-01-03'), amountCents: null },
      deal(1, 'won', 700, '2017-12-01', '2018-01-08'),
      deal(1, 'lost', 900, '2017-12-01', '2018-01-03'),
    ]);
    expect(result.now).toEqual({ dealsCreated: 1, pipelineCreated: 0, wonRevenue: 0 });
    expect(result.weeks).toBe(1);
  });
});

describe('tracking figures at their edges', () => {
  const people = [person(1, 'Ann'), person(2, 'Bob'), person(3, 'Cat')];

  it('counts deals created on the first day of each window, names its view, and rounds the weeks up', () => {
    // 1–22 January 2018 is 22 days: four weeks, the last one partial. A year earlier: 2–23 January 2017.
    const t = createTracking({ period: { from: '2018-01-01', to: '2018-01-22' }, people, activityTargetPct: 0 });
    for (const d of [deal(1, 'open', 100, '2018-01-01'), deal(1, 'open', 100, '2017-01-02'), deal(1, 'open', 100, '2017-01-01')]) t.add(d);
    const result = t.result();
    expect([result.agent, result.view, result.weeks]).toEqual(['quota-performance-tracker', 'tracking', 4]);
    expect(result.lastYear).toEqual({ from: '2017-01-02', to: '2017-01-23' });
    expect([result.now.dealsCreated, result.prior.dealsCreated]).toEqual([1, 1]);
  });

  it('shows a rep with no deals at all as new, with nothing created', () => {
    const t = createTracking({ period: { from: '2018-01-01', to: '2018-01-07' }, people, activityTargetPct: 15 });
    expect(t.result().newReps.map((r) => [r.name, r.now])).toEqual([
      ['Ann', { dealsCreated: 0, pipelineCreated: 0, wonRevenue: 0 }],
      ['Bob', { dealsCreated: 0, pipelineCreated: 0, wonRevenue: 0 }],
      ['Cat', { dealsCreated: 0, pipelineCreated: 0, wonRevenue: 0 }],
    ]);
  });

  it('orders those needing support by the share of their own target they reached', () => {
    // Target +0%: Ann made 1 of her 2 (half), Bob 1 of his 4 (a quarter): Bob is further behind.
    const t = createTracking({ period: { from: '2018-01-01', to: '2018-01-07' }, people, activityTargetPct: 0 });
    const created = (ownerId: number, count: number, date: string, dollars: number) =>
      Array.from({ length: count }, () => deal(ownerId, 'open', dollars, date));
    for (const d of [
      ...created(1, 2, '2017-01-03', 1_000),
      ...created(1, 1, '2018-01-03', 10),
      ...created(2, 4, '2017-01-03', 1_000),
      ...created(2, 1, '2018-01-03', 10),
    ])
      t.add(d);
    expect(t.result().needSupport.map((r) => [r.name, r.now.dealsCreated, r.activityTarget])).toEqual([
      ['Bob', 1, 4],
      ['Ann', 1, 2],
    ]);
  });
});
