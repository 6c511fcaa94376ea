/**
 * Who the app's admins are: Slack's own workspace owners and admins (users.info, remembered for a
 * while), people an admin added with `/sko admins`, and the SKO_ADMINS setting. Nobody becomes an
 * admin by being first to set the SKO up.
 */
import { ErrorCode, type WebClient } from '@slack/web-api';
import { and, eq } from 'drizzle-orm';
import { type Db, prepared, untilDataChanges } from '../../../db/client.js';
import { admins, workspaceRoles } from '../../../db/schema.js';
import type { Logger } from '../../logger.js';
import { enqueue } from '../delivery/enqueue.js';
import { ensurePeople } from './people.js';

/** Slack's answer is trusted this long: a new workspace admin waits at most this for their rights here. */
const WORKSPACE_ROLE_FRESH_MS = 10 * 60_000;
/** How many admins a refusal names, and how many get asked. */
const ADMINS_NAMED = 5;

/** SKO_ADMINS as set at this start: earlier starts' ids that are no longer set stop being admins. */
export function syncSettingAdmins(db: Db, slackUserIds: readonly string[]): void {
  db.transaction((tx) => {
    tx.delete(admins).where(eq(admins.source, 'setting')).run();
    for (const slackUserId of slackUserIds) tx.insert(admins).values({ slackUserId, source: 'setting' }).run();
  });
}

export function isAdmin(db: Db, slackUserId: string): boolean {
  const row = prepared(db, isAdminQuery).get({ id: slackUserId }) as { yes: number };
  return row.yes === 1;
}

// Prepared once: every request from a person asks it.
const isAdminQuery = (db: Db) =>
  db.$client.prepare(
    `SELECT EXISTS(SELECT 1 FROM admins WHERE slack_user_id = @id)
         OR EXISTS(SELECT 1 FROM workspace_roles WHERE slack_user_id = @id AND is_admin = 1)
         OR EXISTS(SELECT 1 FROM people WHERE slack_user_id = @id AND role = 'admin') AS yes`,
  );

export interface AdminList {
  /** Workspace owners and admins the app knows of. */
  workspace: string[];
  /** Added in Slack with `/sko admins`. */
  added: string[];
  /** Named in SKO_ADMINS. */
  setting: string[];
}

export function listAdmins(db: Db): AdminList {
  const ids = (sql: string) => db.$client.prepare(sql).pluck().all() as string[];
  return {
    workspace: ids(
      `SELECT slack_user_id FROM workspace_roles WHERE is_admin = 1
       UNION SELECT slack_user_id FROM people WHERE role = 'admin' AND slack_user_id IS NOT NULL ORDER BY 1`,
    ),
    added: ids("SELECT slack_user_id FROM admins WHERE source = 'added' ORDER BY added_at, slack_user_id"),
    setting: ids("SELECT slack_user_id FROM admins WHERE source = 'setting' ORDER BY slack_user_id"),
  };
}

/** Replaces the people added with `/sko admins` by `slackUserIds`; returns who was added and who removed. */
export function setAddedAdmins(db: Db, slackUserIds: readonly string[], by: string): { added: string[]; removed: string[] } {
  return db.transaction((tx) => {
    const before = new Set(listAdmins(db).added);
    const after = new Set(slackUserIds);
    const added = [...after].filter((id) => !before.has(id));
    const removed = [...before].filter((id) => !after.has(id));
    for (const id of removed)
      tx.delete(admins)
        .where(and(eq(admins.slackUserId, id), eq(admins.source, 'added')))
        .run();
    for (const id of added) tx.insert(admins).values({ slackUserId: id, source: 'added', addedBy: by }).run();
    ensurePeople(db, added);
    return { added, removed };
  });
}

function recordWorkspaceRole(db: Db, slackUserId: string, admin: boolean, now: Date): void {
  const checkedAt = now.toISOString();
  db.insert(workspaceRoles)
    .values({ slackUserId, isAdmin: admin, checkedAt })
    .onConflictDoUpdate({ target: workspaceRoles.slackUserId, set: { isAdmin: admin, checkedAt } })
    .run();
}

interface SlackUser {
  id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
}

const isWorkspaceAdmin = (user: SlackUser | undefined) => Boolean(user && !user.deleted && !user.is_bot && (user.is_admin || user.is_owner));

/**
 * Asks Slack whether this person is a workspace owner or admin, unless it was asked lately. When
 * Slack cannot answer, what was known stays (a person never checked has no admin rights yet).
 */
export async function refreshWorkspaceRole(db: Db, slack: WebClient, slackUserId: string, now: Date, logger: Logger): Promise<void> {
  // Every request from a person asks this: read once until something changes.
  const known = untilDataChanges(db, `workspace-role:${slackUserId}`, () => ({
    checkedAt: prepared(db, checkedAtQuery).get(slackUserId) as string | undefined,
    admin: isAdmin(db, slackUserId),
  }));
  const { checkedAt } = known;
  let admin = known.admin;
  if (checkedAt === undefined || now.getTime() - Date.parse(checkedAt) >= WORKSPACE_ROLE_FRESH_MS) {
    const asked = askWorkspaceRole(db, slack, slackUserId, now, logger);
    // This runs before the acknowledgement: a slow users.info must not cost Slack's 3 s. Past a
    // moment, what is on record (or no admin rights, for someone never checked) serves this request,
    // and Slack's answer, when it comes, the next one.
    await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, ROLE_CHECK_WAIT_MS).unref())]);
    admin = isAdmin(db, slackUserId);
  }
  // An admin the app has not met yet becomes someone the access checks can find (Slack's answer may just have made them one).
  if (admin) ensurePeople(db, [slackUserId]);
}

const ROLE_CHECK_WAIT_MS = 700;

const checkedAtQuery = (db: Db) => db.$client.prepare('SELECT checked_at FROM workspace_roles WHERE slack_user_id = ?').pluck();

async function askWorkspaceRole(db: Db, slack: WebClient, slackUserId: string, now: Date, logger: Logger): Promise<void> {
  try {
    const { user } = await slack.users.info({ user: slackUserId });
    recordWorkspaceRole(db, slackUserId, isWorkspaceAdmin(user as SlackUser | undefined), now);
  } catch (error) {
    // Slack answered, and not with a person (user_not_found): nobody to make an admin.
    if ((error as { code?: string }).code === ErrorCode.PlatformError) recordWorkspaceRole(db, slackUserId, false, now);
    else logger.warn(`could not ask Slack whether ${slackUserId} is a workspace admin:`, error);
  }
}

/**
 * The admins to ask for something only admins do, up to five. With none known yet, the workspace's
 * owners and admins are looked up in Slack's member list (and remembered).
 */
export async function adminsToAsk(db: Db, slack: WebClient, now: Date): Promise<string[]> {
  const known = () => {
    const list = listAdmins(db);
    return [...new Set([...list.workspace, ...list.added, ...list.setting])].slice(0, ADMINS_NAMED);
  };
  if (known().length > 0) return known();
  for (let cursor: string | undefined; ; ) {
    const page = await slack.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const member of (page.members ?? []) as SlackUser[]) {
      if (member.id && isWorkspaceAdmin(member)) recordWorkspaceRole(db, member.id, true, now);
    }
    cursor = page.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return known();
}

/** DMs the admins that `requester` asks them to set the SKO up; once per requester and day. */
export function askAdminsForSetup(db: Db, requester: string, adminIds: readonly string[], now: Date): number {
  const day = now.toISOString().slice(0, 10);
  const text = `<@${requester}> asks you to set up the SKO in SKO Conductor. Run \`/sko setup\` in any channel to open the setup form.`;
  return enqueue(
    db,
    adminIds.map((admin) => ({
      key: `setup-request:${requester}:${admin}:${day}`,
      kind: 'notice',
      label: 'a request to set up the SKO',
      channel: admin,
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    })),
  );
}
