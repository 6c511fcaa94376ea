#!/usr/bin/env node
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { people } from '../db/schema.js';
import { renderPlainText, type PlainTextNames } from '../views/plain-text.js';
import { buildSetupSummary } from '../views/setup-summary.js';
import { buildNoEventMessage, buildStatusMessage } from '../views/status-message.js';
import { ManualClock } from './clock.js';
import { loadDatabasePath, readEnvFile } from './config.js';
import { DEMO_COMPANY, seedDemoCompany } from './demo/company.js';
import { localDate } from './domain/timeline.js';
import { InputError } from './errors.js';
import { loadPlan, saveSetup } from './services/events.js';
import { statusNow } from './services/status.js';
import { completeTask } from './services/tasks.js';

const USAGE = `Usage: npm run sko -- <command> [options]

Commands:
  demo [--db FILE] [--today YYYY-MM-DD]   Build a demo company and an SKO ten weeks out, offline, and show it
  status [--db FILE] [--json]             Show the current SKO's status, as /sko status does in Slack
  help                                    This text

--db defaults to DATABASE_PATH, or ./data/sko.db (the demo uses ./data/demo.db).`;

const print = (text = '') => process.stdout.write(`${text}\n`);

function namesFrom(db: Db, channels: Record<string, string> = {}): PlainTextNames {
  return {
    user: (id) => db.select({ name: people.name }).from(people).where(eq(people.slackUserId, id)).get()?.name ?? undefined,
    channel: (id) => channels[id],
  };
}

function boxed(title: string, body: string): string {
  const width = 78;
  return [`┌─ ${title} ${'─'.repeat(Math.max(0, width - title.length - 4))}`, ...body.split('\n').map((l) => `│ ${l}`), `└${'─'.repeat(width - 1)}`].join('\n');
}

function openMigrated(path: string): Db {
  const db = openDatabase(path);
  migrateDatabase(db);
  return db;
}

/** Next Tuesday at least `days` days after `from`: a typical SKO day 1. */
function tuesdayAfter(from: string, days: number): string {
  const d = new Date(`${from}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function demo(options: { db?: string | undefined; today?: string | undefined }): void {
  const path = options.db ?? './data/demo.db';
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
  const db = openMigrated(path);
  const timeZone = 'America/New_York';
  const clock = new ManualClock(options.today ? `${options.today}T14:00:00Z` : new Date());
  const names = namesFrom(db, { [DEMO_COMPANY.channel.id]: DEMO_COMPANY.channel.name });
  const today = localDate(clock.now(), timeZone);

  print(`SKO Conductor demo: ${DEMO_COMPANY.name}, offline (SQLite file ${path}, simulated clock, no Slack workspace).`);
  print();

  seedDemoCompany(db);
  const { leads } = DEMO_COMPANY;
  const outcome = saveSetup(
    db,
    {
      name: 'FY27 Sales Kickoff',
      day1: tuesdayAfter(today, 70),
      days: 3,
      hasDay0: true,
      timeZone,
      location: 'Chicago, Hyatt Regency',
      headcount: 240,
      budgetCents: 62_000_000,
      channelId: DEMO_COMPANY.channel.id,
      gtmChallenge: 'inconsistent-execution',
      leads: { sko_lead: leads.sko, content_lead: leads.content, logistics_lead: leads.logistics, communications_lead: leads.communications, technology_lead: leads.technology },
      salesLeaders: DEMO_COMPANY.salesLeaders,
    },
    leads.sko,
    clock.now(),
  );
  const summary = buildSetupSummary(loadPlan(db, outcome.event), outcome, leads.sko);
  print(`${today}: Dana runs /sko setup and fills in the modal. SKO Conductor posts in #${DEMO_COMPANY.channel.name}:`);
  print(boxed(`#${DEMO_COMPANY.channel.name}`, renderPlainText(summary.blocks, names)));
  print();

  const showStatus = (label: string) => {
    const report = statusNow(db, clock.now());
    const message = report ? buildStatusMessage(report) : buildNoEventMessage();
    print(label);
    print(boxed('/sko status (only you can see this)', renderPlainText(message.blocks, names)));
    print();
  };
  showStatus(`${today}: anyone types /sko status:`);

  // Five weeks on: the leads have done most of their work, but not all of it.
  clock.advance(5 * 7 * 86_400_000);
  const later = localDate(clock.now(), timeZone);
  const plan = loadPlan(db, outcome.event);
  const slipping = new Set(plan.tasks.filter((t) => t.dueDate < later).slice(-3).map((t) => t.id));
  for (const task of plan.tasks) {
    if (task.dueDate < later && !slipping.has(task.id) && task.owner) completeTask(db, task.id, task.owner.personId, clock.now());
  }
  showStatus(`${later}, five weeks later (simulated): three tasks have slipped:`);

  print('That is the app offline. Run `npm test` for the test suite, and see the README to connect a real Slack workspace.');
  db.$client.close();
}

function status(options: { db?: string | undefined; json?: boolean | undefined }): void {
  const path = options.db ?? loadDatabasePath();
  if (!existsSync(path)) throw new InputError(`No database at ${path}. Set DATABASE_PATH, pass --db FILE, or run \`npm run demo\` first.`);
  const db = openMigrated(path);
  const report = statusNow(db, new Date());
  if (options.json) print(JSON.stringify(report, null, 2));
  else print(renderPlainText((report ? buildStatusMessage(report) : buildNoEventMessage()).blocks, namesFrom(db)));
  db.$client.close();
}

function main(argv: string[]): number {
  const [command = 'help', ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { db: { type: 'string' }, today: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  switch (command) {
    case 'demo':
      if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new InputError('--today takes a date as YYYY-MM-DD.');
      demo(values);
      return 0;
    case 'status':
      status(values);
      return 0;
    case 'help':
    case '--help':
      print(USAGE);
      return 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

try {
  readEnvFile();
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const known = error instanceof InputError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  if (!known) throw error;
  process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  process.exitCode = 2;
}
