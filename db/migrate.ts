import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client.js';

/**
 * The committed migrations live in <project>/db/migrations. This file runs from db/ (tsx) or
 * dist/db/ (after tsc, which does not copy .sql files), so look upwards for the folder.
 */
function findMigrationsFolder(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const nested = join(dir, 'db', 'migrations');
    if (existsSync(join(nested, 'meta', '_journal.json'))) return nested;
    if (dirname(dir) === dir) throw new Error(`No db/migrations folder found above ${start}; run the app from its checkout.`);
  }
}

const MIGRATIONS_FOLDER = findMigrationsFolder(dirname(fileURLToPath(import.meta.url)));

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
