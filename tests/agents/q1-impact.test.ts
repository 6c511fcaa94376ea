import { describe, expect, it } from 'vitest';
import type { Seller } from '../../src/agents/definitions.js';
import type { PipelineDeal } from '../../src/agents/pipeline.js';
import { q1Impact, q1Window } from '../../src/agents/q1-impact.js';
import type { Outcome } from '../../src/domain/sales/deal-stages.js';

// Fiscal years start in February: the SKO on 2 Feb 2027 opens FY2028, whose Q1 runs 1 Feb – 30 Apr 2027.
const CALENDAR = { startMonth: 2 };
const DAY1 = '2027-02-02';

const person = (id: number, name: string, hireDate: string | null, role: Seller['role'] = 'rep'): Seller => ({
  id,
  key: `${name.toLowerCase()}@example.com`,
  name,
  role,
  team: 'East',
  region: null,
  segment: null,
  hireDate,
  inSalesData: true,
});
// Cat joined in June 2026: a rep this Q1 with no deals, and no rep at all last year.
const people = [person(1, 'Ann', '2020-01-01'), person(2, 'Bob', null), person(3, 'Cat', '2026-06-01'), person(4, 'Mia', null, 'manager')];

const deal = (ownerId: number, outcome: Outcome, dollars: number, createdDate: string, closeDate: string | null): PipelineDeal => ({
  ownerId,
  outcome,
  amountCents: dollars * 100,
  segment: null,
  product: null,
  createdDate,
  closeDate,
  stage: outcome === 'open' ? 'Proposal' : outcome === 'won' ? 'Closed Won' : 'Closed Lost',
});

const LAST_YEAR = [
  deal(1, 'won', 100_000, '2026-01-01', '2026-02-10'), // 40-day cycle
  deal(2, 'won', 50_000, '2026-01-11', '2026-03-01'), // 49 days
  deal(2, 'lost', 30_000, '2026-01-05', '2026-02-24'), // 50 days
  deal(1, 'won', 80_000, '2026-02-15', '2026-04-10'), // still open on 15 Mar 2026
  deal(4, 'won', 500_000, '2026-01-20', '2026-03-05'), // the manager's: not a rep's revenue
];
const THIS_YEAR = [
  deal(1, 'won', 120_000, '2026-12-01', '2027-02-20'), // 81 days
  deal(2, 'won', 150_000, '2027-01-01', '2027-03-10'), // 68 days
  deal(1, 'open', 40_000, '2027-02-01', null),
  deal(2, 'open', 60_000, '2027-03-01', null),
  deal(2, 'open', 90_000, '2027-03-20', null), // created after today
];

describe('Q1 productivity and deal velocity against the same dates last year', () => {
  it('has no window before Q1 starts, a partial one during it and the whole quarter after it', () => {
    expect(q1Window(DAY1, '2027-01-31', CALENDAR)).toBeNull();
    expect(q1Window(DAY1, '2027-03-15', CALENDAR)).toEqual({
      thisYear: { from: '2027-02-01', to: '2027-03-15' },
      lastYear: { from: '2026-02-01', to: '2026-03-15' },
      partial: true,
    });
    expect(q1Window(DAY1, '2027-06-01', CALENDAR)).toEqual({
      thisYear: { from: '2027-02-01', to: '2027-04-30' },
      lastYear: { from: '2026-02-01', to: '2026-04-30' },
      partial: false,
    });
  });

  it('measures a partial Q1: won revenue per rep, counting a rep with no deals, and the velocity as of each period end', () => {
    const window = q1Window(DAY1, '2027-03-15', CALENDAR);
    if (!window) throw new Error('no window');
    const impact = q1Impact(window, people, [...LAST_YEAR, ...THIS_YEAR]);
    // $270,000 over Ann, Bob and Cat = $90,000 a rep, against $150,000 over Ann and Bob = $75,000: +20%.
    expect(impact.productivity).toEqual({
      change: 20,
      basis:
        'Q1 so far: $90,000 per rep in 1 Feb 2027–15 Mar 2027 (3 reps, 2 won deals) against $75,000 per rep in 1 Feb 2026–15 Mar 2026 (2 reps, 2 won deals).',
    });
    // Velocity counts every owner, as the pipeline analyst does: last year 3 won of 4 closed, averaging
    // $216,666.67 over 45.75 days, × 1 open deal = $3,551.91 a day (the deal won on 10 Apr was open then).
    // This year: 2 open × 1 × $135,000 ÷ 74.5 days = $3,624.16 a day; the deal created on 20 Mar does not exist yet.
    expect(impact.velocity).toEqual({
      change: 2,
      basis: 'Q1 so far: $3,624.16 a day in 1 Feb 2027–15 Mar 2027 (2 open deals) against $3,551.91 a day in 1 Feb 2026–15 Mar 2026 (1 open deal).',
    });
  });

  it('is not measured, with the reason, when no deal was won in the same dates last year', () => {
    const window = q1Window(DAY1, '2027-05-02', CALENDAR);
    if (!window) throw new Error('no window');
    const impact = q1Impact(window, people, THIS_YEAR);
    expect(impact.productivity).toEqual({
      change: null,
      basis: 'Q1: no deals were won in 1 Feb 2026–30 Apr 2026, so there is nothing to compare with.',
    });
    expect(impact.velocity.change).toBeNull();
    expect(impact.velocity.basis).toBe('Q1: no velocity for 1 Feb 2026–30 Apr 2026; it needs deals won there with a created date, and deals open at its end.');
  });

  it('counts the deals the reps created in Q1 so far and their amount against the same dates last year', () => {
    const window = q1Window(DAY1, '2027-03-15', CALENDAR);
    if (!window) throw new Error('no window');
    const impact = q1Impact(window, people, [...LAST_YEAR, ...THIS_YEAR]);
    // This year Ann's $40,000 and Bob's $60,000 (the deal of 20 March is not created yet); last year Ann's $80,000.
    expect(impact.activity).toEqual({
      change: 100,
      basis: 'Q1 so far: 2 deals created by 3 reps in 1 Feb 2027–15 Mar 2027 against 1 deal created by 2 reps in 1 Feb 2026–15 Mar 2026.',
    });
    expect(impact.pipeline).toEqual({
      change: 125,
      basis:
        'Q1 so far: $100,000 of pipeline created by 3 reps in 1 Feb 2027–15 Mar 2027 against $80,000 of pipeline created by 2 reps in 1 Feb 2026–15 Mar 2026.',
    });
    expect(q1Impact(window, people, THIS_YEAR).activity).toEqual({
      change: null,
      basis: 'Q1 so far: nothing was created in 1 Feb 2026–15 Mar 2026, so there is nothing to compare with.',
    });
  });
});
