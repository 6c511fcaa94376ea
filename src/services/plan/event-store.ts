/** The events table and each event's plan as stored: a plain store, no use-cases. */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Db, dataVersion, prepared, untilDataChanges } from '../../../db/client.js';
import { communications, type EventRow, eventRoles, events, type Person, people, schedule, type TaskRow, tasks } from '../../../db/schema.js';
import { PLAYBOOK } from '../../domain/plan/playbook.js';
import type { AppPerformance, OwnerRef, StatusTask } from '../../domain/plan/status.js';
import type { EventRole } from '../../domain/roles.js';

/** An event as stored, for the layers above that may not read the schema themselves. */
export type { EventRow };

import { buildTimeline, type Timeline } from '../../domain/plan/timeline.js';

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

/** The newest SKO. Only for what is truly one per workspace (the CRM's night); requests say which SKO with whichSko. */
export function newestEvent(db: Db): EventRow | undefined {
  return untilDataChanges(db, 'newest-event', () => prepared(db, latestEventQuery).get());
}

export function eventById(db: Db, id: number): EventRow | undefined {
  return db.select().from(events).where(eq(events.id, id)).get();
}

/** The SKO with this handle, as typed (any case). */
export function eventByHandle(db: Db, handle: string): EventRow | undefined {
  return db.select().from(events).where(eq(events.handle, handle.trim().toLowerCase())).get();
}

/** Every SKO, newest first; archived ones too. */
export function allEvents(db: Db): EventRow[] {
  return untilDataChanges(db, 'all-events', () => prepared(db, allEventsQuery).all());
}

// Prepared once: every request asks which SKO it is about.
const allEventsQuery = (db: Db) => db.select().from(events).orderBy(desc(events.id)).prepare();

/** The SKOs still running (not archived), newest first: what scheduled jobs and requests consider. */
export function activeEvents(db: Db): EventRow[] {
  return db.select().from(events).where(isNull(events.archivedAt)).orderBy(desc(events.id)).all();
}

/** An SKO's plan, by its id; null when there is no such SKO. */
export function planOf(db: Db, eventId: number): EventPlan | null {
  const event = eventById(db, eventId);
  return event ? loadPlan(db, event) : null;
}

/** The keys of messages that belong to SKOs other than this one: a preview of one SKO leaves them out. */
export function otherSkosMessageKeys(db: Db, eventId: number): Set<string> {
  const rows = db.$client.prepare('SELECT key FROM outbox WHERE event_id IS NOT NULL AND event_id <> ?').pluck().all(eventId) as string[];
  return new Set(rows);
}

/** Remembers the canvas the app made in the SKO's channel, to rewrite it rather than make another. */
export function saveCanvas(db: Db, eventId: number, canvas: { channelId: string; canvasId: string }): void {
  db.update(events).set({ canvasId: canvas.canvasId, canvasChannelId: canvas.channelId }).where(eq(events.id, eventId)).run();
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
  db
    .select()
    .from(tasks)
    .where(eq(tasks.eventId, sql.placeholder('eventId')))
    .orderBy(asc(tasks.dueDate), asc(tasks.id))
    .prepare();

export function timelineOf(event: EventRow): Timeline {
  return buildTimeline({ day1: event.day1, days: event.days, hasDay0: event.hasDay0, timeZone: event.timeZone }, event.planStart);
}

/**
 * Who owns a task: its explicit owner, else the holder of its owner role. Tasks of the sales
 * leaders go to the first one named, and to the SKO lead when the event names none.
 */
function resolveOwner(task: Pick<TaskRow, 'ownerRole' | 'ownerId'>, holders: RoleHolder[], peopleById: Map<number, Person>): Person | null {
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

/** The message each playbook task is performed by, if SKO Conductor performs it. */
const PERFORMED_BY = new Map(PLAYBOOK.tasks.flatMap((t) => (t.performedBy ? [[t.key, t.performedBy] as const] : [])));

export function performerOf(taskKey: string): string | undefined {
  return PERFORMED_BY.get(taskKey);
}

/**
 * How the app stands with each task it performs: a message the communications lead cancelled
 * leaves the task to its owner; otherwise the planned send time (the earliest pending row).
 */
function appLinks(db: Db, eventId: number): { cancelled: Set<string>; sendsAt: Map<string, string> } {
  const kinds = [...new Set(PERFORMED_BY.values())];
  const cancelled = new Set(
    db
      .select({ key: communications.key })
      .from(communications)
      .where(and(eq(communications.eventId, eventId), eq(communications.cancelled, true)))
      .all()
      .map((r) => r.key),
  );
  const pending = db
    .select({ kind: schedule.kind, at: sql<string>`min(${schedule.dueAt})` })
    .from(schedule)
    .where(and(eq(schedule.eventId, eventId), eq(schedule.status, 'pending'), inArray(schedule.kind, kinds)))
    .groupBy(schedule.kind)
    .all();
  return { cancelled, sendsAt: new Map(pending.map((r) => [r.kind, r.at])) };
}

function readPlan(db: Db, event: EventRow): EventPlan {
  const holders = roleHolders(db, event.id);
  const rows = prepared(db, eventTasksQuery).all({ eventId: event.id });
  const peopleById = new Map(holders.map((h) => [h.person.id, h.person]));
  const overrideIds = [...new Set(rows.flatMap((t) => [t.ownerId, t.doneBy]).filter((id): id is number => id !== null && !peopleById.has(id)))];
  if (overrideIds.length) for (const p of db.select().from(people).where(inArray(people.id, overrideIds)).all()) peopleById.set(p.id, p);
  const links = appLinks(db, event.id);
  return {
    event,
    timeline: timelineOf(event),
    holders,
    tasks: rows.map((row) => {
      const task = toStatusTask(row, resolveOwner(row, holders, peopleById), row.doneBy === null ? null : (peopleById.get(row.doneBy) ?? null));
      return withApp(task, row, links);
    }),
  };
}

/** A task the app performs: done by it, scheduled for it, or its owner's again (cancelled, or reached nobody). */
function withApp(task: StatusTask, row: TaskRow, links: ReturnType<typeof appLinks>): StatusTask {
  const kind = PERFORMED_BY.get(row.key);
  if (!kind) return task;
  const performed = row.performed;
  if (row.status === 'done') return performed ? { ...task, app: { sendsAt: null, delivered: performed.delivered, failure: null } } : task;
  if (links.cancelled.has(kind)) return task;
  if (performed?.reason) return { ...task, app: { sendsAt: null, delivered: 0, failure: performed.reason } };
  const app: AppPerformance = { sendsAt: links.sendsAt.get(kind) ?? null, delivered: null, failure: null };
  return { ...task, status: 'scheduled', app };
}

const refOf = (person: Person | null): OwnerRef | null => (person ? { personId: person.id, slackUserId: person.slackUserId, name: person.name } : null);

function toStatusTask(row: TaskRow, owner: Person | null, doneBy: Person | null): StatusTask {
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
