/**
 * "Pause my reminders until…" (issue 14, point 6): a person chooses the day their reminders resume.
 * New DMs are held by the send-time rules, which read people.paused_until; DMs already waiting in
 * the outbox (composed ahead of each reader's own hour) are moved here, so a
 * pause, and a resume, take effect at once. Event communications are never held.
 */
import { and, asc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type EventRow, type OutboxRow, outbox, people } from '../../../db/schema.js';
import { addDays, atLocalTime, isCalendarDate, isValidTimeZone, localDate } from '../../domain/dates.js';
import { natureOf } from '../../domain/send-times/send-time.js';
import { InputError } from '../../errors.js';
import { ensurePeople } from '../people/people.js';
import { currentEvent } from '../plan/event-store.js';
import { enqueue } from './enqueue.js';
import { nextMomentFor } from './send-times.js';

/** Further off than this is not a pause: the SKO is over by then. */
const LONGEST_PAUSE_DAYS = 366;
/** Parts of one held DM that could not share a message are spaced 5 minutes apart after the moment they were held to. */
const HELD_SPREAD_MS = 30 * 60_000;

export interface Pause {
  slackUserId: string;
  /** The local date (YYYY-MM-DD, in the person's zone) their reminders resume. */
  resumes: string;
}

const zoneOf = (timeZone: string | null, event: EventRow | undefined): string =>
  timeZone && isValidTimeZone(timeZone) ? timeZone : (event?.timeZone ?? 'UTC');

/** This person's pause, if their reminders are paused at `now`. */
export function pauseOf(db: Db, slackUserId: string, now: Date): Pause | null {
  const person = db.select({ pausedUntil: people.pausedUntil, timeZone: people.timeZone }).from(people).where(eq(people.slackUserId, slackUserId)).get();
  if (!person?.pausedUntil || new Date(person.pausedUntil) <= now) return null;
  return { slackUserId, resumes: localDate(new Date(person.pausedUntil), zoneOf(person.timeZone, currentEvent(db))) };
}

/** Everyone whose reminders are paused at `now`, soonest back first. */
export function pausedPeople(db: Db, now: Date): Pause[] {
  const event = currentEvent(db);
  return db
    .select({ slackUserId: people.slackUserId, pausedUntil: people.pausedUntil, timeZone: people.timeZone })
    .from(people)
    .where(and(isNotNull(people.slackUserId), gt(people.pausedUntil, now.toISOString())))
    .orderBy(asc(people.pausedUntil))
    .all()
    .map((p) => ({ slackUserId: p.slackUserId as string, resumes: localDate(new Date(p.pausedUntil as string), zoneOf(p.timeZone, event)) }));
}

/**
 * Pauses this person's reminders until the start of `resumeOn` in their own zone, or (null) resumes
 * them now. Throws InputError, saying what to choose, for a day that is not ahead.
 */
export function setPause(db: Db, slackUserId: string, resumeOn: string | null, now: Date): Pause | null {
  const person = ensurePeople(db, [slackUserId]).get(slackUserId);
  if (!person) throw new Error(`no person for ${slackUserId}`);
  const event = currentEvent(db);
  const zone = zoneOf(person.timeZone, event);
  const today = localDate(now, zone);
  if (resumeOn !== null) {
    if (!isCalendarDate(resumeOn) || resumeOn <= today) throw new InputError('Choose a day after today: your reminders start again on the day you choose.');
    if (resumeOn > addDays(today, LONGEST_PAUSE_DAYS)) throw new InputError('Choose a day within the next year.');
  }
  const until = resumeOn === null ? null : atLocalTime(resumeOn, '00:00', zone);
  db.transaction(() => {
    // Where the old pause held this person's waiting DMs: those go at their next working moment instead.
    const heldTo = event && person.pausedUntil && new Date(person.pausedUntil) > now ? nextMomentFor(db, event, person.id, new Date(person.pausedUntil)) : null;
    db.update(people)
      .set({ pausedUntil: until?.toISOString() ?? null })
      .where(eq(people.id, person.id))
      .run();
    if (event) retimeWaitingDms(db, event, person.id, slackUserId, heldTo, now);
  });
  return resumeOn === null ? null : { slackUserId, resumes: resumeOn };
}

/** The kinds of what a row carries: its own, or its parts' (a carrier may carry an earlier carrier). */
function carriedKinds(db: Db, row: Pick<OutboxRow, 'id' | 'kind'>): string[] {
  if (row.kind !== 'combined') return [row.kind];
  return db
    .select({ id: outbox.id, kind: outbox.kind })
    .from(outbox)
    .where(eq(outbox.carriedBy, row.id))
    .all()
    .flatMap((part) => carriedKinds(db, part));
}

/** DMs to this person still waiting for their moment, that a pause holds: never tried, and not about the event itself. */
function waitingDms(db: Db, event: EventRow, slackUserId: string): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.eventId, event.id),
        eq(outbox.channel, slackUserId),
        eq(outbox.status, 'pending'),
        eq(outbox.attempts, 0),
        isNull(outbox.lastError),
        isNull(outbox.sendingAt),
        isNotNull(outbox.notBefore),
      ),
    )
    .all()
    .filter((row) => carriedKinds(db, row).every((kind) => !natureOf(kind, {}, []).eventDay));
}

/**
 * Moves a waiting DM to `at`. The sender may already hold the row in memory, so it is not changed
 * in place: a copy carries it at the new moment (as combined DMs are carried), and the old row,
 * no longer pending, is left alone by the sender and takes the copy's outcome.
 */
function moveDm(db: Db, row: OutboxRow, at: Date): void {
  const key = `moved:${row.key}@${at.toISOString()}`;
  const stored = enqueue(db, [
    {
      key,
      kind: 'combined',
      label: row.label,
      channel: row.channel,
      text: row.text,
      blocks: row.blocks ?? undefined,
      attachments: row.attachments ?? undefined,
      eventId: row.eventId,
      staleAt: row.staleAt ? new Date(row.staleAt) : null,
      notBefore: at,
    },
  ]);
  const carrier = stored ? db.select({ id: outbox.id }).from(outbox).where(eq(outbox.key, key)).get() : undefined;
  if (carrier)
    db.update(outbox)
      .set({ status: 'combined', carriedBy: carrier.id })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending')))
      .run();
}

function retimeWaitingDms(db: Db, event: EventRow, personId: number, slackUserId: string, heldTo: Date | null, now: Date): void {
  for (const row of waitingDms(db, event, slackUserId)) {
    const waitsFor = new Date(row.notBefore as string);
    const held = heldTo !== null && waitsFor >= heldTo && waitsFor.getTime() < heldTo.getTime() + HELD_SPREAD_MS;
    const at = nextMomentFor(db, event, personId, held ? now : waitsFor);
    if (at.getTime() !== waitsFor.getTime()) moveDm(db, row, at);
  }
}
