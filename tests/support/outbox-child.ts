/**
 * A separate process that runs the real outbox over a database file against a Slack API URL until
 * nothing is left to send: `node --import tsx tests/support/outbox-child.ts <db file> <api url>`.
 * The crash test kills it with SIGKILL mid-send and starts another.
 */
import { openDatabase } from '../../db/client.js';
import { createOutbox } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

const [dbPath, apiUrl] = process.argv.slice(2);
if (!dbPath || !apiUrl) throw new Error('usage: outbox-child.ts <db file> <api url>');
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
});
const report = await outbox.drain();
process.stdout.write(`${JSON.stringify(report)}\n`);
db.$client.close();
