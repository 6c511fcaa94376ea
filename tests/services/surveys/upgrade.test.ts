import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../db/client.js';
import { migrateDatabase } from '../../../db/migrate.js';

const FIRST_NEW = '0008_anonymous_answers_random_ids_and_batches';

let dir: string;
let db: Db;

/** A database migrated up to the version before random answer ids: the one a running app has today. */
function databaseBeforeTheChange(): Db {
  const folder = join(dir, 'migrations');
  cpSync(join(import.meta.dirname, '../../../db/migrations'), folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === FIRST_NEW);
  expect(cut).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  const old = openDatabase(join(dir, 'sko.db'));
  migrate(old, { migrationsFolder: folder });
  return old;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sko-upgrade-'));
  db = databaseBeforeTheChange();
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upgrading a database with answers in it', () => {
  it('keeps every answer, gives each a random id, and flags the named quiz answers as answered', () => {
    // Rows as that version wrote them, in its own tables (today's setup needs tables it did not have).
    const exec = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).run(...params);
    exec(
      "INSERT INTO people (id, email, role, name, team) VALUES (1, 'dana@acme.com', 'admin', 'Dana', NULL), (2, 'ava@acme.com', 'rep', 'Ava', 'North'), (3, 'ben@acme.com', 'rep', 'Ben', 'North')",
    );
    exec(
      `INSERT INTO events (id, name, day1, days, time_zone, headcount, budget_cents, channel_id, gtm_challenge, plan_start, created_by)
       VALUES (1, 'FY27 SKO', '2027-02-02', 3, 'America/New_York', 240, 62000000, 'C0SKO', 'misalignment', '2026-11-20', 1)`,
    );
    exec(`INSERT INTO surveys (id, event_id, kind, definition) VALUES (10, 1, 'pre', '{}'), (11, 1, 'quiz', '{}')`);
    const [pre, quiz, ava, ben] = [10, 11, 2, 3];
    const invite = db.$client.prepare('INSERT INTO survey_invitations (survey_id, person_id, invited_at) VALUES (?, ?, ?)');
    for (const person of [ava, ben]) invite.run(quiz, person, '2027-01-08T15:00:00.000Z');
    const insert = db.$client.prepare('INSERT INTO survey_responses (survey_id, respondent_key, person_id, group_label, answers) VALUES (?, ?, ?, ?, ?)');
    insert.run(pre, 'a'.repeat(64), null, 'North', '{"clarity":"yes"}');
    insert.run(pre, 'b'.repeat(64), null, null, '{"clarity":"no"}');
    insert.run(quiz, 'c'.repeat(64), ava, 'North', '{"narrative":"shared"}');

    migrateDatabase(db);

    const rows = db.$client
      .prepare('SELECT id, rowid AS r, survey_id, respondent_key, person_id, group_label, answers, held FROM survey_responses ORDER BY respondent_key')
      .all() as Record<string, unknown>[];
    expect(rows.map(({ id: _id, r: _r, ...rest }) => rest)).toEqual([
      { survey_id: pre, respondent_key: 'a'.repeat(64), person_id: null, group_label: 'North', answers: '{"clarity":"yes"}', held: null },
      { survey_id: pre, respondent_key: 'b'.repeat(64), person_id: null, group_label: null, answers: '{"clarity":"no"}', held: null },
      { survey_id: quiz, respondent_key: 'c'.repeat(64), person_id: ava, group_label: 'North', answers: '{"narrative":"shared"}', held: null },
    ]);
    expect(rows.every((r) => r.id === r.r && typeof r.id === 'number' && r.id > 0)).toBe(true);
    // Row ids from 1 to 3 would be the old submission order; three random 48-bit ids are that small once in 10^42.
    expect(rows.some((r) => (r.id as number) > 3)).toBe(true);
    const flags = db.$client.prepare('SELECT person_id AS p, answered AS a FROM survey_invitations WHERE survey_id = ? ORDER BY person_id').all(quiz);
    expect(flags).toEqual([
      { p: ava, a: 1 },
      { p: ben, a: 0 },
    ]);
  });
});
