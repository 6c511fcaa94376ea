import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { ImportRejected } from '../../../src/services/sales/import/staging.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => {
  t.close();
});

const load = (text: string) => importCsv(t.db, 'people', Readable.from([text]));
const people = () => t.db.$client.prepare('SELECT email, name, hire_date, left_on FROM people ORDER BY email').all();

const PEOPLE = `email,name,hire_date
ann@acme.com,Ann Lee,2015-04-01
bob@acme.com,Bob Stone,2016-01-15
`;

describe('a leaving date in the people file', () => {
  it('records left_on, or its "Termination Date" alias, and leaves it alone when a file has no such column', async () => {
    await load(PEOPLE);
    await load('email,left_on\nann@acme.com,2027-03-01\nbob@acme.com,\n');
    expect(people()).toEqual([
      { email: 'ann@acme.com', name: 'Ann Lee', hire_date: '2015-04-01', left_on: '2027-03-01' },
      { email: 'bob@acme.com', name: 'Bob Stone', hire_date: '2016-01-15', left_on: null },
    ]);
    await load('Work Email,Termination Date\nbob@acme.com,3/15/2027\n');
    await load('email,title\nann@acme.com,Account Executive\n');
    expect(people()).toEqual([
      { email: 'ann@acme.com', name: 'Ann Lee', hire_date: '2015-04-01', left_on: '2027-03-01' },
      { email: 'bob@acme.com', name: 'Bob Stone', hire_date: '2016-01-15', left_on: '2027-03-15' },
    ]);
  });

  it('refuses a file with a bad leaving date, saying what to type, and writes none of its rows', async () => {
    await load(PEOPLE);
    const before = JSON.stringify(t.db.$client.prepare('SELECT * FROM people ORDER BY rowid').all());
    let error: unknown;
    try {
      await load(
        'email,name,hire_date,left_on\nann@acme.com,Ann Lee,2015-04-01,2027-03-01\nbob@acme.com,Bob Stone,2016-01-15,next week\ncat@acme.com,Cat Ng,2026-06-01,2026-05-01\n',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).problems).toEqual([
      { line: 3, reason: 'left_on "next week" is not a date: use YYYY-MM-DD (or a date like 1/31/2026)' },
      { line: 4, reason: 'left_on 2026-05-01 is before hire_date 2026-06-01: give the day they left, on or after they started' },
    ]);
    expect(JSON.stringify(t.db.$client.prepare('SELECT * FROM people ORDER BY rowid').all())).toBe(before);
  });
});
