/**
 * Session content put up for approval, and leadership's answer (issue 20): the owner (the content
 * lead, the SKO lead or an admin) submits a session's link, the SKO's sales leaders are asked, and
 * one of them approves it or asks for changes. Access is decided in domain/access-content.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { agendaSessions, type EventRow, type Person, people, type SessionContentRow, sessionContent } from '../../../db/schema.js';
import { decideApproveContent, decideSubmitContent } from '../../domain/access-content.js';
import { type Checked, type ContentState, checkChangesNote, checkContentLink } from '../../domain/content/approval.js';
import { getOrAdd } from '../../domain/maps.js';
import { NotFoundError } from '../../errors.js';
import { actorFor, eventFor } from '../people/access.js';
import { loadPlan } from '../plan/event-store.js';

export interface ContentPerson {
  name: string | null;
  slackUserId: string | null;
}

/** A session with where its content stands. */
export interface ContentItem {
  sessionId: number;
  eventId: number;
  day: number;
  start: string;
  end: string;
  title: string;
  kind: (typeof agendaSessions.$inferSelect)['kind'];
  state: ContentState;
  link: string | null;
  round: number;
  submittedBy: ContentPerson | null;
  submittedAt: string | null;
  decidedBy: ContentPerson | null;
  decidedAt: string | null;
  note: string | null;
  firstApprovedAt: string | null;
}

const STALE = 'That session is no longer on the agenda. Run `/sko content` for the sessions as they are now.';

type PersonLookup = (id: number | null) => ContentPerson | null;

/** People by id, each read once: the same content lead and leaders appear beside every session. */
function personLookup(db: Db): PersonLookup {
  const seen = new Map<number, ContentPerson | null>();
  return (id) =>
    id === null
      ? null
      : getOrAdd(seen, id, () => db.select({ name: people.name, slackUserId: people.slackUserId }).from(people).where(eq(people.id, id)).get() ?? null);
}

function toItem(personOf: PersonLookup, session: typeof agendaSessions.$inferSelect, row: SessionContentRow | undefined): ContentItem {
  return {
    sessionId: session.id,
    eventId: session.eventId,
    day: session.day,
    start: session.start,
    end: session.end,
    title: session.title,
    kind: session.kind,
    state: row?.state ?? 'draft',
    link: row?.link ?? null,
    round: row?.round ?? 0,
    submittedBy: personOf(row?.submittedBy ?? null),
    submittedAt: row?.submittedAt ?? null,
    decidedBy: personOf(row?.decidedBy ?? null),
    decidedAt: row?.decidedAt ?? null,
    note: row?.note ?? null,
    firstApprovedAt: row?.firstApprovedAt ?? null,
  };
}

/** Every session of the SKO, in agenda order, with its content's standing. */
export function contentOf(db: Db, eventId: number): ContentItem[] {
  const personOf = personLookup(db);
  return db
    .select()
    .from(agendaSessions)
    .leftJoin(sessionContent, eq(sessionContent.sessionId, agendaSessions.id))
    .where(eq(agendaSessions.eventId, eventId))
    .orderBy(agendaSessions.day, agendaSessions.start, agendaSessions.title)
    .all()
    .map((r) => toItem(personOf, r.agenda_sessions, r.session_content ?? undefined));
}

function itemOf(db: Db, sessionId: number): ContentItem {
  const session = db.select().from(agendaSessions).where(eq(agendaSessions.id, sessionId)).get();
  if (!session) throw new NotFoundError(STALE);
  return toItem(personLookup(db), session, db.select().from(sessionContent).where(eq(sessionContent.sessionId, sessionId)).get());
}

/** Whether this person may put content up for approval in this SKO (for showing the buttons). */
export function maySubmitContent(db: Db, slackUserId: string, event: EventRow): boolean {
  return decideSubmitContent(actorFor(db, slackUserId, event)).allowed;
}

/** The session, if this person may submit its content; otherwise the reason, as an error. */
export function contentToSubmit(db: Db, sessionId: number, slackUserId: string): { item: ContentItem; event: EventRow } {
  const item = itemOf(db, sessionId);
  const event = eventFor(db, item.eventId, slackUserId, decideSubmitContent);
  return { item, event };
}

/** The session, if this person may approve its content or ask for changes; otherwise the reason, as an error. */
export function contentToDecide(db: Db, sessionId: number, slackUserId: string): { item: ContentItem; event: EventRow } {
  const item = itemOf(db, sessionId);
  const event = eventFor(db, item.eventId, slackUserId, decideApproveContent);
  return { item, event };
}

/** Who is asked to approve: the SKO's sales leaders, or its SKO lead when it names none. */
function approversOf(db: Db, event: EventRow): Person[] {
  const holders = loadPlan(db, event).holders;
  const leaders = holders.filter((h) => h.role === 'sales_leader');
  const asked = leaders.length ? leaders : holders.filter((h) => h.role === 'sko_lead');
  return [...new Map(asked.filter((h) => h.person.slackUserId).map((h) => [h.person.id, h.person])).values()];
}

export type SubmitOutcome = { ok: true; item: ContentItem; event: EventRow; approvers: Person[] } | { ok: false; errors: { link: string } };

/** Puts the session's content (its link) up for approval; a bad link comes back on its field and nothing is written. */
export function submitContent(db: Db, sessionId: number, slackUserId: string, rawLink: string | null | undefined, now: Date): SubmitOutcome {
  return db.transaction(() => {
    const { event } = contentToSubmit(db, sessionId, slackUserId);
    const link = checkContentLink(rawLink);
    if (!link.ok) return { ok: false, errors: { link: link.error } };
    const by = actorFor(db, slackUserId, event)?.personId ?? null;
    const at = now.toISOString();
    const fresh = {
      link: link.value,
      state: 'submitted' as const,
      submittedBy: by,
      submittedAt: at,
      decidedBy: null,
      decidedAt: null,
      note: null,
      updatedAt: at,
    };
    db.insert(sessionContent)
      .values({ sessionId, eventId: event.id, round: 1, ...fresh })
      .onConflictDoUpdate({ target: sessionContent.sessionId, set: { ...fresh, round: sql`${sessionContent.round} + 1` } })
      .run();
    return { ok: true, item: itemOf(db, sessionId), event, approvers: approversOf(db, event) };
  });
}

export type ContentDecision = { kind: 'approve' } | { kind: 'changes'; note: string | null | undefined };

export type DecideOutcome =
  | { ok: true; item: ContentItem; event: EventRow }
  /** Someone already answered this submission, or the owner submitted again since: nothing changed. */
  | { ok: false; settled: ContentItem; event: EventRow }
  | { ok: false; errors: { note: string } };

/** Approves the submission `round` of a session's content, or asks for changes with a note for the owner. */
export function decideContent(db: Db, sessionId: number, round: number, slackUserId: string, decision: ContentDecision, now: Date): DecideOutcome {
  return db.transaction(() => {
    const item = itemOf(db, sessionId);
    const event = eventFor(db, item.eventId, slackUserId, decideApproveContent);
    if (item.state !== 'submitted' || item.round !== round) return { ok: false, settled: item, event };
    let note: Checked<string> | null = null;
    if (decision.kind === 'changes') {
      note = checkChangesNote(decision.note);
      if (!note.ok) return { ok: false, errors: { note: note.error } };
    }
    // eventFor has let this person through, so they are on record.
    const by = actorFor(db, slackUserId, event)?.personId ?? null;
    const at = now.toISOString();
    db.update(sessionContent)
      .set({
        state: decision.kind === 'approve' ? 'approved' : 'changes-requested',
        decidedBy: by,
        decidedAt: at,
        note: note?.ok ? note.value : null,
        updatedAt: at,
        ...(decision.kind === 'approve' && !item.firstApprovedAt ? { firstApprovedAt: at } : {}),
      })
      .where(and(eq(sessionContent.sessionId, sessionId), eq(sessionContent.round, round)))
      .run();
    return { ok: true, item: itemOf(db, sessionId), event };
  });
}
