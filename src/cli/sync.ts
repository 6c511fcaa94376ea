/** `sko sync salesforce|hubspot [--full]`: one sync now, as the nightly job runs it. */
import type { Db } from '../../db/client.js';
import { loadCrmConfig } from '../config.js';
import { describeChanges } from '../domain/sales/crm-records.js';
import { InputError } from '../errors.js';
import { realPause } from '../services/sales/sync/http.js';
import { CRM_NAMES, CRMS, type Crm, syncCrm } from '../services/sales/sync/sync.js';

export const SYNC_USAGE = `  sync salesforce|hubspot [--full] [--db FILE]
                                         Read what changed in the CRM since the last sync (everything with --full, or the
                                         first time), check it as an import would, and apply all of it or nothing`;

export async function syncCli(db: Db, crmArg: string | undefined, full: boolean, now: Date): Promise<string> {
  const crm = crmArg?.toLowerCase() as Crm | undefined;
  if (!crm || !(CRMS as readonly string[]).includes(crm)) throw new InputError(`Say which CRM: npm run sko -- sync <${CRMS.join('|')}> [--full].`);
  const report = await syncCrm(db, crm, loadCrmConfig(), { full, now, pause: realPause });
  return [
    `${CRM_NAMES[crm]} ${report.full ? 'synced in full' : 'synced what changed since the last sync'}: ${describeChanges(report.changes)}.`,
    ...report.notes,
  ].join('\n');
}
