/**
 * Who hears which communication (PRODUCT §4): the event's attendees, those attending, and its
 * leaders. Pure: the caller loads the roster and the RSVPs.
 *
 * Attendees are the event's people roster: everyone the app knows with a Slack account, except
 * guests who hold no role in the event (a guest is someone from outside sales, such as a speaker's
 * assistant, invited for one job). An import of people grows the roster; nothing else lists it.
 */

import type { EventRole, PeopleRole } from '../roles.js';
import type { Audience } from './calendar.js';

export const RSVP_ANSWERS = ['attending', 'not-attending', 'maybe'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];
export const RSVP_LABELS: Record<RsvpAnswer, string> = { attending: 'Attending', 'not-attending': 'Not attending', maybe: 'Maybe' };

export interface RosterPerson {
  personId: number;
  slackUserId: string | null;
  name: string | null;
  role: PeopleRole;
  team: string | null;
  eventRoles: readonly EventRole[];
}

/** On the event's roster: a Slack account, and a people role other than guest or an event role. */
export function isAttendee(person: RosterPerson): boolean {
  return person.slackUserId !== null && (person.role !== 'guest' || person.eventRoles.length > 0);
}

/** Leaders and admins, the SKO lead and the sales leaders: the people who may read survey results. */
function isLeader(person: RosterPerson): boolean {
  return person.role === 'leader' || person.role === 'admin' || person.eventRoles.includes('sko_lead') || person.eventRoles.includes('sales_leader');
}

/**
 * The people a message for `audience` goes to, in roster order. "Attending" means an RSVP of
 * attending: a "maybe" has not said yes, and travel instructions or a feedback survey about an
 * event they did not attend would only confuse them. The event channel is no person.
 */
export function audienceOf(audience: Audience, roster: readonly RosterPerson[], rsvps: ReadonlyMap<number, RsvpAnswer>): RosterPerson[] {
  const attendees = roster.filter(isAttendee);
  switch (audience) {
    case 'all-attendees':
      return attendees;
    case 'attending':
      return attendees.filter((p) => rsvps.get(p.personId) === 'attending');
    case 'leaders':
      return roster.filter((p) => p.slackUserId !== null && isLeader(p));
    case 'leaders-and-role-holders':
      return roster.filter((p) => p.slackUserId !== null && (isLeader(p) || p.eventRoles.length > 0));
    case 'event-channel':
      return [];
  }
}

export interface AttendanceTally {
  attending: number;
  notAttending: number;
  maybe: number;
  noAnswer: number;
  /** The expected headcount from setup. */
  headcount: number;
  /** Attending ÷ headcount, 0–1 (may exceed 1 when more come than expected). */
  share: number;
}

/** The RSVPs of the roster against the expected headcount: the seed's "attendance > 95% of the team". */
export function tallyAttendance(roster: readonly RosterPerson[], rsvps: ReadonlyMap<number, RsvpAnswer>, headcount: number): AttendanceTally {
  const tally = { attending: 0, notAttending: 0, maybe: 0, noAnswer: 0 };
  for (const person of roster.filter(isAttendee)) {
    const answer = rsvps.get(person.personId);
    if (answer === 'attending') tally.attending += 1;
    else if (answer === 'not-attending') tally.notAttending += 1;
    else if (answer === 'maybe') tally.maybe += 1;
    else tally.noAnswer += 1;
  }
  return { ...tally, headcount, share: headcount > 0 ? tally.attending / headcount : 0 };
}
