/** `npm run sko -- backup FILE`: a consistent copy of the database while the app keeps running. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase } from '../../db/client.js';
import { InputError } from '../errors.js';
import { existingDatabasePath } from './database.js';
import { print } from './terminal.js';

/**
 * SQLite's online backup (better-sqlite3's `backup()`): the copy is one moment of the database
 * even while the app writes, which copying the file (and its WAL) is not.
 */
export async function backup(options: { db?: string | undefined }, positionals: readonly string[]): Promise<void> {
  const target = positionals[0];
  if (!target) throw new InputError('Say where to write the copy: npm run sko -- backup FILE (for example backups/sko-2026-12-03.db).');
  const source = existingDatabasePath(options);
  if (resolve(target) === resolve(source)) throw new InputError(`${target} is the database itself: name a new file for the copy.`);
  if (existsSync(target)) throw new InputError(`${target} exists already: name a new file, so that no earlier backup is overwritten.`);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const db = openDatabase(source);
  try {
    const { totalPages } = await db.$client.backup(target);
    print(`Backed up ${source} to ${target} (${totalPages.toLocaleString('en-US')} pages). SURVEY_KEY_SECRET is not in it: keep that apart.`);
  } finally {
    db.$client.close();
  }
}
