import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { dataVersion, prepared, type Db } from '../../db/client.js';
import { eventRoles, events, people, tasks, type EventRow, type Person, type TaskRow } from '../../db/schema.js';
import { decideChangeSetup, type Actor, type Decision } from '../domain/access.js';
import { PLAYBOOK, tasksForEvent } from '../domain/playbook.js';
import { LEAD_ROLES, type EventRole } from '../domain/roles.js';
import type { SetupInput } from '../domain/setup.js';
import type { OwnerRef, StatusTask } from '../domain/status.js';
import { buildTimeline, localDate, taskSchedule, type Timeline } from '../domain/timeline.js';
import { NotAllowedError, NotFoundError } from '../errors.js';
import { adminExists, ensurePeople, findPersonBySlackId } from './people.js';
import { planAllItemReminders, planCommitmentInvite } from './action-reminders.js';
import { setUpCommunications } from './communications.js';
import { planSchedule } from './schedule.js';

export interface RoleHolder {
  role: EventRole;
  position: number;
  person: Person;
}

export interface EventPlan {
  event: EventRow;
  timeline: Timeline;
  holders: RoleHolder[];
  tasks: StatusTask[];
}

export interface SetupOutcome {
  event: EventRow;
  created: boolean;
  tasksCreated: number;
  tasksMoved: number;
  tasksRemoved: number;
  becameAdmin: boolean;
}

/** The SKO the app is running. One at a time: setup edits it rather than starting another. */
export function currentEvent(db: Db): EventRow | undefined {
  return prepared(db, latestEventQuery).get();
}

/** The current SKO's plan, or null when none is set up yet. */
export function currentPlan(db: Db): EventPlan | null {
  const event = currentEvent(db);
  return event ? loadPlan(db, event) : null;
}

export function roleHolders(db: Db, eventId: number): RoleHolder[] {
  return prepared(db, roleHoldersQuery).all({ eventId });
}

const latestEventQuery = (db: Db) => db.select().from(events).orderBy(desc(events.id)).limit(1).prepare();

const roleHoldersQuery = (db: Db) =>
  db
    .select({ role: eventRoles.role, position: eventRoles.position, person: people })
    .from(eventRoles)
    .innerJoin(people, eq(eventRoles.personId, people.id))
    .where(eq(eventRoles.eventId, sql.placeholder('eventId')))
    .orderBy(asc(eventRoles.role), asc(eventRoles.position))
    .prepare();

const eventTasksQuery = (db: Db) =>
  db.select().from(tasks).where(eq(tasks.eventId, sql.placeholder('eventId'))).orderBy(asc(tasks.dueDate), asc(tasks.id)).prepare();

export function timelineOf(event: EventRow): Timeline {
  return buildTimeline({ day1: event.day1, days: event.days, hasDay0: event.hasDay0, timeZone: event.timeZone }, event.planStart);
}

/**
 * Who owns a task: its explicit owner, else the holder of its owner role. Tasks of the sales
 * leaders go to the first one named, and to the SKO lead when the event names none.
 */
export function resolveOwner(task: Pick<TaskRow, 'ownerRole' | 'ownerId'>, holders: RoleHolder[], peopleById: Map<number, Person>): Person | null {
  if (task.ownerId !== null) return peopleById.get(task.ownerId) ?? null;
  const holder = holders.find((h) => h.role === task.ownerRole) ?? (task.ownerRole === 'sales_leader' ? holders.find((h) => h.role === 'sko_lead') : undefined);
  return holder?.person ?? null;
}

const planCache = new WeakMap<Db, { key: string; plan: EventPlan }>();

/** The plan as stored; served from memory until anything in the database changes (see dataVersion). */
export function loadPlan(db: Db, event: EventRow): EventPlan {
  const key = `${event.id}:${event.updatedAt}:${dataVersion(db)}`;
  const cached = planCache.get(db);
  if (cached?.key === key) return cached.plan;
  const plan = readPlan(db, event);
  planCache.set(db, { key, plan });
  return plan;
}

function readPlan(db: Db, event: EventRow): EventPlan {
  const holders = roleHolders(db, event.id);
  const rows = prepared(db, eventTasksQuery).all({ eventId: event.id });
  const peopleById = new Map(holders.map((h) => [h.person.id, h.person]));
  const overrideIds = [...new Set(rows.flatMap((t) => [t.ownerId, t.doneBy]).filter((id): id is number => id !== null && !peopleById.has(id)))];
  if (overrideIds.length) for (const p of db.select().from(people).where(inArray(people.id, overrideIds)).all()) peopleById.set(p.id, p);
  return {
    event,
    timeline: timelineOf(event),
    holders,
    tasks: rows.map((row) => toStatusTask(row, resolveOwner(row, holders, peopleById), row.doneBy === null ? null : (peopleById.get(row.doneBy) ?? null))),
  };
}

const refOf = (person: Person | null): OwnerRef | null => (person ? { personId: person.id, slackUserId: person.slackUserId, name: person.name } : null);

export function toStatusTask(row: TaskRow, owner: Person | null, doneBy: Person | null): StatusTask {
  const ownerRef = refOf(owner);
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    phase: row.phase,
    weekFrom: row.weekFrom,
    weekTo: row.weekTo,
    eventDay: row.eventDay,
    ownerRole: row.ownerRole,
    owner: ownerRef,
    dueDate: row.dueDate,
    status: row.status,
    milestone: row.milestone,
    done: row.status === 'done' && row.doneAt ? { at: row.doneAt, by: refOf(doneBy) } : null,
  };
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
  const held = event ? prepared(db, heldRolesQuery).all({ eventId: event.id, personId: person.id }).map((r) => r.role) : [];
  return { personId: person.id, role: person.role, eventRoles: held };
}

/** The current event, if `decide` lets this person make the change; otherwise why not, as an error. */
export function currentEventFor(db: Db, slackUserId: string, decide: (actor: Actor | null) => Decision, noEvent: string): EventRow {
  const event = currentEvent(db);
  if (!event) throw new NotFoundError(noEvent);
  const decision = decide(actorFor(db, slackUserId, event));
  if (!decision.allowed) throw new NotAllowedError(decision.reason);
  return event;
}

/** May this person change the SKO's setup? (PRODUCT §3: admins and the SKO lead; anyone while there is no admin.) */
export function setupDecision(db: Db, slackUserId: string): Decision {
  const event = currentEvent(db);
  const skoLead = event ? roleHolders(db, event.id).find((h) => h.role === 'sko_lead') : undefined;
  return decideChangeSetup(actorFor(db, slackUserId, event), {
    adminExists: adminExists(db),
    skoLeadMention: skoLead?.person.slackUserId ? `<@${skoLead.person.slackUserId}>` : undefined,
  });
}

/** Throws NotAllowedError, saying who may, unless this person may change the SKO's setup. */
export function assertMayChangeSetup(db: Db, slackUserId: string): void {
  const decision = setupDecision(db, slackUserId);
  if (!decision.allowed) throw new NotAllowedError(decision.reason);
}

/**
 * Stores the setup in one transaction: the event, its role holders, the playbook as tasks, the
 * reminders the plan calls for (action items' too: they follow the time zone and reminder time),
 * and the communications calendar with its surveys. Editing moves the due dates of open tasks (and
 * their reminders) and the communications not yet sent, and leaves done ones as they were.
 */
export function saveSetup(db: Db, input: SetupInput, actorSlackId: string, now: Date): SetupOutcome {
  // better-sqlite3 is synchronous on one connection, so every `db` call below runs inside this transaction.
  return db.transaction(() => {
    const stamp = now.toISOString();
    assertMayChangeSetup(db, actorSlackId);
    const everyone = ensurePeople(db, [actorSlackId, ...Object.values(input.leads), ...input.salesLeaders]);
    const actor = everyone.get(actorSlackId) as Person;

    const becameAdmin = !adminExists(db);
    if (becameAdmin) db.update(people).set({ role: 'admin' }).where(eq(people.id, actor.id)).run();
    for (const slackId of input.salesLeaders) {
      const leader = everyone.get(slackId) as Person;
      if (leader.role === 'rep' || leader.role === 'guest' || leader.role === 'manager') {
        db.update(people).set({ role: 'leader' }).where(eq(people.id, leader.id)).run();
      }
    }

    const fields = {
      name: input.name,
      day1: input.day1,
      days: input.days,
      hasDay0: input.hasDay0,
      timeZone: input.timeZone,
      location: input.location,
      headcount: input.headcount,
      budgetCents: input.budgetCents,
      channelId: input.channelId,
      gtmChallenge: input.gtmChallenge,
      ...(input.reminderTime ? { reminderTime: input.reminderTime } : {}),
    };
    const existing = currentEvent(db);
    const event = existing
      ? (db.update(events).set({ ...fields, updatedAt: stamp }).where(eq(events.id, existing.id)).returning().get() as EventRow)
      : (db.insert(events).values({ ...fields, planStart: localDate(now, input.timeZone), createdBy: actor.id }).returning().get() as EventRow);

    db.delete(eventRoles).where(eq(eventRoles.eventId, event.id)).run();
    const roleRows = [
      ...LEAD_ROLES.map((role) => ({ eventId: event.id, role, personId: (everyone.get(input.leads[role]) as Person).id, position: 0 })),
      ...input.salesLeaders.map((slackId, position) => ({
        eventId: event.id,
        role: 'sales_leader' as const,
        personId: (everyone.get(slackId) as Person).id,
        position,
      })),
    ];
    db.insert(eventRoles).values(roleRows).run();

    const timeline = timelineOf(event);
    const templates = tasksForEvent(PLAYBOOK, event);
    const current = new Map(db.select().from(tasks).where(eq(tasks.eventId, event.id)).all().map((t) => [t.key, t]));
    let tasksCreated = 0;
    let tasksMoved = 0;
    for (const template of templates) {
      const { start, due } = taskSchedule(timeline, template);
      const row = current.get(template.key);
      if (!row) {
        db.insert(tasks)
          .values({
            eventId: event.id,
            key: template.key,
            title: template.title,
            phase: template.phase,
            workstream: template.workstream,
            weekFrom: template.weeks.from,
            weekTo: template.weeks.to,
            eventDay: template.eventDay ?? null,
            ownerRole: template.ownerRole,
            agent: template.agent ?? null,
            output: template.output ?? null,
            milestone: template.milestone ?? false,
            startDate: start,
            dueDate: due,
          })
          .run();
        tasksCreated += 1;
      } else if (row.status === 'open' && (row.dueDate !== due || row.startDate !== start || row.eventDay !== (template.eventDay ?? null))) {
        db.update(tasks)
          .set({ startDate: start, dueDate: due, eventDay: template.eventDay ?? null, updatedAt: stamp })
          .where(eq(tasks.id, row.id))
          .run();
        tasksMoved += 1;
      }
    }
    // A task the event no longer has (day 0 dropped) goes, unless someone already did it.
    const keep = templates.map((t) => t.key);
    const removed = db
      .delete(tasks)
      .where(and(eq(tasks.eventId, event.id), eq(tasks.status, 'open'), notInArray(tasks.key, keep)))
      .run();

    planSchedule(db, loadPlan(db, event), now);
    planAllItemReminders(db, event, now);
    planCommitmentInvite(db, event, timeline, now);
    setUpCommunications(db, event, existing, now);

    return { event, created: !existing, tasksCreated, tasksMoved, tasksRemoved: removed.changes, becameAdmin };
  });
}
