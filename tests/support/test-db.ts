import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';

export interface TestDb {
  db: Db;
  path: string;
  close(): void;
}

/** A fresh, migrated SQLite file in a temporary folder: the real database, thrown away afterwards. */
export function createTestDb(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'sko-test-'));
  const path = join(dir, 'sko.db');
  const db = openDatabase(path);
  migrateDatabase(db);
  return {
    db,
    path,
    close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
