import { eq } from 'drizzle-orm';
import type { Db } from '../../../../db/client.js';
import { crmSyncs } from '../../../../db/schema.js';
import type { CrmConfig } from '../../../config.js';
import { decideSeeCrmSync } from '../../../domain/access.js';
import { addDays, atLocalTime, localDate } from '../../../domain/dates.js';
import {
  type CrmRecords,
  type CrmTable,
  hubspotRecords,
  hubspotStageNames,
  latestModified,
  SYNC_KINDS,
  salesforceRecords,
} from '../../../domain/sales/crm-records.js';
import { actorFor } from '../../people/access.js';
import type { ImportOptions } from '../import/file-import.js';
import { RecordImport } from '../import/file-import.js';
import { ImportRejected } from '../import/staging.js';
import { readingSettings } from '../settings.js';
import { CrmError, type Pause } from './http.js';
import { readHubSpot } from './hubspot.js';
import { readSalesforce } from './salesforce.js';

/**
 * A live sync from a CRM: read what changed since the last sync that applied (or everything),
 * validate it exactly as the CSV importer validates a file, and apply it all-or-nothing in one
 * transaction, owners before their deals and deals before their history. The state (how far it
 * has read, what the last run did or why it refused) lives in the database.
 */

export const CRMS = ['salesforce', 'hubspot'] as const;
export type Crm = (typeof CRMS)[number];
export const CRM_NAMES: Record<Crm, string> = { salesforce: 'Salesforce', hubspot: 'HubSpot' };

interface SyncChange {
  kind: string;
  created: number;
  updated: number;
}

export interface SyncReport {
  crm: Crm;
  full: boolean;
  changes: SyncChange[];
  notes: string[];
}

/** The sync read the CRM but its data did not pass the importer's checks; nothing was changed. */
export class SyncRefused extends CrmError {}

export interface SyncOptions {
  full?: boolean;
  now: Date;
  pause: Pause;
}

export async function syncCrm(db: Db, crm: Crm, config: CrmConfig, options: SyncOptions): Promise<SyncReport> {
  const state = syncState(db, crm);
  const since = options.full ? null : (state?.syncedThrough ?? null);
  try {
    const { records, marks, stageNames, readNotes } = await read(crm, config, since, options.pause);
    const importOptions: ImportOptions = {
      // API values are machine-written: ISO dates and plain decimals.
      numberFormat: '1,234.50',
      dateOrder: 'MDY',
      stageMapping: { ...stageNames, ...readingSettings(db).stageMapping },
    };
    const { changes, notes } = apply(db, crm, records, importOptions);
    save(db, crm, options.now, { syncedThrough: latestModified(marks, since), lastStatus: 'applied', changes, problem: null });
    return { crm, full: since === null, changes, notes: [...readNotes, ...notes] };
  } catch (error) {
    if (error instanceof CrmError) save(db, crm, options.now, { lastStatus: error instanceof SyncRefused ? 'refused' : 'failed', problem: error.message });
    throw error;
  }
}

async function read(crm: Crm, config: CrmConfig, since: string | null, pause: Pause) {
  if (crm === 'salesforce') {
    if (!config.salesforce)
      throw new CrmError(
        'Salesforce sync is off: set SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET (a connected app with the client-credentials flow).',
      );
    const data = await readSalesforce(config.salesforce, since, pause);
    const marks = [
      ...[...data.users, ...data.accounts, ...data.opportunities].map((r) => r.SystemModstamp),
      ...(data.quotas ?? []).map((q) => q.LastModifiedDate),
    ];
    const readNotes = data.quotas
      ? []
      : [
          "Salesforce shows no quotas (Collaborative Forecasts is off, or the connected app's user may not view all forecasts): the quotas imported from files stay as they are.",
        ];
    return { records: salesforceRecords(data), marks, stageNames: {}, readNotes };
  }
  if (!config.hubspot) throw new CrmError("HubSpot sync is off: set HUBSPOT_ACCESS_TOKEN (a private app's access token).");
  const data = await readHubSpot(config.hubspot, since, pause);
  return {
    records: hubspotRecords(data),
    marks: data.deals.map((d) => d.properties.hs_lastmodifieddate),
    stageNames: hubspotStageNames(data.pipelines),
    readNotes: [],
  };
}

/** Every kind in one transaction: a refusal in any of them rolls back what the others wrote. */
function apply(db: Db, crm: Crm, records: CrmRecords, options: ImportOptions): { changes: SyncChange[]; notes: string[] } {
  const changes: SyncChange[] = [];
  const notes: string[] = [];
  db.$client.transaction(() => {
    for (const kind of SYNC_KINDS) {
      const table = records[kind];
      if (!table) continue;
      const recordImport = new RecordImport(db, kind, options);
      try {
        recordImport.add(table.header, 1);
        table.rows.forEach((row, i) => {
          recordImport.add(row, i + 2);
        });
        const writing = recordImport.finish();
        let step = writing.next();
        while (!step.done) step = writing.next();
        changes.push({ kind, created: step.value.created, updated: step.value.updated });
        notes.push(...step.value.notes);
      } catch (error) {
        if (error instanceof ImportRejected) throw refusal(crm, error, table);
        throw error;
      } finally {
        recordImport.close();
      }
    }
  })();
  return { changes, notes };
}

const PROBLEMS_LISTED = 20;

/** The importer's refusal, with each record named as the CRM names it rather than by a line number. */
function refusal(crm: Crm, error: ImportRejected, table: CrmTable): SyncRefused {
  const named = error.problems.slice(0, PROBLEMS_LISTED).map((p) => `  ${table.names[p.line - 2] ?? `record ${p.line - 1}`}: ${p.reason}`);
  const more = error.badRows > named.length ? [`  …and ${(error.badRows - named.length).toLocaleString('en-US')} more`] : [];
  return new SyncRefused(
    [
      `${CRM_NAMES[crm]} sync refused, nothing was changed: ${error.fileProblems.length ? `its ${error.kind} cannot be read` : `${error.badRows.toLocaleString('en-US')} of its ${error.kind} records have problems`}. Fix them in ${CRM_NAMES[crm]} (or the settings), and sync again.`,
      ...error.fileProblems.map((p) => `  ${p}`),
      ...named,
      ...more,
    ].join('\n'),
    { cause: error },
  );
}

export type SyncState = typeof crmSyncs.$inferSelect;

export function syncState(db: Db, crm: Crm): SyncState | undefined {
  return db.select().from(crmSyncs).where(eq(crmSyncs.crm, crm)).get();
}

function save(db: Db, crm: Crm, now: Date, values: Partial<Omit<SyncState, 'crm' | 'lastRunAt'>> & Pick<SyncState, 'lastStatus' | 'problem'>): void {
  const row = { ...values, lastRunAt: now.toISOString() };
  db.insert(crmSyncs)
    .values({ crm, ...row })
    .onConflictDoUpdate({ target: crmSyncs.crm, set: row })
    .run();
}

/** The nightly sync's hour, in the workspace's time zone. */
export const NIGHTLY_AT = '02:00';

/** Whether the nightly sync has yet to run for the latest 02:00 that has passed (a night missed while the app was down included). */
export function nightlySyncDue(db: Db, crm: Crm, now: Date, timeZone: string): boolean {
  const today = localDate(now, timeZone);
  const tonight = atLocalTime(today, NIGHTLY_AT, timeZone);
  const latest = tonight <= now ? tonight : atLocalTime(addDays(today, -1), NIGHTLY_AT, timeZone);
  const last = syncState(db, crm)?.lastRunAt;
  return !last || new Date(last) < latest;
}

/** The CRM syncs that have run, for an admin's App Home; null for anyone else. */
export function crmSyncsFor(db: Db, slackUserId: string): SyncState[] | null {
  if (!decideSeeCrmSync(actorFor(db, slackUserId, undefined)).allowed) return null;
  return db.select().from(crmSyncs).orderBy(crmSyncs.crm).all();
}
