import { eq } from 'drizzle-orm';
import { people, rsvps, surveyResponses } from '../../db/schema.js';
import { respondentKey } from '../../src/domain/surveys/anonymity.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { certificationFor, certificationForReader } from '../../src/services/surveys/certification.js';
import { setQuizSurvey, surveyOf } from '../../src/services/surveys/surveys.js';
import { buildCertificationMessage } from '../../views/surveys/certification-message.js';
import { setupInput, U } from '../support/builders.js';
import { quizAnswers } from '../support/quiz.js';
import { createTestDb } from '../support/test-db.js';
import { type LatencySummary, ms, summarize } from './stats.js';

const ATTENDING = 5_000;
const TAKEN = 4_000;
const TEAM_SIZE = 100;
const RUNS = 30;
const KEY = 'bench-survey-key-0123456789abcdef';

export interface CertificationBench {
  everyone: LatencySummary;
  manager: LatencySummary;
  readRows: LatencySummary;
}

/**
 * A 5,000-person SKO, all attending, 4,000 of whom took the certification quiz, in teams of 100
 * under a manager: `/sko certification` as a leader (grade every answer, everyone by name, the
 * Block Kit) and as a manager (their organisation only), beside merely reading and parsing the
 * quiz's answer rows.
 */
export async function benchCertification(): Promise<CertificationBench> {
  const testDb = createTestDb();
  try {
    const { db } = testDb;
    const now = new Date('2026-11-20T15:00:00Z');
    const event = saveSetup(db, setupInput(), U.dana, now, null).event;
    setQuizSurvey(db, event.id, true);
    const quiz = surveyOf(db, event.id, 'quiz');
    if (!quiz) throw new Error('no quiz');
    let managerSlackId = '';
    db.transaction(() => {
      let managerId: number | null = null;
      for (let i = 0; i < ATTENDING; i += 1) {
        const slackUserId = `UBENCH${String(i).padStart(5, '0')}`;
        const lead = i % TEAM_SIZE === 0;
        const person = db
          .insert(people)
          .values({
            slackUserId,
            name: `Rep ${i}`,
            team: `Team ${Math.floor(i / TEAM_SIZE)}`,
            role: lead ? 'manager' : 'rep',
            managerId: lead ? null : managerId,
          })
          .returning()
          .get();
        if (lead) {
          managerId = person.id;
          managerSlackId ||= slackUserId;
        }
        db.insert(rsvps).values({ eventId: event.id, personId: person.id, answer: 'attending', answeredAt: now.toISOString() }).run();
        if (i >= TAKEN) continue;
        db.insert(surveyResponses)
          .values({
            surveyId: quiz.id,
            respondentKey: respondentKey(KEY, String(quiz.id), slackUserId),
            personId: person.id,
            groupLabel: person.team,
            answers: quizAnswers(2 + (i % 4)),
          })
          .run();
      }
    });
    const raw = db.$client.prepare('SELECT answers FROM survey_responses WHERE survey_id = ? AND answers IS NOT NULL');

    const samples = { everyone: [] as number[], manager: [] as number[], readRows: [] as number[] };
    for (let run = 0; run < RUNS; run += 1) {
      let t = performance.now();
      const all = certificationFor(db, event, '2027-02-12');
      buildCertificationMessage(all);
      samples.everyone.push(performance.now() - t);
      if (all.overall?.expected !== ATTENDING || all.overall.passed + all.overall.failed !== TAKEN)
        throw new Error(`unexpected figures: ${JSON.stringify(all.overall)}`);
      t = performance.now();
      const mine = certificationForReader(db, event, managerSlackId, '2027-02-12');
      buildCertificationMessage(mine);
      samples.manager.push(performance.now() - t);
      if (mine.people?.expected !== TEAM_SIZE) throw new Error(`the manager saw ${mine.people?.expected} people, not ${TEAM_SIZE}`);
      t = performance.now();
      for (const r of raw.all(quiz.id) as { answers: string }[]) JSON.parse(r.answers);
      samples.readRows.push(performance.now() - t);
    }
    if (db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, quiz.id)).all().length !== TAKEN)
      throw new Error('the answers were not all stored');
    return { everyone: summarize(samples.everyone), manager: summarize(samples.manager), readRows: summarize(samples.readRows) };
  } finally {
    testDb.close();
  }
}

export function reportCertification(r: CertificationBench): string {
  return [
    `Certification: ${TAKEN.toLocaleString('en-US')} quiz answers of ${ATTENDING.toLocaleString('en-US')} attending, teams of ${TEAM_SIZE}, ${r.everyone.n} runs each:`,
    `  /sko certification as a leader (grade all, everyone by name)  p50 ${ms(r.everyone.p50)}   p99 ${ms(r.everyone.p99)}`,
    `  /sko certification as a manager (their team of ${TEAM_SIZE})         p50 ${ms(r.manager.p50)}   p99 ${ms(r.manager.p99)}`,
    `  reading and parsing the answer rows only                      p50 ${ms(r.readRows.p50)}   p99 ${ms(r.readRows.p99)}`,
    `  ratio at p50: leader ${(r.everyone.p50 / r.readRows.p50).toFixed(2)}×, manager ${(r.manager.p50 / r.readRows.p50).toFixed(2)}×`,
  ].join('\n');
}
