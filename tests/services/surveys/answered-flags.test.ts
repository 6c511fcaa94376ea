import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SurveyRow, surveyInvitations } from '../../../db/schema.js';
import { eventRoster } from '../../../src/services/people/people.js';
import { saveSetup } from '../../../src/services/plan/setup.js';
import { answeredPersonIds, recordInvitations, surveyOf } from '../../../src/services/surveys/surveys.js';
import { addPeople, setupInput, U } from '../../support/builders.js';
import { SURVEY_KEY } from '../../support/test-app.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

const REPS = [
  { slackUserId: 'UAVA00001', name: 'Ava Hart', team: 'North' },
  { slackUserId: 'UBEN00001', name: 'Ben Cole', team: 'North' },
];

let testDb: TestDb;
let row: SurveyRow;

/** An answer row as a version before the flags stored it: keyed, counted, and no flag on the invitation. */
function storeAnswerWithoutFlag(slackUserId: string): void {
  const key = createHmac('sha256', SURVEY_KEY)
    .update(JSON.stringify([String(row.id), slackUserId]))
    .digest('hex');
  testDb.db.$client
    .prepare('INSERT INTO survey_responses (id, survey_id, respondent_key, answers) VALUES (?, ?, ?, ?)')
    .run(7_000_001, row.id, key, JSON.stringify({ clarity: 'yes' }));
}

beforeEach(() => {
  testDb = createTestDb();
  const { event } = saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
  addPeople(testDb.db, REPS);
  row = surveyOf(testDb.db, event.id, 'pre') as SurveyRow;
  const ids = eventRoster(testDb.db, event.id)
    .filter((p) => REPS.some((r) => r.slackUserId === p.slackUserId))
    .map((p) => p.personId);
  recordInvitations(testDb.db, row.id, ids, new Date('2027-01-05T15:00:00Z'));
});
afterEach(() => testDb.close());

describe('who has answered, in a database from before the answered flags', () => {
  it('finds the earlier answer by its keyed hash once, and flags it so the key is not needed again', () => {
    storeAnswerWithoutFlag('UAVA00001');
    const roster = eventRoster(testDb.db, row.eventId);
    const ava = roster.find((p) => p.slackUserId === 'UAVA00001')?.personId;
    expect([...answeredPersonIds(testDb.db, SURVEY_KEY, row, roster)]).toEqual([ava]);
    const flagged = testDb.db
      .select()
      .from(surveyInvitations)
      .all()
      .filter((i) => i.answered);
    expect(flagged.map((i) => i.personId)).toEqual([ava]);
    expect([...answeredPersonIds(testDb.db, null, row, roster)]).toEqual([ava]);
  });

  it('says which setting it needs when only the key can tell, and flags nobody', () => {
    storeAnswerWithoutFlag('UBEN00001');
    const roster = eventRoster(testDb.db, row.eventId);
    expect(() => answeredPersonIds(testDb.db, null, row, roster)).toThrow('SURVEY_KEY_SECRET is needed to tell who has answered a survey');
    expect(
      testDb.db
        .select()
        .from(surveyInvitations)
        .all()
        .filter((i) => i.answered),
    ).toEqual([]);
  });

  it('needs no key when nobody has answered', () => {
    expect(answeredPersonIds(testDb.db, null, row, eventRoster(testDb.db, row.eventId)).size).toBe(0);
  });
});
