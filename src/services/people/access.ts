import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, prepared } from '../../../db/client.js';
import { type EventRow, eventRoles, events } from '../../../db/schema.js';
import {
  type Actor,
  type Audience,
  audiencesOf,
  type Decision,
  decideCaptureLessons,
  decideChangeSettings,
  decideChangeSetup,
  decideManageAdmins,
  decideSeePerson,
  decideSeeTeam,
  decideSetDeliveryRules,
  decideSetTerritoryPlan,
  defaultSalesScope,
  type NamedPerson,
  notInSalesData,
  type SalesActor,
  type SalesData,
} from '../../domain/access.js';
import type { PeopleRole } from '../../domain/roles.js';
import { NotAllowedError, NotFoundError } from '../../errors.js';
import { activeEvents, eventById } from '../plan/event-store.js';
import type { Scope } from '../sales/sales-data.js';
import { isAdmin } from './admins.js';
import { findPersonBySlackId } from './people.js';

/**
 * The one access gate: loads the person asking (their people role, the event roles they hold, the
 * reporting line of whoever they ask about), lets domain/access.ts decide, and turns the answer
 * into the event they may change or the scope of sales data an agent may read.
 */

export type SubjectRequest = { kind: 'default' } | { kind: 'person'; personId: number } | { kind: 'team'; name: string };

export interface Authorization {
  scope: Scope;
  /** Who the data is about, for headings: "the company", "your team", "Ann Lee", "team East". */
  label: string;
  /** Set when the request is about one person (comp statements, packages). */
  personId: number | null;
}

interface PersonRecord {
  id: number;
  name: string | null;
  email: string | null;
  slackUserId: string | null;
  role: PeopleRole;
  managerId: number | null;
  team: string | null;
}

function person(db: Db, id: number): PersonRecord | undefined {
  return db.$client.prepare('SELECT id, name, email, slack_user_id AS slackUserId, role, manager_id AS managerId, team FROM people WHERE id = ?').get(id) as
    | PersonRecord
    | undefined;
}

const named = (p: PersonRecord): NamedPerson => ({ personId: p.id, name: p.name ?? p.email ?? 'this person', slackUserId: p.slackUserId });

/** The person's managers, nearest first (a loop in imported data ends the walk). */
function reportingLine(db: Db, personId: number): PersonRecord[] {
  const line: PersonRecord[] = [];
  const seen = new Set([personId]);
  for (let p = person(db, personId); p?.managerId && !seen.has(p.managerId); ) {
    seen.add(p.managerId);
    p = person(db, p.managerId);
    if (p) line.push(p);
  }
  return line;
}

/** The person and everyone who reports to them, directly or not. */
export function organisation(db: Db, personId: number): number[] {
  return db.$client
    .prepare('WITH RECURSIVE org(id) AS (SELECT ? UNION SELECT p.id FROM people p JOIN org ON p.manager_id = org.id) SELECT id FROM org ORDER BY id')
    .pluck()
    .all(personId) as number[];
}

/** Admins are decided in one place (admins.ts): Slack's workspace admins and the people made admins here. */
function effectiveRole(db: Db, p: { slackUserId: string | null; role: PeopleRole }): PeopleRole {
  return p.slackUserId && p.role !== 'admin' && isAdmin(db, p.slackUserId) ? 'admin' : p.role;
}

function enforce(decision: Decision): void {
  if (!decision.allowed) throw new NotAllowedError(decision.reason);
}

/** Decides whether `actorId` may see `what` about `subject`, and what data that covers; throws NotAllowedError with who may. */
export function authorizeSalesData(db: Db, actorId: number | null, subject: SubjectRequest, what: SalesData): Authorization {
  const actorRecord = actorId === null ? undefined : person(db, actorId);
  const actor: SalesActor | null = actorRecord ? { personId: actorRecord.id, role: effectiveRole(db, actorRecord) } : null;
  if (!actor || !actorRecord) throw new NotAllowedError((notInSalesData(what) as { reason: string }).reason);

  if (subject.kind === 'default') {
    const org = organisation(db, actor.personId);
    switch (defaultSalesScope(actor, org.length > 1)) {
      case 'company':
        return { scope: { kind: 'all' }, label: 'the company', personId: null };
      case 'organisation':
        return { scope: { kind: 'people', ids: org }, label: 'your team', personId: null };
      case 'self':
        return { scope: { kind: 'people', ids: [actor.personId] }, label: actorRecord.name ?? actorRecord.email ?? 'you', personId: actor.personId };
    }
  }

  if (subject.kind === 'person') {
    const target = person(db, subject.personId);
    if (!target) throw new NotFoundError('That person is not in the sales data.');
    enforce(decideSeePerson(actor, named(target), reportingLine(db, target.id).map(named), what));
    const org = organisation(db, target.id);
    const name = target.name ?? target.email ?? 'them';
    return { scope: { kind: 'people', ids: org }, label: org.length > 1 ? `${name} and their team` : name, personId: target.id };
  }

  const members = db.$client.prepare('SELECT id FROM people WHERE team = ? COLLATE NOCASE ORDER BY id').pluck().all(subject.name) as number[];
  if (members.length === 0) {
    const teams = db.$client.prepare("SELECT DISTINCT team FROM people WHERE team IS NOT NULL AND team <> '' ORDER BY team").pluck().all() as string[];
    throw new NotFoundError(
      `There is no team called "${subject.name}".${teams.length ? ` Teams: ${teams.join(', ')}.` : ' Import people with a team column first.'}`,
    );
  }
  const teamName = (person(db, members[0] as number)?.team ?? subject.name) as string;
  enforce(decideSeeTeam(actor, { name: teamName, memberIds: members, teamManager: teamManager(db, members) }, new Set(organisation(db, actor.personId)), what));
  return { scope: { kind: 'people', ids: members }, label: `team ${teamName}`, personId: null };
}

/** The nearest person who is, or is above, every member of a team. */
function teamManager(db: Db, members: number[]): NamedPerson | null {
  const chains = members.map((id) => [id, ...reportingLine(db, id).map((p) => p.id)]);
  const common = (chains[0] ?? []).find((id) => chains.every((chain) => chain.includes(id)));
  const found = common === undefined ? undefined : person(db, common);
  return found ? named(found) : null;
}

/** Throws NotAllowedError unless this person may set the territory plan's parameters. */
export function assertMaySetTerritoryPlan(db: Db, actorId: number | null): void {
  const actor = actorId === null ? undefined : person(db, actorId);
  enforce(decideSetTerritoryPlan(actor ? { personId: actor.id, role: effectiveRole(db, actor) } : null));
}

const heldRolesQuery = (db: Db) =>
  db
    .select({ role: eventRoles.role })
    .from(eventRoles)
    .where(and(eq(eventRoles.eventId, sql.placeholder('eventId')), eq(eventRoles.personId, sql.placeholder('personId'))))
    .prepare();

export function actorFor(db: Db, slackUserId: string, event: EventRow | undefined): Actor | null {
  const person = findPersonBySlackId(db, slackUserId);
  if (!person) return null;
  const held = event
    ? prepared(db, heldRolesQuery)
        .all({ eventId: event.id, personId: person.id })
        .map((r) => r.role)
    : [];
  return { personId: person.id, role: effectiveRole(db, person), eventRoles: held };
}

/**
 * The SKO with this id, if `decide` lets this person change it: an SKO lead changes their own SKO
 * only (their roles are read for this one), and an archived SKO is read-only for everyone.
 */
export function eventFor(db: Db, eventId: number, slackUserId: string, decide: (actor: Actor | null) => Decision): EventRow {
  const event = eventById(db, eventId);
  if (!event) throw new NotFoundError('That SKO is no longer there. Run the command again.');
  enforce(decide(actorFor(db, slackUserId, event)));
  assertNotArchived(event);
  return event;
}

/**
 * What `/sko setup` offers this person: a new SKO (admins), and each running SKO they may change
 * (admins every one, an SKO lead their own). Archived SKOs are read-only, so never offered.
 */
export function setupChoices(db: Db, slackUserId: string): { mayCreate: boolean; editable: EventRow[] } {
  // The refusal's wording is not shown here (the caller words its own), so no one needs naming.
  const allowed = (event: EventRow | undefined) =>
    decideChangeSetup(actorFor(db, slackUserId, event), { eventExists: event !== undefined, adminMentions: [] }).allowed;
  return { mayCreate: allowed(undefined), editable: activeEvents(db).filter(allowed) };
}

/**
 * The SKO whose lessons learned this person may capture. The one exception to the archived rule:
 * the SKO is archived as its week 12 ends, which is when its lessons are written, and someone late
 * must still be able to save them for the next SKO. Nothing else about it changes.
 */
export function lessonsEventFor(db: Db, eventId: number, slackUserId: string): { event: EventRow; actor: Actor } {
  const event = eventById(db, eventId);
  if (!event) throw new NotFoundError('That SKO is no longer there. Run the command again.');
  const actor = actorFor(db, slackUserId, event);
  enforce(decideCaptureLessons(actor));
  return { event, actor: actor as Actor };
}

/** An archived SKO (its week 12 over) is kept as it was: read, never changed. */
export function assertNotArchived(event: EventRow): void {
  if (event.archivedAt)
    throw new NotAllowedError(`${event.name} is archived: its week 12 has ended, so it can be read but not changed. \`/sko setup new\` sets up the next SKO.`);
}

/** Throws NotAllowedError unless this person may choose who else is an admin (admins only). */
export function assertMayManageAdmins(db: Db, slackUserId: string): void {
  enforce(decideManageAdmins(actorFor(db, slackUserId, undefined)));
}

const rolesInRunningSkosQuery = (db: Db) =>
  db
    .selectDistinct({ role: eventRoles.role })
    .from(eventRoles)
    .innerJoin(events, eq(events.id, eventRoles.eventId))
    .where(and(eq(eventRoles.personId, sql.placeholder('personId')), isNull(events.archivedAt)))
    .prepare();

/** Who this person is, for help: the groups of commands meant for them, from the roles they hold in any running SKO. */
export function audiencesFor(db: Db, slackUserId: string): Set<Audience> {
  const actor = actorFor(db, slackUserId, undefined);
  if (!actor) return audiencesOf(null);
  const held = prepared(db, rolesInRunningSkosQuery)
    .all({ personId: actor.personId })
    .map((r) => r.role);
  return audiencesOf({ ...actor, eventRoles: held });
}

/**
 * Which settings this person may change: the workspace's (admins) and this SKO's working hours and
 * holidays (its SKO lead and admins). Throws NotAllowedError, saying who may, when neither.
 */
export function settingsAccess(db: Db, slackUserId: string, event: EventRow | undefined): { workspace: boolean; sko: EventRow | null } {
  const actor = actorFor(db, slackUserId, event);
  const workspace = decideChangeSettings(actor);
  const sko = event && decideSetDeliveryRules(actor).allowed ? event : null;
  if (!workspace.allowed && !sko) enforce(workspace);
  return { workspace: workspace.allowed, sko };
}
