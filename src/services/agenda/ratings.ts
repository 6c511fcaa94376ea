/**
 * The post-event survey follows the agenda: its session questions are rebuilt as sessions are
 * added, until it goes out or anyone answers it; and each answer brings the sessions' ratings up
 * to date. Only aggregates are stored on a session (PRODUCT §3).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type EventRow, type SurveyRow, schedule } from '../../../db/schema.js';
import { ratingsBySession, withSessionQuestions } from '../../domain/agenda/ratings.js';
import { DEFAULT_COMMUNICATIONS } from '../../domain/comms/calendar.js';
import type { Answers } from '../../domain/surveys/surveys.js';
import { invitedPersonIds, replaceSurveyDefinition, responseCount, surveyOf } from '../surveys/surveys.js';
import { rateSession, sessionsOf } from './sessions.js';

const POST_SURVEY_MESSAGE = DEFAULT_COMMUNICATIONS.find((c) => c.survey?.kind === 'post')?.key;

/** What became of the post-event survey when the agenda changed. */
export type SurveyFollows =
  | { kind: 'updated'; asked: number; left: number }
  | { kind: 'sent' }
  | { kind: 'answered'; responses: number }
  | { kind: 'no-survey' };

function wentOut(db: Db, event: EventRow, row: SurveyRow): boolean {
  if (invitedPersonIds(db, row.id).size > 0) return true;
  if (!POST_SURVEY_MESSAGE) return false;
  const done = db
    .select({ id: schedule.id })
    .from(schedule)
    .where(and(eq(schedule.eventId, event.id), eq(schedule.kind, POST_SURVEY_MESSAGE), eq(schedule.status, 'done')))
    .get();
  return done !== undefined;
}

/**
 * Rebuilds the post-event survey's session questions from the agenda. A survey that has gone out
 * or has answers keeps its questions: those who have it must find the survey they were sent, and
 * answers must keep meaning what they meant.
 */
export function followAgenda(db: Db, event: EventRow, now: Date): SurveyFollows {
  const row = surveyOf(db, event.id, 'post');
  if (!row) return { kind: 'no-survey' };
  const responses = responseCount(db, row.id);
  if (responses > 0) return { kind: 'answered', responses };
  if (wentOut(db, event, row)) return { kind: 'sent' };
  const next = withSessionQuestions(row.definition, sessionsOf(db, event.id));
  if (JSON.stringify(next.survey) !== JSON.stringify(row.definition)) replaceSurveyDefinition(db, row, next.survey, now);
  return { kind: 'updated', asked: next.asked, left: next.left };
}

/**
 * Each session's ratings recomputed over every answer to the post-event survey, so an answer
 * changed on a second go replaces the first. The rows are read and parsed directly: `npm run bench`
 * found that several times faster than SQLite's json_each over the same answers.
 */
export function refreshSessionRatings(db: Db, row: SurveyRow): void {
  const answers = (db.$client.prepare('SELECT answers FROM survey_responses WHERE survey_id = ? AND answers IS NOT NULL').pluck().all(row.id) as string[]).map(
    (text) => JSON.parse(text) as Answers,
  );
  db.transaction(() => {
    for (const { sessionId, ratings } of ratingsBySession(row.definition, answers)) rateSession(db, sessionId, ratings);
  });
}
