/** The database a command runs on: opened and migrated, and for most commands one that must exist already. */
import { existsSync } from 'node:fs';
import { type Db, openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { loadDatabasePath } from '../config.js';
import { InputError } from '../errors.js';

export function openMigrated(path: string): Db {
  const db = openDatabase(path);
  migrateDatabase(db);
  return db;
}

/** The database file a command reads: --db, else DATABASE_PATH; it must exist already. */
export function existingDatabasePath(options: { db?: string | undefined }): string {
  const path = options.db ?? loadDatabasePath();
  if (!existsSync(path)) throw new InputError(`No database at ${path}. Set DATABASE_PATH, pass --db FILE, or run \`npm run demo\` first.`);
  return path;
}

export function openExisting(options: { db?: string | undefined }): Db {
  return openMigrated(existingDatabasePath(options));
}
