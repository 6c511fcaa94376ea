/**
 * People Slack has refused for good (deactivated, not found): marked on the person, so no SKO
 * tries them again, message after message, until a people import or Slack shows them active.
 */
import { eq, isNotNull } from 'drizzle-orm';
import { type Db, prepared } from '../../../db/client.js';
import { people } from '../../../db/schema.js';

/** Slack's answers that mean the person cannot receive anything, now or later, without someone acting. */
const GONE = new Set(['user_not_found', 'users_not_found', 'account_inactive', 'user_disabled']);

const isUserId = (channel: string) => /^[UW][A-Z0-9]+$/.test(channel);

/** Marks the person a DM went to as unreachable if Slack's answer says they are gone; true if it did. */
export function markIfGone(db: Db, channel: string, code: string, now: Date): boolean {
  if (!isUserId(channel) || !GONE.has(code)) return false;
  db.update(people).set({ unreachableSince: now.toISOString(), unreachableReason: code }).where(eq(people.slackUserId, channel)).run();
  return true;
}

/** Of these channels, the DMs to people marked unreachable, with Slack's answer. */
export function unreachableAmong(db: Db, channels: readonly string[]): Map<string, string> {
  const ids = [...new Set(channels.filter(isUserId))];
  if (ids.length === 0) return new Map();
  const rows = prepared(db, unreachableQuery).all(JSON.stringify(ids)) as { slackUserId: string; reason: string | null }[];
  return new Map(rows.map((r) => [r.slackUserId, r.reason ?? 'unreachable']));
}

// One statement for any list of ids (as a JSON array): every message stored asks it.
const unreachableQuery = (db: Db) =>
  db.$client.prepare(
    `SELECT slack_user_id AS slackUserId, unreachable_reason AS reason FROM people
     WHERE unreachable_since IS NOT NULL AND slack_user_id IN (SELECT value FROM json_each(?))`,
  );

/** Everyone marked unreachable, for the SKO lead: once each, not once per message. */
export function unreachablePeople(db: Db): { slackUserId: string; name: string | null; reason: string; since: string }[] {
  return db
    .select({ slackUserId: people.slackUserId, name: people.name, reason: people.unreachableReason, since: people.unreachableSince })
    .from(people)
    .where(isNotNull(people.unreachableSince))
    .all()
    .map((r) => ({ slackUserId: r.slackUserId ?? '', name: r.name, reason: r.reason ?? 'unreachable', since: r.since ?? '' }));
}
