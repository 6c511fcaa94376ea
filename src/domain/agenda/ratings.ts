/**
 * Session ratings (PRODUCT §4–§5): which agenda sessions the post-event survey asks people to rate,
 * and what the ratings may say in public. The survey is anonymous, so a session's figure is an
 * aggregate, and one with fewer than 5 ratings is not shown anywhere (PRODUCT §3).
 */
import { MIN_GROUP_SIZE } from '../surveys/anonymity.js';
import { sessionRatingQuestions } from '../surveys/built-in.js';
import { MAX_SURVEY_QUESTIONS } from '../surveys/survey-checks.js';
import { type Answers, type Question, RATING_MAX, RATING_MIN, type Survey } from '../surveys/surveys.js';
import type { SessionKind } from './sessions.js';

export interface RateableSession {
  id: number;
  day: number;
  start: string;
  title: string;
  kind: SessionKind;
}

export interface SessionQuestionsOutcome {
  survey: Survey;
  /** Sessions the survey asks about. */
  asked: number;
  /** Sessions left out because the survey had no room for them. */
  left: number;
}

const isSessionQuestion = (q: Question) => q.metric === 'session-rating';

/**
 * The survey with one rating question per content session, in agenda order, in place of the ones
 * it had; every other question stays as the event edited it. Social time is left out: the
 * logistics question covers dinners and venues. Sessions beyond the survey's question limit are
 * left out, latest first, and counted.
 */
export function withSessionQuestions(survey: Survey, sessions: readonly RateableSession[]): SessionQuestionsOutcome {
  const others = survey.questions.filter((q) => !isSessionQuestion(q));
  const content = sessions.filter((s) => s.kind !== 'social');
  const room = Math.max(0, MAX_SURVEY_QUESTIONS - others.length);
  const asked = content.slice(0, room);
  // Two sessions with one title ("Team breakouts" each day) need their day to be told apart.
  const titles = new Map<string, number>();
  for (const s of asked) titles.set(s.title.toLowerCase(), (titles.get(s.title.toLowerCase()) ?? 0) + 1);
  const questions = sessionRatingQuestions(
    asked.map((s) => ({ id: String(s.id), title: (titles.get(s.title.toLowerCase()) ?? 0) > 1 ? `${s.title} (day ${s.day})` : s.title })),
  );

  const firstSession = survey.questions.findIndex(isSessionQuestion);
  const at = firstSession >= 0 ? survey.questions.slice(0, firstSession).filter((q) => !isSessionQuestion(q)).length : afterRatingsOf(others);
  return {
    survey: { ...survey, questions: [...others.slice(0, at), ...questions, ...others.slice(at)] },
    asked: asked.length,
    left: content.length - asked.length,
  };
}

/** Where the template puts the sessions: after the overall satisfaction and logistics ratings. */
function afterRatingsOf(questions: readonly Question[]): number {
  let at = 0;
  questions.forEach((q, i) => {
    if (q.metric === 'satisfaction' || q.metric === 'logistics') at = i + 1;
  });
  return at;
}

/** Every session the survey asks about, with all the ratings its answers give it (none is a session nobody rated). */
export function ratingsBySession(survey: Survey, answers: readonly Answers[]): { sessionId: number; ratings: number[] }[] {
  return survey.questions.flatMap((q) => {
    if (!isSessionQuestion(q) || q.kind !== 'rating' || !q.session || !/^\d+$/.test(q.session.id)) return [];
    const ratings = answers.map((a) => a[q.id]).filter((r): r is number => typeof r === 'number' && Number.isInteger(r) && r >= RATING_MIN && r <= RATING_MAX);
    return [{ sessionId: Number(q.session.id), ratings }];
  });
}

export interface SessionRating {
  /** The average to two decimals; null while fewer than 5 people rated it, so a small group's figure is never stored. */
  average: number | null;
  count: number;
}

export function sessionRating(ratings: readonly number[]): SessionRating {
  const valid = ratings.filter((r) => Number.isInteger(r) && r >= RATING_MIN && r <= RATING_MAX);
  if (valid.length < MIN_GROUP_SIZE) return { average: null, count: valid.length };
  return { average: Math.round((valid.reduce((s, r) => s + r, 0) / valid.length) * 100) / 100, count: valid.length };
}

export const FEWER_THAN_MIN_RATINGS = `rating hidden: fewer than ${MIN_GROUP_SIZE} ratings`;

/** How a session's rating reads on the agenda: nothing before anyone rates it, hidden under 5 ratings. */
export function ratingNote(session: { rating?: number | null | undefined; ratingCount?: number | undefined }): string | null {
  const count = session.ratingCount ?? 0;
  if (count === 0) return null;
  if (session.rating === null || session.rating === undefined || count < MIN_GROUP_SIZE) return FEWER_THAN_MIN_RATINGS;
  return `rated ${session.rating.toFixed(1)}/5 (${count} ratings)`;
}
