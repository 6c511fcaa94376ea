/**
 * The schedule table: what falls due when. Planning reconciles the rows an event calls for with the
 * rows stored, inside the caller's transaction; the dispatcher (dispatch.ts) sends what is due,
 * through the composer each kind of row names.
 */
import { and, asc, eq, gte, inArray, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import { type Db, prepared } from '../../../db/client.js';
import { type EventRow, events, outbox, people, type ScheduleRow, schedule } from '../../../db/schema.js';
import type { ActionNotice } from '../../domain/action-items/notices.js';
import { MORNING_AGENDA_KIND, type MorningAgendaNotice, planMorningAgendas } from '../../domain/agenda/morning.js';
import type { RunOfShowNotice } from '../../domain/agenda/run-of-show.js';
import type { CommunicationNotice } from '../../domain/comms/notices.js';
import { atLocalTime, isValidTimeZone, localDate } from '../../domain/dates.js';
import { DIGEST_KIND, type DigestNotice, planDigests } from '../../domain/insights/digest.js';
import { getOrAdd } from '../../domain/maps.js';
import { type Notice, planReminders, REMINDER_KINDS, type ReminderPlan, type ScheduleItem } from '../../domain/plan/reminders.js';
import type { TravelReminderNotice } from '../../domain/travel/details.js';
import type { EventPlan } from '../plan/event-store.js';

export interface PlanOutcome {
  added: number;
  moved: number;
  removed: number;
}

export function reminderPlanOf(plan: EventPlan): ReminderPlan {
  const { event } = plan;
  return {
    event: { id: event.id, name: event.name, day1: event.day1, channelId: event.channelId, reminderTime: event.reminderTime },
    timeline: plan.timeline,
    tasks: plan.tasks,
  };
}

/**
 * Brings the event's reminder rows in line with its plan: rows not yet due are moved, added or
 * removed; rows already dispatched or skipped stay as history. A row whose moment has already
 * passed when it is first planned is not added: it was never due while the app knew of it.
 */
export function planSchedule(db: Db, plan: EventPlan, now: Date): PlanOutcome {
  const reminders = reconcile(db, plan.event.id, REMINDER_KINDS, planReminders(reminderPlanOf(plan)), now);
  const digests = reconcile(db, plan.event.id, [DIGEST_KIND], planDigests(plan.event.id, plan.timeline), now);
  const mornings = reconcile(db, plan.event.id, [MORNING_AGENDA_KIND], planMorningAgendas(plan.event.id, plan.timeline), now);
  const all = [reminders, digests, mornings];
  return { added: sum(all, 'added'), moved: sum(all, 'moved'), removed: sum(all, 'removed') };
}

function sum(outcomes: PlanOutcome[], key: keyof PlanOutcome): number {
  return outcomes.reduce((s, o) => s + o[key], 0);
}

/** A schedule item of any kind: phase reminders, action-item reminders, invitations. */
export type ScheduleEntry = Omit<ScheduleItem, 'kind'> & { kind: string };

/**
 * Reconciles the pending rows of `kinds` for one event with `items`; other kinds are left to their
 * own planners. With `keyPrefix`, only rows whose key starts with it are considered (one action
 * item's reminders, say), found through the key's unique index rather than the whole event's rows.
 */
export function reconcile(
  db: Db,
  eventId: number,
  kinds: readonly string[],
  items: readonly ScheduleEntry[],
  now: Date,
  scope: { keyPrefix?: string } = {},
): PlanOutcome {
  return db.transaction(() => {
    const stamp = now.toISOString();
    const { keyPrefix } = scope;
    // By key range alone: given the event id too, SQLite prefers the event's index and reads all its rows.
    const rows = keyPrefix
      ? db
          .select()
          .from(schedule)
          .where(and(gte(schedule.key, keyPrefix), lt(schedule.key, keyPrefixEnd(keyPrefix))))
          .all()
      : db
          .select()
          .from(schedule)
          .where(and(eq(schedule.eventId, eventId), inArray(schedule.kind, [...kinds])))
          .all();
    const stored = new Map(rows.filter((row) => row.eventId === eventId && kinds.includes(row.kind)).map((row) => [row.key, row]));
    const outcome: PlanOutcome = { added: 0, moved: 0, removed: 0 };
    const wanted = new Set<string>();
    for (const item of items) {
      wanted.add(item.key);
      const dueAt = item.dueAt.toISOString();
      const staleAt = item.staleAt ? item.staleAt.toISOString() : null;
      const row = stored.get(item.key);
      if (!row) {
        if (dueAt <= stamp) continue;
        db.insert(schedule).values({ key: item.key, eventId, kind: item.kind, payload: item.payload, dueAt, staleAt }).run();
        outcome.added += 1;
      } else if (row.status === 'pending' && (row.dueAt !== dueAt || row.staleAt !== staleAt || JSON.stringify(row.payload) !== JSON.stringify(item.payload))) {
        db.update(schedule).set({ dueAt, staleAt, payload: item.payload, updatedAt: stamp }).where(eq(schedule.id, row.id)).run();
        outcome.moved += 1;
      }
    }
    const gone = [...stored.values()].filter((row) => row.status === 'pending' && !wanted.has(row.key)).map((row) => row.id);
    for (let i = 0; i < gone.length; i += 500) {
      outcome.removed += db
        .delete(schedule)
        .where(inArray(schedule.id, gone.slice(i, i + 500)))
        .run().changes;
    }
    return outcome;
  });
}

/** The first string after every string that starts with `prefix`: its last character, plus one. */
export function keyPrefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Kinds that post in the event channel at the event's time: never looked at early. */
const CHANNEL_KINDS = ['phase-start', MORNING_AGENDA_KIND];

const dueQuery = (db: Db) =>
  db
    .select()
    .from(schedule)
    .where(
      and(
        eq(schedule.status, 'pending'),
        // Implied by the next line, but a range SQLite can seek to: without it, every pending row of every SKO is read.
        lte(schedule.dueAt, sql.placeholder('early')),
        or(lte(schedule.dueAt, sql.placeholder('now')), and(lte(schedule.dueAt, sql.placeholder('early')), notInArray(schedule.kind, CHANNEL_KINDS))),
        or(isNull(schedule.nextAt), lte(schedule.nextAt, sql.placeholder('now'))),
      ),
    )
    .orderBy(asc(schedule.dueAt), asc(schedule.id))
    .limit(sql.placeholder('limit'))
    .prepare();

/**
 * Pending rows whose moment has come, oldest first: what the dispatcher works through. DMs are
 * looked at `leadMs` early, so a reader east of the event gets theirs at their own hour (each
 * message then waits in the outbox for its reader's moment).
 */
export function findDue(db: Db, now: Date, limit = 100, leadMs = 0): ScheduleRow[] {
  return prepared(db, dueQuery).all({ now: now.toISOString(), early: new Date(now.getTime() + leadMs).toISOString(), limit });
}

/**
 * Noon today in each zone, as an instant, kept for the day: every tick asks for the zones of every
 * SKO and of their readers, and the zone arithmetic costs more than the rest of the search.
 */
const noons = { day: '', at: new Map<string, number>() };

function noonToday(zone: string, today: string): number {
  if (noons.day !== today) {
    noons.day = today;
    noons.at.clear();
  }
  return getOrAdd(noons.at, zone, () => atLocalTime(today, '12:00', zone).getTime());
}

/** Each distinct zone, one index seek apiece (people.time_zone's index), not a read of everyone. */
const readerZonesQuery = sql`
  WITH RECURSIVE zones(zone) AS (
    SELECT min(${people.timeZone}) FROM ${people}
    UNION ALL
    SELECT (SELECT min(${people.timeZone}) FROM ${people} WHERE ${people.timeZone} > zones.zone) FROM zones WHERE zones.zone IS NOT NULL
  )
  SELECT zone FROM zones WHERE zone IS NOT NULL`;

/**
 * How far ahead of the event's wall clock the easternmost reader's wall clock runs: the lead
 * with which DMs are looked at. An hour more covers a clock change between now and the moment.
 */
export function readersLeadMs(db: Db, now: Date): number {
  const zones = db
    .all<{ zone: string }>(readerZonesQuery)
    .map((r) => r.zone)
    .filter(isValidTimeZone);
  const eventZones = db
    .all<{ zone: string }>(sql`SELECT DISTINCT ${events.timeZone} AS zone FROM ${events}`)
    .map((r) => r.zone)
    .filter(isValidTimeZone);
  if (zones.length === 0 || eventZones.length === 0) return 0;
  const today = localDate(now, 'UTC');
  const lead = Math.max(...eventZones.map((zone) => noonToday(zone, today))) - Math.min(...zones.map((zone) => noonToday(zone, today)));
  return lead > 0 ? lead + 60 * 60_000 : 0;
}

/** The next instant anything is due: a schedule row, or an outbox message waiting to be (re)tried (`now` if one is ready). */
export function nextWakeAt(db: Db, now: Date): Date | null {
  // Each a min() over an index (status first), so SQLite reads one entry, not every pending row.
  const row = db.get<{ channel: string | null; dm: string | null; wave: string | null; outbox: string | null; ready: number }>(sql`
    SELECT
      (SELECT min(${schedule.dueAt}) FROM ${schedule} WHERE ${schedule.status} = 'pending' AND ${inArray(schedule.kind, CHANNEL_KINDS)}) AS channel,
      (SELECT min(${schedule.dueAt}) FROM ${schedule} WHERE ${schedule.status} = 'pending' AND ${schedule.nextAt} IS NULL AND ${notInArray(schedule.kind, CHANNEL_KINDS)}) AS dm,
      (SELECT min(${schedule.nextAt}) FROM ${schedule} WHERE ${schedule.status} = 'pending') AS wave,
      (SELECT min(${outbox.notBefore}) FROM ${outbox} WHERE ${outbox.status} = 'pending') AS outbox,
      EXISTS (SELECT 1 FROM ${outbox} WHERE ${outbox.status} = 'pending' AND ${outbox.notBefore} IS NULL) AS ready`);
  const dm = row?.dm ? Date.parse(row.dm) - readersLeadMs(db, now) : null;
  const times = [row?.channel, row?.wave, row?.outbox, row?.ready ? now.toISOString() : null]
    .map((t) => (t ? Date.parse(t) : null))
    .concat(dm)
    .filter((t) => t !== null);
  return times.length ? new Date(Math.min(...times)) : null;
}

/** A message's idempotency key: its schedule row and its recipient. Sent another way, the same message keeps the same key. */
export function messageKey(scheduleKey: string, to: { kind: 'channel' } | { kind: 'person'; person: { personId: number } }): string {
  return `${scheduleKey}:${to.kind === 'channel' ? 'channel' : `p${to.person.personId}`}`;
}

/** Anything the dispatcher may be asked to send. */
export type DispatchNotice = Notice | ActionNotice | CommunicationNotice | DigestNotice | MorningAgendaNotice | RunOfShowNotice | TravelReminderNotice;

/** What a composer gets when its row falls due; it runs inside the row's transaction. */
export interface ComposeContext {
  db: Db;
  row: ScheduleRow;
  event: EventRow;
  now: Date;
  /** Needed to tell who has answered a survey; null only in previews of a database without answers. */
  surveyKey: string | null;
}

export type Composer = (context: ComposeContext) => DispatchNotice[];

/**
 * A row whose notices go to many people (a digest to every reader): what they share is worked out
 * once, then their notices are composed a batch of people at a time, each batch in its own
 * transaction, so a Monday never holds the database or the event loop for long.
 */
export interface Fanout<N extends DispatchNotice = DispatchNotice> {
  /** Every person the row reaches, by person id, in the order they are composed. */
  personIds: readonly number[];
  /** The notices for some of them. */
  compose(personIds: readonly number[]): N[];
}

/**
 * What a fan-out row's composer gets; unlike a Composer's, it runs outside any transaction, and it
 * may yield to the event loop while it works out what its people share.
 */
export type FanoutComposer = (context: ComposeContext) => Promise<Fanout>;
