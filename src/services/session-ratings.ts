/**
 * The post-event survey follows the agenda: its session questions are rebuilt as sessions are
 * added, until it goes out or anyone answers it; and each answer brings the sessions' ratings up
 * to date. Only aggregates are stored on a session (PRODUCT §3).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { schedule, type EventRow, type SurveyRow } from '../../db/schema.js';
import { DEFAULT_COMMUNICATIONS } from '../domain/communications.js';
import { ratingsBySession, withSessionQuestions, type GivenRating } from '../domain/session-ratings.js';
import { rateSession, sessionsOf } from './agenda.js';
import { invitedPersonIds, replaceSurveyDefinition, responseCount, surveyOf } from './surveys.js';

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
 * changed on a second go replaces the first. Read with json_each: thousands of answers are one
 * pass over small rows, not thousands of parsed documents.
 */
export function refreshSessionRatings(db: Db, row: SurveyRow): void {
  const given = db.$client
    .prepare(
      `SELECT j.key AS question, j.value AS rating FROM survey_responses r, json_each(r.answers) j
       WHERE r.survey_id = ? AND r.answers IS NOT NULL AND j.type = 'integer' AND j.key LIKE 'session-%'`,
    )
    .all(row.id) as GivenRating[];
  db.transaction(() => {
    for (const { sessionId, ratings } of ratingsBySession(row.definition, given)) rateSession(db, sessionId, ratings);
  });
}
