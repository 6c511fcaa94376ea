import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileBeside, runSko } from '../support/cli.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

describe('npm run sko -- import and settings: how a file writes its values', () => {
  let testDb: TestDb;
  const sko = (...args: string[]) => runSko(testDb.path, ...args);
  const file = (name: string, text: string) => fileBeside(testDb.path, name, text);
  const deals = () => testDb.db.$client.prepare('SELECT id, stage, outcome, amount_cents AS cents, close_date AS closed FROM deals ORDER BY id').all();

  beforeAll(() => {
    testDb = createTestDb();
    testDb.db.$client.prepare("INSERT INTO people (email, name, role) VALUES ('ann@acme.com', 'Ann Lee', 'rep')").run();
  });

  afterAll(() => {
    testDb.close();
  });

  it('refuses an ambiguous file naming the option, then reads it with --date-order and --number-format', () => {
    const path = file('uk.csv', 'id;owner_email;stage;amount;close_date\nU1;ann@acme.com;Won;"1.500";03/04/2026\n');
    const refused = sko('import', 'deals', path);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Set the date order, for this import or the workspace: day first (DMY, 31/01/2026) or month first (MDY, 1/31/2026).');
    expect(refused.stderr).toContain('Set the number format, for this import or the workspace: 1,234.50 or 1.234,50.');
    expect(deals()).toEqual([]);
    const res = sko('import', 'deals', path, '--date-order', 'DMY', '--number-format', '1.234,50');
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(`Imported ${path}: 1 row: 1 new deal and 0 updated.\n`);
    expect(deals()).toEqual([{ id: 'U1', stage: 'Won', outcome: 'won', cents: 150_000, closed: '2026-04-03' }]);
  }, 30_000);

  it('keeps a stage mapping and rates for the workspace, and every later import uses them', () => {
    const rates = file('rates.csv', 'currency,rate\nUSD,1\nEUR,1.10\n');
    const set = sko('settings', '--stage-map', '555=Closed Won', '--rates', rates, '--date-order', 'MDY');
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('Date order when a file does not show it: MDY.\n');
    expect(set.stdout).toContain('Stage mapping: 555=Closed Won.\nExchange rates: USD 1, EUR 1.1.\n');
    const res = sko(
      'import',
      'deals',
      file(
        'hs.csv',
        'Record ID,Deal Stage,Amount,Currency,Close Date,Deal owner\nH1,555,100,EUR,2026-02-01,Ann Lee\nH2,closedlost,50,USD,2026-02-02,Ann Lee\n',
      ),
    );
    expect(res.stderr).toBe('');
    expect(deals()).toEqual([
      { id: 'H1', stage: 'Closed Won', outcome: 'won', cents: 11_000, closed: '2026-02-01' },
      { id: 'H2', stage: 'Closed lost', outcome: 'lost', cents: 5_000, closed: '2026-02-02' },
      { id: 'U1', stage: 'Won', outcome: 'won', cents: 150_000, closed: '2026-04-03' },
    ]);
  }, 30_000);

  it('says what a bad setting should be', () => {
    const res = sko('settings', '--date-order', 'YMD');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('--date-order takes DMY (day first, 31/01/2026) or MDY (month first, 1/31/2026), not "YMD".');
  }, 30_000);
});
