#!/usr/bin/env node
import { existsSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { openCopy, openDatabase, type Db } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { people } from '../db/schema.js';
import { simulateSchedule, type SimulatedMessage } from '../schedules/simulate.js';
import { buildBudgetMessage } from '../views/budget-message.js';
import { buildCompMessage } from '../views/comp-message.js';
import { buildDigestMessage } from '../views/digest-message.js';
import { buildHome } from '../views/home.js';
import { formatAmount, formatDateTime } from '../views/format.js';
import { buildPerfMessage } from '../views/perf-message.js';
import { renderPlainText, type PlainTextNames } from '../views/plain-text.js';
import { buildSetupSummary } from '../views/setup-summary.js';
import { buildNoEventMessage, buildStatusMessage } from '../views/status-message.js';
import { buildTerritoryMessage } from '../views/territory-message.js';
import type { CompResult } from './agents/comp.js';
import { fiscalYearPeriod } from './agents/definitions.js';
import type { PerfResult } from './agents/perf.js';
import type { TerritoryResult } from './agents/territory.js';
import { compCli, describeImport, importExpensesCli, meCli, perfCli, runImport, SALES_USAGE, settingsCli, territoryCli } from './cli-sales.js';
import { ManualClock } from './clock.js';
import { loadDatabasePath, readEnvFile } from './config.js';
import { DEMO_COMPANY, seedDemoCompany } from './demo/company.js';
import { generateDemoSales } from './demo/sales.js';
import { addDays, isCalendarDate } from './domain/dates.js';
import { atLocalTime, localDate } from './domain/timeline.js';
import { InputError, NotFoundError } from './errors.js';
import { quietLogger } from './logger.js';
import { runAgentJob } from './services/agent-jobs.js';
import { budgetReportFor, importExpenses } from './services/budget.js';
import { DIGEST_SOURCES } from './services/digest-sources.js';
import { buildDigest, digestReaders } from './services/digest.js';
import { currentEvent, currentPlan, loadPlan, saveSetup, timelineOf } from './services/events.js';
import { homeFor } from './services/home.js';
import { ImportRejected, importCsv } from './services/import.js';
import { findPersonByEmail } from './services/people.js';
import { fiscalCalendar, saveTerritorySettings } from './services/settings.js';
import { statusNow } from './services/status.js';
import { completeTask } from './services/tasks.js';

const USAGE = `Usage: npm run sko -- <command> [options]

Commands:
  demo [--db FILE] [--today YYYY-MM-DD]      Build a demo company and an SKO ten weeks out, offline, and show it
  status [--db FILE] [--json]                Show the current SKO's status, as /sko status does in Slack
  simulate [--db FILE] [--until YYYY-MM-DD]  Print every message the app will send from now to the end of week 12
                                             (or --until), in time order; reads the database, changes nothing
${SALES_USAGE}
  help                                       This text

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

async function demo(options: { db?: string | undefined; today?: string | undefined }): Promise<void> {
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

  // A preview on a copy of the database, as `sko simulate` does: the demo's own data stays as it is.
  const timeline = timelineOf(outcome.event);
  const week2 = timeline.weeks[1] as (typeof timeline.weeks)[number];
  const preview = await simulateSchedule(openCopy(path), { from: clock.now(), until: week2.endsAt, logger: quietLogger() });
  print(`What SKO Conductor will send in weeks 1 and 2 if nobody marks a task done (\`npm run sko -- simulate --db ${path}\` shows all twelve weeks):`);
  for (const message of preview) print(`  ${formatDateTime(message.at, timeZone).padEnd(26)} ${recipient(message.channel, names).padEnd(22)} ${message.text}`);
  print();
  const [first] = preview.filter((m) => !m.channel.startsWith('C'));
  if (first?.blocks) {
    print(`The first DM, as ${names.user(first.channel) ?? first.channel} sees it in Slack:`);
    print(boxed(`SKO Conductor → ${recipient(first.channel, names)}`, renderPlainText(first.blocks, names)));
    print();
  }

  const showStatus = (label: string) => {
    const report = statusNow(db, clock.now());
    const message = report ? buildStatusMessage(report) : buildNoEventMessage();
    print(label);
    print(boxed('/sko status (only you can see this)', renderPlainText(message.blocks, names)));
    print();
  };
  showStatus(`${today}: anyone types /sko status:`);
  await demoSales(db, today, names);

  // Five weeks on: the leads have done most of their work, but not all of it.
  clock.advance(5 * 7 * 86_400_000);
  const later = localDate(clock.now(), timeZone);
  const plan = loadPlan(db, outcome.event);
  const slipping = new Set(plan.tasks.filter((t) => t.dueDate < later).slice(-3).map((t) => t.id));
  for (const task of plan.tasks) {
    if (task.dueDate < later && !slipping.has(task.id) && task.owner) completeTask(db, task.id, task.owner.personId, clock.now());
  }
  showStatus(`${later}, five weeks later (simulated): three tasks have slipped:`);
  demoDigestAndHome(db, clock.now(), names);

  print('That is the app offline. Run `npm test` for the test suite, and see the README to connect a real Slack workspace.');
  db.$client.close();
}

/** "#sko-fy27" for a channel, "Dana Whitfield (DM)" for a person. */
function recipient(channel: string, names: PlainTextNames): string {
  return /^[CG]/.test(channel) ? `#${names.channel(channel) ?? channel}` : `${names.user(channel) ?? channel} (DM)`;
}

function printMessages(messages: SimulatedMessage[], names: PlainTextNames, timeZone: string): void {
  for (const message of messages) {
    print(boxed(`${formatDateTime(message.at, timeZone)} → ${recipient(message.channel, names)}`, message.blocks ? renderPlainText(message.blocks, names) : message.text));
    print();
  }
}

async function simulate(options: { db?: string | undefined; until?: string | undefined }): Promise<void> {
  const path = options.db ?? loadDatabasePath();
  if (!existsSync(path)) throw new InputError(`No database at ${path}. Set DATABASE_PATH, pass --db FILE, or run \`npm run demo\` first.`);
  if (options.until !== undefined && !isCalendarDate(options.until)) throw new InputError(`--until takes a date as YYYY-MM-DD; "${options.until}" is not one.`);
  const db = openCopy(path);
  migrateDatabase(db);
  const event = currentEvent(db);
  if (!event) throw new InputError(`No SKO is set up in ${path} yet: run /sko setup in Slack first.`);
  const timeline = timelineOf(event);
  const endOfPlan = (timeline.weeks[timeline.weeks.length - 1] as (typeof timeline.weeks)[number]).endsAt;
  const until = options.until ? atLocalTime(addDays(options.until, 1), '00:00', event.timeZone) : endOfPlan;
  const from = new Date();
  const messages = await simulateSchedule(db, { from, until, logger: quietLogger() });
  print(`${event.name}: every message SKO Conductor will send from ${formatDateTime(from, event.timeZone)} to ${formatDateTime(until, event.timeZone)},`);
  print(`assuming nobody marks a task done from now on. Nothing is sent and ${path} is not changed.`);
  print(`${messages.length} message${messages.length === 1 ? '' : 's'}.`);
  print();
  printMessages(messages, namesFrom(db), event.timeZone);
}

function openExisting(options: { db?: string | undefined }): Db {
  const path = options.db ?? loadDatabasePath();
  if (!existsSync(path)) throw new InputError(`No database at ${path}. Set DATABASE_PATH, pass --db FILE, or run \`npm run demo\` first.`);
  return openMigrated(path);
}

/** Week 1 to 3 of the plan: the CRM exports go in through the importer, and the agents answer as Slack would show them. */
/** The budget, Monday's digest for a leader, and the App Home of a rep and a leader. */
function demoDigestAndHome(db: Db, now: Date, names: PlainTextNames): void {
  const plan = currentPlan(db);
  if (!plan) return;
  const day1 = plan.event.day1;
  importExpenses(db, plan.event.id, `category,vendor,amount,date,note\nvenue,Hyatt Regency Chicago,180000,${addDays(day1, -60)},deposit\nvenue,Hyatt Regency Chicago,95000,${addDays(day1, -5)},catering balance\ntravel,United,120000,${addDays(day1, -30)},group fares\ntechnology,Stagecraft AV,36000,${addDays(day1, -40)},stage and screens\n`);
  print('Logistics records the contracts so far: `npm run sko -- import expenses expenses.csv`. Anyone types /sko budget:');
  print(boxed('/sko budget (only you can see this)', renderPlainText(buildBudgetMessage(budgetReportFor(db, plan.event, now), plan.event.name).blocks, names)));
  print('  (the budget chart, a 960 × 540 PNG, follows in the DM)');
  print();
  const elena = digestReaders(db, plan).find((p) => p.role === 'leader' || plan.holders.some((h) => h.role === 'sales_leader' && h.person.id === p.id));
  if (elena?.slackUserId) {
    const digest = buildDigestMessage(buildDigest(db, plan, elena, now, DIGEST_SOURCES));
    print(`Monday 08:00: ${names.user(elena.slackUserId) ?? 'the sales leader'} gets the weekly digest by DM (with the burn-down and budget charts in its thread):`);
    print(boxed(`SKO Conductor → ${recipient(elena.slackUserId, names)}`, renderPlainText(digest.blocks, names)));
    print();
  }
  const rep = db.select().from(people).where(eq(people.role, 'rep')).all().find((p) => p.slackUserId);
  for (const who of [rep, elena]) {
    if (!who?.slackUserId) continue;
    const view = buildHome(statusNow(db, now), { maySetUp: false, home: homeFor(db, who.slackUserId, now, DIGEST_SOURCES) });
    print(`${names.user(who.slackUserId) ?? who.name} opens the app's Home tab (the status, then their own part):`);
    print(boxed(`App Home · ${recipient(who.slackUserId, names)}`, renderPlainText(view.blocks.slice(-8) as Parameters<typeof renderPlainText>[0], names)));
    print();
  }
}

async function demoSales(db: Db, today: string, names: PlainTextNames): Promise<void> {
  const calendar = fiscalCalendar(db);
  const sales = generateDemoSales(db, today, calendar);
  print('Week 1, performance analysis. Dana shares the CRM exports with the app in a DM (or runs `npm run sko -- import <kind> <file>`):');
  for (const kind of ['people', 'accounts', 'deals', 'quotas', 'comp-plans'] as const) {
    const summary = await importCsv(db, kind, Readable.from([sales.files[kind]]));
    print(`  ${kind}.csv: ${summary.created.toLocaleString('en-US')} new ${summary.unit}, ${summary.updated.toLocaleString('en-US')} updated${summary.notes.length ? ` (${summary.notes.join(' ')})` : ''}`);
  }
  print();
  const fy = sales.fiscalYear;
  const perf = runAgentJob(db, { agent: 'perf', period: fiscalYearPeriod(fy, calendar), scope: { kind: 'all' } }) as PerfResult;
  print(`Elena (CRO) types /sko perf for the FY${fy} retrospective; the app acknowledges at once and replies when the numbers are in:`);
  print(boxed('/sko perf (only you can see this)', renderPlainText(buildPerfMessage(perf, { label: 'the company', periodLabel: `FY${fy}`, by: null, jsonCommand: `npm run sko -- perf --fy ${fy} --json` }).blocks, names)));
  print();

  saveTerritorySettings(db, fy + 1, { targetCents: sales.nextYearTargetCents });
  const territory = runAgentJob(db, { agent: 'territory', today, scope: { kind: 'all' } }) as TerritoryResult;
  print(`Weeks 2–3, planning materials. Elena sets next year's target: /sko territory target ${formatAmount(sales.nextYearTargetCents / 100)}`);
  print(boxed('/sko territory (only you can see this)', renderPlainText(buildTerritoryMessage(territory, { label: 'the company', saved: true }).blocks, names)));
  print();

  const repId = (findPersonByEmail(db, sales.featuredRep.email) as { id: number }).id;
  const comp = runAgentJob(db, { agent: 'comp', period: fiscalYearPeriod(fy, calendar), repId, scope: { kind: 'people', ids: [repId] } }) as CompResult;
  print(`${sales.featuredManager.name}, ${sales.featuredRep.name}'s manager, checks the comp plan rollout: /sko comp @${sales.featuredRep.name}`);
  print(boxed('/sko comp (only you can see this)', renderPlainText(buildCompMessage(comp, { label: sales.featuredRep.name, periodLabel: `FY${fy}` }).blocks, names)));
  print();
  print(`Every agent also answers as JSON: npm run sko -- perf --fy ${fy} --json --db <file> (territory, comp and me too).`);
  print(`${sales.featuredRep.name} sees only their own package with /sko me; asking about anyone else is refused.`);
  print();
}

function status(options: { db?: string | undefined; json?: boolean | undefined }): void {
  const db = openExisting(options);
  const report = statusNow(db, new Date());
  if (options.json) print(JSON.stringify(report, null, 2));
  else print(renderPlainText((report ? buildStatusMessage(report) : buildNoEventMessage()).blocks, namesFrom(db)));
  db.$client.close();
}

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      today: { type: 'string' },
      until: { type: 'string' },
      json: { type: 'boolean' },
      fy: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      by: { type: 'string' },
      rep: { type: 'string' },
      target: { type: 'string' },
      over: { type: 'string' },
      ramp: { type: 'string' },
      history: { type: 'string' },
      save: { type: 'boolean' },
      'fy-start-month': { type: 'string' },
      ytd: { type: 'boolean' },
    },
    allowPositionals: command === 'import',
    strict: true,
  });
  if (values.today && !isCalendarDate(values.today)) throw new InputError('--today takes a date as YYYY-MM-DD.');
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  const sales = (run: (db: Db) => string | Promise<string>) => async () => {
    // An import may create the database; the other commands read one that exists.
    const db = command === 'import' ? openMigrated(values.db ?? loadDatabasePath()) : openExisting(values);
    try {
      print(await run(db));
    } finally {
      db.$client.close();
    }
  };
  const commands: Record<string, () => void | Promise<void>> = {
    demo: () => demo(values),
    status: () => status(values),
    simulate: () => simulate(values),
    import: sales(async (db) => (positionals[0] === 'expenses' ? importExpensesCli(db, positionals[1]) : describeImport(await runImport(db, positionals[0], positionals[1]), positionals[1] as string))),
    perf: sales((db) => perfCli(db, values, today)),
    territory: sales((db) => territoryCli(db, values, today)),
    comp: sales((db) => compCli(db, values, today)),
    me: sales((db) => meCli(db, values, today)),
    settings: sales((db) => settingsCli(db, values)),
    help: () => void print(USAGE),
    '--help': () => void print(USAGE),
  };
  const run = commands[command];
  if (!run) {
    process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  }
  await run();
  return 0;
}

try {
  readEnvFile();
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Bad data or a missing prerequisite: say what to fix, without the usage text in the way.
  if (error instanceof ImportRejected || error instanceof NotFoundError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    const known = error instanceof InputError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    if (!known) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  }
}
