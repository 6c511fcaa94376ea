import type { WebClient } from '@slack/web-api';
import type { Db } from '../../../db/client.js';
import { findPersonBySlackId } from './people.js';

export type OwnerCheck = { ok: true; profile?: { name?: string | undefined; timeZone?: string | undefined } } | { ok: false; error: string };

/**
 * Whether a Slack user can own an action item. Someone the app already knows can; anyone else is
 * asked of Slack (users.info) before anything is written, so a mistyped id, a deactivated account or
 * a bot never becomes an owner nobody will hear from.
 */
export async function checkOwner(db: Db, client: WebClient, slackUserId: string, actorSlackId: string): Promise<OwnerCheck> {
  if (!needsOwnerCheck(db, slackUserId, actorSlackId)) return { ok: true };
  const who = `<@${slackUserId}>`;
  const unknown = `Slack has no user ${who} in this workspace. Pick the owner from the list that opens as you type @.`;
  try {
    const { user } = await client.users.info({ user: slackUserId });
    if (!user) return { ok: false, error: unknown };
    if (user.deleted) return { ok: false, error: `${who} has been deactivated in Slack, so they would never see it. Choose someone else as the owner.` };
    if (user.is_bot || user.is_app_user) return { ok: false, error: `${who} is an app, not a person. Choose a person as the owner.` };
    return { ok: true, profile: { name: user.real_name || user.name, timeZone: user.tz } };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'user_not_found') return { ok: false, error: unknown };
    return { ok: false, error: `I could not check ${who} with Slack just now${code ? ` (${code})` : ''}. Nothing was saved; please try again in a minute.` };
  }
}

/** The person acting is someone Slack just sent us, and people the app has met are known. */
export function needsOwnerCheck(db: Db, slackUserId: string, actorSlackId: string): boolean {
  return slackUserId !== actorSlackId && !findPersonBySlackId(db, slackUserId);
}
