import { agendaSessions, surveyResponses } from '../../db/schema.js';
import { respondentKey } from '../../src/domain/surveys/anonymity.js';
import { followAgenda, refreshSessionRatings } from '../../src/services/agenda/ratings.js';
import { addSession } from '../../src/services/agenda/sessions.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { surveyOf } from '../../src/services/surveys/surveys.js';
import { setupInput, U } from '../support/builders.js';
import { createTestDb } from '../support/test-db.js';
import { type LatencySummary, ms, summarize } from './stats.js';

const ANSWERED = 4_000;
const SESSIONS = 12;
const RUNS = 40;
const KEY = 'bench-survey-key-0123456789abcdef';

export interface SessionRatingsBench {
  refresh: LatencySummary;
  readRows: LatencySummary;
}

/**
 * What each post-event answer now costs on top of saving it: every session's ratings recomputed
 * over 4,000 anonymous answers (12 sessions, two in three rated by each person), beside merely
 * reading and parsing those answer rows, the least a recount in the application could do.
 */
export async function benchSessionRatings(): Promise<SessionRatingsBench> {
  const testDb = createTestDb();
  try {
    const { db } = testDb;
    const now = new Date('2026-11-20T15:00:00Z');
    const event = saveSetup(db, setupInput(), U.dana, now, null).event;
    const ids = Array.from({ length: SESSIONS }, (_, i) => {
      const added = addSession(db, event, {
        day: 1 + (i % 3),
        start: `${String(8 + Math.floor(i / 3)).padStart(2, '0')}:00`,
        end: `${String(9 + Math.floor(i / 3)).padStart(2, '0')}:00`,
        title: `Session ${i + 1}`,
        kind: 'training',
        format: 'workshop',
      });
      if (!added.ok) throw new Error(JSON.stringify(added.errors));
      return added.session.id;
    });
    followAgenda(db, event, now);
    const row = surveyOf(db, event.id, 'post');
    if (!row) throw new Error('no post-event survey');
    db.transaction(() => {
      for (let i = 0; i < ANSWERED; i += 1) {
        const answers: Record<string, number | string> = {
          satisfaction: 4,
          logistics: 4,
          clarity: 'yes',
          'territory-quota': 'yes',
          confidence: 4,
          motivation: 4,
        };
        ids.forEach((id, k) => {
          if ((i + k) % 3 !== 0) answers[`session-${id}`] = 1 + ((i + k) % 5);
        });
        db.insert(surveyResponses)
          .values({ surveyId: row.id, respondentKey: respondentKey(KEY, String(row.id), `UBENCH${String(i).padStart(5, '0')}`), answers })
          .run();
      }
    });
    const raw = db.$client.prepare('SELECT answers FROM survey_responses WHERE survey_id = ? AND answers IS NOT NULL');
    const samples = { refresh: [] as number[], readRows: [] as number[] };
    for (let run = 0; run < RUNS; run += 1) {
      let t = performance.now();
      refreshSessionRatings(db, row);
      samples.refresh.push(performance.now() - t);
      t = performance.now();
      for (const r of raw.all(row.id) as { answers: string }[]) JSON.parse(r.answers);
      samples.readRows.push(performance.now() - t);
    }
    const counts = db
      .select({ ratingCount: agendaSessions.ratingCount })
      .from(agendaSessions)
      .all()
      .map((r) => r.ratingCount);
    // Two in three of 4,000 rate each session: 2,666 or 2,667 depending on where the pattern starts.
    if (counts.some((c) => c < 2_666 || c > 2_667)) throw new Error(`unexpected rating counts ${counts.join(', ')}`);
    return { refresh: summarize(samples.refresh), readRows: summarize(samples.readRows) };
  } finally {
    testDb.close();
  }
}

export function reportSessionRatings(r: SessionRatingsBench): string {
  return [
    `Session ratings after each post-event answer: ${ANSWERED.toLocaleString('en-US')} anonymous answers, ${SESSIONS} sessions, ${r.refresh.n} runs each:`,
    `  every session's ratings recomputed and stored   p50 ${ms(r.refresh.p50)}   p99 ${ms(r.refresh.p99)}`,
    `  reading and parsing the answer rows only        p50 ${ms(r.readRows.p50)}   p99 ${ms(r.readRows.p99)}`,
    `  ratio at p50: ${(r.refresh.p50 / r.readRows.p50).toFixed(2)}×`,
  ].join('\n');
}
