/**
 * Each person's own clock (issue 14): their Slack time zone, asked of Slack every hour with
 * users.list (a page of up to 1,000 people per call, so 5,000 people cost five calls), so a DM
 * follows someone who moved or travels. Only people the app already knows are updated.
 */
import type { WebClient } from '@slack/web-api';
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { people } from '../../../db/schema.js';
import { isValidTimeZone } from '../../domain/dates.js';

const PAGE = 1_000;

/** Stores every known person's Slack time zone; returns how many changed. */
export async function refreshTimeZones(db: Db, slack: WebClient): Promise<number> {
  let changed = 0;
  let cursor: string | undefined;
  do {
    const page = await slack.users.list({ limit: PAGE, ...(cursor ? { cursor } : {}) });
    db.transaction(() => {
      for (const member of page.members ?? []) {
        const tz = member.tz;
        if (!member.id || !tz || member.deleted || !isValidTimeZone(tz)) continue;
        changed += db
          .update(people)
          .set({ timeZone: tz })
          .where(and(eq(people.slackUserId, member.id), or(isNull(people.timeZone), ne(people.timeZone, tz))))
          .run().changes;
      }
    });
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return changed;
}
