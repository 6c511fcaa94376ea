import type { CrmConfig } from '../src/config.js';
import { describeChanges } from '../src/domain/sales/crm-records.js';
import { newestEvent } from '../src/services/plan/event-store.js';
import { CrmError, type Pause, realPause } from '../src/services/sales/sync/http.js';
import { CRM_NAMES, CRMS, NIGHTLY_AT, nightlySyncDue, syncCrm } from '../src/services/sales/sync/sync.js';
import type { Job } from './types.js';

const [HOUR, MINUTE] = NIGHTLY_AT.split(':').map(Number) as [number, number];

/**
 * Nightly at 02:00 in the workspace's time zone (and at start, for a night the app missed): each
 * CRM with settings syncs what changed since its last sync. A refusal is kept for the admins'
 * App Home; the next night tries again.
 */
export function crmSyncJob(crm: CrmConfig, pause: Pause = realPause): Job {
  return {
    name: 'crm-sync',
    cron: `${MINUTE} ${HOUR} * * *`,
    async run(deps, now) {
      const timeZone = newestEvent(deps.db)?.timeZone ?? 'UTC';
      for (const name of CRMS) {
        if (!crm[name] || !nightlySyncDue(deps.db, name, now, timeZone)) continue;
        try {
          const report = await syncCrm(deps.db, name, crm, { now, pause });
          deps.logger.info(`crm-sync: ${CRM_NAMES[name]}: ${describeChanges(report.changes)}`);
        } catch (error) {
          if (!(error instanceof CrmError)) throw error;
          deps.logger.warn(`crm-sync: ${error.message}`);
        }
      }
    },
  };
}
