import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KnownBlock } from '@slack/types';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../db/client.js';
import { migrateDatabase } from '../../../db/migrate.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { runSko } from '../../support/cli.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import type { TestDb } from '../../support/test-db.js';

const names = { user: (id: string) => ({ [U.dana]: 'Dana', [U.priya]: 'Priya' })[id], channel: () => 'sko' };
const FIRST_NEW = '0019_many_skos_handles_rosters_archive';

let dir: string;
let db: Db;
let t: TestApp | undefined;

/** A database migrated up to the version before several SKOs: the one a running app has today. */
function databaseOfToday(): Db {
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

/** One SKO as that version stored it, with a row in every table that belongs to an SKO. */
function oneSkoWithEverything(old: Db): void {
  const exec = (sql: string) => old.$client.prepare(sql).run();
  exec(`INSERT INTO people (id, slack_user_id, email, name, role, team, region) VALUES
    (1, '${U.dana}', 'dana@acme.com', 'Dana', 'admin', NULL, NULL),
    (2, '${U.priya}', 'priya@acme.com', 'Priya', 'rep', 'East', 'Americas'),
    (3, '${U.elena}', 'elena@acme.com', 'Elena', 'leader', NULL, NULL)`);
  exec(`INSERT INTO events (id, name, day1, days, has_day0, time_zone, location, headcount, budget_cents, channel_id, gtm_challenge, plan_start, reminder_time, created_by)
    VALUES (1, 'FY27 Sales Kickoff: Americas', '2027-02-02', 3, 0, 'America/New_York', 'Chicago', 240, 62000000, 'CSKO00001', 'misalignment', '2026-11-20', '09:00', 1)`);
  exec(`INSERT INTO event_roles (event_id, role, person_id, position) VALUES (1, 'sko_lead', 1, 0), (1, 'content_lead', 2, 0), (1, 'sales_leader', 3, 0)`);
  exec(`INSERT INTO tasks (id, event_id, key, title, phase, workstream, week_from, week_to, owner_role, start_date, due_date, status, done_at, done_by)
    VALUES (1, 1, 'w1-committee', 'Form the planning committee', 1, 'strategy', 1, 1, 'sko_lead', '2026-11-23', '2026-11-27', 'done', '2026-11-25T15:00:00.000Z', 1),
           (2, 1, 'w2-draft-agenda', 'Draft the agenda', 1, 'content', 2, 3, 'content_lead', '2026-11-30', '2026-12-11', 'open', NULL, NULL)`);
  exec(`INSERT INTO schedule (id, key, event_id, kind, payload, due_at) VALUES (1, 'weekly:1:3', 1, 'weekly-tasks', '{"week":3}', '2026-12-07T14:00:00.000Z')`);
  exec(
    `INSERT INTO outbox (id, key, event_id, kind, label, channel, text, status) VALUES (1, 'weekly:1:1:U1', 1, 'weekly-tasks', 'week 1 tasks', '${U.dana}', 'Week 1 of 12', 'sent')`,
  );
  exec(`INSERT INTO delivery_rules (event_id, holiday_country) VALUES (1, 'US')`);
  exec(`INSERT INTO action_items (id, event_id, title, owner_id, creator_id, due, source) VALUES (1, 1, 'Send the deck', 2, 1, '2026-12-15', 'command')`);
  exec(`INSERT INTO communications (id, event_id, key, body) VALUES (1, 1, 'save-the-date', 'Save the date for Chicago!')`);
  exec(`INSERT INTO rsvps (event_id, person_id, answer, answered_at) VALUES (1, 2, 'attending', '2027-01-05T15:00:00.000Z')`);
  exec(`INSERT INTO surveys (id, event_id, kind, definition) VALUES (1, 1, 'pre', '{"title":"Before the SKO"}')`);
  exec(`INSERT INTO survey_invitations (survey_id, person_id, invited_at, answered) VALUES (1, 2, '2027-01-11T15:00:00.000Z', 1)`);
  exec(`INSERT INTO survey_responses (id, survey_id, respondent_key, group_label, answers) VALUES (77, 1, '${'a'.repeat(64)}', 'East', '{"clarity":"yes"}')`);
  exec(`INSERT INTO budget_overrides (event_id, category, amount_cents) VALUES (1, 'venue', 25000000)`);
  exec(`INSERT INTO expenses (id, event_id, category, vendor, amount_cents, date) VALUES (1, 1, 'venue', 'Hyatt', 18000000, '2026-12-01')`);
  exec(`INSERT INTO agenda_sessions (id, event_id, day, start, "end", title, kind, format, speakers, takeaways, next_steps)
    VALUES (1, 1, 1, '09:00', '10:00', 'Opening keynote', 'strategy', 'keynote', '["Elena"]', '["Why we win"]', '["Read the plan"]')`);
  exec(`INSERT INTO materials (id, session, kind, url, recorded_by) VALUES (1, 'Opening keynote', 'slides', 'https://acme.example/keynote', 2)`);
  exec(
    `INSERT INTO settings (key, value) VALUES ('channel_canvas', '{"eventId":1,"channelId":"CSKO00001","canvasId":"F0CANVAS1"}'), ('fiscal_year_start_month', '2')`,
  );
}

/** Every row of every table, as SQLite holds it. */
function everything(of: Db): Record<string, Record<string, unknown>[]> {
  const tables = of.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((name) => [name, of.$client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[]]));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sko-upgrade-'));
  db = databaseOfToday();
  oneSkoWithEverything(db);
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upgrading a database of one SKO to many', () => {
  it('keeps every row, and makes the SKO the first of many: a handle from its name, everyone as its roster, its canvas and materials its own', () => {
    const before = everything(db);
    migrateDatabase(db);
    const after = everything(db);

    // Every table but the two that gained a column, and the settings the canvas left, is as it was
    // (tables later migrations add are not this test's business).
    const { events: eventsBefore, materials: materialsBefore, settings: settingsBefore, ...restBefore } = before;
    const { events: eventsAfter, materials: materialsAfter, settings: settingsAfter } = after;
    // Columns later migrations add start empty (the schedule's next wave, 0020; a leaving date, 0023; a message's thread or the one it edits, 0029).
    const added: Record<string, Record<string, unknown>> = {
      schedule: { next_at: null },
      people: { left_on: null },
      outbox: { thread_key: null, replaces_key: null },
    };
    for (const [table, rows] of Object.entries(restBefore))
      expect({ table, rows: after[table] }).toEqual({ table, rows: rows.map((row) => ({ ...row, ...added[table] })) });
    // The SKO had a row in every table that is an SKO's (an event_id column says so).
    const perSko = Object.keys(after).filter((table) =>
      (db.$client.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).includes('event_id'),
    );
    expect(perSko.filter((table) => table in before && (before[table]?.length ?? 0) === 0)).toEqual([]);

    // The frozen scorecard (0022) starts empty: the SKO was running.
    expect(eventsAfter).toEqual([
      {
        ...eventsBefore?.[0],
        handle: 'fy27-sales-kickoff-americas',
        roster: null,
        archived_at: null,
        canvas_id: 'F0CANVAS1',
        canvas_channel_id: 'CSKO00001',
        frozen_scorecard: null,
      },
    ]);
    expect(materialsAfter).toEqual([{ ...materialsBefore?.[0], event_id: 1 }]);
    expect(settingsAfter).toEqual(settingsBefore?.filter((s) => s.key !== 'channel_canvas'));
  });

  it('gives SKOs with the same name different handles', () => {
    db.$client
      .prepare(
        `INSERT INTO events (id, name, day1, days, time_zone, headcount, budget_cents, channel_id, gtm_challenge, plan_start, created_by)
         VALUES (2, 'FY27 Sales Kickoff: Americas', '2028-02-01', 3, 'America/New_York', 240, 62000000, 'CSKO00002', 'misalignment', '2027-11-20', 1)`,
      )
      .run();
    migrateDatabase(db);
    expect(db.$client.prepare('SELECT id, handle FROM events ORDER BY id').all()).toEqual([
      { id: 1, handle: 'fy27-sales-kickoff-americas' },
      { id: 2, handle: 'fy27-sales-kickoff-americas-2' },
    ]);
  });

  it('runs as before once upgraded: the status, the materials and the handle on the command line', async () => {
    migrateDatabase(db);
    const path = join(dir, 'sko.db');
    const testDb: TestDb = { db, path, close: () => undefined };
    t = await startTestApp({ now: '2026-12-09T15:00:00Z', db: testDb });

    const status = await t.driver.slashCommand({ userId: U.priya, text: 'status' });
    expect(renderPlainText((status.json?.blocks ?? []) as KnownBlock[], names)).toContain('FY27 SALES KICKOFF: AMERICAS');
    const materials = await t.driver.slashCommand({ userId: U.priya, text: 'materials' });
    expect(renderPlainText((materials.json?.blocks ?? []) as KnownBlock[], names)).toContain('Opening keynote');
    const tasks = await t.driver.slashCommand({ userId: U.priya, text: 'tasks' });
    expect(renderPlainText((tasks.json?.blocks ?? []) as KnownBlock[], names)).toContain('Draft the agenda');

    const listed = runSko(path, 'skos', '--json');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      skos: [
        {
          handle: 'fy27-sales-kickoff-americas',
          name: 'FY27 Sales Kickoff: Americas',
          day1: '2027-02-02',
          days: 3,
          timeZone: 'America/New_York',
          channelId: 'CSKO00001',
          roster: null,
          archivedAt: null,
        },
      ],
    });
  }, 60_000);
});
