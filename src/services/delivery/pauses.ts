/**
 * "Pause my reminders until…" (issue 14, point 6): a person chooses the day their reminders resume.
 * New DMs are held by the send-time rules, which read people.paused_until; DMs already waiting in
 * the outbox (composed ahead of each reader's own hour) are moved here, so a
 * pause, and a resume, take effect at once. Event communications are never held.
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type EventRow, type OutboxRow, outbox, people } from '../../../db/schema.js';
import { addDays, atLocalTime, isCalendarDate, isValidTimeZone, localDate } from '../../domain/dates.js';
import { natureOf } from '../../domain/send-times/send-time.js';
import { InputError } from '../../errors.js';
import { ensurePeople } from '../people/people.js';
import { activeEvents, newestEvent } from '../plan/event-store.js';
import { whichSko } from '../plan/which-sko.js';
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
  return { slackUserId, resumes: localDate(new Date(person.pausedUntil), zoneOf(person.timeZone, skoOf(db, slackUserId))) };
}

/** The SKO whose clock a person's dates are read on when Slack has not told us their own zone. */
function skoOf(db: Db, slackUserId: string): EventRow | undefined {
  const sko = whichSko(db, { slackUserId });
  return sko.kind === 'found' ? sko.event : newestEvent(db);
}

/** Everyone whose reminders are paused at `now`, soonest back first. */
export function pausedPeople(db: Db, now: Date): Pause[] {
  const event = newestEvent(db);
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
  const zone = zoneOf(person.timeZone, skoOf(db, slackUserId));
  const today = localDate(now, zone);
  if (resumeOn !== null) {
    if (!isCalendarDate(resumeOn) || resumeOn <= today) throw new InputError('Choose a day after today: your reminders start again on the day you choose.');
    if (resumeOn > addDays(today, LONGEST_PAUSE_DAYS)) throw new InputError('Choose a day within the next year.');
  }
  const until = resumeOn === null ? null : atLocalTime(resumeOn, '00:00', zone);
  db.transaction(() => {
    // Where the old pause held this person's waiting DMs: those go at their next working moment instead.
    // A pause is the person's, so it holds their DMs of every running SKO.
    const held = activeEvents(db).map((event) => ({
      event,
      heldTo: person.pausedUntil && new Date(person.pausedUntil) > now ? nextMomentFor(db, event, person.id, new Date(person.pausedUntil)) : null,
    }));
    db.update(people)
      .set({ pausedUntil: until?.toISOString() ?? null })
      .where(eq(people.id, person.id))
      .run();
    for (const { event, heldTo } of held) retimeWaitingDms(db, event, person.id, slackUserId, heldTo, now);
  });
  return resumeOn === null ? null : { slackUserId, resumes: resumeOn };
}

/** What a waiting row carries, down to the messages themselves (a carrier may carry an earlier, retired carrier). */
function carried(db: Db, row: OutboxRow): { messages: OutboxRow[]; carriers: OutboxRow[] } {
  if (row.kind !== 'combined') return { messages: [row], carriers: [] };
  const found = { messages: [] as OutboxRow[], carriers: [row] };
  for (const part of db.select().from(outbox).where(eq(outbox.carriedBy, row.id)).all()) {
    const inner = carried(db, part);
    found.messages.push(...inner.messages);
    found.carriers.push(...inner.carriers);
  }
  return found;
}

const isEventNews = (row: OutboxRow): boolean => natureOf(row.kind, {}, []).eventDay;

/** DMs to this person still waiting for their moment: never tried, and not yet in the sender's hands. */
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
    .all();
}

/** A new row carrying `messages` as one DM at `at`, as combine.ts builds one; its id, or null if that key is stored already. */
function carry(db: Db, key: string, messages: readonly OutboxRow[], at: Date): number | null {
  const first = messages[0] as OutboxRow;
  const single = messages.length === 1;
  const stored = enqueue(db, [
    {
      key,
      kind: 'combined',
      label: messages.map((m) => m.label).join(', '),
      channel: first.channel,
      text: messages.map((m) => m.text).join('\n'),
      blocks: single
        ? (first.blocks ?? undefined)
        : messages.flatMap((m, i) => [...(i > 0 ? [{ type: 'divider' }] : []), ...(m.blocks ?? [{ type: 'section', text: { type: 'mrkdwn', text: m.text } }])]),
      attachments: messages.flatMap((m) => m.attachments ?? []),
      eventId: first.eventId,
      staleAt: single && first.staleAt ? new Date(first.staleAt) : null,
      notBefore: at,
    },
  ]);
  return stored ? (db.select({ id: outbox.id }).from(outbox).where(eq(outbox.key, key)).get()?.id ?? null) : null;
}

/**
 * Moves a waiting DM to `at`; event news it carries stays at its moment, in a DM of its own. The
 * sender may already hold the row in memory, so it is not changed in place: new rows carry its
 * messages (as combined DMs are carried), and the old row, no longer pending, is left alone by the
 * sender and takes the outcome of the row that carries it on.
 */
function moveDm(db: Db, row: OutboxRow, at: Date): void {
  const { messages, carriers } = carried(db, row);
  const news = messages.filter(isEventNews);
  if (news.length === messages.length) return;
  const held = news.length ? messages.filter((m) => !isEventNews(m)) : [row];
  const heldBy = carry(db, `moved:${row.key}@${at.toISOString()}`, held, at);
  const newsBy = news.length ? carry(db, `news:${row.key}`, news, new Date(row.notBefore as string)) : heldBy;
  if (heldBy === null || newsBy === null) return;
  const setCarrier = (ids: number[], carrier: number) =>
    ids.length && db.update(outbox).set({ status: 'combined', carriedBy: carrier }).where(inArray(outbox.id, ids)).run();
  // Only the messages are carried on separately; the old row and any carrier it retired follow the news (or, without news, the moved DM).
  if (news.length) {
    setCarrier(
      held.map((m) => m.id),
      heldBy,
    );
    setCarrier(
      news.map((m) => m.id),
      newsBy,
    );
  }
  setCarrier(
    carriers.map((c) => c.id),
    newsBy,
  );
  if (!carriers.length) setCarrier([row.id], heldBy);
}

function retimeWaitingDms(db: Db, event: EventRow, personId: number, slackUserId: string, heldTo: Date | null, now: Date): void {
  for (const row of waitingDms(db, event, slackUserId)) {
    const waitsFor = new Date(row.notBefore as string);
    const held = heldTo !== null && waitsFor >= heldTo && waitsFor.getTime() < heldTo.getTime() + HELD_SPREAD_MS;
    const at = nextMomentFor(db, event, personId, held ? now : waitsFor);
    if (at.getTime() !== waitsFor.getTime()) moveDm(db, row, at);
  }
}
