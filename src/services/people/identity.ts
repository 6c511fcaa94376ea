import { eq } from 'drizzle-orm';
import { type Person, people } from '../../../db/schema.js';
import type { Deps } from '../../deps.js';
import { findPersonByEmail, findPersonBySlackId, mergePeople } from './people.js';

const SLACK_LOOKUP_MS = 1_000;

/**
 * The imported person behind a Slack user: by the Slack id the people file gave, else by the
 * email Slack has for them (users:read.email), linked once so the next look-up is local.
 */
export async function identify(deps: Pick<Deps, 'db' | 'slack' | 'logger'>, slackUserId: string): Promise<Person | null> {
  const known = findPersonBySlackId(deps.db, slackUserId);
  if (known?.email) return known;
  let email: string | undefined;
  try {
    // Commands identify people before acknowledging, so a slow or rate-limited Slack must not hold the ack past 3 s.
    const info = await Promise.race([
      deps.slack.users.info({ user: slackUserId }),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SLACK_LOOKUP_MS).unref()),
    ]);
    email = info?.user?.profile?.email;
  } catch (error) {
    deps.logger.debug(`users.info ${slackUserId} failed:`, error);
  }
  if (!email) return known ?? null;
  const imported = findPersonByEmail(deps.db, email);
  if (!imported || (imported.slackUserId && imported.slackUserId !== slackUserId)) return known ?? null;
  if (known) mergePeople(deps.db, known.id, imported.id);
  else deps.db.update(people).set({ slackUserId }).where(eq(people.id, imported.id)).run();
  return findPersonBySlackId(deps.db, slackUserId) ?? null;
}

/** The person's own time zone: as stored, else as Slack has it (asked within a second, so a modal can still open). */
export async function timeZoneOf(deps: Pick<Deps, 'db' | 'slack' | 'logger'>, slackUserId: string): Promise<string | undefined> {
  const stored = findPersonBySlackId(deps.db, slackUserId)?.timeZone;
  if (stored) return stored;
  try {
    const info = await Promise.race([
      deps.slack.users.info({ user: slackUserId }),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SLACK_LOOKUP_MS).unref()),
    ]);
    return info?.user?.tz ?? undefined;
  } catch (error) {
    deps.logger.debug(`users.info ${slackUserId} failed:`, error);
    return undefined;
  }
}
