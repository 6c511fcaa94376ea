/**
 * Live questions: asked under the session running now (src/domain/qa), upvoted once per person,
 * marked answered by the session's speaker or the content lead. Who asked an anonymous question,
 * and who voted, is kept only as keyed hashes (see db/schema.ts `questions`).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { agendaSessions, events, people, questions, questionVotes } from '../../../db/schema.js';
import { decideMarkAnswered } from '../../domain/access.js';
import { isAttendee, type RosterPerson } from '../../domain/comms/audience.js';
import { anonymousAskerKey, checkQuestion, type Placement, placeQuestion, type QaSession, speaksIn, voterKey } from '../../domain/qa/questions.js';
import { InputError, NotFoundError } from '../../errors.js';
import { sessionsOf } from '../agenda/sessions.js';
import { assertNotArchived, eventFor } from '../people/access.js';
import { ensurePeople, findPersonBySlackId } from '../people/people.js';
import { eventById } from '../plan/event-store.js';

/** A question as its message in the event channel shows it. */
export interface QuestionShown {
  id: number;
  eventId: number;
  channelId: string;
  text: string;
  /** Null when asked anonymously. */
  askerSlackId: string | null;
  votes: number;
  answered: boolean;
  answeredBySlackId: string | null;
  session: QaSession;
}

function questionShown(db: Db, questionId: number): QuestionShown {
  const row = db
    .select({ q: questions, session: agendaSessions, channelId: events.channelId })
    .from(questions)
    .innerJoin(agendaSessions, eq(agendaSessions.id, questions.sessionId))
    .innerJoin(events, eq(events.id, questions.eventId))
    .where(eq(questions.id, questionId))
    .get();
  if (!row) throw new NotFoundError('That question is no longer there.');
  const slackIdOf = (personId: number | null) =>
    personId === null ? null : (db.select({ id: people.slackUserId }).from(people).where(eq(people.id, personId)).get()?.id ?? null);
  const votes = db.select({ n: sql<number>`count(*)` }).from(questionVotes).where(eq(questionVotes.questionId, questionId)).get()?.n ?? 0;
  const { q, session } = row;
  return {
    id: q.id,
    eventId: q.eventId,
    channelId: row.channelId,
    text: q.text,
    askerSlackId: slackIdOf(q.askerId),
    votes,
    answered: q.answeredAt !== null,
    answeredBySlackId: slackIdOf(q.answeredBy),
    session: { id: session.id, day: session.day, start: session.start, end: session.end, title: session.title, speakers: session.speakers },
  };
}

/** Where a question asked now would go, for the form to say before anyone types. */
export function whereQuestionGoes(db: Db, eventId: number, now: Date): Placement {
  const event = eventById(db, eventId);
  if (!event) throw new NotFoundError('That SKO is no longer there.');
  return placeQuestion(sessionsOf(db, event.id), event, now);
}

export interface AskInput {
  eventId: number;
  slackUserId: string;
  text: string | undefined;
  anonymous: boolean;
  now: Date;
}

/** Stores a question under the session it belongs to; bad text or no session to ask in is refused and nothing is stored. */
export function askQuestion(db: Db, secret: string, input: AskInput): { question: QuestionShown; placement: Exclude<Placement, { kind: 'none' }>['kind'] } {
  const checked = checkQuestion(input.text);
  if (!checked.ok) throw new InputError(checked.problem, 'question');
  const event = eventById(db, input.eventId);
  if (!event) throw new NotFoundError('That SKO is no longer there.');
  assertNotArchived(event);
  const placement = placeQuestion(sessionsOf(db, event.id), event, input.now);
  if (placement.kind === 'none') throw new NotFoundError(placement.reason);
  const asker = input.anonymous
    ? { askerKey: anonymousAskerKey(secret, event.id, input.slackUserId), askerId: null }
    : { askerKey: null, askerId: ensurePeople(db, [input.slackUserId]).get(input.slackUserId)?.id ?? null };
  const row = db
    .insert(questions)
    .values({ eventId: event.id, sessionId: placement.session.id, text: checked.text, ...asker })
    .returning({ id: questions.id })
    .get();
  return { question: questionShown(db, row.id), placement: placement.kind };
}

/** One vote per person: a second click is not counted. */
export function voteFor(db: Db, secret: string, questionId: number, slackUserId: string): { counted: boolean; question: QuestionShown } {
  const before = questionShown(db, questionId);
  const { changes } = db
    .insert(questionVotes)
    .values({ questionId, voterKey: voterKey(secret, before.eventId, slackUserId) })
    .onConflictDoNothing()
    .run();
  return { counted: changes > 0, question: changes > 0 ? questionShown(db, questionId) : before };
}

/** Marks a question answered, if this person is the session's speaker or may run the agenda; otherwise says who may. */
export function markAnswered(db: Db, questionId: number, slackUserId: string, now: Date): { changed: boolean; question: QuestionShown } {
  const question = questionShown(db, questionId);
  const speaks = speaksIn(question.session, findPersonBySlackId(db, slackUserId)?.name ?? null);
  eventFor(db, question.eventId, slackUserId, (actor) => decideMarkAnswered(actor, { speaksInSession: speaks }));
  if (question.answered) return { changed: false, question };
  const by = ensurePeople(db, [slackUserId]).get(slackUserId)?.id ?? null;
  db.update(questions)
    .set({ answeredAt: now.toISOString(), answeredBy: by })
    .where(and(eq(questions.id, questionId), sql`${questions.answeredAt} is null`))
    .run();
  return { changed: true, question: questionShown(db, questionId) };
}

/**
 * The attendees who asked or voted: named askers by their row, anonymous askers and voters by
 * recomputing each attendee's keyed hashes.
 */
export function qaParticipants(db: Db, eventId: number, secret: string, roster: readonly RosterPerson[]): Set<number> {
  const asked = db.select({ askerId: questions.askerId, askerKey: questions.askerKey }).from(questions).where(eq(questions.eventId, eventId)).all();
  const named = new Set(asked.flatMap((q) => (q.askerId === null ? [] : [q.askerId])));
  const anonymous = new Set(asked.flatMap((q) => (q.askerKey === null ? [] : [q.askerKey])));
  const voters = new Set(
    db
      .selectDistinct({ key: questionVotes.voterKey })
      .from(questionVotes)
      .innerJoin(questions, eq(questions.id, questionVotes.questionId))
      .where(eq(questions.eventId, eventId))
      .all()
      .map((v) => v.key),
  );
  const tookPart = (person: RosterPerson, slackUserId: string) =>
    named.has(person.personId) ||
    (anonymous.size > 0 && anonymous.has(anonymousAskerKey(secret, eventId, slackUserId))) ||
    (voters.size > 0 && voters.has(voterKey(secret, eventId, slackUserId)));
  return new Set(roster.filter((p) => isAttendee(p) && tookPart(p, p.slackUserId as string)).map((p) => p.personId));
}
