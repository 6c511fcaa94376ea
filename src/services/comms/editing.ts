/** What the communications lead changes: an entry's time and text, cancelling and restoring it, the quiz, and a preview. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { communications, type EventRow } from '../../../db/schema.js';
import { type Decision, decideEditCommunications } from '../../domain/access.js';
import type { RosterPerson, RsvpAnswer } from '../../domain/comms/audience.js';
import { CommunicationPlanError, type PlannedCommunication, planCommunications } from '../../domain/comms/calendar.js';
import type { CommunicationNotice, MessageKind } from '../../domain/comms/notices.js';
import { InputError, NotFoundError } from '../../errors.js';
import { actorFor, eventFor } from '../people/access.js';
import { findPersonBySlackId } from '../people/people.js';
import { eventById } from '../plan/event-store.js';
import { setQuizSurvey } from '../surveys/surveys.js';
import { COMMUNICATION_TEMPLATES, loadCalendar, overridesOf, planCommunicationSchedule, planLeniently, setUpCommunications } from './calendar.js';
import { bodyOf, composeEntry, contextOf } from './composers.js';
import { type CalendarEntry, communicationsOverview } from './overview.js';

export const MAX_BODY_LENGTH = 2000;
const MAX_LINKS = 10;

export function editCommunicationsDecision(db: Db, event: EventRow, slackUserId: string): Decision {
  return decideEditCommunications(actorFor(db, slackUserId, event));
}

function assertMayEdit(db: Db, eventId: number, slackUserId: string): EventRow {
  return eventFor(db, eventId, slackUserId, decideEditCommunications);
}

/** One pending entry of this SKO, for the edit modal; refuses one that has gone out or is unknown. */
export function pendingEntry(db: Db, eventId: number, slackUserId: string, key: string): CalendarEntry {
  const event = assertMayEdit(db, eventId, slackUserId);
  const entry = communicationsOverview(db, event).entries.find((e) => e.key === key);
  if (!entry) throw new NotFoundError('That message is no longer in the calendar; run `/sko comms` again.');
  if (entry.state === 'sent' || entry.state === 'skipped') throw new InputError(`${entry.title} has already gone out, so it can no longer be changed.`);
  if (entry.state === 'missed') throw new InputError(`${entry.title}'s time had passed when it was planned, so it will not be sent.`);
  return entry;
}

export interface CommunicationEdit {
  sendAt: Date;
  closesAt?: Date | null | undefined;
  body: string;
  highlights?: string | undefined;
  links?: { label: string; url: string }[] | undefined;
}

/**
 * Saves a new time and text for a pending entry. Times must lie ahead and inside the plan's 12
 * weeks, and a survey must close after its message goes out; each problem names its field.
 * A time or text set back to the default is stored as the default, so it keeps following the event.
 */
export function editCommunication(db: Db, eventId: number, slackUserId: string, key: string, edit: CommunicationEdit, now: Date): CalendarEntry {
  return db.transaction(() => {
    const entry = pendingEntry(db, eventId, slackUserId, key);
    const event = eventById(db, eventId) as EventRow;
    if (entry.state === 'cancelled') throw new InputError(`${entry.title} is cancelled; restore it before changing it.`);
    if (edit.sendAt <= now) throw new InputError('Choose a time that is still ahead.', 'sendAt');
    if (edit.closesAt && edit.closesAt <= now) throw new InputError('Choose a closing time that is still ahead.', 'closesAt');
    const body = edit.body.trim();
    if (!body) throw new InputError('Write the message, or put back the default text.', 'body');
    if (body.length > MAX_BODY_LENGTH) throw new InputError(`Keep the message to ${MAX_BODY_LENGTH} characters (it has ${body.length}).`, 'body');
    if ((edit.links?.length ?? 0) > MAX_LINKS) throw new InputError(`List at most ${MAX_LINKS} links.`, 'links');

    const calendar = loadCalendar(db, event);
    const defaults = planLeniently(calendar.timeline, calendar.hasQuiz, {}).plan.find((e) => e.key === key);
    const sendAt = defaults && defaults.at.getTime() === edit.sendAt.getTime() ? null : edit.sendAt;
    const closesAt = !edit.closesAt || defaults?.survey?.closesAt.getTime() === edit.closesAt.getTime() ? null : edit.closesAt;
    const overrides = overridesOf(calendar.rows.values(), true);
    overrides[key] = { ...(sendAt ? { at: sendAt } : {}), ...(closesAt ? { closesAt } : {}) };
    try {
      planCommunications(calendar.timeline, { hasQuiz: calendar.hasQuiz, hasAgenda: false, overrides, templates: COMMUNICATION_TEMPLATES });
    } catch (error) {
      if (!(error instanceof CommunicationPlanError)) throw error;
      throw new InputError(error.message, /closes/.test(error.message) && edit.closesAt ? 'closesAt' : 'sendAt');
    }
    const person = findPersonBySlackId(db, slackUserId);
    const details = entry.kind === 'thank-you-recap' ? { highlights: edit.highlights?.trim() || undefined, links: edit.links ?? [] } : entry.details;
    db.update(communications)
      .set({
        sendAt: sendAt?.toISOString() ?? null,
        closesAt: closesAt?.toISOString() ?? null,
        body: body === defaultBody(db, event, entry.kind) ? null : body,
        details,
        updatedBy: person?.id ?? null,
        updatedAt: now.toISOString(),
      })
      .where(and(eq(communications.eventId, event.id), eq(communications.key, key)))
      .run();
    planCommunicationSchedule(db, event, now);
    return communicationsOverview(db, event).entries.find((e) => e.key === key) as CalendarEntry;
  });
}

function defaultBody(db: Db, event: EventRow, kind: MessageKind): string {
  return bodyOf(db, { ...loadCalendar(db, event), rows: new Map() }, kind);
}

/** Cancels a pending entry (and its reminders), or restores a cancelled one. */
export function setCancelled(db: Db, eventId: number, slackUserId: string, key: string, cancelled: boolean, now: Date): CalendarEntry {
  return db.transaction(() => {
    const entry = pendingEntry(db, eventId, slackUserId, key);
    const event = eventById(db, eventId) as EventRow;
    db.update(communications)
      .set({ cancelled, updatedAt: now.toISOString() })
      .where(and(eq(communications.eventId, event.id), eq(communications.key, key)))
      .run();
    planCommunicationSchedule(db, event, now);
    return { ...entry, state: cancelled ? 'cancelled' : 'scheduled' };
  });
}

/** Adds or removes the certification quiz, and plans (or drops) its message and reminders. */
export function setQuiz(db: Db, eventId: number, slackUserId: string, on: boolean, now: Date): boolean {
  return db.transaction(() => {
    const event = assertMayEdit(db, eventId, slackUserId);
    const changed = setQuizSurvey(db, event.id, on);
    setUpCommunications(db, event, undefined, now);
    return changed;
  });
}

/** The entry as one person would receive it, addressed to the person asking: for the communications lead's preview. */
export function previewNotice(db: Db, eventId: number, slackUserId: string, key: string): CommunicationNotice {
  const entry = pendingEntry(db, eventId, slackUserId, key);
  const event = eventById(db, eventId) as EventRow;
  const calendar = loadCalendar(db, event);
  const planned = calendar.all.find((e) => e.key === entry.key) as PlannedCommunication;
  const ctx = contextOf(db, calendar);
  const me = ctx.roster.find((p) => p.slackUserId === slackUserId) as RosterPerson;
  // The requester stands in for a recipient: an attending leader fits every audience.
  const stand = {
    ...ctx,
    roster: [{ ...me, role: 'leader' as const }],
    rsvps: new Map<number, RsvpAnswer>(entry.kind === 'save-the-date' ? [] : [[me.personId, 'attending']]),
  };
  const [notice] = composeEntry(db, calendar, stand, planned, null, null);
  if (!notice) throw new NotFoundError(`${entry.title} has nothing to preview yet.`);
  return { ...notice, preview: true };
}
