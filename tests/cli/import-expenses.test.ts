import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expenses } from '../../db/schema.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { setupInput, U } from '../support/builders.js';
import { fileBeside, runSko } from '../support/cli.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

describe('npm run sko -- import expenses', () => {
  let testDb: TestDb;
  const sko = (...args: string[]) => runSko(testDb.path, ...args);
  const file = (name: string, text: string) => fileBeside(testDb.path, name, text);

  beforeAll(() => {
    testDb = createTestDb();
    saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
  });

  afterAll(() => {
    testDb.close();
  });

  it('records every row, and says how much', () => {
    const path = file(
      'expenses.csv',
      'category,vendor,amount,date,note\nvenue,Hilton Chicago,"$120,000",2027-01-10,deposit\nMaterials & swag,Printful,4500.50,2027-01-12,\n',
    );
    const res = sko('import', 'expenses', path);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(`Imported ${path}: 2 expenses, $124,500.50 in all, for FY27 Sales Kickoff. /sko budget shows the budget now.\n`);
    expect(testDb.db.select({ vendor: expenses.vendor, amountCents: expenses.amountCents }).from(expenses).all()).toEqual([
      { vendor: 'Hilton Chicago', amountCents: 12_000_000 },
      { vendor: 'Printful', amountCents: 450_050 },
    ]);
  }, 30_000);

  it('refuses a file with a bad row, naming the line, and records nothing from it', () => {
    const res = sko('import', 'expenses', file('bad.csv', 'category,vendor,amount,date\ntravel,United,900,2027-01-02\ntravel,,900,2027-13-02\n'));
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(
      'Nothing was imported: 1 row has problems. Fix it and import the file again.\nline 3: Give the vendor (who is paid), such as "Hilton Chicago". "2027-13-02" is not a date; write it as YYYY-MM-DD, such as 2027-01-15.',
    );
    expect(testDb.db.select().from(expenses).all()).toHaveLength(2);
  }, 30_000);

  it('names the line as the file numbers it, blank lines and quoted line breaks counted', () => {
    // Line 2 holds a note over two lines (2–3), line 4 is blank, the bad row is on line 5.
    const res = sko(
      'import',
      'expenses',
      file('gaps.csv', 'category,vendor,amount,date,note\ntravel,United,900,2027-01-02,"two\nlines"\n\ntravel,Delta,lots,2027-01-03,\n'),
    );
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('\nline 5: "lots" is not an amount;');
    expect(testDb.db.select().from(expenses).all()).toHaveLength(2);
  }, 30_000);
});
