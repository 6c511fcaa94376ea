import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { dataImports } from '../../../db/schema.js';
import { countPeopleInSalesData, newestRecord } from './sales-data.js';

/** What an admin can load, in the order it is best loaded (people before their deals). */
const DATA_KINDS = ['people', 'deals', 'quotas', 'accounts', 'comp-plans', 'stage-history', 'agenda', 'expenses'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

interface ImportRecord {
  at: string;
  /** Slack id; null for the command line. */
  by: string | null;
  fileName: string | null;
  rows: number;
}

export interface DataStatus {
  kinds: { kind: DataKind; rows: number; last: ImportRecord | null }[];
  /** The newest deal record's date, up to today. */
  dataAsOf: string | null;
}

export function recordImport(db: Db, entry: { kind: DataKind; rows: number; fileName: string | null; by: string | null; at: Date }): void {
  db.insert(dataImports)
    .values({ kind: entry.kind, rows: entry.rows, fileName: entry.fileName, importedBy: entry.by, importedAt: entry.at.toISOString() })
    .run();
}

const COUNTS: Record<Exclude<DataKind, 'people' | 'agenda' | 'expenses'>, string> = {
  deals: 'SELECT count(*) FROM deals',
  quotas: 'SELECT count(*) FROM quotas',
  accounts: 'SELECT count(*) FROM accounts',
  'comp-plans': 'SELECT count(*) FROM comp_plans',
  'stage-history': 'SELECT count(*) FROM stage_history',
};

function rowsOf(db: Db, kind: DataKind, eventId: number | null): number {
  if (kind === 'people') return countPeopleInSalesData(db);
  if (kind === 'agenda' || kind === 'expenses') {
    if (eventId === null) return 0;
    const table = kind === 'agenda' ? 'agenda_sessions' : 'expenses';
    return db.$client.prepare(`SELECT count(*) FROM ${table} WHERE event_id = ?`).pluck().get(eventId) as number;
  }
  return db.$client.prepare(COUNTS[kind]).pluck().get() as number;
}

/** Each kind of data: how many rows are in (the agenda and expenses: this SKO's), and the last file that brought some (when, by whom). */
export function dataStatus(db: Db, today: string, eventId: number | null): DataStatus {
  const kinds = DATA_KINDS.map((kind) => {
    const last = db.select().from(dataImports).where(eq(dataImports.kind, kind)).orderBy(desc(dataImports.importedAt), desc(dataImports.id)).limit(1).get();
    return {
      kind,
      rows: rowsOf(db, kind, eventId),
      last: last ? { at: last.importedAt, by: last.importedBy, fileName: last.fileName, rows: last.rows } : null,
    };
  });
  return { kinds, dataAsOf: newestRecord(db, { kind: 'all' }, today) };
}
