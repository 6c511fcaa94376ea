import type { Db } from '../../db/client.js';
import { seededRandom } from '../../src/demo/random.js';
import { dateOfDay, dayNumber } from '../../src/domain/dates.js';
import { outcomeOf } from '../../src/domain/sales/deal-stages.js';

/**
 * A company of 1,240 reps in 124 teams with two fiscal years of deals, written straight into
 * SQLite in batched transactions (the importer is measured apart): a million by default.
 */
export const BENCH_COMPANY = { reps: 1_240, teamSize: 10, leaderSlackId: 'UBENCHLEAD' } as const;

const REGIONS = ['Americas East', 'Americas West', 'LATAM', 'UK&I', 'DACH', 'Nordics', 'ANZ', 'Japan'];
const SEGMENTS = ['Enterprise', 'Mid-Market', 'Commercial'];
const PRODUCTS = ['Core', 'Analytics', 'Pipelines', 'Embedded', 'Support', 'Services'];
const STAGES = ['Closed Won', 'Closed Lost', 'Closed Lost', 'Discovery', 'Proposal', 'Negotiation'];

/** Fills `db` (migrated, empty) with the bench company; deals close across FY2025 and FY2026. */
export function fillMillionDeals(db: Db, deals = 1_000_000): { repIds: number[] } {
  const c = db.$client;
  const rand = seededRandom(1_000_000);
  const repIds: number[] = [];
  c.transaction(() => {
    const leader = c
      .prepare("INSERT INTO people (email, name, role, slack_user_id) VALUES ('lead@bench.example', 'Bench Leader', 'leader', ?) RETURNING id")
      .pluck()
      .get(BENCH_COMPANY.leaderSlackId) as number;
    const person = c
      .prepare('INSERT INTO people (email, name, role, team, region, segment, manager_id, hire_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id')
      .pluck();
    const quota = c.prepare('INSERT INTO quotas (person_id, period_start, period_end, amount_cents) VALUES (?, ?, ?, ?)');
    let manager = leader;
    for (let i = 0; i < BENCH_COMPANY.reps; i += 1) {
      const team = Math.floor(i / BENCH_COMPANY.teamSize);
      const region = REGIONS[team % REGIONS.length] as string;
      if (i % BENCH_COMPANY.teamSize === 0)
        manager = person.get(`manager${team}@bench.example`, `Manager ${team}`, 'manager', `Team ${team}`, region, null, leader, '2015-01-01') as number;
      const id = person.get(
        `rep${i}@bench.example`,
        `Rep ${String(i).padStart(4, '0')}`,
        'rep',
        `Team ${team}`,
        region,
        SEGMENTS[team % 3],
        manager,
        '2018-01-01',
      ) as number;
      repIds.push(id);
      for (const year of [2025, 2026]) quota.run(id, `${year}-01-01`, `${year}-12-31`, 200_000_000);
    }
  })();
  const insert = c.prepare(
    'INSERT INTO deals (id, owner_id, account, product, segment, stage, outcome, amount_cents, created_date, close_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const first = dayNumber('2025-01-01');
  const span = dayNumber('2026-12-31') - first + 1;
  const batch = 50_000;
  for (let start = 0; start < deals; start += batch) {
    c.transaction(() => {
      for (let n = start; n < Math.min(deals, start + batch); n += 1) {
        const stage = STAGES[Math.floor(rand() * STAGES.length)] as string;
        const close = first + Math.floor(rand() * span);
        const created = close - 5 - Math.floor(rand() * 120);
        const owner = repIds[Math.floor(rand() * repIds.length)] as number;
        insert.run(
          `D${n}`,
          owner,
          `Account ${Math.floor(rand() * 20_000)}`,
          PRODUCTS[Math.floor(rand() * PRODUCTS.length)],
          rand() < 0.2 ? null : SEGMENTS[Math.floor(rand() * 3)],
          stage,
          outcomeOf(stage),
          rand() < 0.05 ? null : Math.round(rand() * 10_000_000),
          rand() < 0.03 ? null : dateOfDay(created),
          // A few open deals have no expected close date.
          stage.startsWith('Closed') || rand() > 0.05 ? dateOfDay(close) : null,
        );
      }
    })();
  }
  c.exec('ANALYZE');
  return { repIds };
}
