/** Which SKO a request is about: loads the SKOs and the person asking, and lets the domain pick. */
import { eq, sql } from 'drizzle-orm';
import { type Db, prepared, untilDataChanges } from '../../../db/client.js';
import { eventRoles } from '../../../db/schema.js';
import { type Asker, chooseSko, type SkoChoice, skosOf } from '../../domain/plan/which-sko.js';
import { NotFoundError } from '../../errors.js';
import { findPersonBySlackId } from '../people/people.js';
import { activeEvents, allEvents, type EventRow, eventByHandle } from './event-store.js';

export interface SkoRequest {
  slackUserId: string | null;
  /** Where the request was made: an SKO's channel answers the question. */
  channelId?: string | null | undefined;
  /** A handle the person typed (`/sko status emea-fy27`). */
  handle?: string | null | undefined;
}

export function whichSko(db: Db, request: SkoRequest): SkoChoice<EventRow> {
  return chooseSko(allEvents(db), { handle: request.handle, channelId: request.channelId, asker: askerOf(db, request.slackUserId) });
}

/** Every SKO of a person, newest first: the running ones they attend or lead, and the archived ones (App Home). */
export function skosOfPerson(db: Db, slackUserId: string): { running: EventRow[]; archived: EventRow[] } {
  return skosOf(allEvents(db), askerOf(db, slackUserId));
}

const rolesQuery = (db: Db) =>
  db
    .select({ eventId: eventRoles.eventId })
    .from(eventRoles)
    .where(eq(eventRoles.personId, sql.placeholder('personId')))
    .prepare();

function askerOf(db: Db, slackUserId: string | null): Asker | null {
  // Every request asks who is asking: read once until something changes.
  return slackUserId ? untilDataChanges(db, `asker:${slackUserId}`, () => readAsker(db, slackUserId)) : null;
}

function readAsker(db: Db, slackUserId: string): Asker | null {
  const person = findPersonBySlackId(db, slackUserId);
  if (!person) return null;
  const leads = prepared(db, rolesQuery).all({ personId: person.id });
  return { team: person.team, region: person.region, leads: new Set(leads.map((r) => r.eventId)) };
}

/** The first SKO handle that appears as a word in what someone wrote (a message, a file's name), if any. */
export function handleIn(db: Db, ...texts: string[]): string | undefined {
  const words = new Set(texts.flatMap((t) => t.toLowerCase().split(/[^a-z0-9-]+/)));
  const handles = allEvents(db).map((e) => e.handle);
  // Longest first: "emea-fy27-partners" is meant over "emea-fy27" when the name holds both.
  return handles.sort((a, b) => b.length - a.length).find((h) => words.has(h) || texts.some((t) => t.toLowerCase().includes(h)));
}

/** Whether a word is one of the SKOs' handles: a command's first word may name its SKO. */
export function isHandle(db: Db, word: string | undefined): boolean {
  const wanted = word?.toLowerCase();
  return wanted !== undefined && allEvents(db).some((e) => e.handle === wanted);
}

/**
 * The SKO a command line names with `--sko HANDLE`, or else the only running one; with none or
 * several running, an error that lists the handles to choose from.
 */
export function skoForCommandLine(db: Db, handle: string | undefined): EventRow {
  const everyOne = allEvents(db);
  const list = everyOne.map((e) => `${e.handle} (${e.name}${e.archivedAt ? ', archived' : ''})`).join(', ');
  if (handle !== undefined) {
    const named = eventByHandle(db, handle);
    if (!named)
      throw new NotFoundError(everyOne.length ? `There is no SKO "${handle}". The SKOs: ${list}.` : 'No SKO is set up yet; run /sko setup in Slack first.');
    return named;
  }
  const running = activeEvents(db);
  if (running.length === 1) return running[0] as EventRow;
  if (running.length === 0)
    throw new NotFoundError(everyOne.length ? `Every SKO is archived; name one with --sko: ${list}.` : 'No SKO is set up yet; run /sko setup in Slack first.');
  throw new NotFoundError(`${running.length} SKOs are running; say which with --sko HANDLE: ${list}.`);
}
