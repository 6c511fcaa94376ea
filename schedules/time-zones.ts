import type { WebClient } from '@slack/web-api';
import { refreshTimeZones } from '../src/services/people/time-zones.js';
import type { Job } from './types.js';

/** Every hour (and at start): each person's Slack time zone, so their DMs keep to their own clock. */
export function timeZonesJob(slack: WebClient): Job {
  return {
    name: 'time-zones',
    cron: '7 * * * *',
    async run(deps) {
      const changed = await refreshTimeZones(deps.db, slack);
      if (changed) deps.logger.info(`time-zones: ${changed} person(s) in a new time zone`);
    },
  };
}
