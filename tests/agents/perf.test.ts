import { beforeEach, describe, expect, it } from 'vitest';
import type { DealFact, QuotaFact, Seller } from '../../src/agents/definitions.js';
import { createPerfTracker, type PerfInput, type PerfResult } from '../../src/agents/perf.js';
import type { Outcome } from '../../src/domain/sales/deal-stages.js';

const calendar = { startMonth: 1 };
const FY2017 = { from: '2017-01-01', to: '2017-12-31' };

function person(id: number, name: string, fields: Partial<Seller> = {}): Seller {
  return { id, key: `${name.toLowerCase()}@example.com`, name, role: 'rep', team: null, region: null, segment: null, ...fields };
}

function deal(ownerId: number, outcome: Outcome, dollars: number | null, fields: Partial<DealFact> = {}): DealFact {
  return {
    ownerId,
    outcome,
    amountCents: dollars === null ? null : dollars * 100,
    segment: null,
    product: null,
    createdDate: null,
    closeDate: null,
    ...fields,
  };
}

const annual = (personId: number, dollars: number, year = 2017): QuotaFact => ({
  personId,
  period: { from: `${year}-01-01`, to: `${year}-12-31` },
  amountCents: dollars * 100,
});

function run(input: PerfInput, deals: DealFact[]): PerfResult {
  const tracker = createPerfTracker(input);
  for (const d of deals) tracker.add(d);
  return tracker.result();
}

const ann = person(1, 'Ann', { team: 'East', region: 'Americas', segment: 'Enterprise' });
const bob = person(2, 'Bob', { team: 'East', region: 'Americas' });
const cat = person(3, 'Cat', { team: 'West', region: 'EMEA' });
const dan = person(4, 'Dan', { team: 'West', region: 'EMEA' });
const mia = person(5, 'Mia', { role: 'manager', team: 'East', region: 'Americas' });
const people = [ann, bob, cat, dan, mia];

const quotas: QuotaFact[] = [
  annual(1, 100_000),
  ...['01', '04', '07', '10'].map((m, i) => ({
    personId: 2,
    period: { from: `2017-${m}-01`, to: ['2017-03-31', '2017-06-30', '2017-09-30', '2017-12-31'][i] as string },
    amountCents: 2_500_000,
  })),
  annual(3, 200_000),
  annual(4, 50_000),
  // A manager's overlay quota is not the team's: it must not be added to the team's or the company's.
  annual(5, 300_000),
];

const deals: DealFact[] = [
  deal(1, 'won', 60_000, { product: 'Core', segment: 'Enterprise', createdDate: '2017-01-01', closeDate: '2017-01-31' }), // 30 days, Q1
  deal(1, 'won', 40_000, { product: 'Add-on', createdDate: '2017-03-01', closeDate: '2017-05-10' }), // 70 days, Q2, Ann's segment
  deal(1, 'lost', 10_000, { product: 'Core', createdDate: '2017-06-01', closeDate: '2017-06-11' }), // 10 days, Q2
  deal(1, 'open', 5_000, { product: 'Core', createdDate: '2017-11-01', closeDate: '2018-02-01' }), // expected next year: not counted
  deal(1, 'open', null, { product: 'Core', createdDate: '2017-10-01', closeDate: '2017-12-15' }), // no amount: counted, no value
  deal(2, 'won', null, { product: 'Core', segment: 'SMB', createdDate: '2017-07-01', closeDate: '2017-07-21' }), // no amount, 20 days, Q3
  deal(2, 'won', 30_000, { product: 'Core', segment: 'SMB', closeDate: '2017-08-01' }), // no created date: no cycle
  deal(2, 'open', 20_000, { product: 'Add-on', createdDate: '2017-02-01' }), // no expected close date: counted, in no quarter
  deal(3, 'lost', 50_000, { product: 'Core', createdDate: '2017-09-01', closeDate: '2017-10-01' }), // 30 days, Q4
  deal(3, 'open', 100_000, { product: 'Core', createdDate: '2017-09-15', closeDate: '2017-11-30' }),
  deal(4, 'won', 10_000, { product: 'Core', createdDate: '2016-12-01', closeDate: '2016-12-31' }), // last year
  deal(99, 'won', 1_000_000, { closeDate: '2017-06-01' }), // someone out of scope
];

describe('quota-performance-tracker over FY2017', () => {
  let result: PerfResult;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    result = run({ period: FY2017, calendar, people, quotas }, deals);
  });

  it('totals: won revenue, counts, win rate, deal size, cycle, quota, attainment and open pipeline', () => {
    expect(result.agent).toBe('quota-performance-tracker');
    expect(result.period).toEqual(FY2017);
    // Won: 60,000 + 40,000 + (no amount) + 30,000 over 4 deals; lost 2; cycles 30, 70, 10, 20, 30.
    // Quota: the four reps' 100,000 + 100,000 + 200,000 + 50,000; Mia's overlay is left out.
    expect(result.totals).toEqual({
      key: 'total',
      wonRevenue: 130_000,
      wonCount: 4,
      lostCount: 2,
      winRate: 4 / 6,
      avgDealSize: 32_500,
      avgCycleDays: 160 / 5,
      quota: 450_000,
      attainment: 130_000 / 450_000,
      openCount: 3,
      openValue: 120_000,
    });
  });

  it('by rep, keyed by email; a rep with nothing won has no average deal size, and won/lost are per rep', () => {
    expect(result.byRep).toEqual([
      {
        key: 'ann@example.com',
        name: 'Ann',
        wonRevenue: 100_000,
        wonCount: 2,
        lostCount: 1,
        winRate: 2 / 3,
        avgDealSize: 50_000,
        avgCycleDays: 110 / 3,
        quota: 100_000,
        attainment: 1,
        openCount: 1,
        openValue: 0,
      },
      {
        key: 'bob@example.com',
        name: 'Bob',
        wonRevenue: 30_000,
        wonCount: 2,
        lostCount: 0,
        winRate: 1,
        avgDealSize: 15_000,
        avgCycleDays: 20,
        quota: 100_000,
        attainment: 0.3,
        openCount: 1,
        openValue: 20_000,
      },
      {
        key: 'cat@example.com',
        name: 'Cat',
        wonRevenue: 0,
        wonCount: 0,
        lostCount: 1,
        winRate: 0,
        avgDealSize: null,
        avgCycleDays: 30,
        quota: 200_000,
        attainment: 0,
        openCount: 1,
        openValue: 100_000,
      },
    ]);
  });

  it('by team and region: the quotas of the team’s reps, including one with no deals', () => {
    const east = {
      key: 'East',
      wonRevenue: 130_000,
      wonCount: 4,
      lostCount: 1,
      winRate: 0.8,
      avgDealSize: 32_500,
      avgCycleDays: 32.5,
      quota: 200_000,
      attainment: 0.65,
      openCount: 2,
      openValue: 20_000,
    };
    const west = {
      key: 'West',
      wonRevenue: 0,
      wonCount: 0,
      lostCount: 1,
      winRate: 0,
      avgDealSize: null,
      avgCycleDays: 30,
      quota: 250_000,
      attainment: 0,
      openCount: 1,
      openValue: 100_000,
    };
    expect(result.byTeam).toEqual([east, west]);
    expect(result.byRegion).toEqual([
      { ...east, key: 'Americas' },
      { ...west, key: 'EMEA' },
    ]);
  });

  it('by segment (the deal’s, else the owner’s) and product, which carry no quota', () => {
    expect(result.bySegment).toEqual([
      {
        key: '(none)',
        wonRevenue: 0,
        wonCount: 0,
        lostCount: 1,
        winRate: 0,
        avgDealSize: null,
        avgCycleDays: 30,
        quota: null,
        attainment: null,
        openCount: 2,
        openValue: 120_000,
      },
      {
        key: 'Enterprise',
        wonRevenue: 100_000,
        wonCount: 2,
        lostCount: 1,
        winRate: 2 / 3,
        avgDealSize: 50_000,
        avgCycleDays: 110 / 3,
        quota: null,
        attainment: null,
        openCount: 1,
        openValue: 0,
      },
      {
        key: 'SMB',
        wonRevenue: 30_000,
        wonCount: 2,
        lostCount: 0,
        winRate: 1,
        avgDealSize: 15_000,
        avgCycleDays: 20,
        quota: null,
        attainment: null,
        openCount: 0,
        openValue: 0,
      },
    ]);
    expect(result.byProduct).toEqual([
      {
        key: 'Add-on',
        wonRevenue: 40_000,
        wonCount: 1,
        lostCount: 0,
        winRate: 1,
        avgDealSize: 40_000,
        avgCycleDays: 70,
        quota: null,
        attainment: null,
        openCount: 1,
        openValue: 20_000,
      },
      {
        key: 'Core',
        wonRevenue: 90_000,
        wonCount: 3,
        lostCount: 2,
        winRate: 0.6,
        avgDealSize: 30_000,
        avgCycleDays: 22.5,
        quota: null,
        attainment: null,
        openCount: 2,
        openValue: 100_000,
      },
    ]);
  });

  it('by fiscal quarter, with each quarter’s share of the quotas', () => {
    // Quarter quota: Ann 25,000 + Bob 25,000 + Cat 50,000 + Dan 12,500.
    const q = 112_500;
    expect(result.byQuarter).toEqual([
      {
        key: 'FY2017-Q1',
        wonRevenue: 60_000,
        wonCount: 1,
        lostCount: 0,
        winRate: 1,
        avgDealSize: 60_000,
        avgCycleDays: 30,
        quota: q,
        attainment: 60_000 / q,
        openCount: 0,
        openValue: 0,
      },
      {
        key: 'FY2017-Q2',
        wonRevenue: 40_000,
        wonCount: 1,
        lostCount: 1,
        winRate: 0.5,
        avgDealSize: 40_000,
        avgCycleDays: 40,
        quota: q,
        attainment: 40_000 / q,
        openCount: 0,
        openValue: 0,
      },
      {
        key: 'FY2017-Q3',
        wonRevenue: 30_000,
        wonCount: 2,
        lostCount: 0,
        winRate: 1,
        avgDealSize: 15_000,
        avgCycleDays: 20,
        quota: q,
        attainment: 30_000 / q,
        openCount: 0,
        openValue: 0,
      },
      {
        key: 'FY2017-Q4',
        wonRevenue: 0,
        wonCount: 0,
        lostCount: 1,
        winRate: 0,
        avgDealSize: null,
        avgCycleDays: 30,
        quota: q,
        attainment: 0,
        openCount: 2,
        openValue: 100_000,
      },
    ]);
  });

  it('ranks the reps with deals by attainment, and lists the rep with no deals apart', () => {
    expect(result.rankedBy).toBe('attainment');
    expect(result.top.map((r) => [r.name, r.value])).toEqual([
      ['Ann', 1],
      ['Bob', 0.3],
      ['Cat', 0],
    ]);
    expect(result.bottom).toEqual([]);
    expect(result.unranked).toEqual([{ key: 'dan@example.com', name: 'Dan', team: 'West', reason: 'no deals', quota: 50_000 }]);
  });
});

describe('quota-performance-tracker edge cases', () => {
  it('an empty period: zero counts, and every rate and average undefined rather than 0', () => {
    const result = run(
      { period: { from: '2019-01-01', to: '2019-12-31' }, calendar, people, quotas },
      deals.filter((d) => d.closeDate !== null),
    );
    expect(result.totals).toEqual({
      key: 'total',
      wonRevenue: 0,
      wonCount: 0,
      lostCount: 0,
      winRate: null,
      avgDealSize: null,
      avgCycleDays: null,
      quota: null,
      attainment: null,
      openCount: 0,
      openValue: 0,
    });
    expect(result.byRep).toEqual([]);
    expect(result.byQuarter.map((q) => [q.key, q.wonCount, q.winRate])).toEqual([
      ['FY2019-Q1', 0, null],
      ['FY2019-Q2', 0, null],
      ['FY2019-Q3', 0, null],
      ['FY2019-Q4', 0, null],
    ]);
    expect(result.top).toEqual([]);
    expect(result.unranked.map((r) => [r.name, r.reason])).toEqual([
      ['Ann', 'no deals'],
      ['Bob', 'no deals'],
      ['Cat', 'no deals'],
      ['Dan', 'no deals'],
    ]);
  });

  it('no quotas: attainment is undefined and reps are ranked by won revenue', () => {
    const result = run({ period: FY2017, calendar, people, quotas: [] }, deals);
    expect(result.totals.quota).toBeNull();
    expect(result.totals.attainment).toBeNull();
    expect(result.byTeam.map((t) => t.attainment)).toEqual([null, null]);
    expect(result.rankedBy).toBe('wonRevenue');
    expect(result.top.map((r) => [r.name, r.value])).toEqual([
      ['Ann', 100_000],
      ['Bob', 30_000],
      ['Cat', 0],
    ]);
    expect(result.attainmentDistribution.every((b) => b.count === 0)).toBe(true);
  });

  it('a rep whose deals are all open has no win rate (not 0%) and no cycle', () => {
    const result = run({ period: FY2017, calendar, people: [ann], quotas: [] }, [
      deal(1, 'open', 500, { closeDate: '2017-03-01' }),
      deal(1, 'open', null, { closeDate: '2017-04-01' }),
    ]);
    expect(result.byRep[0]).toMatchObject({ wonCount: 0, lostCount: 0, winRate: null, avgDealSize: null, avgCycleDays: null, openCount: 2, openValue: 500 });
  });

  it('won deals with no amount count as won, and in the average, at nothing', () => {
    const result = run({ period: FY2017, calendar, people: [ann], quotas: [] }, [
      deal(1, 'won', null, { closeDate: '2017-03-01' }),
      deal(1, 'won', 900, { closeDate: '2017-04-01' }),
      deal(1, 'lost', null, { closeDate: '2017-04-02' }),
    ]);
    expect(result.totals).toMatchObject({ wonRevenue: 900, wonCount: 2, lostCount: 1, winRate: 2 / 3, avgDealSize: 450 });
  });
});

describe('top and bottom performers', () => {
  // Eight reps with a 100 quota each; won revenue sets attainment. Hal also lost a deal; Finn and Hal have thin pipelines.
  const names = ['Alice', 'Ben', 'Carl', 'Dora', 'Eve', 'Finn', 'Gus', 'Hal'];
  const won = [150, 120, 120, 100, 90, 80, 50, 20];
  const open = [1000, 1000, 1000, 1000, 1000, 100, 1000, 0];
  const reps = names.map((n, i) => person(i + 1, n, { team: i < 4 ? 'East' : 'West' }));
  const ivy = person(9, 'Ivy', { team: 'West' });
  const repDeals = reps.flatMap((r, i) => [
    deal(r.id, 'won', won[i] as number, { closeDate: '2017-06-01' }),
    ...((open[i] as number) > 0 ? [deal(r.id, 'open', open[i] as number, { closeDate: '2017-12-01' })] : []),
  ]);
  repDeals.push(deal(8, 'lost', 10, { closeDate: '2017-06-02' }), deal(9, 'won', 5_000, { closeDate: '2017-06-03' }));
  let result: PerfResult;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    result = run({ period: FY2017, calendar, people: [...reps, ivy], quotas: reps.map((r) => annual(r.id, 100)) }, repDeals);
  });

  it('top performers by attainment, ties broken by name', () => {
    expect(result.top.map((r) => [r.name, r.value])).toEqual([
      ['Alice', 1.5],
      ['Ben', 1.2],
      ['Carl', 1.2],
    ]);
  });

  it('bottom performers, worst first, each with the reasons against the median', () => {
    // Median attainment (0.9 + 1.0) / 2 = 0.95, bar 0.7125; median win rate 1, bar 0.75; median pipeline 1,000, bar 500.
    expect(result.bottom.map((r) => [r.name, r.reasons])).toEqual([
      [
        'Hal',
        [
          { kind: 'low attainment', value: 0.2, median: 0.95 },
          { kind: 'low win rate', value: 0.5, median: 1 },
          { kind: 'thin pipeline', value: 0, median: 1000 },
        ],
      ],
      ['Gus', [{ kind: 'low attainment', value: 0.5, median: 0.95 }]],
      ['Finn', [{ kind: 'thin pipeline', value: 100, median: 1000 }]],
    ]);
  });

  it('a rep with deals but no quota is not ranked against attainment', () => {
    expect(result.unranked).toEqual([{ key: 'ivy@example.com', name: 'Ivy', team: 'West', reason: 'no quota', quota: null }]);
  });

  it('the attainment distribution', () => {
    expect(result.attainmentDistribution.map((b) => [b.band, b.count])).toEqual([
      ['<50%', 1],
      ['50–75%', 1],
      ['75–100%', 2],
      ['100–125%', 3],
      ['≥125%', 1],
    ]);
  });
});

describe('orderings a RevOps lead reads top to bottom', () => {
  it('lists reps by email and teams, regions, segments and products alphabetically, whatever order they came in', () => {
    const zoe = person(11, 'Zoe', { team: 'West', region: 'EMEA', segment: 'SMB' });
    const abe = person(12, 'Abe', { team: 'East', region: 'Americas', segment: 'Enterprise' });
    const result = run({ period: FY2017, calendar, people: [zoe, abe], quotas: [] }, [
      deal(11, 'won', 100, { product: 'Widget', closeDate: '2017-02-01' }),
      deal(12, 'won', 200, { product: 'Add-on', closeDate: '2017-03-01' }),
    ]);
    expect(result.byRep.map((r) => r.key)).toEqual(['abe@example.com', 'zoe@example.com']);
    expect(result.byTeam.map((r) => r.key)).toEqual(['East', 'West']);
    expect(result.byRegion.map((r) => r.key)).toEqual(['Americas', 'EMEA']);
    expect(result.bySegment.map((r) => r.key)).toEqual(['Enterprise', 'SMB']);
    expect(result.byProduct.map((r) => r.key)).toEqual(['Add-on', 'Widget']);
  });

  it('puts reps with the same figure and the same name in email order, and unranked reps by name then email', () => {
    const sam1 = { ...person(21, 'Sam'), key: 'sam.b@example.com' };
    const sam2 = { ...person(22, 'Sam'), key: 'sam.a@example.com' };
    const kim = person(23, 'Kim');
    const lee2 = { ...person(24, 'Lee'), key: 'lee.b@example.com' };
    const lee1 = { ...person(25, 'Lee'), key: 'lee.a@example.com' };
    const amy = person(26, 'Amy');
    const result = run({ period: FY2017, calendar, people: [sam1, sam2, kim, lee2, lee1, amy], quotas: [] }, [
      deal(21, 'won', 100, { closeDate: '2017-02-01' }),
      deal(22, 'won', 100, { closeDate: '2017-02-01' }),
      deal(23, 'won', 100, { closeDate: '2017-02-01' }),
    ]);
    expect(result.top.map((r) => r.key)).toEqual(['kim@example.com', 'sam.a@example.com', 'sam.b@example.com']);
    expect(result.unranked.map((r) => r.key)).toEqual(['amy@example.com', 'lee.a@example.com', 'lee.b@example.com']);
  });

  it('ranks a higher figure first even when the name sorts later', () => {
    const result = run({ period: FY2017, calendar, people: [person(1, 'Ann'), person(2, 'Zed'), person(3, 'Max')], quotas: [] }, [
      deal(1, 'won', 100, { closeDate: '2017-02-01' }),
      deal(2, 'won', 300, { closeDate: '2017-02-01' }),
      deal(3, 'won', 200, { closeDate: '2017-02-01' }),
    ]);
    expect(result.top.map((r) => [r.name, r.value])).toEqual([
      ['Zed', 300],
      ['Max', 200],
      ['Ann', 100],
    ]);
  });
});

describe('how many top and bottom performers', () => {
  function team(size: number): PerfResult {
    const reps = Array.from({ length: size }, (_, i) => person(i + 1, `Rep${String(i + 1).padStart(3, '0')}`));
    return run(
      { period: FY2017, calendar, people: reps, quotas: [] },
      reps.map((r, i) => deal(r.id, 'won', 1_000 * (size - i), { closeDate: '2017-02-01' })),
    );
  }

  it('shows three of each for up to 30 reps, a tenth beyond that, and never more than ten', () => {
    expect([team(4).top.length, team(4).bottom.length]).toEqual([3, 1]);
    expect([team(30).top.length, team(30).bottom.length]).toEqual([3, 3]);
    expect([team(31).top.length, team(31).bottom.length]).toEqual([4, 4]);
    expect([team(150).top.length, team(150).bottom.length]).toEqual([10, 10]);
  });

  it('takes the bottom from the end of the ranking, worst first', () => {
    expect(team(31).bottom.map((r) => r.name)).toEqual(['Rep031', 'Rep030', 'Rep029', 'Rep028']);
    expect(team(4).bottom.map((r) => r.name)).toEqual(['Rep004']);
  });
});

describe('coaching reasons at their bars', () => {
  // Quota 100 each: attainment is won / 100. Medians of the four: attainment (1 + 1) / 2 = 1, open value 100.
  const reps = ['Ada', 'Bo', 'Cy', 'Di'].map((n, i) => person(i + 1, n));
  const won = [200, 100, 100, 75];
  const open = [100, 100, 100, 50];

  it('a figure exactly at three quarters of the median, or a pipeline exactly at half, is not a reason', () => {
    const result = run(
      { period: FY2017, calendar, people: reps, quotas: reps.map((r) => annual(r.id, 100)) },
      reps.flatMap((r, i) => [
        deal(r.id, 'won', won[i] as number, { closeDate: '2017-02-01' }),
        deal(r.id, 'open', open[i] as number, { closeDate: '2017-11-01' }),
      ]),
    );
    expect(result.bottom.map((r) => [r.name, r.reasons])).toEqual([['Di', []]]);
  });

  it('no thin-pipeline reason when nobody has an open pipeline', () => {
    const result = run(
      { period: FY2017, calendar, people: reps, quotas: reps.map((r) => annual(r.id, 100)) },
      reps.map((r, i) => deal(r.id, 'won', won[i] as number, { closeDate: '2017-02-01' })),
    );
    expect(result.bottom.map((r) => r.reasons.map((x) => x.kind))).toEqual([[]]);
  });

  it('a win rate below three quarters of the median is a reason; the median of an odd count is the middle one', () => {
    const three = reps.slice(0, 3);
    const sixAndMore = [...reps, person(5, 'Ed'), person(6, 'Flo')];
    const result = run({ period: FY2017, calendar, people: sixAndMore, quotas: sixAndMore.map((r) => annual(r.id, 100)) }, [
      ...sixAndMore.map((r, i) => deal(r.id, 'won', [300, 250, 200, 100, 90, 10][i] as number, { closeDate: '2017-02-01' })),
      ...three.map((r) => deal(r.id, 'open', 100, { closeDate: '2017-11-01' })),
      deal(6, 'lost', 10, { closeDate: '2017-02-02' }),
    ]);
    // Attainments 3, 2.5, 2, 1, 0.9, 0.1: median (2 + 1) / 2 = 1.5. Open values 100, 100, 100, 0, 0, 0: median 50.
    expect(result.bottom.map((r) => [r.name, r.reasons])).toEqual([
      [
        'Flo',
        [
          { kind: 'low attainment', value: 0.1, median: 1.5 },
          { kind: 'low win rate', value: 0.5, median: 1 },
          { kind: 'thin pipeline', value: 0, median: 50 },
        ],
      ],
      [
        'Ed',
        [
          { kind: 'low attainment', value: 0.9, median: 1.5 },
          { kind: 'thin pipeline', value: 0, median: 50 },
        ],
      ],
      [
        'Di',
        [
          { kind: 'low attainment', value: 1, median: 1.5 },
          { kind: 'thin pipeline', value: 0, median: 50 },
        ],
      ],
    ]);
  });

  it('ranked by won revenue, a low figure is called low won revenue', () => {
    const result = run({ period: FY2017, calendar, people: reps, quotas: [] }, [
      ...reps.map((r, i) => deal(r.id, 'won', [400, 300, 200, 10][i] as number, { closeDate: '2017-02-01' })),
    ]);
    // Won 400, 300, 200, 10: median 250.
    expect(result.bottom.map((r) => [r.name, r.reasons])).toEqual([['Di', [{ kind: 'low won revenue', value: 10, median: 250 }]]]);
  });
});

describe('attainment bands at their edges', () => {
  it('puts nothing won in <50%, exactly 50% in 50–75% and exactly 125% in ≥125%', () => {
    const reps = ['Ada', 'Bo', 'Cy'].map((n, i) => person(i + 1, n));
    const result = run({ period: FY2017, calendar, people: reps, quotas: reps.map((r) => annual(r.id, 100)) }, [
      deal(1, 'lost', 100, { closeDate: '2017-02-01' }),
      deal(2, 'won', 50, { closeDate: '2017-02-01' }),
      deal(3, 'won', 125, { closeDate: '2017-02-01' }),
    ]);
    expect(result.attainmentDistribution.map((b) => [b.band, b.count])).toEqual([
      ['<50%', 1],
      ['50–75%', 1],
      ['75–100%', 0],
      ['100–125%', 0],
      ['≥125%', 1],
    ]);
  });
});

describe('what the rows and rankings carry', () => {
  it('a group row has no name field at all; a rep row has the rep’s name', () => {
    const result = run({ period: FY2017, calendar, people: [ann], quotas: [] }, [deal(1, 'won', 100, { closeDate: '2017-02-01' })]);
    expect(result.byTeam[0]).toStrictEqual({
      key: 'East',
      wonRevenue: 100,
      wonCount: 1,
      lostCount: 0,
      winRate: 1,
      avgDealSize: 100,
      avgCycleDays: null,
      quota: null,
      attainment: null,
      openCount: 0,
      openValue: 0,
    });
    expect(result.byRep[0]?.name).toBe('Ann');
  });

  it('ranked reps carry their team and region, or (none)', () => {
    const loner = person(6, 'Lou');
    const result = run({ period: FY2017, calendar, people: [ann, loner], quotas: [] }, [
      deal(1, 'won', 200, { closeDate: '2017-02-01' }),
      deal(6, 'won', 100, { closeDate: '2017-02-01' }),
    ]);
    expect(result.top.map((r) => [r.name, r.team, r.region])).toEqual([
      ['Ann', 'East', 'Americas'],
      ['Lou', '(none)', '(none)'],
    ]);
  });

  it('a rep whose only quota lies outside the period is unranked with no quota, not a quota of 0', () => {
    const result = run({ period: FY2017, calendar, people: [ann, dan], quotas: [annual(1, 100), annual(4, 50_000, 2015)] }, [
      deal(1, 'won', 100, { closeDate: '2017-02-01' }),
    ]);
    expect(result.unranked).toEqual([{ key: 'dan@example.com', name: 'Dan', team: 'West', reason: 'no deals', quota: null }]);
  });

  it('takes the median pipeline of the ranked reps in order of size, not in ranking order', () => {
    // Ranked by won revenue: Ada 400 (no pipeline), Bo 300 (1,000), Cy 200 (10), Di 100 (20). Median pipeline (10 + 20) / 2 = 15,
    // so Di's 20 is not thin; read in ranking order it would have been (1,000 + 10) / 2.
    const reps = ['Ada', 'Bo', 'Cy', 'Di'].map((n, i) => person(i + 1, n));
    const result = run({ period: FY2017, calendar, people: reps, quotas: [] }, [
      ...reps.map((r, i) => deal(r.id, 'won', [400, 300, 200, 100][i] as number, { closeDate: '2017-02-01' })),
      deal(2, 'open', 1_000, { closeDate: '2017-11-01' }),
      deal(3, 'open', 10, { closeDate: '2017-11-01' }),
      deal(4, 'open', 20, { closeDate: '2017-11-01' }),
    ]);
    expect(result.bottom.map((r) => [r.name, r.reasons])).toEqual([['Di', [{ kind: 'low won revenue', value: 100, median: 250 }]]]);
  });

  it('leaves reps with no closed deal out of the median win rate', () => {
    // Six reps, ranked by won revenue; only Gil lost a deal, so the median win rate is 1 and his 0.5 is below 0.75 of it.
    const reps = ['Ada', 'Bo', 'Cy'].map((n, i) => person(i + 1, n));
    const all = run({ period: FY2017, calendar, people: reps.slice(0, 3).concat(person(5, 'Ed'), person(6, 'Flo'), person(7, 'Gil')), quotas: [] }, [
      deal(1, 'won', 700, { closeDate: '2017-02-01' }),
      deal(2, 'won', 600, { closeDate: '2017-02-01' }),
      deal(3, 'won', 500, { closeDate: '2017-02-01' }),
      deal(5, 'won', 400, { closeDate: '2017-02-01' }),
      deal(6, 'won', 300, { closeDate: '2017-02-01' }),
      deal(7, 'won', 200, { closeDate: '2017-02-01' }),
      deal(7, 'lost', 200, { closeDate: '2017-02-02' }),
    ]);
    expect(all.bottom.find((r) => r.name === 'Gil')?.reasons.find((x) => x.kind === 'low win rate')).toEqual({ kind: 'low win rate', value: 0.5, median: 1 });
  });
});

describe('overlay quotas', () => {
  // Lee leads sales; Mia manages East (Ann, Bob) and sold one deal herself; Zoe manages West (Cat) and carries a rep quota as
  // a player-coach. Mia's overlay comes from her role (no kind given), Lee's is said to be one, Zoe's quota is said to be a rep's.
  const lee = person(7, 'Lee', { role: 'leader' });
  const mia = person(5, 'Mia', { role: 'manager', team: 'East', managerId: 7 });
  const zoe = person(6, 'Zoe', { role: 'manager', team: 'West', managerId: 7 });
  const org = [
    person(1, 'Ann', { team: 'East', managerId: 5 }),
    person(2, 'Bob', { team: 'East', managerId: 5 }),
    person(3, 'Cat', { team: 'West', managerId: 6 }),
    mia,
    zoe,
    lee,
  ];
  const orgQuotas: QuotaFact[] = [
    annual(1, 100_000),
    annual(2, 100_000),
    annual(3, 100_000),
    annual(5, 250_000),
    { ...annual(6, 50_000), kind: 'rep' },
    { ...annual(7, 400_000), kind: 'overlay' },
  ];
  const won = (ownerId: number, dollars: number) => deal(ownerId, 'won', dollars, { closeDate: '2017-06-01' });
  let result: PerfResult;
  beforeEach(() => {
    result = run({ period: FY2017, calendar, people: org, quotas: orgQuotas }, [
      won(1, 80_000),
      won(2, 90_000),
      won(3, 50_000),
      won(5, 10_000),
      won(6, 60_000),
    ]);
  });

  it('are never added to the company, team or region quota; a rep quota a manager carries is', () => {
    // Won 80,000 + 90,000 + 50,000 + 10,000 (Mia) + 60,000 (Zoe) = 290,000.
    // Rep quotas: Ann, Bob, Cat 100,000 each + Zoe 50,000 = 350,000 (with Mia's overlay it would be 600,000: 48%).
    expect([result.totals.wonRevenue, result.totals.quota, result.totals.attainment]).toEqual([290_000, 350_000, 290_000 / 350_000]);
    // East: 80,000 + 90,000 + 10,000 = 180,000 against 200,000; West: 50,000 + 60,000 = 110,000 against 150,000.
    expect(result.byTeam.map((t) => [t.key, t.wonRevenue, t.quota, t.attainment])).toEqual([
      ['East', 180_000, 200_000, 0.9],
      ['West', 110_000, 150_000, 110_000 / 150_000],
    ]);
    expect(result.byRep.find((r) => r.key === 'mia@example.com')).toMatchObject({ wonRevenue: 10_000, quota: null, attainment: null });
    expect(result.byRep.find((r) => r.key === 'zoe@example.com')).toMatchObject({ quota: 50_000, attainment: 1.2 });
  });

  it('are reported against their holder’s organisation, the holder included', () => {
    // Lee: everyone (6 people), 290,000 ÷ 400,000 = 72.5%. Mia: Mia, Ann, Bob, 180,000 ÷ 250,000 = 72%.
    expect(result.overlays).toEqual([
      { key: 'lee@example.com', name: 'Lee', people: 6, quota: 400_000, wonRevenue: 290_000, attainment: 0.725 },
      { key: 'mia@example.com', name: 'Mia', people: 3, quota: 250_000, wonRevenue: 180_000, attainment: 0.72 },
    ]);
  });

  it('a manager who sold is ranked only with a rep quota: Zoe is, Mia is listed apart instead of topping the coaching list at 4%', () => {
    // Attainments: Zoe 60,000 ÷ 50,000 = 120%, Bob 90%, Ann 80%, Cat 50%. Four ranked: three on top, Cat at the bottom.
    expect(result.top.map((r) => [r.name, r.value])).toEqual([
      ['Zoe', 1.2],
      ['Bob', 0.9],
      ['Ann', 0.8],
    ]);
    expect(result.bottom.map((r) => r.name)).toEqual(['Cat']);
    expect(result.unranked).toEqual([{ key: 'mia@example.com', name: 'Mia', team: 'East', reason: 'no rep quota', quota: null }]);
  });

  it('a reporting line that loops does not loop the organisation, and an overlay outside the period is not shown', () => {
    const a = person(1, 'Ada', { role: 'manager', managerId: 2 });
    const b = person(2, 'Ben', { role: 'manager', managerId: 1 });
    const looped = run({ period: FY2017, calendar, people: [a, b], quotas: [annual(1, 1_000), annual(2, 1_000, 2016)] }, [won(2, 500)]);
    // Ada's organisation: Ada and Ben (who reports to her), 500 ÷ 1,000. Ben's overlay is for 2016.
    expect(looped.overlays).toEqual([{ key: 'ada@example.com', name: 'Ada', people: 2, quota: 1_000, wonRevenue: 500, attainment: 0.5 }]);
    expect(looped.totals.quota).toBeNull();
  });
});

describe('thin pipeline when open deals have no amounts', () => {
  const four = [person(1, 'Ann'), person(2, 'Bob'), person(3, 'Cat'), person(4, 'Dan')];
  const quotas100 = [1, 2, 3, 4].map((id) => annual(id, 100));
  // Won 100, 90, 80 and 10 against a 100 quota each; every open deal has no amount.
  const dealsWith = (openCounts: number[]) =>
    [100, 90, 80, 10].flatMap((won, i) => [
      deal(i + 1, 'won', won, { closeDate: '2017-03-01' }),
      ...Array.from({ length: openCounts[i] as number }, () => deal(i + 1, 'open', null, { closeDate: '2017-12-01' })),
    ]);

  it('compares the number of open deals: Dan’s 1 is under half the median of 3', () => {
    const result = run({ period: FY2017, calendar, people: four, quotas: quotas100 }, dealsWith([4, 4, 2, 1]));
    // Attainments 100%, 90%, 80%, 10%: three on top, Dan at the bottom. Median attainment (80% + 90%) ÷ 2 = 85%, and
    // 10% < 75% × 85%. Open values are all 0, so counts: 1, 2, 4, 4 → median 3, and 1 < 3 ÷ 2.
    expect(result.bottom.map((r) => [r.name, r.reasons])).toEqual([
      [
        'Dan',
        [
          { kind: 'low attainment', value: 0.1, median: (0.8 + 0.9) / 2 },
          { kind: 'thin pipeline', value: 1, median: 3, measure: 'openCount' },
        ],
      ],
    ]);
  });

  it('exactly half the median is not thin; no open deals at all is no reason', () => {
    // Counts 2, 4, 4, 4: median 4, and Dan's 2 is not under 2.
    const half = run({ period: FY2017, calendar, people: four, quotas: quotas100 }, dealsWith([4, 4, 4, 2]));
    expect(half.bottom[0]?.reasons.map((r) => r.kind)).toEqual(['low attainment']);
    const none = run({ period: FY2017, calendar, people: four, quotas: quotas100 }, dealsWith([0, 0, 0, 0]));
    expect(none.bottom[0]?.reasons.map((r) => r.kind)).toEqual(['low attainment']);
  });
});
