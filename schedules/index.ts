import type { WebClient } from '@slack/web-api';
import cron, { type ScheduledTask } from 'node-cron';
import type { CrmConfig } from '../src/config.js';
import type { Deps } from '../src/deps.js';
import { newestEvent } from '../src/services/plan/event-store.js';
import { crmSyncJob } from './crm-sync.js';
import { dispatchJob } from './dispatch.js';
import { timeZonesJob } from './time-zones.js';
import type { Job } from './types.js';

const JOBS: readonly Job[] = [dispatchJob];

/** Every timed job of a running app: the dispatcher, the nightly CRM sync, and people's time zones. */
export function appJobs(crm: CrmConfig, slack: WebClient): Job[] {
  return [dispatchJob, crmSyncJob(crm), timeZonesJob(slack)];
}

export interface RunningSchedules {
  stop(): Promise<void>;
}

/**
 * Starts each job on its cron, in the event's time zone, and runs it once now so whatever fell due
 * while the app was down goes out at start. Overlapping runs are skipped: the state is in the
 * database, so the next run picks up whatever this one did not finish. `stop` waits for running
 * jobs; once `stopping` is aborted (the app shutting down), a long job stops at its next safe point
 * (a Monday's digests, between batches) rather than finishing.
 */
export function startSchedules(deps: Deps, jobs: readonly Job[] = JOBS, stopping?: AbortSignal): RunningSchedules {
  const timezone = newestEvent(deps.db)?.timeZone ?? 'UTC';
  const inFlight = new Set<Promise<void>>();
  const runJob = (job: Job) => {
    const run = job
      .run(deps, deps.clock.now(), stopping)
      .catch((error: unknown) => deps.logger.error(`job ${job.name} failed:`, error))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
    return run;
  };
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(job.cron, () => runJob(job), { name: job.name, timezone, noOverlap: true, logger: deps.logger }),
  );
  for (const job of jobs) void runJob(job);
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
      await Promise.all(inFlight);
    },
  };
}
