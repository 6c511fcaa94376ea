#!/usr/bin/env node
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { type Db, openCopy, openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { type EventRow, people, type SurveyRow, surveyResponses } from '../db/schema.js';
import { type SimulatedMessage, simulateSchedule } from '../schedules/simulate.js';
import { buildCreatedReply } from '../views/action-items/messages.js';
import { buildAgendaMessage } from '../views/agenda/message.js';
import { surveyFollowsText } from '../views/agenda/modal.js';
import { buildBudgetMessage } from '../views/budget/message.js';
import { buildCommsMessage } from '../views/comms/calendar.js';
import { buildHome } from '../views/home/home.js';
import { buildDigestMessage } from '../views/insights/digest-message.js';
import { formatAmount, formatDateTime } from '../views/kit/format.js';
import { ACTION_ITEMS } from '../views/kit/ids.js';
import { mrkdwnToPlain, type PlainTextNames, renderPlainText } from '../views/kit/plain-text.js';
import { buildSetupSummary } from '../views/plan/setup-summary.js';
import { buildNoEventMessage, buildStatusMessage } from '../views/plan/status-message.js';
import { buildCompMessage } from '../views/sales/comp-message.js';
import { buildForecastMessage } from '../views/sales/forecast-message.js';
import { importCounts } from '../views/sales/import-dm.js';
import { buildPerfMessage } from '../views/sales/perf-message.js';
import { buildPipelineMessage } from '../views/sales/pipeline-message.js';
import { buildTerritoryMessage } from '../views/sales/territory-message.js';
import { buildTrackingMessage } from '../views/sales/tracking-message.js';
import { buildCertificationMessage } from '../views/surveys/certification-message.js';
import { buildSurveyResultsMessage } from '../views/surveys/results.js';
import type { CompResult } from './agents/comp.js';
import { fiscalYearPeriod } from './agents/definitions.js';
import { DEFAULT_GROWTH_PCT, type ForecastResult } from './agents/forecast.js';
import type { PerfResult } from './agents/perf.js';
import type { PipelineResult } from './agents/pipeline.js';
import type { TerritoryResult } from './agents/territory.js';
import type { TrackingResult } from './agents/tracking.js';
import {
  certificationCli,
  compCli,
  describeImport,
  exportCli,
  forecastCli,
  importAgendaCli,
  importExpensesCli,
  meCli,
  perfCli,
  pipelineCli,
  runImport,
  SALES_USAGE,
  settingsCli,
  territoryCli,
} from './cli-sales.js';
import { ManualClock } from './clock.js';
import { loadDatabasePath, loadSurveyKeySecret, readEnvFile } from './config.js';
import { DEMO_AGENDA_CSV, demoSessionRatings } from './demo/agenda.js';
import { DEMO_COMPANY, DEMO_SURVEY_KEY, seedDemoCompany } from './demo/company.js';
import { demoAnswers, demoPostEventAnswers, demoPreEventAnswers, demoQuizAnswers, demoRsvp } from './demo/responses.js';
import { generateDemoSales } from './demo/sales.js';
import { parseActionCommand } from './domain/action-items/items.js';
import { actionItemCsv } from './domain/action-items/reports.js';
import { isAttendee } from './domain/comms/audience.js';
import { addDays, isCalendarDate } from './domain/dates.js';
import { atLocalTime, localDate } from './domain/plan/timeline.js';
import { parseSurveyFile } from './domain/surveys/survey-file.js';
import { InputError, NotFoundError } from './errors.js';
import { quietLogger } from './logger.js';
import { actionItemsForExport, createActionItem } from './services/action-items/items.js';
import { nextItemReminder } from './services/action-items/reminders.js';
import { importAgenda } from './services/agenda/editing.js';
import { agendaReviewOf } from './services/agenda/sessions.js';
import { budgetReportFor, importExpenses } from './services/budget/budget.js';
import { loadCalendar } from './services/comms/calendar.js';
import { setQuiz } from './services/comms/editing.js';
import { communicationsOverview } from './services/comms/overview.js';
import { recordRsvp } from './services/comms/rsvps.js';
import { buildDigest, digestReaders } from './services/insights/digest.js';
import { digestSources } from './services/insights/digest-sources.js';
import { homeFor } from './services/insights/home.js';
import { rsvpsOf } from './services/people/attendees.js';
import { eventRoster, findPersonByEmail } from './services/people/people.js';
import { currentEvent, currentPlan, loadPlan, timelineOf } from './services/plan/event-store.js';
import { saveSetup } from './services/plan/setup.js';
import { statusNow } from './services/plan/status.js';
import { completeTask } from './services/plan/tasks.js';
import { runAgentJob } from './services/sales/agent-jobs.js';
import { importCsv } from './services/sales/import/import-csv.js';
import { ImportRejected } from './services/sales/import/staging.js';
import { crmExport } from './services/sales/sales-ops.js';
import { fiscalCalendar, saveTerritorySettings } from './services/sales/settings.js';
import { certificationForReader } from './services/surveys/certification.js';
import { isSurveyKind, replaceSurveyDefinition, SURVEY_KIND_NAMES, surveyById, surveyCsv, surveyOf, surveyResults } from './services/surveys/surveys.js';
import { answerPage } from './services/surveys/taking.js';

const USAGE = `Usage: npm run sko -- <command> [options]

Commands:
  demo [--db FILE] [--today YYYY-MM-DD]      Build a demo company and an SKO ten weeks out, offline, and show it
  status [--db FILE] [--json]                Show the current SKO's status, as /sko status does in Slack
  simulate [--db FILE] [--until YYYY-MM-DD]  Print every message the app will send from now to the end of week 12
                                             (or --until), in time order; reads the database, changes nothing
${SALES_USAGE}
  actions export --csv [--db FILE]           Write every action item of the current SKO as CSV to standard output
  survey export ID --csv [--db FILE]         Print a survey's answers as CSV (ID: pre, post, quiz or the survey's number);
                                             an anonymous survey's rows carry keyed hashes, never people
  survey show ID [--db FILE]                 Print a survey's questions as JSON, to edit
  survey load ID FILE [--db FILE]            Replace a survey's questions with an edited JSON file (checked first)
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
      leads: {
        sko_lead: leads.sko,
        content_lead: leads.content,
        logistics_lead: leads.logistics,
        communications_lead: leads.communications,
        technology_lead: leads.technology,
      },
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
  const preview = await simulateSchedule(openCopy(path), { from: clock.now(), until: week2.endsAt, logger: quietLogger(), surveyKeySecret: DEMO_SURVEY_KEY });
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
  const slipping = new Set(
    plan.tasks
      .filter((t) => t.dueDate < later)
      .slice(-3)
      .map((t) => t.id),
  );
  for (const task of plan.tasks) {
    if (task.dueDate < later && !slipping.has(task.id) && task.owner) completeTask(db, task.id, task.owner.personId, clock.now());
  }
  showStatus(`${later}, five weeks later (simulated): three tasks have slipped:`);
  demoDigestAndHome(db, clock.now(), names);

  await demoActionItems(db, path, clock, names, leads.sko);
  await communicationsDemo(db, clock, outcome.event, names);

  print('That is the app offline. Run `npm test` for the test suite, and see the README to connect a real Slack workspace.');
  db.$client.close();
}

/** An action item made with /sko action, and the reminders and escalation it sends if nobody does it. */
async function demoActionItems(db: Db, path: string, clock: ManualClock, names: PlainTextNames, skoLead: string): Promise<void> {
  const event = currentEvent(db);
  const owner = db.select().from(people).where(eq(people.name, 'Owen Park')).get();
  if (!event || !owner?.slackUserId) return;
  const today = localDate(clock.now(), event.timeZone);
  const typed = `Send the win-loss analysis to the content team <@${owner.slackUserId}> due:fri`;
  const parsed = parseActionCommand(typed, { callerSlackId: skoLead, today, timeZone: event.timeZone });
  if (!parsed.ok) throw new Error(parsed.error);
  const item = createActionItem(db, event, skoLead, { ...parsed.item, source: 'command' }, clock.now());
  const reply = buildCreatedReply(item, { viewerSlackId: skoLead, today, timeZone: event.timeZone, nextReminder: nextItemReminder(db, item.id) });
  print(`The same day, Dana types /sko action Send the win-loss analysis to the content team @Owen Park due:fri and sees:`);
  print(boxed('/sko action (only you can see this)', renderPlainText(reply.blocks, names)));
  print();

  const until = atLocalTime(addDays(today, 14), '00:00', event.timeZone);
  const sent = await simulateSchedule(openCopy(path), { from: clock.now(), until, logger: quietLogger(), surveyKeySecret: DEMO_SURVEY_KEY });
  const chase = sent.filter((m) => m.blocks?.some((b) => b.block_id?.startsWith(ACTION_ITEMS.blockPrefix)));
  print('If Owen never marks it done, it chases him on weekdays at 09:00, then tells his manager once:');
  for (const message of chase)
    print(`  ${formatDateTime(message.at, event.timeZone).padEnd(26)} ${recipient(message.channel, names).padEnd(22)} ${mrkdwnToPlain(message.text, names)}`);
  print();
  const escalation = chase.find((m) => m.channel !== owner.slackUserId);
  if (escalation?.blocks) {
    print(`What ${names.user(escalation.channel) ?? escalation.channel}, his manager, sees:`);
    print(boxed(`SKO Conductor → ${recipient(escalation.channel, names)}`, renderPlainText(escalation.blocks, names)));
    print();
  }
}

/**
 * Weeks 6 to 12 on the demo's own database: the calendar's messages go out at their times through
 * the same dispatcher and outbox (recording instead of sending), the demo company answers the
 * save-the-date and the surveys through the same services the buttons and modals use.
 */
async function communicationsDemo(db: Db, clock: ManualClock, event: EventRow, names: PlainTextNames): Promise<void> {
  const tz = event.timeZone;
  const entry = (key: string) => loadCalendar(db, event).planned.find((e) => e.key === key);
  const attendees = eventRoster(db, event.id).filter(isAttendee);
  const advance = async (until: Date): Promise<SimulatedMessage[]> => {
    const from = clock.now();
    const sent = until > from ? await simulateSchedule(db, { from, until, logger: quietLogger(), surveyKeySecret: DEMO_SURVEY_KEY }) : [];
    if (until > from) clock.set(until);
    return sent.filter((m) => m.key.startsWith('comm:'));
  };
  const summarize = (messages: SimulatedMessage[]) => {
    const groups = new Map<string, number>();
    for (const m of messages) {
      const line = `${formatDateTime(m.at, tz).padEnd(26)} ${m.text}`;
      groups.set(line, (groups.get(line) ?? 0) + 1);
    }
    for (const [line, count] of groups) print(`  ${line}  → ${count === 1 ? '1 person' : `${count} people`}`);
  };
  const answer = (kind: 'pre' | 'post' | 'quiz', who: typeof attendees, make: (i: number) => Record<string, unknown>) => {
    const row = surveyOf(db, event.id, kind);
    let answered = 0;
    who.forEach((person, i) => {
      if (!row || !person.slackUserId || !demoAnswers(i)) return;
      const { outcome } = answerPage(db, DEMO_SURVEY_KEY, {
        surveyId: row.id,
        slackUserId: person.slackUserId,
        pageNumber: 1,
        read: () => make(i),
        now: clock.now(),
      });
      if (outcome?.kind === 'done') answered += 1;
    });
    return answered;
  };
  const commsBox = (label: string) => {
    print(label);
    print(boxed('/sko comms (only you can see this)', renderPlainText(buildCommsMessage(communicationsOverview(db, event), { mayEdit: true }).blocks, names)));
    print();
  };

  setQuiz(db, DEMO_COMPANY.leads.communications, true, clock.now());
  const saveTheDate = entry('save-the-date');
  const preSurvey = entry('pre-event-survey');
  const postSurvey = entry('post-event-survey');
  const quiz = entry('certification-quiz');
  if (!saveTheDate || !preSurvey || !postSurvey || !quiz) return;
  const agenda = importAgenda(db, event, DEMO_AGENDA_CSV, clock.now());
  print(
    `${localDate(clock.now(), tz)}: Priya, the content lead, imports the agenda (\`npm run sko -- import agenda agenda.csv\`): ${agenda.imported} sessions. ${surveyFollowsText(agenda.survey)}`,
  );
  print();
  commsBox(
    `${localDate(clock.now(), tz)}: Aisha, the communications lead, adds the certification quiz (/sko survey quiz on) and checks the communications calendar with /sko comms:`,
  );

  const first = await advance(new Date(saveTheDate.at.getTime() + 60_000));
  const rep = first.find((m) => names.user(m.channel) === 'Owen Park');
  print(`Week 6: the save-the-date reaches every attendee (${attendees.length} people). As Owen Park, a rep, sees it:`);
  if (rep?.blocks) print(boxed('SKO Conductor → Owen Park (DM)', renderPlainText(rep.blocks, names)));
  print();

  clock.set(new Date(saveTheDate.at.getTime() + 5 * 3_600_000));
  attendees.forEach((person, i) => {
    const said = demoRsvp(i);
    if (said && person.slackUserId) recordRsvp(db, event.id, person.slackUserId, said, clock.now());
  });
  const afterPre = await advance(new Date(preSurvey.at.getTime() + 60_000));
  clock.set(new Date(preSurvey.at.getTime() + 2 * 3_600_000));
  const preAnswered = answer('pre', attendees, demoPreEventAnswers);
  const week8 = timelineOf(event).weeks[7] as ReturnType<typeof timelineOf>['weeks'][number];
  const untilWeek8 = await advance(week8.endsAt);
  print(
    `Within hours most click an RSVP button; ${preAnswered} answer the pre-event survey in its modal. Weeks 6 to 8, as sent (travel only to those attending, reminders only to those who have not answered):`,
  );
  summarize([...first, ...afterPre, ...untilWeek8]);
  print();
  commsBox(`${localDate(clock.now(), tz)}: Aisha runs /sko comms again: what went out, to how many, RSVPs against the headcount:`);
  print(`(The demo company lists ${attendees.length} of the ${event.headcount} people expected; importing people adds the rest to the roster.)`);
  print();

  const toPost = await advance(new Date(postSurvey.at.getTime() + 60_000));
  clock.set(new Date(postSurvey.at.getTime() + 3 * 3_600_000));
  const answers = rsvpsOf(db, event.id);
  const attended = attendees.filter((p) => answers.get(p.personId) === 'attending');
  const rated =
    surveyOf(db, event.id, 'post')
      ?.definition.questions.filter((q) => q.metric === 'session-rating')
      .map((q) => q.id) ?? [];
  const postAnswered = answer('post', attended, (i) => ({ ...demoPostEventAnswers(i), ...demoSessionRatings(i, rated) }));
  const toQuiz = await advance(new Date(quiz.at.getTime() + 60_000));
  clock.set(new Date(quiz.at.getTime() + 3 * 3_600_000));
  const quizTaken = answer('quiz', attended, demoQuizAnswers);
  const rest = await advance(timelineOf(event).weeks[11]?.endsAt ?? clock.now());
  print(`Weeks 11 and 12: ${postAnswered} of those who attended answer the feedback survey, and ${quizTaken} take the certification quiz.`);
  summarize([...toPost, ...toQuiz, ...rest]);
  print();
  const results = surveyResults(db, event.id, 'post');
  print(`${localDate(clock.now(), tz)}: Elena, the CRO, types /sko survey results post:`);
  print(boxed('/sko survey results post (only you can see this)', renderPlainText(buildSurveyResultsMessage(results).blocks, names)));
  print();
  const manager = attended.find((p) => p.role === 'manager');
  if (manager?.slackUserId) {
    print(
      `${manager.name}, a sales manager, types /sko certification: the pass rate, and their own team by name (the content lead and leaders see everyone; \`npm run sko -- certification\` too):`,
    );
    print(
      boxed(
        '/sko certification (only you can see this)',
        renderPlainText(buildCertificationMessage(certificationForReader(db, event, manager.slackUserId, localDate(clock.now(), tz))).blocks, names),
      ),
    );
    print();
  }
  const { sessions, review } = agendaReviewOf(db, event.id);
  print('Anyone types /sko agenda: the sessions with their ratings from the feedback survey (shown from 5 ratings), and the design checks:');
  print(
    boxed(
      '/sko agenda (only you can see this)',
      renderPlainText(buildAgendaMessage({ eventName: event.name, sessions, review, dayDates: timelineOf(event).eventDays }).blocks, names),
    ),
  );
  print();
}

/** "#sko-fy27" for a channel, "Dana Whitfield (DM)" for a person. */
function recipient(channel: string, names: PlainTextNames): string {
  return /^[CG]/.test(channel) ? `#${names.channel(channel) ?? channel}` : `${names.user(channel) ?? channel} (DM)`;
}

function printMessages(messages: SimulatedMessage[], names: PlainTextNames, timeZone: string): void {
  for (const message of messages) {
    print(
      boxed(
        `${formatDateTime(message.at, timeZone)} → ${recipient(message.channel, names)}`,
        message.blocks ? renderPlainText(message.blocks, names) : message.text,
      ),
    );
    print();
  }
}

/** The survey key, needed to preview reminders once anyone has answered a survey. */
function simulationSurveyKey(db: Db): string | null {
  const key = loadSurveyKeySecret();
  if (key === null && db.select({ key: surveyResponses.respondentKey }).from(surveyResponses).limit(1).get()) {
    throw new InputError(
      'People have answered surveys, so the preview needs SURVEY_KEY_SECRET (the value the app runs with) to tell who still gets reminders. Set it in .env or the environment.',
    );
  }
  return key;
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
  const messages = await simulateSchedule(db, { from, until, logger: quietLogger(), surveyKeySecret: simulationSurveyKey(db) });
  print(`${event.name}: every message SKO Conductor will send from ${formatDateTime(from, event.timeZone)} to ${formatDateTime(until, event.timeZone)},`);
  print(`assuming nobody marks a task done from now on. Nothing is sent and ${path} is not changed.`);
  print(`${messages.length} message${messages.length === 1 ? '' : 's'}.`);
  print();
  printMessages(messages, namesFrom(db), event.timeZone);
}

function findSurvey(db: Db, id: string | undefined, path: string): SurveyRow {
  const event = currentEvent(db);
  const row =
    id === undefined
      ? undefined
      : isSurveyKind(id)
        ? event
          ? surveyOf(db, event.id, id)
          : undefined
        : /^\d+$/.test(id)
          ? surveyById(db, Number(id))
          : undefined;
  if (row) return row;
  const known = event ? (['pre', 'post', 'quiz'] as const).map((k) => surveyOf(db, event.id, k)).filter((r) => r !== undefined) : [];
  const list = known.map((r) => `${r.kind} (${r.id}): ${SURVEY_KIND_NAMES[r.kind]}`).join(', ');
  throw new InputError(
    `${id === undefined ? 'Name the survey' : `There is no survey "${id}" in ${path}`}: give pre, post, quiz or a survey number${list ? ` (${list})` : ''}.`,
  );
}

function survey(positionals: string[], options: { db?: string | undefined; csv?: boolean | undefined }): void {
  const [action, id, file] = positionals;
  const path = options.db ?? loadDatabasePath();
  if (!existsSync(path)) throw new InputError(`No database at ${path}. Set DATABASE_PATH, pass --db FILE, or run \`npm run demo\` first.`);
  const db = openMigrated(path);
  try {
    switch (action) {
      case 'export':
        if (!options.csv) throw new InputError('Add --csv: `survey export ID --csv` prints the answers as CSV.');
        process.stdout.write(surveyCsv(db, findSurvey(db, id, path)));
        return;
      case 'show':
        print(JSON.stringify(findSurvey(db, id, path).definition, null, 2));
        return;
      case 'load': {
        const row = findSurvey(db, id, path);
        if (!file || !existsSync(file))
          throw new InputError(`Give the edited survey's JSON file: \`survey load ${id} FILE\` (\`survey show ${id}\` prints the current one).`);
        let data: unknown;
        try {
          data = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`);
        }
        const edited = parseSurveyFile(data);
        if (!edited.ok)
          throw new InputError(
            `${file} is not a survey as \`survey show\` prints one; the survey was not changed:\n${edited.problems.map((p) => `  - ${p}`).join('\n')}`,
          );
        const saved = replaceSurveyDefinition(db, row, edited.survey, new Date());
        print(
          `Saved: ${saved.definition.title} (${SURVEY_KIND_NAMES[saved.kind]}, survey ${saved.id}) now has ${saved.definition.questions.length} questions.`,
        );
        return;
      }
      default:
        throw new InputError('Use `survey export ID --csv`, `survey show ID` or `survey load ID FILE`.');
    }
  } finally {
    db.$client.close();
  }
}

function exportActions(options: { db?: string | undefined; csv?: boolean | undefined }, positionals: string[]): void {
  if (positionals[0] !== 'export' || positionals.length > 1) throw new InputError('`actions` has one command: `actions export --csv`.');
  if (!options.csv)
    throw new InputError(
      'Say the format: `actions export --csv` (CSV is the one there is). Redirect it to a file: `npm run sko -- actions export --csv > actions.csv`.',
    );

  const path = options.db ?? loadDatabasePath();
  if (!existsSync(path)) throw new InputError(`No database at ${path}. Set DATABASE_PATH, pass --db FILE, or run \`npm run demo\` first.`);
  const db = openMigrated(path);
  try {
    const event = currentEvent(db);
    if (!event) throw new InputError(`No SKO is set up in ${path} yet: run /sko setup in Slack first.`);
    process.stdout.write(actionItemCsv(actionItemsForExport(db, event.id)));
  } finally {
    db.$client.close();
  }
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
  importExpenses(
    db,
    plan.event.id,
    `category,vendor,amount,date,note\nvenue,Hyatt Regency Chicago,180000,${addDays(day1, -60)},deposit\nvenue,Hyatt Regency Chicago,95000,${addDays(day1, -5)},catering balance\ntravel,United,120000,${addDays(day1, -30)},group fares\ntechnology,Stagecraft AV,36000,${addDays(day1, -40)},stage and screens\n`,
  );
  print('Logistics records the contracts so far: `npm run sko -- import expenses expenses.csv`. Anyone types /sko budget:');
  print(boxed('/sko budget (only you can see this)', renderPlainText(buildBudgetMessage(budgetReportFor(db, plan.event, now), plan.event.name).blocks, names)));
  print('  (the budget chart, a 960 × 540 PNG, follows in the DM)');
  print();
  const elena = digestReaders(db, plan).find((p) => p.role === 'leader' || plan.holders.some((h) => h.role === 'sales_leader' && h.person.id === p.id));
  if (elena?.slackUserId) {
    const digest = buildDigestMessage(buildDigest(db, plan, elena, now, digestSources(DEMO_SURVEY_KEY)));
    print(
      `Monday 08:00: ${names.user(elena.slackUserId) ?? 'the sales leader'} gets the weekly digest by DM (with the burn-down and budget charts in its thread):`,
    );
    print(boxed(`SKO Conductor → ${recipient(elena.slackUserId, names)}`, renderPlainText(digest.blocks, names)));
    print();
  }
  const rep = db
    .select()
    .from(people)
    .where(eq(people.role, 'rep'))
    .all()
    .find((p) => p.slackUserId);
  for (const who of [rep, elena]) {
    if (!who?.slackUserId) continue;
    const view = buildHome(statusNow(db, now), { maySetUp: false, home: homeFor(db, who.slackUserId, now, digestSources(DEMO_SURVEY_KEY)) });
    print(`${names.user(who.slackUserId) ?? who.name} opens the app's Home tab (the status, then their own part):`);
    print(boxed(`App Home · ${recipient(who.slackUserId, names)}`, renderPlainText(view.blocks.slice(-8) as Parameters<typeof renderPlainText>[0], names)));
    print();
  }
}

async function demoSales(db: Db, today: string, names: PlainTextNames): Promise<void> {
  const calendar = fiscalCalendar(db);
  const sales = generateDemoSales(db, today, calendar);
  print('Week 1, performance analysis. Dana shares the CRM exports with the app in a DM (or runs `npm run sko -- import <kind> <file>`):');
  for (const kind of ['people', 'accounts', 'deals', 'quotas', 'comp-plans', 'stage-history'] as const) {
    const summary = await importCsv(db, kind, Readable.from([sales.files[kind]]));
    print(`  ${kind}.csv: ${importCounts(summary)}${summary.notes.length ? ` (${summary.notes.join(' ')})` : ''}`);
  }
  print();
  const fy = sales.fiscalYear;
  const perf = runAgentJob(db, { agent: 'perf', period: fiscalYearPeriod(fy, calendar), scope: { kind: 'all' } }) as PerfResult;
  print(`Elena (CRO) types /sko perf for the FY${fy} retrospective; the app acknowledges at once and replies when the numbers are in:`);
  print(
    boxed(
      '/sko perf (only you can see this)',
      renderPlainText(
        buildPerfMessage(perf, { label: 'the company', periodLabel: `FY${fy}`, by: null, jsonCommand: `npm run sko -- perf --fy ${fy} --json` }).blocks,
        names,
      ),
    ),
  );
  print();

  const forecast = runAgentJob(db, { agent: 'forecast', today, growthPct: DEFAULT_GROWTH_PCT, targetCents: null, scope: { kind: 'all' } }) as ForecastResult;
  print('Beside it, the revenue-forecaster: /sko forecast (next year from a seasonal history; +20% unless a growth rate or target is given):');
  print(
    boxed(
      '/sko forecast (only you can see this)',
      renderPlainText(
        buildForecastMessage(forecast, { label: 'the company', jsonCommand: `npm run sko -- forecast --growth ${DEFAULT_GROWTH_PCT} --json` }).blocks,
        names,
      ),
    ),
  );
  print();
  const pipeline = runAgentJob(db, { agent: 'pipeline', today, period: fiscalYearPeriod(fy, calendar), scope: { kind: 'all' } }) as PipelineResult;
  print('And the sales-pipeline-analyst, with the stage history imported: /sko pipeline');
  print(
    boxed(
      '/sko pipeline (only you can see this)',
      renderPlainText(
        buildPipelineMessage(pipeline, { label: 'the company', periodLabel: `FY${fy}`, jsonCommand: `npm run sko -- pipeline --fy ${fy} --json` }).blocks,
        names,
      ),
    ),
  );
  print();

  saveTerritorySettings(db, fy + 1, { targetCents: sales.nextYearTargetCents });
  const territory = runAgentJob(db, { agent: 'territory', today, scope: { kind: 'all' } }) as TerritoryResult;
  print(`Weeks 2–3, planning materials. Elena sets next year's target: /sko territory target ${formatAmount(sales.nextYearTargetCents / 100)}`);
  print(
    boxed('/sko territory (only you can see this)', renderPlainText(buildTerritoryMessage(territory, { label: 'the company', saved: true }).blocks, names)),
  );
  print();

  const repId = (findPersonByEmail(db, sales.featuredRep.email) as { id: number }).id;
  const comp = runAgentJob(db, { agent: 'comp', period: fiscalYearPeriod(fy, calendar), repId, scope: { kind: 'people', ids: [repId] } }) as CompResult;
  print(`${sales.featuredManager.name}, ${sales.featuredRep.name}'s manager, checks the comp plan rollout: /sko comp @${sales.featuredRep.name}`);
  print(
    boxed(
      '/sko comp (only you can see this)',
      renderPlainText(buildCompMessage(comp, { label: sales.featuredRep.name, periodLabel: `FY${fy}` }).blocks, names),
    ),
  );
  print();
  const update = crmExport(db, today);
  print(
    `Week 11, the sales-ops-automator's CRM update: npm run sko -- export crm --csv writes FY${update.fiscalYear}'s ${update.quotas.rows.toLocaleString('en-US')} quarterly quotas and ${update.territories.rows.toLocaleString('en-US')} account owners in the import format; the first lines:`,
  );
  print(boxed('crm-quotas.csv', update.quotas.csv.split('\n').slice(0, 4).join('\n')));
  print();
  const tracking = runAgentJob(db, { agent: 'tracking', today, scope: { kind: 'all' } }) as TrackingResult;
  print('Week 12, the new year so far against the same weeks last year: /sko perf tracking');
  print(
    boxed(
      '/sko perf tracking (only you can see this)',
      renderPlainText(buildTrackingMessage(tracking, { label: 'the company', jsonCommand: 'npm run sko -- perf --tracking --json' }).blocks, names),
    ),
  );
  print();
  print(`Every agent also answers as JSON: npm run sko -- perf --fy ${fy} --json --db <file> (forecast, pipeline, territory, comp and me too).`);
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
      csv: { type: 'boolean' },
      tracking: { type: 'boolean' },
      growth: { type: 'string' },
      out: { type: 'string' },
    },
    allowPositionals: command === 'import' || command === 'actions' || command === 'survey' || command === 'export',
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
    actions: () => exportActions(values, positionals),
    demo: () => demo(values),
    status: () => status(values),
    simulate: () => simulate(values),
    survey: () => survey(positionals, values),
    import: sales(async (db) => {
      if (positionals[0] === 'expenses') return importExpensesCli(db, positionals[1]);
      if (positionals[0] === 'agenda') return importAgendaCli(db, positionals[1], new Date());
      return describeImport(await runImport(db, positionals[0], positionals[1]), positionals[1] as string);
    }),
    perf: sales((db) => perfCli(db, values, today)),
    forecast: sales((db) => forecastCli(db, values, today)),
    pipeline: sales((db) => pipelineCli(db, values, today)),
    export: sales((db) => exportCli(db, positionals[0], values, today)),
    certification: sales((db) => certificationCli(db, values, today)),
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
