import { asc, eq, inArray, sql } from 'drizzle-orm';
import { prepared, type Db } from '../../db/client.js';
import { eventRoles, people, type Person } from '../../db/schema.js';
import type { RosterPerson } from '../domain/audience.js';
import type { EventRole } from '../domain/roles.js';

// Prepared once: access checks run it on every request, and building the query costs more than running it.
const bySlackIdQuery = (db: Db) => db.select().from(people).where(eq(people.slackUserId, sql.placeholder('slackUserId'))).prepare();

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
  const created = missing.length ? db.insert(people).values(missing.map((slackUserId) => ({ slackUserId }))).returning().all() : [];
  return new Map([...existing, ...created].map((p) => [p.slackUserId as string, p]));
}

export function adminExists(db: Db): boolean {
  return db.select({ id: people.id }).from(people).where(eq(people.role, 'admin')).limit(1).get() !== undefined;
}

/** Fills in what Slack knows about a person and we do not (name, time zone); never overwrites imported data. */
export function rememberSlackProfile(db: Db, slackUserId: string, profile: { name?: string | undefined; timeZone?: string | undefined }): void {
  const person = findPersonBySlackId(db, slackUserId);
  if (!person) return;
  const patch: Partial<Person> = {};
  if (!person.name && profile.name) patch.name = profile.name;
  if (!person.timeZone && profile.timeZone) patch.timeZone = profile.timeZone;
  if (Object.keys(patch).length) db.update(people).set(patch).where(eq(people.id, person.id)).run();
}

/** Everyone the app knows, with the roles they hold in this event: what audiences are chosen from. */
export function eventRoster(db: Db, eventId: number): RosterPerson[] {
  const held = new Map<number, EventRole[]>();
  for (const r of db.select({ personId: eventRoles.personId, role: eventRoles.role }).from(eventRoles).where(eq(eventRoles.eventId, eventId)).all()) {
    held.set(r.personId, [...(held.get(r.personId) ?? []), r.role]);
  }
  return db
    .select({ personId: people.id, slackUserId: people.slackUserId, name: people.name, role: people.role, team: people.team })
    .from(people)
    .orderBy(asc(people.id))
    .all()
    .map((p) => ({ ...p, eventRoles: held.get(p.personId) ?? [] }));
}
