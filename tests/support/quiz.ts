import { type EventRow, rsvps, type SurveyRow } from '../../db/schema.js';
import type { RosterPerson, RsvpAnswer } from '../../src/domain/comms/audience.js';
import { eventRoster } from '../../src/services/people/people.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { setQuizSurvey, submitSurveyPage, surveyOf } from '../../src/services/surveys/surveys.js';
import { addPeople, setupInput, U } from './builders.js';
import { SURVEY_KEY } from './test-app.js';
import { createTestDb, type TestDb } from './test-db.js';

/** Answers to the built-in certification quiz (src/domain/surveys/built-in.ts), question by question. */
const RIGHT: Record<string, string | string[]> = {
  'pipeline-review': 'advance',
  standards: ['discovery', 'qualification', 'account-planning', 'deal-progression'],
  'one-on-ones': 'behaviour',
  narrative: 'shared',
  'next-step': 'stalled',
};
const WRONG: Record<string, string | string[]> = {
  'pipeline-review': 'close-date',
  standards: ['discovery', 'qualification', 'account-planning', 'deal-progression', 'swag'],
  'one-on-ones': 'forecast',
  narrative: 'deck',
  'next-step': 'on-track',
};

/** The quiz answered with its first `right` questions right and the rest wrong (five questions; 4 right passes). */
export function quizAnswers(right: number): Record<string, string | string[]> {
  return Object.fromEntries(Object.keys(RIGHT).map((id, i) => [id, (i < right ? RIGHT : WRONG)[id] as string | string[]]));
}

/** Five reps, on the roster with Slack accounts: North (Ava, Ben, Cy) and South (Di, Ed). */
export const QUIZ_REPS = [
  { slackUserId: 'UAVA00001', name: 'Ava Hart', team: 'North', email: 'ava@example.com' },
  { slackUserId: 'UBEN00001', name: 'Ben Cole', team: 'North', email: 'ben@example.com' },
  { slackUserId: 'UCY000001', name: 'Cy Lund', team: 'North', email: 'cy@example.com' },
  { slackUserId: 'UDI000001', name: 'Di Moss', team: 'South', email: 'di@example.com' },
  { slackUserId: 'UED000001', name: 'Ed Park', team: 'South', email: 'ed@example.com' },
] as const;

export interface QuizEvent {
  testDb: TestDb;
  event: EventRow;
  rsvp(slackUserId: string, answer: RsvpAnswer): void;
  /** Stores `right` of 5 right as the person's answers, as the last page of the quiz modal does. */
  take(slackUserId: string, right: number): void;
}

/** A fresh database with the FY27 SKO set up (planned 20 Nov 2026), the five reps on its roster, and no RSVPs. */
export function quizEvent(options: { quiz: boolean }): QuizEvent {
  const testDb = createTestDb();
  const { event } = saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
  addPeople(testDb.db, QUIZ_REPS);
  if (options.quiz) setQuizSurvey(testDb.db, event.id, true);
  const personOf = (slackUserId: string) =>
    eventRoster(testDb.db, event.id).find((p) => p.slackUserId === slackUserId) as RosterPerson & { slackUserId: string };
  return {
    testDb,
    event,
    rsvp(slackUserId, answer) {
      testDb.db
        .insert(rsvps)
        .values({ eventId: event.id, personId: personOf(slackUserId).personId, answer, answeredAt: '2027-01-06T15:00:00.000Z' })
        .run();
    },
    take(slackUserId, right) {
      const person = personOf(slackUserId);
      const row = surveyOf(testDb.db, event.id, 'quiz') as SurveyRow;
      const outcome = submitSurveyPage(testDb.db, SURVEY_KEY, {
        row,
        person,
        group: person.team,
        pageNumber: 1,
        raw: quizAnswers(right),
        now: new Date('2027-01-06T15:00:00Z'),
      });
      if (outcome.kind !== 'done') throw new Error(`${slackUserId}'s quiz was refused: ${JSON.stringify(outcome)}`);
    },
  };
}
