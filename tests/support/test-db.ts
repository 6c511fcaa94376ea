import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { admins } from '../../db/schema.js';
import { U } from './builders.js';

export interface TestDb {
  db: Db;
  path: string;
  close(): void;
}

/**
 * A fresh, migrated SQLite file in a temporary folder: the real database, thrown away afterwards.
 * Dana, who sets the SKO up in most tests, is an admin as SKO_ADMINS would make her (a test app
 * rewrites that list from its own setting).
 */
export function createTestDb(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'sko-test-'));
  const path = join(dir, 'sko.db');
  const db = openDatabase(path);
  migrateDatabase(db);
  db.insert(admins).values({ slackUserId: U.dana, source: 'setting' }).run();
  return {
    db,
    path,
    close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
