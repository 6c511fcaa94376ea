import { schedule } from '../../db/schema.js';
import { findDue } from '../../src/services/delivery/schedule.js';
import { createTestDb } from '../support/test-db.js';
import { type LatencySummary, ms, summarize } from './stats.js';

const ROWS = 100_000;
const DUE_NOW = 40;
const RUNS = 5_000;
const NOW = new Date('2027-03-01T14:00:00Z');

export interface DispatchQueryResult {
  app: LatencySummary;
  sqlite: LatencySummary;
  ratioP50: number;
  found: number;
  plan: string;
}

/**
 * The dispatcher's question, "what is due?", over 100,000 schedule rows: 60,000 done (history),
 * 39,960 pending in the future and 40 due now. findDue() as the app runs it, beside the same SQL
 * prepared directly on better-sqlite3, in alternating rounds.
 */
export async function benchDispatchQuery(): Promise<DispatchQueryResult> {
  const testDb = createTestDb();
  try {
    const { db } = testDb;
    const hour = 3_600_000;
    db.transaction(() => {
      for (let i = 0; i < ROWS; i += 1) {
        const done = i < 60_000;
        const due = !done && i >= ROWS - DUE_NOW;
        const at = done ? NOW.getTime() - ((i + 1) * hour) / 10 : due ? NOW.getTime() - (ROWS - i) * 60_000 : NOW.getTime() + ((i - 59_999) * hour) / 10;
        db.insert(schedule)
          .values({ key: `bench:${i}`, kind: 'week-start', payload: { week: 1 }, dueAt: new Date(at).toISOString(), status: done ? 'done' : 'pending' })
          .run();
      }
    });
    const sql = 'SELECT * FROM schedule WHERE status = ? AND due_at <= ? ORDER BY due_at, id LIMIT ?';
    const raw = db.$client.prepare(sql);
    const plan = (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('pending', NOW.toISOString(), 100) as { detail: string }[])
      .map((r) => r.detail)
      .join('; ');
    const found = findDue(db, NOW, 100).length;
    if (found !== DUE_NOW || raw.all('pending', NOW.toISOString(), 100).length !== DUE_NOW) throw new Error('the two queries disagree on what is due');

    const appSamples: number[] = [];
    const rawSamples: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      for (let i = 0; i < RUNS / 10; i += 1) {
        let t = performance.now();
        findDue(db, NOW, 100);
        appSamples.push(performance.now() - t);
        t = performance.now();
        raw.all('pending', NOW.toISOString(), 100);
        rawSamples.push(performance.now() - t);
      }
    }
    const app = summarize(appSamples);
    const sqlite = summarize(rawSamples);
    return { app, sqlite, ratioP50: app.p50 / sqlite.p50, found, plan };
  } finally {
    testDb.close();
  }
}

export function reportDispatchQuery(r: DispatchQueryResult): string {
  return [
    `Dispatcher: finding the ${r.found} due rows among ${ROWS.toLocaleString('en-US')} schedule rows, ${r.app.n} times each:`,
    `  findDue()          p50 ${ms(r.app.p50)}   p99 ${ms(r.app.p99)}`,
    `  same SQL, direct   p50 ${ms(r.sqlite.p50)}   p99 ${ms(r.sqlite.p99)}`,
    `  ratio at p50: ${r.ratioP50.toFixed(2)}× · SQLite's plan: ${r.plan}`,
  ].join('\n');
}
