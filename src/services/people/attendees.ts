import { and, asc, eq, inArray, isNotNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type EventRow, eventRoles, type Person, people, rsvps } from '../../../db/schema.js';
import type { RsvpAnswer } from '../../domain/comms/audience.js';
import { onRoster } from '../../domain/plan/which-sko.js';

/**
 * Who attends the SKO, for every message "to all attendees" (PRODUCT §4): the people roster (imported
 * or met in Slack) with a Slack user id, except guests, who are outside the sales team (external
 * speakers, vendors), unless they hold a role on this event. An SKO for chosen teams or regions (a
 * regional kickoff) is for their people only, and its role holders.
 */
export function attendees(db: Db, event: Pick<EventRow, 'id' | 'roster'>): Person[] {
  const holders = new Set(
    db
      .select({ id: eventRoles.personId })
      .from(eventRoles)
      .where(eq(eventRoles.eventId, event.id))
      .all()
      .map((r) => r.id),
  );
  return db
    .select()
    .from(people)
    .where(and(isNotNull(people.slackUserId), or(ne(people.role, 'guest'), inArray(people.id, [...holders]))))
    .orderBy(asc(people.id))
    .all()
    .filter((p) => holders.has(p.id) || onRoster(p, event.roster));
}

/** Each person's answer to the save-the-date, by person id. */
export function rsvpsOf(db: Db, eventId: number): Map<number, RsvpAnswer> {
  return new Map(
    db
      .select({ personId: rsvps.personId, answer: rsvps.answer })
      .from(rsvps)
      .where(eq(rsvps.eventId, eventId))
      .all()
      .map((r) => [r.personId, r.answer]),
  );
}
