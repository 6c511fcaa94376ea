/**
 * An event's surveys as stored data: the built-in ones copied per event, answers saved one set per
 * person (under a keyed hash when the survey is anonymous), who has answered, results and export.
 */
import { randomInt } from 'node:crypto';
import { and, asc, count, eq, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { people, type SurveyRow, surveyInvitations, surveyResponses, surveys } from '../../../db/schema.js';
import type { RosterPerson } from '../../domain/comms/audience.js';
import { answersToRelease, respondentKey } from '../../domain/surveys/anonymity.js';
import { validateAnswers } from '../../domain/surveys/answers.js';
import { buildPostEventSurvey, CERTIFICATION_QUIZ, PRE_EVENT_SURVEY } from '../../domain/surveys/built-in.js';
import { MODAL_MAX_BLOCKS, pageSurvey, type SurveyPage } from '../../domain/surveys/paging.js';
import { gradeQuiz, type QuizGrade } from '../../domain/surveys/quiz.js';
import { type SeedMetric, type SurveyResponse, type SurveySummary, seedMetrics, summarizeSurvey, surveyAnswersCsv } from '../../domain/surveys/results.js';
import { checkSurvey } from '../../domain/surveys/survey-checks.js';
import type { Answers, Survey, SurveyKind } from '../../domain/surveys/surveys.js';
import { InputError, NotFoundError } from '../../errors.js';

const SURVEY_KINDS: readonly SurveyKind[] = ['pre', 'post', 'quiz'];
export const SURVEY_KIND_NAMES: Record<SurveyKind, string> = { pre: 'pre-event survey', post: 'post-event feedback survey', quiz: 'certification quiz' };

/** A survey modal spends two blocks on its introduction and progress line; the questions get the rest. */
const MODAL_FRAME_BLOCKS = 2;

export function isSurveyKind(value: string): value is SurveyKind {
  return (SURVEY_KINDS as readonly string[]).includes(value);
}

/** Every event starts with the pre-event and post-event surveys; the quiz is added when the event wants one. */
export function ensureSurveys(db: Db, eventId: number): void {
  const defaults: [SurveyKind, Survey][] = [
    ['pre', PRE_EVENT_SURVEY],
    // Setup comes before the agenda; session-ratings.ts adds a question per session as they are added.
    ['post', buildPostEventSurvey([])],
  ];
  for (const [kind, definition] of defaults) {
    db.insert(surveys).values({ eventId, kind, definition }).onConflictDoNothing().run();
  }
}

export function surveyOf(db: Db, eventId: number, kind: SurveyKind): SurveyRow | undefined {
  return db
    .select()
    .from(surveys)
    .where(and(eq(surveys.eventId, eventId), eq(surveys.kind, kind)))
    .get();
}

export function surveyById(db: Db, id: number): SurveyRow | undefined {
  return db.select().from(surveys).where(eq(surveys.id, id)).get();
}

/** How many people have submitted the survey, whether or not their answers are counted yet. */
export function responseCount(db: Db, surveyId: number): number {
  return (
    db
      .select({ n: count() })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, surveyId), or(isNotNull(surveyResponses.answers), isNotNull(surveyResponses.held))))
      .get()?.n ?? 0
  );
}

/** Submitted answers the results do not count yet: they wait for enough from the same team. */
function heldCount(db: Db, surveyId: number): number {
  return (
    db
      .select({ n: count() })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, surveyId), isNotNull(surveyResponses.held)))
      .get()?.n ?? 0
  );
}

/** Adds the built-in certification quiz, or removes it while nobody has taken it. */
export function setQuizSurvey(db: Db, eventId: number, on: boolean): boolean {
  const existing = surveyOf(db, eventId, 'quiz');
  if (on) {
    if (existing) return false;
    db.insert(surveys).values({ eventId, kind: 'quiz', definition: CERTIFICATION_QUIZ }).run();
    return true;
  }
  if (!existing) return false;
  const taken = responseCount(db, existing.id);
  if (taken > 0)
    throw new InputError(
      `${taken} ${taken === 1 ? 'person has' : 'people have'} taken the certification quiz already, so it stays; cancel its reminders in \`/sko comms\` instead.`,
    );
  db.delete(surveys).where(eq(surveys.id, existing.id)).run();
  return true;
}

/**
 * Replaces a survey's questions with an edited version. Answers already given stay (questions they
 * no longer fit drop out of the results), but a survey answered under a promise of anonymity, or
 * without one, keeps that promise.
 */
export function replaceSurveyDefinition(db: Db, row: SurveyRow, edited: Survey, now: Date): SurveyRow {
  const problems = checkSurvey(edited);
  if (edited.kind !== row.kind)
    problems.unshift(`This is the ${SURVEY_KIND_NAMES[row.kind]}; its kind must stay "${row.kind}" (the file says "${edited.kind}").`);
  const answered = responseCount(db, row.id);
  if (answered > 0 && edited.anonymous !== row.definition.anonymous) {
    problems.push(
      `${answered} ${answered === 1 ? 'person has' : 'people have'} answered this survey as ${row.definition.anonymous ? 'anonymous' : 'named'}; keep "anonymous": ${row.definition.anonymous}.`,
    );
  }
  if (problems.length) throw new InputError(`The survey was not changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return db.update(surveys).set({ definition: edited, updatedAt: now.toISOString() }).where(eq(surveys.id, row.id)).returning().get() as SurveyRow;
}

/** The survey split into modal pages. */
export function surveyPages(survey: Survey): SurveyPage[] {
  return pageSurvey(survey, MODAL_MAX_BLOCKS - MODAL_FRAME_BLOCKS);
}

function keyOf(secret: string, row: SurveyRow, slackUserId: string): string {
  return respondentKey(secret, String(row.id), slackUserId);
}

/** This person's saved answers (and unfinished pages), to fill the modal in again. */
export function earlierAnswers(db: Db, secret: string, row: SurveyRow, slackUserId: string): Answers {
  const found = db
    .select({ answers: surveyResponses.answers, held: surveyResponses.held, draft: surveyResponses.draft })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, row.id), eq(surveyResponses.respondentKey, keyOf(secret, row, slackUserId))))
    .get();
  return { ...(found?.held ?? found?.answers ?? {}), ...(found?.draft ?? {}) };
}

/** Records that the survey reached these people: the response rate counts them, reminders go to those who do not answer. */
export function recordInvitations(db: Db, surveyId: number, personIds: readonly number[], now: Date): void {
  for (const personId of personIds) db.insert(surveyInvitations).values({ surveyId, personId, invitedAt: now.toISOString() }).onConflictDoNothing().run();
}

export function invitedPersonIds(db: Db, surveyId: number): Set<number> {
  return new Set(
    db
      .select({ personId: surveyInvitations.personId })
      .from(surveyInvitations)
      .where(eq(surveyInvitations.surveyId, surveyId))
      .all()
      .map((r) => r.personId),
  );
}

/**
 * Which of these people have answered, from the flags on their invitations. Answers stored before
 * the flags existed are found by each person's keyed hash once, and flagged, so only a database
 * from an earlier version needs the key here.
 */
export function answeredPersonIds(db: Db, secret: string | null, row: SurveyRow, candidates: readonly RosterPerson[]): Set<number> {
  const flagged = () =>
    new Set(
      db
        .select({ personId: surveyInvitations.personId })
        .from(surveyInvitations)
        .where(and(eq(surveyInvitations.surveyId, row.id), eq(surveyInvitations.answered, true)))
        .all()
        .map((r) => r.personId),
    );
  const answered = flagged();
  if (responseCount(db, row.id) <= answered.size) return answered;
  if (secret === null) throw new Error('SURVEY_KEY_SECRET is needed to tell who has answered a survey; set the value the app runs with.');
  const keys = new Set(
    db
      .select({ key: surveyResponses.respondentKey })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, row.id), or(isNotNull(surveyResponses.answers), isNotNull(surveyResponses.held))))
      .all()
      .map((r) => r.key),
  );
  const found = candidates.filter((p) => !answered.has(p.personId) && p.slackUserId !== null && keys.has(keyOf(secret, row, p.slackUserId)));
  for (const p of found) markAnswered(db, row.id, p.personId, null);
  return found.length ? flagged() : answered;
}

/** Flags the person's invitation as answered (inviting them, at `now`, if they answered without one). */
function markAnswered(db: Db, surveyId: number, personId: number, now: Date | null): void {
  if (now)
    db.insert(surveyInvitations)
      .values({ surveyId, personId, invitedAt: now.toISOString(), answered: true })
      .onConflictDoUpdate({ target: [surveyInvitations.surveyId, surveyInvitations.personId], set: { answered: true } })
      .run();
  else
    db.update(surveyInvitations)
      .set({ answered: true })
      .where(and(eq(surveyInvitations.surveyId, surveyId), eq(surveyInvitations.personId, personId)))
      .run();
}

/** A row id that says nothing of when the row was written: 48 random bits, so collisions need millions of answers. */
function randomRowId(): number {
  return randomInt(1, 2 ** 48);
}

/** Counts the held answers of every team that now has at least 5 waiting, all at once. */
function releaseHeldAnswers(db: Db, surveyId: number): void {
  const held = db
    .select({ id: surveyResponses.id, group: surveyResponses.heldGroup })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), isNotNull(surveyResponses.held)))
    .all();
  const ids = answersToRelease(held);
  if (!ids.length) return;
  db.$client
    .prepare(
      `UPDATE survey_responses SET answers = held, group_label = held_group, held = NULL, held_group = NULL
       WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .run(JSON.stringify(ids));
}

export type PageOutcome =
  | { kind: 'errors'; errors: Record<string, string> }
  | { kind: 'next'; page: SurveyPage; answers: Answers }
  | { kind: 'done'; grade: QuizGrade | null; replaced: boolean };

/**
 * Saves one submitted page. A page with a missing or out-of-range answer stores nothing. Earlier
 * pages wait as a draft; the last page turns the draft into the person's answers, replacing any
 * they gave before. An anonymous survey stores the keyed hash and `group`, never the person.
 */
export function submitSurveyPage(
  db: Db,
  secret: string,
  input: {
    row: SurveyRow;
    person: RosterPerson & { slackUserId: string };
    group: string | null;
    pageNumber: number;
    raw: Readonly<Record<string, unknown>>;
    now: Date;
  },
): PageOutcome {
  const { row, person } = input;
  const survey = row.definition;
  const pages = surveyPages(survey);
  const page = pages[input.pageNumber - 1];
  if (!page) throw new InputError('This survey has changed since you opened it; open it again from its message.');
  const checked = validateAnswers({ ...survey, questions: page.questions }, input.raw);
  if (!checked.ok) return { kind: 'errors', errors: checked.errors };

  return db.transaction(() => {
    const key = keyOf(secret, row, person.slackUserId);
    const where = and(eq(surveyResponses.surveyId, row.id), eq(surveyResponses.respondentKey, key));
    const stored = db.select().from(surveyResponses).where(where).get();
    // A first page starts afresh, so an answer cleared on a second go is cleared for good.
    const merged = { ...(input.pageNumber === 1 ? {} : (stored?.draft ?? {})), ...checked.answers };
    const next = pages[input.pageNumber];
    if (next) {
      db.insert(surveyResponses)
        .values({ id: randomRowId(), surveyId: row.id, respondentKey: key, draft: merged })
        .onConflictDoUpdate({ target: [surveyResponses.surveyId, surveyResponses.respondentKey], set: { draft: merged } })
        .run();
      return { kind: 'next' as const, page: next, answers: { ...(stored?.held ?? stored?.answers ?? {}), ...merged } };
    }
    const whole = validateAnswers(survey, merged);
    if (!whole.ok) throw new InputError('Some answers from an earlier page were lost; open the survey again from its message.');
    // A named survey is counted at once; an anonymous one waits for a batch, its earlier answers counted meanwhile.
    const saved = survey.anonymous
      ? { held: whole.answers, heldGroup: input.group, draft: null, personId: null }
      : { answers: whole.answers, groupLabel: input.group, draft: null, personId: person.personId };
    db.insert(surveyResponses)
      .values({ id: randomRowId(), surveyId: row.id, respondentKey: key, ...saved })
      .onConflictDoUpdate({ target: [surveyResponses.surveyId, surveyResponses.respondentKey], set: saved })
      .run();
    markAnswered(db, row.id, person.personId, input.now);
    if (survey.anonymous) releaseHeldAnswers(db, row.id);
    return {
      kind: 'done' as const,
      grade: survey.kind === 'quiz' ? gradeQuiz(survey, whole.answers) : null,
      replaced: stored?.answers != null || stored?.held != null,
    };
  });
}

/** The answers as results read them: keyed hashes for an anonymous survey, Slack ids for a named one. */
function surveyResponsesOf(db: Db, row: SurveyRow): SurveyResponse[] {
  return db
    .select({ key: surveyResponses.respondentKey, slackUserId: people.slackUserId, group: surveyResponses.groupLabel, answers: surveyResponses.answers })
    .from(surveyResponses)
    .leftJoin(people, eq(people.id, surveyResponses.personId))
    .where(and(eq(surveyResponses.surveyId, row.id), isNotNull(surveyResponses.answers)))
    .orderBy(asc(surveyResponses.respondentKey))
    .all()
    .map((r) => ({
      respondent: row.definition.anonymous ? r.key : (r.slackUserId ?? r.key),
      group: r.group,
      answers: r.answers ?? {},
    }));
}

export function summaryOf(db: Db, row: SurveyRow): SurveySummary {
  const invited = db.select({ n: count() }).from(surveyInvitations).where(eq(surveyInvitations.surveyId, row.id)).get()?.n ?? 0;
  return summarizeSurvey(row.definition, surveyResponsesOf(db, row), invited);
}

export interface SurveyResults {
  row: SurveyRow;
  summary: SurveySummary;
  metrics: SeedMetric[];
  /** Answers given but not counted yet (see releaseHeldAnswers). */
  held: number;
}

/** One survey's results beside the seed metrics, which read all three surveys of the event. */
export function surveyResults(db: Db, eventId: number, kind: SurveyKind): SurveyResults {
  const row = surveyOf(db, eventId, kind);
  if (!row)
    throw new NotFoundError(
      kind === 'quiz'
        ? 'This SKO has no certification quiz. The communications lead can add one with `/sko survey quiz on`.'
        : `This SKO has no ${SURVEY_KIND_NAMES[kind]}.`,
    );
  const summary = summaryOf(db, row);
  return { row, summary, metrics: eventSeedMetrics(db, eventId, { [kind]: summary }), held: heldCount(db, row.id) };
}

/**
 * The survey-measured seed metrics of PRODUCT §5; a survey nobody has answered counts as not
 * measured. `known` holds summaries the caller has already made, since each reads every answer.
 */
export function eventSeedMetrics(db: Db, eventId: number, known: Partial<Record<SurveyKind, SurveySummary>> = {}): SeedMetric[] {
  const answered = (kind: SurveyKind) => {
    const summary = known[kind];
    if (summary) return summary.responses > 0 ? summary : null;
    const row = surveyOf(db, eventId, kind);
    const counted = row ? summaryOf(db, row) : null;
    return counted && counted.responses > 0 ? counted : null;
  };
  return seedMetrics(answered('pre'), answered('post'), answered('quiz'));
}

/** The answers as CSV, with keyed hashes in place of people for an anonymous survey. */
export function surveyCsv(db: Db, row: SurveyRow): string {
  return surveyAnswersCsv(row.definition, surveyResponsesOf(db, row), { anonymous: row.definition.anonymous });
}
