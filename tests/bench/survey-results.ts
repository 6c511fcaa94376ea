import { eq } from 'drizzle-orm';
import { people, surveyInvitations, surveyResponses } from '../../db/schema.js';
import { respondentKey } from '../../src/domain/surveys/anonymity.js';
import { buildPostEventSurvey } from '../../src/domain/surveys/built-in.js';
import { eventRoster } from '../../src/services/people/people.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { answeredPersonIds, replaceSurveyDefinition, surveyOf, surveyResults } from '../../src/services/surveys/surveys.js';
import { buildSurveyResultsMessage } from '../../views/surveys/results.js';
import { setupInput, U } from '../support/builders.js';
import { createTestDb } from '../support/test-db.js';
import { type LatencySummary, ms, summarize } from './stats.js';

const INVITED = 5_000;
const ANSWERED = 4_000;
const TEAMS = 50;
const SESSIONS = 12;
const RUNS = 40;
const KEY = 'bench-survey-key-0123456789abcdef';

export interface SurveyResultsBench {
  results: LatencySummary;
  readRows: LatencySummary;
  answered: LatencySummary;
  readKeys: LatencySummary;
  blocks: number;
}

/**
 * A 5,000-person SKO, 4,000 of whom answered the anonymous post-event survey (19 questions, 12 of
 * them session ratings): `/sko survey results post`'s work (every figure, every team, the seed
 * metrics, the Block Kit) beside merely reading and parsing the answer rows; and the reminders'
 * question "who has answered?", 5,000 keyed hashes, beside reading the stored keys.
 */
export async function benchSurveyResults(): Promise<SurveyResultsBench> {
  const testDb = createTestDb();
  try {
    const { db } = testDb;
    const now = new Date('2026-11-20T15:00:00Z');
    const event = saveSetup(db, setupInput(), U.dana, now, null).event;
    const post = surveyOf(db, event.id, 'post');
    if (!post) throw new Error('no post-event survey');
    const sessions = Array.from({ length: SESSIONS }, (_, i) => ({ id: `s${i + 1}`, title: `Session ${i + 1}` }));
    const row = replaceSurveyDefinition(db, post, buildPostEventSurvey(sessions), now);
    db.transaction(() => {
      for (let i = 0; i < INVITED; i += 1) {
        const person = db
          .insert(people)
          .values({ slackUserId: `UBENCH${String(i).padStart(5, '0')}`, name: `Rep ${i}`, team: `Team ${i % TEAMS}` })
          .returning()
          .get();
        db.insert(surveyInvitations).values({ surveyId: row.id, personId: person.id, invitedAt: now.toISOString() }).run();
        if (i >= ANSWERED) continue;
        const answers: Record<string, number | string> = {
          satisfaction: 1 + (i % 5),
          logistics: 1 + ((i * 3) % 5),
          clarity: ['yes', 'somewhat', 'no'][i % 3] as string,
          'territory-quota': i % 4 === 0 ? 'somewhat' : 'yes',
          confidence: 1 + ((i * 7) % 5),
          motivation: 1 + ((i * 11) % 5),
        };
        for (const s of sessions) if ((i + Number(s.id.slice(1))) % 3 !== 0) answers[`session-${s.id}`] = 1 + ((i + Number(s.id.slice(1))) % 5);
        if (i % 50 === 0) answers.improve = `Idea number ${i}`;
        db.insert(surveyResponses)
          .values({
            surveyId: row.id,
            respondentKey: respondentKey(KEY, String(row.id), `UBENCH${String(i).padStart(5, '0')}`),
            groupLabel: `Team ${i % TEAMS}`,
            answers,
          })
          .run();
      }
    });
    const invited = eventRoster(db, event.id).filter((p) => p.slackUserId?.startsWith('UBENCH'));
    const raw = db.$client.prepare('SELECT answers FROM survey_responses WHERE survey_id = ? AND answers IS NOT NULL');
    const keys = db.$client.prepare('SELECT respondent_key FROM survey_responses WHERE survey_id = ? AND answers IS NOT NULL');

    let blocks = 0;
    const samples = { results: [] as number[], readRows: [] as number[], answered: [] as number[], readKeys: [] as number[] };
    for (let run = 0; run < RUNS; run += 1) {
      let t = performance.now();
      blocks = buildSurveyResultsMessage(surveyResults(db, event.id, 'post')).blocks.length;
      samples.results.push(performance.now() - t);
      t = performance.now();
      for (const r of raw.all(row.id) as { answers: string }[]) JSON.parse(r.answers);
      samples.readRows.push(performance.now() - t);
      t = performance.now();
      const found = answeredPersonIds(db, KEY, row, invited).size;
      samples.answered.push(performance.now() - t);
      if (found !== ANSWERED) throw new Error(`found ${found} who answered, expected ${ANSWERED}`);
      t = performance.now();
      new Set((keys.all(row.id) as { respondent_key: string }[]).map((r) => r.respondent_key));
      samples.readKeys.push(performance.now() - t);
    }
    if (db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, row.id)).all().length !== ANSWERED)
      throw new Error('the answers were not all stored');
    return {
      results: summarize(samples.results),
      readRows: summarize(samples.readRows),
      answered: summarize(samples.answered),
      readKeys: summarize(samples.readKeys),
      blocks,
    };
  } finally {
    testDb.close();
  }
}

export function reportSurveyResults(r: SurveyResultsBench): string {
  return [
    `Survey results: ${ANSWERED.toLocaleString('en-US')} anonymous answers of ${INVITED.toLocaleString('en-US')} invited, ${TEAMS} teams, ${SESSIONS} sessions, ${r.results.n} runs each:`,
    `  /sko survey results post (figures, teams, seed metrics, ${r.blocks} blocks)   p50 ${ms(r.results.p50)}   p99 ${ms(r.results.p99)}`,
    `  reading and parsing the answer rows only              p50 ${ms(r.readRows.p50)}   p99 ${ms(r.readRows.p99)}`,
    `  ratio at p50: ${(r.results.p50 / r.readRows.p50).toFixed(2)}×`,
    `  who has answered (5,000 keyed hashes), for reminders  p50 ${ms(r.answered.p50)}   p99 ${ms(r.answered.p99)}`,
    `  reading the stored keys only                          p50 ${ms(r.readKeys.p50)}   p99 ${ms(r.readKeys.p99)}`,
    `  ratio at p50: ${(r.answered.p50 / r.readKeys.p50).toFixed(2)}×`,
  ].join('\n');
}
