import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { getOrAdd } from '../src/domain/maps.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens (creating if needed) the SQLite file with the pragmas the app relies on. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers (slash commands) run while a writer (import, dispatcher) works.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return drizzle(sqlite, { schema });
}

/**
 * An in-memory copy of the database file, for previews that must not touch it (the simulator):
 * the file is only read, never written, even by migrations.
 */
export function openCopy(path: string): Db {
  const source = new Database(path, { readonly: true, fileMustExist: true });
  const bytes = source.serialize();
  source.close();
  // Header bytes 18–19 say "WAL"; an in-memory copy has no WAL file, so mark it a rollback-journal database.
  bytes[18] = 1;
  bytes[19] = 1;
  const copy = new Database(bytes);
  copy.pragma('foreign_keys = ON');
  return drizzle(copy, { schema });
}

const preparedByDb = new WeakMap<Db, Map<unknown, unknown>>();

/**
 * A query prepared once per database and reused: drizzle spends more time building a query
 * than SQLite spends running these small ones, and the status path runs them on every request.
 * `build` is the cache key, so it must be a module-level function, never an arrow made per call.
 */
export function prepared<T>(db: Db, build: (db: Db) => T): T {
  const statements = getOrAdd(preparedByDb, db, () => new Map());
  return getOrAdd(statements, build, () => build(db)) as T;
}

/**
 * Changes whenever any connection commits a change: this connection's own writes show in
 * total_changes(), other connections' (a CLI import, say) in data_version, as of the start of the
 * code running now (see othersVersion). Reads keyed on it can be cached without serving stale data.
 */
export function dataVersion(db: Db): string {
  const changes = (prepared(db, totalChangesQuery).get() as number) - (outboxChanges.get(db) ?? 0);
  return `${othersVersion(db)}:${changes}`;
}

const totalChangesQuery = (db: Db) => db.$client.prepare('SELECT total_changes()').pluck();
const dataVersionQuery = (db: Db) => db.$client.prepare('PRAGMA data_version').pluck();

const othersVersionByDb = new WeakMap<Db, number>();

/**
 * Other connections' data_version, read once per uninterrupted run of the app's code: reading it
 * takes the WAL's read lock, a request asks it half a dozen times, and until the code yields it
 * cannot have learned of another thread's commit (that news arrives as a later message or reply).
 */
function othersVersion(db: Db): number {
  let version = othersVersionByDb.get(db);
  if (version === undefined) {
    version = prepared(db, dataVersionQuery).get() as number;
    othersVersionByDb.set(db, version);
    queueMicrotask(() => othersVersionByDb.delete(db));
  }
  return version;
}

/** This connection's changes made through outboxWrite, which no cached read depends on. */
const outboxChanges = new WeakMap<Db, number>();

/**
 * Runs a write that touches only the outbox, leaving dataVersion (and so every cache keyed on it)
 * as it was: no cached read looks at the outbox. A Monday stores its digests a batch at a time,
 * and each batch would otherwise make every `/sko status` meanwhile work its answer out afresh.
 */
export function outboxWrite<T>(db: Db, write: () => T): T {
  const changes = () => prepared(db, totalChangesQuery).get() as number;
  const before = changes();
  try {
    return write();
  } finally {
    outboxChanges.set(db, (outboxChanges.get(db) ?? 0) + changes() - before);
  }
}

const readsByDb = new WeakMap<Db, { version: string; values: Map<string, unknown> }>();

/**
 * A read worked out once until the data changes: any commit, by this connection or another, moves
 * the data version and empties the cache. For the reads every Slack request makes (the current
 * event, who may see what), where drizzle's mapping costs more than the version check. Inside a
 * transaction nothing is cached: a rollback undoes data but not the version.
 */
export function untilDataChanges<T>(db: Db, key: string, read: () => T): T {
  if (db.$client.inTransaction) return read();
  const version = dataVersion(db);
  let cache = readsByDb.get(db);
  if (cache?.version !== version) {
    cache = { version, values: new Map() };
    readsByDb.set(db, cache);
  }
  if (cache.values.has(key)) return cache.values.get(key) as T;
  const value = read();
  cache.values.set(key, value);
  return value;
}
