/** Issue 22, point 5: an import is written whole or not at all, and writers elsewhere wait for it rather than fail. */
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = createTestDb();
  await importCsv(t.db, 'people', Readable.from(['email,name,role\nann@acme.com,Ann Lee,rep\n']));
});
afterEach(() => {
  t.close();
});

const dealCount = () => t.db.$client.prepare('SELECT count(*) FROM deals').pluck().get() as number;
const dealsFile = (n: number) => {
  const lines = ['id,owner_email,stage,amount,close_date'];
  for (let i = 1; i <= n; i += 1) lines.push(`D${String(i).padStart(5, '0')},ann@acme.com,Open,${i},2027-03-31`);
  return `${lines.join('\n')}\n`;
};

describe('an import the database refuses part-way', () => {
  it('leaves no row of 6,020 written when the 6,000th insert fails (past the first 5,000-row batch)', async () => {
    // SQLite itself refuses the row, as a full disk or a constraint would: nothing of ours is stubbed.
    t.db.$client.exec("CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON deals WHEN NEW.id = 'D06000' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    await expect(importCsv(t.db, 'deals', Readable.from([dealsFile(6_020)]))).rejects.toThrow('disk I/O error');
    expect(dealCount()).toBe(0);
    t.db.$client.exec('DROP TRIGGER refuse_one');
    await importCsv(t.db, 'deals', Readable.from([dealsFile(6_020)]));
    expect(dealCount()).toBe(6_020);
  });
});

describe('an import while another process writes', () => {
  it('waits for the other writer’s transaction instead of failing with "database is locked"', async () => {
    // Another process (a command-line import, say) holds the write lock for a second.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('BEGIN IMMEDIATE');
         db.prepare("UPDATE people SET title = 'held' WHERE email = 'ann@acme.com'").run();
         process.stdout.write('holding\\n');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
         db.exec('COMMIT');`,
        t.path,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const summary = await importCsv(t.db, 'deals', Readable.from([dealsFile(100)]));
    expect(summary.created).toBe(100);
    expect(t.db.$client.prepare("SELECT title FROM people WHERE email = 'ann@acme.com'").pluck().get()).toBe('held');
    await new Promise((resolve) => holder.once('exit', resolve));
  });
});
