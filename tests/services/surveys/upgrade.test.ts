import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../db/client.js';
import { migrateDatabase } from '../../../db/migrate.js';
import { eventRoster } from '../../../src/services/people/people.js';
import { saveSetup } from '../../../src/services/plan/setup.js';
import { setQuizSurvey, surveyOf } from '../../../src/services/surveys/surveys.js';
import { addPeople, setupInput, U } from '../../support/builders.js';

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
    const { event } = saveSetup(db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'));
    addPeople(db, [
      { slackUserId: 'UAVA00001', name: 'Ava Hart', team: 'North' },
      { slackUserId: 'UBEN00001', name: 'Ben Cole', team: 'North' },
    ]);
    setQuizSurvey(db, event.id, true);
    const pre = surveyOf(db, event.id, 'pre')?.id as number;
    const quiz = surveyOf(db, event.id, 'quiz')?.id as number;
    const [ava, ben] = ['UAVA00001', 'UBEN00001'].map((id) => eventRoster(db, event.id).find((p) => p.slackUserId === id)?.personId as number);
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
