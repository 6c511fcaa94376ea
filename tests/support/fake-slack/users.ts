/** The workspace's people: users.info and users.lookupByEmail. */
import type { ApiArgs, ApiResponse, FakeUser, Workspace } from './types.js';
import { fail, ok, str } from './wire.js';

export class Users {
  #users = new Map<string, FakeUser>();

  constructor(readonly workspace: Workspace) {}

  add(user: FakeUser): void {
    this.#users.set(user.id, user);
  }

  get(id: string): FakeUser | undefined {
    return this.#users.get(id);
  }

  usersInfo(args: ApiArgs): ApiResponse {
    const user = this.#users.get(str(args.user) ?? '');
    if (!user) return fail('user_not_found');
    return ok({ user: this.#userObject(user) });
  }

  /** users.list, a page at a time (`limit`, `cursor`), as Slack paginates its member list. */
  usersList(args: ApiArgs): ApiResponse {
    const all = [...this.#users.values()];
    const limit = Math.max(1, Math.min(Number(str(args.limit) ?? 100) || 100, 1000));
    const start = Number(str(args.cursor)?.replace(/^page:/, '') ?? 0) || 0;
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? `page:${start + limit}` : '';
    return ok({ members: page.map((u) => this.#userObject(u)), response_metadata: { next_cursor: next } });
  }

  lookupByEmail(args: ApiArgs): ApiResponse {
    const email = (str(args.email) ?? '').toLowerCase();
    const user = [...this.#users.values()].find((u) => !u.deleted && u.email?.toLowerCase() === email);
    if (!email || !user) return fail('users_not_found');
    return ok({ user: this.#userObject(user) });
  }

  #userObject(u: FakeUser): Record<string, unknown> {
    const { teamId } = this.workspace;
    const now = this.workspace.now();
    const tz = u.tz ?? 'America/New_York';
    const realName = u.realName ?? u.name;
    return {
      id: u.id,
      team_id: teamId,
      name: u.name,
      deleted: u.deleted ?? false,
      real_name: realName,
      tz,
      tz_label: tz,
      tz_offset: tzOffsetSeconds(tz, now),
      is_bot: u.isBot ?? false,
      is_app_user: false,
      // Slack sets is_admin for owners too; is_primary_owner is the one who created the workspace.
      is_admin: (u.isAdmin ?? false) || (u.isOwner ?? false),
      is_owner: u.isOwner ?? false,
      is_primary_owner: false,
      updated: Math.floor(now / 1000),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: u.name,
        display_name_normalized: u.name,
        ...(u.email !== undefined ? { email: u.email } : {}),
        team: teamId,
      },
    };
  }
}

function tzOffsetSeconds(tz: string, atMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(new Date(atMs))
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3600 + Number(m[3]) * 60);
}
