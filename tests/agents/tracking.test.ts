import { describe, expect, it } from 'vitest';
import type { DealFact } from '../../src/agents/definitions.js';
import type { Seller } from '../../src/agents/perf.js';
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
  const result = tracking.result();

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
