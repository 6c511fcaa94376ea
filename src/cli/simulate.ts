/** `sko simulate`: every message the app will send from now on, from a copy of the database. */

import { type Db, openCopy } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { people, surveyResponses } from '../../db/schema.js';
import { type SimulatedMessage, simulateSchedule } from '../../schedules/simulate.js';
import { formatDateTime } from '../../views/kit/format.js';
import { type PlainTextNames, renderPlainText } from '../../views/kit/plain-text.js';
import { loadSurveyKeySecret } from '../config.js';
import { addDays, atLocalTime, isCalendarDate } from '../domain/dates.js';
import { InputError } from '../errors.js';
import { quietLogger } from '../logger.js';
import { otherSkosMessageKeys, timelineOf } from '../services/plan/event-store.js';
import { skoForCommandLine } from '../services/plan/which-sko.js';
import { demoSurveyKey, existingDatabasePath } from './database.js';
import { boxed, namesFrom, print, recipient } from './terminal.js';

/** Each person's Slack time zone by Slack id, for the people whose zone is known. */
function timeZonesFrom(db: Db): Map<string, string> {
  const rows = db.select({ slackUserId: people.slackUserId, timeZone: people.timeZone }).from(people).all();
  return new Map(rows.flatMap((r) => (r.slackUserId && r.timeZone ? [[r.slackUserId, r.timeZone] as const] : [])));
}

/** "Mon 10 Feb 2031 19:00 EST → Priya (DM) · their time Tue 11 Feb 2031 08:00 GMT+8": a DM reaches each reader on their own clock. */
function boxTitle(message: SimulatedMessage, names: PlainTextNames, timeZone: string, zones: ReadonlyMap<string, string>): string {
  const eventTime = formatDateTime(message.at, timeZone);
  const theirs = zones.get(message.channel);
  const theirTime = theirs ? formatDateTime(message.at, theirs) : eventTime;
  // Compared as read, so a reader whose zone only has another name (Toronto beside New York) gets no second time.
  const differs = theirTime.replace(/ \S+$/, '') !== eventTime.replace(/ \S+$/, '');
  return `${eventTime} → ${recipient(message.channel, names)}${differs ? ` · their time ${theirTime}` : ''}`;
}

function printMessages(messages: SimulatedMessage[], names: PlainTextNames, timeZone: string, zones: ReadonlyMap<string, string>): void {
  for (const message of messages) {
    print(boxed(boxTitle(message, names, timeZone, zones), message.blocks ? renderPlainText(message.blocks, names) : message.text));
    print();
  }
}

/** The survey key, needed to preview reminders once anyone has answered a survey. */
function simulationSurveyKey(db: Db): string | null {
  const key = loadSurveyKeySecret() ?? demoSurveyKey(db);
  if (key === null && db.select({ key: surveyResponses.respondentKey }).from(surveyResponses).limit(1).get()) {
    throw new InputError(
      'People have answered surveys, so the preview needs SURVEY_KEY_SECRET (the value the app runs with) to tell who still gets reminders. Set it in .env or the environment.',
    );
  }
  return key;
}

export async function simulate(options: { db?: string | undefined; until?: string | undefined; sko?: string | undefined }): Promise<void> {
  const path = existingDatabasePath(options);
  if (options.until !== undefined && !isCalendarDate(options.until)) throw new InputError(`--until takes a date as YYYY-MM-DD; "${options.until}" is not one.`);
  const db = openCopy(path);
  migrateDatabase(db);
  const event = skoForCommandLine(db, options.sko);
  const timeline = timelineOf(event);
  const endOfPlan = (timeline.weeks[timeline.weeks.length - 1] as (typeof timeline.weeks)[number]).endsAt;
  const until = options.until ? atLocalTime(addDays(options.until, 1), '00:00', event.timeZone) : endOfPlan;
  const from = new Date();
  // Every running SKO is simulated (they share the workspace's pace); the preview shows this one's messages.
  const all = await simulateSchedule(db, { from, until, logger: quietLogger(), surveyKeySecret: simulationSurveyKey(db) });
  const others = otherSkosMessageKeys(db, event.id);
  const messages = all.filter((m) => !others.has(m.key));
  print(`${event.name}: every message SKO Conductor will send from ${formatDateTime(from, event.timeZone)} to ${formatDateTime(until, event.timeZone)},`);
  print(`assuming nobody marks a task done from now on. Nothing is sent and ${path} is not changed.`);
  print(`${messages.length} message${messages.length === 1 ? '' : 's'}.`);
  print();
  printMessages(messages, namesFrom(db), event.timeZone, timeZonesFrom(db));
}
