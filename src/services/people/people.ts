import { asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, prepared } from '../../../db/client.js';
import { eventRoles, events, type Person, people } from '../../../db/schema.js';
import type { RosterPerson } from '../../domain/comms/audience.js';
import { onRoster, type RosterScope } from '../../domain/plan/which-sko.js';
import { type EventRole, type PeopleRole, strongerRole } from '../../domain/roles.js';

/** Emails are matched without regard to case: exports and Slack profiles spell them differently. */
export function findPersonByEmail(db: Db, email: string): Person | undefined {
  return db
    .select()
    .from(people)
    .where(eq(sql`lower(${people.email})`, email.toLowerCase()))
    .get();
}

// Prepared once: access checks run it on every request, and building the query costs more than running it.
const bySlackIdQuery = (db: Db) =>
  db
    .select()
    .from(people)
    .where(eq(people.slackUserId, sql.placeholder('slackUserId')))
    .prepare();

export function findPersonBySlackId(db: Db, slackUserId: string): Person | undefined {
  return prepared(db, bySlackIdQuery).get({ slackUserId });
}

/** Finds the people behind these Slack ids, creating the ones the app has not met yet (as reps: least privilege). */
export function ensurePeople(db: Db, slackUserIds: readonly string[]): Map<string, Person> {
  const ids = [...new Set(slackUserIds)];
  if (ids.length === 0) return new Map();
  const existing = db.select().from(people).where(inArray(people.slackUserId, ids)).all();
  const known = new Set(existing.map((p) => p.slackUserId));
  const missing = ids.filter((id) => !known.has(id));
  const created = missing.length
    ? db
        .insert(people)
        .values(missing.map((slackUserId) => ({ slackUserId })))
        .returning()
        .all()
    : [];
  return new Map([...existing, ...created].map((p) => [p.slackUserId as string, p]));
}

/** Fills in what Slack knows about a person and we do not (name, time zone); never overwrites imported data. */
export function rememberSlackProfile(
  db: Db,
  slackUserId: string,
  profile: { name?: string | undefined; timeZone?: string | undefined; active?: boolean | undefined },
): void {
  const person = findPersonBySlackId(db, slackUserId);
  if (!person) return;
  const patch: Partial<Person> = {};
  // Slack shows them active again: whoever was marked unreachable gets messages once more.
  if (profile.active && person.unreachableSince) Object.assign(patch, { unreachableSince: null, unreachableReason: null });
  if (!person.name && profile.name) patch.name = profile.name;
  if (!person.timeZone && profile.timeZone) patch.timeZone = profile.timeZone;
  if (Object.keys(patch).length) db.update(people).set(patch).where(eq(people.id, person.id)).run();
}

/** Every table column that points at a person. */
const PERSON_REFERENCES = [
  ['events', 'created_by'],
  ['event_roles', 'person_id'],
  ['tasks', 'owner_id'],
  ['tasks', 'done_by'],
  ['people', 'manager_id'],
  ['deals', 'owner_id'],
  ['quotas', 'person_id'],
  ['accounts', 'owner_id'],
] as const;

/**
 * Makes two records of one person one: `fromId` (met in Slack, no email) folds into `intoId`
 * (imported), which takes its Slack id, its event roles and tasks, and the stronger role.
 */
export function mergePeople(db: Db, fromId: number, intoId: number): void {
  const c = db.$client;
  c.transaction(() => {
    const from = c.prepare('SELECT slack_user_id AS slack, role, time_zone AS tz FROM people WHERE id = ?').get(fromId) as {
      slack: string | null;
      role: PeopleRole;
      tz: string | null;
    };
    const into = c.prepare('SELECT role FROM people WHERE id = ?').get(intoId) as { role: PeopleRole };
    for (const [table, column] of PERSON_REFERENCES) c.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(intoId, fromId);
    c.prepare('DELETE FROM people WHERE id = ?').run(fromId);
    c.prepare('UPDATE people SET slack_user_id = ?, role = ?, time_zone = coalesce(time_zone, ?) WHERE id = ?').run(
      from.slack,
      strongerRole(into.role, from.role),
      from.tz,
      intoId,
    );
  })();
}

/** Everyone the app knows, with the roles they hold in this event: what audiences are chosen from. */
export function eventRoster(db: Db, eventId: number): RosterPerson[] {
  const held = new Map<number, EventRole[]>();
  for (const r of db.select({ personId: eventRoles.personId, role: eventRoles.role }).from(eventRoles).where(eq(eventRoles.eventId, eventId)).all()) {
    held.set(r.personId, [...(held.get(r.personId) ?? []), r.role]);
  }
  const scope = rosterScopeOf(db, eventId);
  return db
    .select({ personId: people.id, slackUserId: people.slackUserId, name: people.name, role: people.role, team: people.team, region: people.region })
    .from(people)
    .orderBy(asc(people.id))
    .all()
    .filter((p) => held.has(p.personId) || onRoster(p, scope))
    .map(({ region: _region, ...p }) => ({ ...p, eventRoles: held.get(p.personId) ?? [] }));
}

/** Whom an SKO is for (null: everyone); a regional SKO's messages reach its teams and regions, and its role holders. */
function rosterScopeOf(db: Db, eventId: number): RosterScope | null {
  return db.select({ roster: events.roster }).from(events).where(eq(events.id, eventId)).get()?.roster ?? null;
}

/** The teams and regions in the people data, sorted: what an SKO's roster can be made of. */
export function teamsAndRegions(db: Db): { teams: string[]; regions: string[] } {
  const distinct = (column: 'team' | 'region') =>
    db.$client.prepare(`SELECT DISTINCT ${column} FROM people WHERE ${column} IS NOT NULL AND ${column} <> '' ORDER BY ${column}`).pluck().all() as string[];
  return { teams: distinct('team'), regions: distinct('region') };
}
