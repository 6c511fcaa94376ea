import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSetup } from '../../src/services/plan/setup.js';
import { setupInput, U } from '../support/builders.js';
import { runSko } from '../support/cli.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

describe('npm run sko -- backup FILE', () => {
  let testDb: TestDb;
  beforeAll(() => {
    testDb = createTestDb();
    saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
  });
  afterAll(() => {
    testDb.close();
  });

  const count = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('copies the database while it is open and written to, into a file that is whole on its own', () => {
    // The app's connection holds the database open in WAL mode with changes not yet checkpointed.
    testDb.db.$client.prepare("UPDATE events SET name = 'FY27 SKO, renamed'").run();
    const target = join(testDb.path, '..', 'backups', 'copy.db');
    const res = runSko(testDb.path, 'backup', target);
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain(`Backed up ${testDb.path} to ${target}`);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((copy.prepare('SELECT name FROM events').get() as { name: string }).name).toBe('FY27 SKO, renamed');
      expect(count(copy, 'tasks')).toBe(count(testDb.db.$client, 'tasks'));
    } finally {
      copy.close();
    }
  });

  it('never overwrites a file, and says what to give it when FILE is missing', () => {
    const target = join(testDb.path, '..', 'once.db');
    expect(runSko(testDb.path, 'backup', target).status).toBe(0);
    const again = runSko(testDb.path, 'backup', target);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`${target} exists already: name a new file`);
    const none = runSko(testDb.path, 'backup');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Say where to write the copy: npm run sko -- backup FILE');
    expect(existsSync(join(testDb.path, '..', 'backups', 'missing.db'))).toBe(false);
  });
});
