import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSetup } from '../../src/services/plan/setup.js';
import { importCsv } from '../../src/services/sales/import/import-csv.js';
import { setupInput, U } from '../support/builders.js';
import { runSko } from '../support/cli.js';
import { LEAVERS_CSV, PEOPLE_CSV, Q1_DEALS_CSV } from '../support/sales-data.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/** The FY27 SKO (day 1 Tue 2 Feb 2027) with the Q1 deals and leaving dates of tests/support/sales-data.ts. */
describe('npm run sko -- metrics', () => {
  let testDb: TestDb;

  beforeAll(async () => {
    testDb = createTestDb();
    await importCsv(testDb.db, 'people', Readable.from([PEOPLE_CSV]));
    saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
    await importCsv(testDb.db, 'deals', Readable.from([Q1_DEALS_CSV]));
    await importCsv(testDb.db, 'people', Readable.from([LEAVERS_CSV]));
  });
  afterAll(() => testDb.close());

  it('gives Q1 productivity, deal velocity and rep retention as JSON, with figure, target, verdict and basis, naming nobody', () => {
    const run = runSko(testDb.path, 'metrics', '--today', '2027-03-10', '--json');
    expect(run.stderr).toBe('');
    const rows = JSON.parse(run.stdout) as { key: string; value: number | null; target: string; status: string; basis?: string }[];
    const row = (key: string) => rows.find((r) => r.key === key);
    expect(row('productivity')).toMatchObject({ value: 35, target: "more than +10% against last year's Q1", status: 'met' });
    expect(row('productivity')?.basis).toContain('$27,000 per rep in 1 Jan 2027–10 Mar 2027 (4 reps, 2 won deals)');
    expect(row('deal-velocity')).toMatchObject({ value: 260, status: 'met' });
    // Ann left on 20 Feb, within the 90 days; Mia before day 1 and Cat after the 90 days do not count.
    expect(row('rep-retention')).toMatchObject({ value: 1, target: 'no SKO-related departures', status: 'at risk' });
    expect(run.stdout).not.toContain('Ann Lee');
  }, 30_000);

  it('says Q1 is not measured before it starts, and when it starts', () => {
    const run = runSko(testDb.path, 'metrics', '--today', '2026-12-15');
    expect(run.stdout).toMatch(/not measured · Productivity \(target: more than \+10% against last year's Q1\)\n\s+Q1 starts on 1 Jan 2027\./);
  }, 30_000);
});
