/** `npm run demo`: a demo company, last year's SKO and two regional SKOs ten weeks out, offline on a simulated clock, shown as Slack would show it. */
import { existsSync, rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { type Db, openCopy } from '../../db/client.js';
import { type EventRow, people } from '../../db/schema.js';
import { simulateSchedule } from '../../schedules/simulate.js';
import { buildCreatedReply } from '../../views/action-items/messages.js';
import { buildBudgetMessage } from '../../views/budget/message.js';
import { buildHome } from '../../views/home/home.js';
import { buildDigestMessage } from '../../views/insights/digest-message.js';
import { buildHistoryMessage } from '../../views/insights/history-message.js';
import { formatDateTime } from '../../views/kit/format.js';
import { ACTION_ITEMS } from '../../views/kit/ids.js';
import { mrkdwnToPlain, type PlainTextNames, renderPlainText } from '../../views/kit/plain-text.js';
import { buildSetupSummary } from '../../views/plan/setup-summary.js';
import { buildStatusMessage } from '../../views/plan/status-message.js';
import { keepDemoSurveyKey, openMigrated } from '../cli/database.js';
import { namesFrom, print, recipient } from '../cli/terminal.js';
import { ManualClock } from '../clock.js';
import { parseActionCommand } from '../domain/action-items/items.js';
import { addDays, atLocalTime, localDate } from '../domain/dates.js';
import { quietLogger } from '../logger.js';
import { createActionItem } from '../services/action-items/items.js';
import { nextItemReminder } from '../services/action-items/reminders.js';
import { budgetReportFor, importExpenses } from '../services/budget/budget.js';
import { buildDigest, digestReaders } from '../services/insights/digest.js';
import { digestSources } from '../services/insights/digest-sources.js';
import { historyFor } from '../services/insights/history.js';
import { homeFor } from '../services/insights/home.js';
import { syncSettingAdmins } from '../services/people/admins.js';
import { loadPlan, timelineOf } from '../services/plan/event-store.js';
import { previousLessonsView } from '../services/plan/lessons.js';
import { saveSetup } from '../services/plan/setup.js';
import { statusNow } from '../services/plan/status.js';
import { completeTask } from '../services/plan/tasks.js';
import { communicationsDemo } from './communications-walkthrough.js';
import { DEMO_COMPANY, DEMO_SURVEY_KEY, seedDemoCompany } from './company.js';
import { eventLife } from './event-life.js';
import { demoLastYear, LAST_YEAR_CHANNEL } from './last-year.js';
import { demoLife, quietAnswers } from './living.js';
import { demoPostEventAnswers, demoPreEventAnswers } from './responses.js';
import { demoSales } from './sales-walkthrough.js';
import { demoBox, printList } from './show.js';

/** Next Tuesday at least `days` days after `from`: a typical SKO day 1. */
function tuesdayAfter(from: string, days: number): string {
  const d = new Date(`${from}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function demo(options: { db?: string | undefined; today?: string | undefined }): Promise<void> {
  const path = options.db ?? './data/demo.db';
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
  const db = openMigrated(path);
  const timeZone = 'America/New_York';
  const clock = new ManualClock(options.today ? `${options.today}T14:00:00Z` : new Date());
  const names = namesFrom(db, {
    [DEMO_COMPANY.channel.id]: DEMO_COMPANY.channel.name,
    [DEMO_COMPANY.emeaChannel.id]: DEMO_COMPANY.emeaChannel.name,
    [LAST_YEAR_CHANNEL.id]: LAST_YEAR_CHANNEL.name,
  });
  const today = localDate(clock.now(), timeZone);

  print(`SKO Conductor demo: ${DEMO_COMPANY.name}, offline (SQLite file ${path}, simulated clock, no Slack workspace).`);
  print();

  seedDemoCompany(db);
  keepDemoSurveyKey(db, DEMO_SURVEY_KEY);
  const { leads } = DEMO_COMPANY;
  // The SKO lead is one of the workspace's admins, who alone set an SKO up.
  syncSettingAdmins(db, [leads.sko]);
  const day1 = tuesdayAfter(today, 70);
  const lastYear = await demoLastYear(db, day1);
  print(`Last year ${DEMO_COMPANY.name} held its ${lastYear.name} (${lastYear.location}) for every team; SKO Conductor ran it too, and kept it.`);
  print('This year the company holds two regional kickoffs a week apart, each in its own channel, time zone and roster.');
  print();
  const roleHolders = {
    sko_lead: leads.sko,
    content_lead: leads.content,
    logistics_lead: leads.logistics,
    communications_lead: leads.communications,
    technology_lead: leads.technology,
  };
  const outcome = saveSetup(
    db,
    {
      name: 'Americas Kickoff FY27',
      day1,
      days: 3,
      hasDay0: true,
      timeZone,
      location: 'Chicago, Hyatt Regency',
      headcount: 20,
      budgetCents: 5_000_000,
      channelId: DEMO_COMPANY.channel.id,
      gtmChallenge: 'inconsistent-execution',
      leads: roleHolders,
      salesLeaders: DEMO_COMPANY.salesLeaders,
      roster: { teams: [], regions: ['Americas'] },
    },
    leads.sko,
    clock.now(),
    null,
  );
  const emea = saveSetup(
    db,
    {
      name: 'EMEA & APAC Kickoff FY27',
      day1: addDays(day1, 7),
      days: 2,
      hasDay0: false,
      timeZone: 'Europe/Berlin',
      location: 'Berlin, Estrel',
      headcount: 20,
      budgetCents: 4_000_000,
      channelId: DEMO_COMPANY.emeaChannel.id,
      gtmChallenge: 'inconsistent-execution',
      // Started from last year's: its agenda, budget split, texts, surveys and role holders come along.
      leads: {},
      salesLeaders: [],
      copyFrom: lastYear.id,
      roster: { teams: [], regions: ['EMEA', 'APAC'] },
    },
    leads.sko,
    clock.now(),
    null,
  );
  const summary = buildSetupSummary(loadPlan(db, outcome.event), outcome, leads.sko, previousLessonsView(db, outcome.event));
  print(`${today}: Dana runs /sko setup, chooses New SKO and fills in the modal. SKO Conductor posts in #${DEMO_COMPANY.channel.name}:`);
  print(demoBox(`#${DEMO_COMPANY.channel.name}`, renderPlainText(summary.blocks, names)));
  const emeaSummary = buildSetupSummary(loadPlan(db, emea.event), emea, leads.sko, previousLessonsView(db, emea.event));
  // The part of the summary about last year: what came along, and its lessons (also in each SKO's week-1 digest, each change a week-1 task).
  const fromLastYear = emeaSummary.blocks.filter((b) => b.type === 'section' && /Started from|Lessons from/.test(b.text?.text ?? ''));
  print(
    `Then New SKO again, starting from last year's: ${emea.event.name}, a week later in Berlin for the EMEA and APAC teams. Its summary in #${DEMO_COMPANY.emeaChannel.name} ends with:`,
  );
  print(demoBox(`#${DEMO_COMPANY.emeaChannel.name}`, renderPlainText(fromLastYear, names)));
  print();

  // The demo goes on to live through the whole SKO, after which nothing is left to simulate; a copy
  // kept as it is now lets the printed simulate command show the twelve weeks it promises.
  const atSetup = path.replace(/(\.db)?$/, '-at-setup.db');
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(atSetup + suffix)) rmSync(atSetup + suffix);
  await db.$client.backup(atSetup);
  // A preview on a copy of the database, as `sko simulate` does: the demo's own data stays as it is.
  const timeline = timelineOf(outcome.event);
  const week2 = timeline.weeks[1] as (typeof timeline.weeks)[number];
  const preview = await simulateSchedule(openCopy(path), { from: clock.now(), until: week2.endsAt, logger: quietLogger(), surveyKeySecret: DEMO_SURVEY_KEY });
  print(
    `What SKO Conductor will send in weeks 1 and 2 if nobody marks a task done (\`npm run sko -- simulate --sko ${outcome.event.handle} --db ${atSetup}\` shows all twelve weeks):`,
  );
  printList(
    preview.map((message) => `${formatDateTime(message.at, timeZone).padEnd(26)} ${recipient(message.channel, names).padEnd(22)} ${message.text}`),
    print,
  );
  print();
  const [first] = preview.filter((m) => !m.channel.startsWith('C'));
  if (first?.blocks) {
    print(`The first DM, as ${names.user(first.channel) ?? first.channel} sees it in Slack:`);
    print(demoBox(`SKO Conductor → ${recipient(first.channel, names)}`, renderPlainText(first.blocks, names)));
    print();
  }

  const showStatus = (label: string) => {
    const message = buildStatusMessage(statusNow(db, outcome.event, clock.now()));
    print(label);
    print(demoBox('/sko status (only you can see this)', renderPlainText(message.blocks, names)));
    print();
  };
  showStatus(`${today}: anyone types /sko status:`);
  await demoSales(db, today, names, path);

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
  demoDigestAndHome(db, outcome.event, clock.now(), names);

  await demoActionItems(db, outcome.event, path, clock, names, leads.sko);
  // The EMEA & APAC people answer their save-the-date and surveys at their own moments, a week behind.
  const emeaLife = demoLife(db, clock, emea.event);
  const americas = await communicationsDemo(db, clock, outcome.event, names, [
    ...quietAnswers(emeaLife, { pre: demoPreEventAnswers, post: demoPostEventAnswers }),
    ...eventLife(db, emeaLife),
  ]);
  await americas.advance(new Date((timelineOf(emea.event).weeks.at(-1)?.endsAt ?? clock.now()).getTime() + 3_600_000));
  print(
    `${localDate(clock.now(), timeZone)}: both kickoffs' week 12 has ended; SKO Conductor archived them with their scorecards as they stood. Elena types /sko history:`,
  );
  print(
    demoBox(
      '/sko history (only you can see this)',
      renderPlainText(buildHistoryMessage(historyFor(db, clock.now(), digestSources(DEMO_SURVEY_KEY))).blocks, names),
      11,
    ),
  );
  print();

  print('Try it yourself on the demo data (each runs as shown, from this folder):');
  for (const hint of [
    `npm run sko -- skos --db ${path}`,
    `npm run sko -- metrics --sko ${outcome.event.handle} --json --db ${path}`,
    `npm run sko -- status --sko ${emea.event.handle} --db ${path}`,
    `npm run sko -- perf --fy 2026 --by team --db ${path}`,
    `npm run sko -- forecast --growth 20% --db ${path}`,
    `npm run sko -- territory --db ${path}`,
    `npm run sko -- certification --sko ${outcome.event.handle} --db ${path}`,
    `npm run sko -- actions export --csv --sko ${outcome.event.handle} --db ${path}`,
  ]) {
    print(`  \`${hint}\``);
  }
  print('Then see the README to connect a real Slack workspace.');
  db.$client.close();
}

/** An action item made with /sko action, and the reminders and escalation it sends if nobody does it. */
async function demoActionItems(db: Db, event: EventRow, path: string, clock: ManualClock, names: PlainTextNames, skoLead: string): Promise<void> {
  const owner = db.select().from(people).where(eq(people.name, 'Owen Park')).get();
  if (!owner?.slackUserId) return;
  const today = localDate(clock.now(), event.timeZone);
  const typed = `Send the win-loss analysis to the content team <@${owner.slackUserId}> due:fri`;
  const parsed = parseActionCommand(typed, { callerSlackId: skoLead, today, timeZone: event.timeZone });
  if (!parsed.ok) throw new Error(parsed.error);
  const item = createActionItem(db, event, skoLead, { ...parsed.item, source: 'command' }, clock.now());
  const reply = buildCreatedReply(item, { viewerSlackId: skoLead, today, timeZone: event.timeZone, nextReminder: nextItemReminder(db, item.id) });
  print(`The same day, Dana types /sko action Send the win-loss analysis to the content team @Owen Park due:fri and sees:`);
  print(demoBox('/sko action (only you can see this)', renderPlainText(reply.blocks, names)));
  print();

  const until = atLocalTime(addDays(today, 14), '00:00', event.timeZone);
  const sent = await simulateSchedule(openCopy(path), { from: clock.now(), until, logger: quietLogger(), surveyKeySecret: DEMO_SURVEY_KEY });
  const chase = sent.filter((m) => m.blocks?.some((b) => b.block_id?.startsWith(ACTION_ITEMS.blockPrefix)));
  print('If Owen never marks it done, it chases him on weekdays at 09:00, then tells his manager once:');
  printList(
    chase.map(
      (message) =>
        `${formatDateTime(message.at, event.timeZone).padEnd(26)} ${recipient(message.channel, names).padEnd(22)} ${mrkdwnToPlain(message.text, names)}`,
    ),
    print,
  );
  print();
  const escalation = chase.find((m) => m.channel !== owner.slackUserId);
  if (escalation?.blocks) {
    print(`What ${names.user(escalation.channel) ?? escalation.channel}, his manager, sees:`);
    print(demoBox(`SKO Conductor → ${recipient(escalation.channel, names)}`, renderPlainText(escalation.blocks, names)));
    print();
  }
}

/** The budget, Monday's digest for a leader, and the App Home of a rep and a leader. */
function demoDigestAndHome(db: Db, event: EventRow, now: Date, names: PlainTextNames): void {
  const plan = loadPlan(db, event);
  const day1 = plan.event.day1;
  importExpenses(
    db,
    plan.event.id,
    `category,vendor,amount,date,note\nvenue,Hyatt Regency Chicago,18000,${addDays(day1, -60)},deposit\nvenue,Hyatt Regency Chicago,9500,${addDays(day1, -5)},catering balance\ntravel,United,12000,${addDays(day1, -30)},group fares\ntechnology,Stagecraft AV,3600,${addDays(day1, -40)},stage and screens\n`,
  );
  print('Logistics records the contracts so far with /sko budget add. Anyone types /sko budget:');
  print(
    demoBox('/sko budget (only you can see this)', renderPlainText(buildBudgetMessage(budgetReportFor(db, plan.event, now), plan.event.name).blocks, names)),
  );
  print('  (the budget chart, a 960 × 540 PNG, follows in the DM)');
  print();
  const elena = digestReaders(db, plan).find((p) => p.role === 'leader' || plan.holders.some((h) => h.role === 'sales_leader' && h.person.id === p.id));
  if (elena?.slackUserId) {
    const digest = buildDigestMessage(buildDigest(db, plan, elena, now, digestSources(DEMO_SURVEY_KEY)));
    print(
      `Monday 08:00: ${names.user(elena.slackUserId) ?? 'the sales leader'} gets the weekly digest by DM (with the burn-down and budget charts in its thread):`,
    );
    print(demoBox(`SKO Conductor → ${recipient(elena.slackUserId, names)}`, renderPlainText(digest.blocks, names)));
    print();
  }
  const rep = db
    .select()
    .from(people)
    .where(eq(people.role, 'rep'))
    .all()
    .find((p) => p.slackUserId);
  for (const who of [rep]) {
    if (!who?.slackUserId) continue;
    const view = buildHome(statusNow(db, event, now), { maySetUp: false, home: homeFor(db, event, who.slackUserId, now, digestSources(DEMO_SURVEY_KEY)) });
    print(`${names.user(who.slackUserId) ?? who.name} opens the app's Home tab (the status, then their own part):`);
    print(demoBox(`App Home · ${recipient(who.slackUserId, names)}`, renderPlainText(view.blocks.slice(-8) as Parameters<typeof renderPlainText>[0], names)));
    print();
  }
}
