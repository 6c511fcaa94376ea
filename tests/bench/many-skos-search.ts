import type { Db } from '../../db/client.js';
import { settleCombined } from '../../src/services/delivery/combine.js';
import { findDue, nextWakeAt, readersLeadMs } from '../../src/services/delivery/schedule.js';
import { holdMissedDms } from '../../src/services/delivery/send-times.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { seedSkos } from './many-skos-seed.js';
import { type LatencySummary, ms, summarize } from './stats.js';

const MANY = 10;
/** Every attendee has had this many DMs already: the outbox's history. */
const SENT_PER_ATTENDEE = 4;
const RUNS = 2_000;
/** A Monday afternoon in the thick of every plan: week 4 of the earliest SKO. */
const NOW = new Date('2027-01-11T14:00:00Z');

/** The steps of the dispatcher's search, each as the app runs it on every tick. */
const STEPS = {
  'combined DMs to settle': (db: Db) => settleCombined(db),
  'DMs missed in downtime': (db: Db) => holdMissedDms(db, NOW),
  'due schedule rows': (db: Db) => findDue(db, NOW, 100, readersLeadMs(db, NOW)),
  'new outbox rows': (db: Db) => newRows(db).all(),
  'next wake-up': (db: Db) => nextWakeAt(db, NOW),
} as const;
type Step = keyof typeof STEPS;

const newRowsQueries = new WeakMap<Db, { all(): unknown[] }>();
/**
 * The outbox's own question on each drain (its pendingQuery, src/services/delivery/outbox.ts):
 * pending rows after the last one it already holds in memory, here the newest row.
 */
function newRows(db: Db): { all(): unknown[] } {
  let query = newRowsQueries.get(db);
  if (!query) {
    const statement = db.$client.prepare("SELECT * FROM outbox WHERE status = 'pending' AND id > ? ORDER BY id LIMIT 500");
    const after = db.$client.prepare('SELECT max(id) FROM outbox').pluck().get();
    query = { all: () => statement.all(after) };
    newRowsQueries.set(db, query);
  }
  return query;
}

export interface ManySkosSearchResult {
  one: Record<Step, LatencySummary>;
  many: Record<Step, LatencySummary>;
  oneTotal: LatencySummary;
  manyTotal: LatencySummary;
  ratio: number;
  found: { one: number; many: number };
  rows: { one: number; many: number };
}

/**
 * Each SKO's state on a Monday afternoon: what was due dispatched, four DMs already
 * sent to each attendee, and a wave of DMs waiting in the outbox for each reader's own hour.
 */
function seedState(count: number): TestDb {
  const testDb = createTestDb();
  const { db } = testDb;
  const skos = seedSkos(db, count);
  const c = db.$client;
  // Everything the dispatcher has looked at by now is done, but for one row of the first SKO, due now: the same work in both databases.
  const early = new Date(NOW.getTime() + readersLeadMs(db, NOW)).toISOString();
  c.prepare("UPDATE schedule SET status = 'done', dispatched_at = due_at WHERE due_at <= ?").run(early);
  c.prepare("UPDATE schedule SET due_at = ? WHERE id = (SELECT id FROM schedule WHERE event_id = ? AND status = 'pending' ORDER BY due_at, id LIMIT 1)").run(
    NOW.toISOString(),
    skos[0]?.id,
  );
  const insert = c.prepare(
    'INSERT INTO outbox (key, event_id, kind, label, channel, text, status, attempts, not_before, sent_at, slack_channel, slack_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const hour = 3_600_000;
  c.transaction(() => {
    for (const sko of skos)
      sko.users.forEach((user, i) => {
        for (let n = 0; n < SENT_PER_ATTENDEE; n += 1) {
          const at = new Date(NOW.getTime() - (n + 1) * 7 * 24 * hour + i * 100).toISOString();
          insert.run(`history:${sko.id}:${n}:${user}`, sko.id, 'week-start', 'week tasks', user, 'Your tasks', 'sent', 1, at, at, `D${user}`, '1.1');
        }
        const waiting = new Date(NOW.getTime() + ((i % 12) + 1) * hour).toISOString();
        insert.run(`wave:${sko.id}:${user}`, sko.id, 'week-start', 'week tasks', user, 'Your tasks', 'pending', 0, waiting, null, null, null);
      });
  })();
  c.pragma('optimize');
  return testDb;
}

function timeRound(db: Db, samples: Record<Step, number[]>, totals: number[]): void {
  let total = 0;
  for (const [step, run] of Object.entries(STEPS) as [Step, (db: Db) => unknown][]) {
    const started = performance.now();
    run(db);
    const took = performance.now() - started;
    samples[step].push(took);
    total += took;
  }
  totals.push(total);
}

const emptySamples = () => Object.fromEntries(Object.keys(STEPS).map((s) => [s, [] as number[]])) as Record<Step, number[]>;
const summaries = (samples: Record<Step, number[]>) =>
  Object.fromEntries(Object.entries(samples).map(([s, v]) => [s, summarize(v)])) as Record<Step, LatencySummary>;
const outboxRows = (db: Db) => db.$client.prepare('SELECT count(*) FROM outbox').pluck().get() as number;

/**
 * Issue 12's done-when: the dispatcher's search for due work (every step of a tick that looks for
 * work: combined DMs to settle, DMs missed during downtime, due schedule rows, new outbox rows, the
 * next moment to wake) over ten regional SKOs of 5,000 attendees each in one database, against the
 * same search over one such SKO, in alternating rounds of the same run. The same work is due in
 * both (one row); what grows tenfold is everything that is not: people, history, waiting DMs.
 */
export async function benchManySkosSearch(): Promise<ManySkosSearchResult> {
  const one = seedState(1);
  const many = seedState(MANY);
  try {
    const samples = { one: emptySamples(), many: emptySamples() };
    const totals = { one: [] as number[], many: [] as number[] };
    for (let i = 0; i < RUNS; i += 1) {
      timeRound(one.db, samples.one, totals.one);
      timeRound(many.db, samples.many, totals.many);
    }
    const oneTotal = summarize(totals.one);
    const manyTotal = summarize(totals.many);
    const leadOf = (db: Db) => readersLeadMs(db, NOW);
    return {
      one: summaries(samples.one),
      many: summaries(samples.many),
      oneTotal,
      manyTotal,
      ratio: manyTotal.p50 / oneTotal.p50,
      found: { one: findDue(one.db, NOW, 100, leadOf(one.db)).length, many: findDue(many.db, NOW, 100, leadOf(many.db)).length },
      rows: { one: outboxRows(one.db), many: outboxRows(many.db) },
    };
  } finally {
    one.close();
    many.close();
  }
}

export function reportManySkosSearch(r: ManySkosSearchResult): string {
  const lines = (Object.keys(STEPS) as Step[]).map(
    (step) =>
      `  ${step.padEnd(24)} one SKO p50 ${ms(r.one[step].p50)}   ${MANY} SKOs p50 ${ms(r.many[step].p50)}   (${(r.many[step].p50 / r.one[step].p50).toFixed(2)}×)`,
  );
  return [
    `Many SKOs, the dispatcher's search for due work: ${MANY} SKOs of 5,000 attendees each (${r.rows.many.toLocaleString('en-US')} outbox rows) against one (${r.rows.one.toLocaleString('en-US')}), ${r.oneTotal.n} ticks each:`,
    ...lines,
    `  whole search             one SKO p50 ${ms(r.oneTotal.p50)}   ${MANY} SKOs p50 ${ms(r.manyTotal.p50)}   due rows found ${r.found.one} and ${r.found.many}`,
    `  ratio at p50: ${r.ratio.toFixed(2)}× (target ≤ 1.5×) ${r.ratio <= 1.5 ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}
