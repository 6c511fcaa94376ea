/** Issue 22, point 7: what a hand-made or mis-saved file carries is read right or refused in words, never stored wrong. */
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportKind } from '../../../src/domain/sales/import-formats.js';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { ImportRejected } from '../../../src/services/sales/import/staging.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = createTestDb();
  await importCsv(t.db, 'people', Readable.from(['email,name,role\nann@acme.com,Ann Lee,rep\n']));
});
afterEach(() => {
  t.close();
});

const deals = () => t.db.$client.prepare('SELECT id, owner_id, account, amount_cents, close_date FROM deals ORDER BY id').all();

async function rejection(kind: ImportKind, text: string): Promise<ImportRejected> {
  try {
    await importCsv(t.db, kind, Readable.from([text]));
  } catch (error) {
    if (error instanceof ImportRejected) return error;
    throw error;
  }
  throw new Error('the import was accepted');
}

describe('a CSV saved as Windows-1252 (Excel on Windows)', () => {
  it('is read with its accents and curly quotes, and the import says how it was read', async () => {
    const bytes = Buffer.from(
      'id,owner_email,account,stage,amount,close_date\nD1,ann@acme.com,Caf\xe9 M\xfcller \x93Gro\xdf\x94,Open,1200,2027-03-31\n',
      'latin1',
    );
    // Chunks that cut the file anywhere, as a download arrives.
    const summary = await importCsv(t.db, 'deals', Readable.from([bytes.subarray(0, 50), bytes.subarray(50, 71), bytes.subarray(71)]));
    expect(deals()).toEqual([expect.objectContaining({ id: 'D1', account: 'Café Müller “Groß”', amount_cents: 120_000 })]);
    expect(summary.notes).toContain(
      'The file was not UTF-8, so it was read as Windows-1252 (what Excel on Windows saves): check that accented letters came through.',
    );
  });

  it('a UTF-8 file with a byte-order mark, cut inside a letter, reads as UTF-8 without a note', async () => {
    const bytes = Buffer.from('\ufeffid,owner_email,account,stage,amount,close_date\nD1,ann@acme.com,Café Müller,Open,1200,2027-03-31\n', 'utf8');
    const cut = bytes.indexOf(0xc3);
    const summary = await importCsv(t.db, 'deals', Readable.from([bytes.subarray(0, cut + 1), bytes.subarray(cut + 1)]));
    expect(deals()).toEqual([expect.objectContaining({ account: 'Café Müller' })]);
    expect(summary.notes).toEqual([]);
  });
});

describe('values validation must not let through to the insert', () => {
  it('refuses an amount of 400 nines, one past ten billion, a year 0000 and a 1e20 percentage, each on its line, and stores nothing', async () => {
    const error = await rejection(
      'deals',
      [
        'id,owner_email,stage,amount,close_date',
        `D1,ann@acme.com,Open,${'9'.repeat(400)},2027-03-31`,
        'D2,ann@acme.com,Open,10000000000.01,2027-03-31',
        'D3,ann@acme.com,Open,100,0000-01-01',
        'D4,ann@acme.com,Open,10000000000,2027-03-31',
      ].join('\n'),
    );
    expect(error.problems).toEqual([
      { line: 2, reason: 'amount 999999999999999999999999999999… is more than 10,000,000,000: check the amount' },
      { line: 3, reason: 'amount 10000000000.01 is more than 10,000,000,000: check the amount' },
      { line: 4, reason: 'close_date "0000-01-01" is in the year 0000: use a date between 1900 and 2199' },
    ]);
    expect(deals()).toEqual([]);

    const plans = await rejection('comp-plans', 'plan,ote,base_pct,quota,cap_pct\nCore,200000,50,1000000,1e20\n');
    expect(plans.problems).toEqual([{ line: 2, reason: 'cap_pct "1e20" is not a percentage (e.g. 50 or 50%)' }]);
  });
});

describe('a file with 5,000 bad lines', () => {
  it('says how many in all, lists the first thousand by line, and stores nothing', async () => {
    const lines = ['id,owner_email,stage,amount,close_date'];
    for (let i = 1; i <= 5_000; i += 1) lines.push(`D${i},ann@acme.com,Open,-${i},2027-03-31`);
    const error = await rejection('deals', `${lines.join('\n')}\n`);
    expect(error.badRows).toBe(5_000);
    expect(error.problems).toHaveLength(1_000);
    expect(error.problems[0]).toEqual({ line: 2, reason: 'amount -1 is negative' });
    expect(error.message).toContain('Nothing was imported: 5,000 rows have problems.');
    expect(error.message).toContain('…and 4,000 more bad rows');
    expect(deals()).toEqual([]);
  });
});
