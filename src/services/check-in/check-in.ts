/**
 * Check-in at the event (issue 20): each attendee's "I'm here" on the morning agenda, the logistics
 * lead checking people in by name, and attendance measured from both once day 1 has come.
 */
import { and, count, countDistinct, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { checkIns, type EventRow, type Person } from '../../../db/schema.js';
import { decideCheckInOthers } from '../../domain/access.js';
import { checkInAttendance, checkInDay, NO_CHECK_INS_YET } from '../../domain/check-in/check-in.js';
import { localDate } from '../../domain/dates.js';
import { InputError, NotFoundError } from '../../errors.js';
import { assertNotArchived, eventFor } from '../people/access.js';
import { attendees, rsvpsOf } from '../people/attendees.js';
import { findPersonBySlackId } from '../people/people.js';
import { eventById, timelineOf } from '../plan/event-store.js';

/** Today's event day in the SKO's own calendar; anything else is refused with when check-in opens. */
function todaysDay(event: EventRow, now: Date): number {
  const day = checkInDay(localDate(now, event.timeZone), timelineOf(event).eventDays);
  if (!day.ok) throw new InputError(day.reason);
  return day.day;
}

/** Checks these people in for the day; returns the ids that were already in (nothing changes for them). */
function record(db: Db, event: EventRow, day: number, personIds: readonly number[], byPersonId: number, now: Date): Set<number> {
  const already = new Set(
    db
      .select({ personId: checkIns.personId })
      .from(checkIns)
      .where(and(eq(checkIns.eventId, event.id), eq(checkIns.day, day), inArray(checkIns.personId, [...personIds])))
      .all()
      .map((r) => r.personId),
  );
  const fresh = personIds.filter((id) => !already.has(id));
  if (fresh.length > 0) {
    db.insert(checkIns)
      .values(fresh.map((personId) => ({ eventId: event.id, personId, day, checkedInAt: now.toISOString(), byPersonId })))
      .onConflictDoNothing()
      .run();
  }
  return already;
}

export interface SelfCheckIn {
  eventName: string;
  day: number;
  /** They had checked in for this day before: the click changed nothing. */
  already: boolean;
}

/** "I'm here": the clicker, if they attend this SKO, is checked in for today. */
export function checkInSelf(db: Db, eventId: number, slackUserId: string, now: Date): SelfCheckIn {
  return db.transaction(() => {
    const event = eventById(db, eventId);
    if (!event) throw new NotFoundError('That SKO is no longer there, so its check-in is closed.');
    assertNotArchived(event);
    const person = attendees(db, event).find((p) => p.slackUserId === slackUserId);
    if (!person) throw new NotFoundError('You are not on this SKO’s attendee list; ask the logistics lead to check you in.');
    const day = todaysDay(event, now);
    const already = record(db, event, day, [person.id], person.id, now).has(person.id);
    return { eventName: event.name, day, already };
  });
}

function checkedInOn(db: Db, eventId: number, day: number): number {
  const [row] = db
    .select({ n: count() })
    .from(checkIns)
    .where(and(eq(checkIns.eventId, eventId), eq(checkIns.day, day)))
    .all();
  return row?.n ?? 0;
}

/** The SKO, if this person may check others in today; otherwise why not, as an error. */
export function eventForCheckIns(
  db: Db,
  eventId: number,
  slackUserId: string,
  now: Date,
): { event: EventRow; day: number; checkedIn: number; attendees: number } {
  const event = eventFor(db, eventId, slackUserId, decideCheckInOthers);
  const day = todaysDay(event, now);
  return { event, day, checkedIn: checkedInOn(db, event.id, day), attendees: attendees(db, event).length };
}

export type OthersCheckIn =
  | { ok: true; eventName: string; day: number; checkedIn: Person[]; already: Person[]; total: number; attendees: number }
  | { ok: false; error: string };

/** The logistics lead's modal: everyone chosen is checked in for today, or, if any of them does not attend, nobody is. */
export function checkInOthers(db: Db, eventId: number, actorSlackId: string, chosen: readonly string[], now: Date): OthersCheckIn {
  return db.transaction(() => {
    const { event, day } = eventForCheckIns(db, eventId, actorSlackId, now);
    if (chosen.length === 0) return { ok: false, error: 'Choose at least one person to check in.' };
    const roster = attendees(db, event);
    const bySlackId = new Map(roster.map((p) => [p.slackUserId as string, p]));
    const outside = chosen.filter((id) => !bySlackId.has(id));
    if (outside.length > 0) return { ok: false, error: notAttending(db, outside) };
    const people = [...new Set(chosen)].map((id) => bySlackId.get(id) as Person);
    const actor = findPersonBySlackId(db, actorSlackId) as Person;
    const already = record(
      db,
      event,
      day,
      people.map((p) => p.id),
      actor.id,
      now,
    );
    return {
      ok: true,
      eventName: event.name,
      day,
      checkedIn: people.filter((p) => !already.has(p.id)),
      already: people.filter((p) => already.has(p.id)),
      total: checkedInOn(db, event.id, day),
      attendees: roster.length,
    };
  });
}

/** Names those chosen who are not on the SKO's attendee list, so the lead knows whom to take out. */
function notAttending(db: Db, slackUserIds: readonly string[]): string {
  const names = slackUserIds.map((id) => findPersonBySlackId(db, id)?.name ?? null);
  const known = names.filter((n): n is string => n !== null);
  const unknown = names.length - known.length;
  const parts = [...known, ...(unknown > 0 ? [`${unknown} ${unknown === 1 ? 'person' : 'people'} the app does not know yet`] : [])];
  return `Not on this SKO’s attendee list, so nobody was checked in: ${parts.join(', ')}. Take them out, or ask an admin to add them to the people data.`;
}

/**
 * The scorecard's attendance from day 1 on: people checked in on at least one day against the
 * expected headcount. Null before day 1, when RSVPs are the measure; on an event day before anyone
 * has checked in, RSVPs stay the figure and the basis says why.
 */
export function attendanceFromCheckIns(db: Db, event: EventRow, today: string): { value: number | null; basis: string } | null {
  if (today < event.day1) return null;
  const [row] = db
    .select({ n: countDistinct(checkIns.personId) })
    .from(checkIns)
    .where(eq(checkIns.eventId, event.id))
    .all();
  const checkedIn = row?.n ?? 0;
  if (checkedIn === 0) return { value: null, basis: NO_CHECK_INS_YET };
  const attendingRsvps = [...rsvpsOf(db, event.id).values()].filter((a) => a === 'attending').length;
  const daysSoFar = timelineOf(event).eventDays.filter((d) => d.date <= today).length;
  return checkInAttendance({ checkedIn, headcount: event.headcount, daysSoFar, attendingRsvps });
}
