/** The database a command runs on: opened and migrated, and for most commands one that must exist already. */
import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { type Db, openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { settings } from '../../db/schema.js';
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

const DEMO_SURVEY_KEY_SETTING = 'demo_survey_key';

/**
 * The demo's survey key travels in the demo's database: it is public (nothing real is hashed with
 * it), and `simulate --db data/demo.db` then runs as the demo prints it, with no secret to set.
 */
export function keepDemoSurveyKey(db: Db, key: string): void {
  db.insert(settings)
    .values({ key: DEMO_SURVEY_KEY_SETTING, value: key })
    .onConflictDoUpdate({ target: settings.key, set: { value: key } })
    .run();
}

export function demoSurveyKey(db: Db): string | null {
  const row = db.select().from(settings).where(eq(settings.key, DEMO_SURVEY_KEY_SETTING)).get();
  return typeof row?.value === 'string' ? row.value : null;
}
