/**
 * Travel details over the database: each attending person's own form, and for the logistics lead
 * and admins (decideSeeTravelDetails, through the one access gate) everyone's counts, the list and
 * the cut-off after which the form closes.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type EventRow, type Person, travelCutoffs, travelDetails } from '../../../db/schema.js';
import { decideSeeTravelDetails } from '../../domain/access.js';
import { isAttendee } from '../../domain/comms/audience.js';
import { toCsv } from '../../domain/csv.js';
import { localDate } from '../../domain/dates.js';
import {
  cutoffProblem,
  formClosesAt,
  hotelNightsOffered,
  parseTravel,
  TRAVEL_REMINDER_KIND,
  type TravelAnswers,
  type TravelErrors,
  type TravelInput,
  type TravelReminderNotice,
  type TravelTally,
  tallyTravel,
  travelCsvRows,
  travelReminderItem,
} from '../../domain/travel/details.js';
import { InputError, NotAllowedError, NotFoundError } from '../../errors.js';
import { logisticsLead } from '../comms/composers.js';
import { reconcile } from '../delivery/schedule.js';
import { actorFor, assertNotArchived, eventFor } from '../people/access.js';
import { rsvpsOf } from '../people/attendees.js';
import { eventRoster, findPersonBySlackId } from '../people/people.js';
import { eventById } from '../plan/event-store.js';

type Saved = TravelAnswers & { savedAt: string };

function cutoffOf(db: Db, eventId: number): string | null {
  return db.select({ cutoff: travelCutoffs.cutoff }).from(travelCutoffs).where(eq(travelCutoffs.eventId, eventId)).get()?.cutoff ?? null;
}

function savedOf(db: Db, eventId: number, personId: number): Saved | null {
  const row = db
    .select()
    .from(travelDetails)
    .where(and(eq(travelDetails.eventId, eventId), eq(travelDetails.personId, personId)))
    .get();
  return row ? toSaved(row) : null;
}

function toSaved(row: typeof travelDetails.$inferSelect): Saved {
  const { arrival, departure, hotelNights, dietary, accessibility, note, savedAt } = row;
  return { arrival, departure, hotelNights, dietary: dietary as TravelAnswers['dietary'], accessibility, note, savedAt };
}

/** The people attending (an RSVP of Attending, on the roster), in roster order. */
function attendingPeople(db: Db, eventId: number) {
  const answers = rsvpsOf(db, eventId);
  return eventRoster(db, eventId).filter((p) => isAttendee(p) && answers.get(p.personId) === 'attending');
}

export interface TravelForm {
  event: EventRow;
  saved: Saved | null;
  nights: string[];
  cutoff: string | null;
  closesAt: Date;
  open: boolean;
  /** The logistics lead's Slack id: who to ask once the form is closed. */
  contact: string | null;
}

/** A person's own form: what they gave before, and whether it still takes changes. Only someone attending has one. */
export function travelFormFor(db: Db, eventId: number, slackUserId: string, now: Date): TravelForm & { person: Person } {
  const event = eventById(db, eventId);
  if (!event) throw new NotFoundError('That SKO is no longer there, so its travel form is closed.');
  assertNotArchived(event);
  const person = findPersonBySlackId(db, slackUserId);
  if (!person || !attendingPeople(db, event.id).some((p) => p.personId === person.id))
    throw new NotFoundError(`The travel form is for people attending ${event.name}: answer Attending to the save-the-date first.`);
  const cutoff = cutoffOf(db, event.id);
  const closesAt = formClosesAt(event, cutoff);
  return {
    event,
    person,
    saved: savedOf(db, event.id, person.id),
    nights: hotelNightsOffered(event),
    cutoff,
    closesAt,
    open: now < closesAt,
    contact: logisticsLead(db, event.id),
  };
}

export type SavedTravel = { ok: true; form: TravelForm } | { ok: false; errors: TravelErrors } | { ok: false; closed: TravelForm };

/** Saves a person's details, replacing what they gave before; with any problem, or once the form has closed, nothing is written. */
export function saveTravelDetails(db: Db, eventId: number, slackUserId: string, input: TravelInput, now: Date): SavedTravel {
  return db.transaction(() => {
    const form = travelFormFor(db, eventId, slackUserId, now);
    if (!form.open) return { ok: false, closed: form };
    const parsed = parseTravel(input, form.event);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const values = { ...parsed.answers, savedAt: now.toISOString() };
    db.insert(travelDetails)
      .values({ eventId: form.event.id, personId: form.person.id, ...values })
      .onConflictDoUpdate({ target: [travelDetails.eventId, travelDetails.personId], set: values })
      .run();
    return { ok: true, form: { ...form, saved: values } };
  });
}

function assertSeesTravel(db: Db, event: EventRow, slackUserId: string): void {
  const decision = decideSeeTravelDetails(actorFor(db, slackUserId, event));
  if (!decision.allowed) throw new NotAllowedError(decision.reason);
}

/** Whether this person sees everyone's travel details: what `/sko travel` shows them. */
export function seesTravelDetails(db: Db, event: EventRow, slackUserId: string): boolean {
  return decideSeeTravelDetails(actorFor(db, slackUserId, event)).allowed;
}

/** For `/sko travel` from someone who does not see everyone's: whether they have a form, and have filled it in. */
export function ownTravel(db: Db, event: EventRow, slackUserId: string): { attending: boolean; given: boolean } {
  const person = findPersonBySlackId(db, slackUserId);
  const attending = person !== undefined && attendingPeople(db, event.id).some((p) => p.personId === person.id);
  return { attending, given: attending && savedOf(db, event.id, (person as Person).id) !== null };
}

export interface TravelOverview {
  tally: TravelTally;
  cutoff: string | null;
  closesAt: Date;
}

/** The counts: rooms per night and meals by dietary need, over the details given by people attending. */
export function travelOverview(db: Db, event: EventRow, slackUserId: string): TravelOverview {
  assertSeesTravel(db, event, slackUserId);
  const attending = attendingPeople(db, event.id);
  const answers = attending.flatMap((p) => savedOf(db, event.id, p.personId) ?? []);
  const cutoff = cutoffOf(db, event.id);
  return { tally: tallyTravel(hotelNightsOffered(event), answers, attending.length), cutoff, closesAt: formClosesAt(event, cutoff) };
}

/** The full list as CSV: one row per person attending, blank where they have not said yet. */
export function travelCsv(db: Db, event: EventRow, slackUserId: string): { csv: string; people: number; answered: number } {
  assertSeesTravel(db, event, slackUserId);
  const rows = attendingPeople(db, event.id)
    .map((p) => ({ name: p.name, slackUserId: p.slackUserId, team: p.team, answers: savedOf(db, event.id, p.personId) }))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  return { csv: toCsv(travelCsvRows(rows)), people: rows.length, answered: rows.filter((r) => r.answers).length };
}

/**
 * Sets the last day the form takes changes, and plans the one reminder to those who have not said
 * yet a few days before it. A bad date is refused with what to give instead, and nothing changes.
 */
export function setTravelCutoff(db: Db, eventId: number, slackUserId: string, cutoff: string, now: Date): TravelOverview {
  return db.transaction(() => {
    const event = eventFor(db, eventId, slackUserId, decideSeeTravelDetails);
    const problem = cutoffProblem(cutoff, localDate(now, event.timeZone), event);
    if (problem) throw new InputError(problem, 'cutoff');
    const setBy = findPersonBySlackId(db, slackUserId)?.id ?? null;
    const values = { cutoff, setBy, setAt: now.toISOString() };
    db.insert(travelCutoffs)
      .values({ eventId: event.id, ...values })
      .onConflictDoUpdate({ target: travelCutoffs.eventId, set: values })
      .run();
    reconcile(db, event.id, [TRAVEL_REMINDER_KIND], [travelReminderItem(event, cutoff)], now);
    return travelOverview(db, event, slackUserId);
  });
}

/** When the reminder falls due: a DM to each person attending who has not given their details. */
export function composeTravelReminders(db: Db, event: EventRow, payload: Record<string, unknown>): TravelReminderNotice[] {
  const cutoff = typeof payload.cutoff === 'string' ? payload.cutoff : cutoffOf(db, event.id);
  if (!cutoff) return [];
  const contact = logisticsLead(db, event.id);
  return attendingPeople(db, event.id)
    .filter((p) => p.slackUserId && !savedOf(db, event.id, p.personId))
    .map((p) => ({
      type: 'travel-reminder' as const,
      to: { kind: 'person' as const, person: { personId: p.personId, slackUserId: p.slackUserId, name: p.name } },
      label: 'the travel details reminder',
      eventId: event.id,
      eventName: event.name,
      cutoff,
      contact,
    }));
}
