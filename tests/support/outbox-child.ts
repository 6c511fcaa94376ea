/**
 * A separate process that runs the real outbox over a database file against a Slack API URL until
 * nothing is left to send, as the app's every-minute job would:
 * `node --import tsx tests/support/outbox-child.ts <db file> <api url> [options JSON]`.
 * The crash tests kill it with SIGKILL mid-send and start another; two at once play an overlapping deploy.
 */
import { openDatabase } from '../../db/client.js';
import { createOutbox } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { emptyReport, mergeReports, openRows } from './outbox-rows.js';

interface ChildOptions {
  /** The sending lease: short, so a restart after SIGKILL takes over within seconds. */
  leaseMs?: number;
  /** Each Slack call's deadline. */
  deadlineMs?: number;
}

const [dbPath, apiUrl, optionsJson] = process.argv.slice(2);
if (!dbPath || !apiUrl) throw new Error('usage: outbox-child.ts <db file> <api url> [options JSON]');
const options = JSON.parse(optionsJson ?? '{}') as ChildOptions;
const config = loadConfig({
  SLACK_BOT_TOKEN: 'xoxb-child',
  SLACK_SIGNING_SECRET: 'unused',
  SLACK_API_URL: apiUrl,
  DATABASE_PATH: dbPath,
  SURVEY_KEY_SECRET: 'unused-survey-key-0123456789',
});
const db = openDatabase(dbPath);
const logger = createLogger('warn', (line) => process.stderr.write(`${line}\n`));
// A generous workspace ceiling: this process is about crashing, not pacing.
const outbox = createOutbox(config, {
  db,
  clock: systemClock,
  logger,
  limits: { perChannelPerSecond: 1, channelBurst: 3, workspacePerMinute: 60_000, workspaceBurst: 100 },
  leaseMs: options.leaseMs ?? 2_000,
  callDeadlineMs: options.deadlineMs ?? 1_000,
  waitHorizonMs: 5_000,
});
let report = emptyReport();
// Another process's lease (alive, or dead and not yet expired) makes a drain return at once: look again shortly.
while (openRows(db) > 0) {
  report = mergeReports(report, await outbox.drain());
  if (openRows(db) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
}
await outbox.stop();
process.stdout.write(`${JSON.stringify(report)}\n`);
db.$client.close();
