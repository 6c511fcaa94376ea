import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { createApp, createOutbox, createSlackClient } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { createLogger } from '../../src/logger.js';
import { SLACK_CALL_DEADLINE_MS } from '../../src/services/delivery/outbox.js';
import { WebApiPacing } from '../../src/services/delivery/pacing.js';
import { createNarrator } from '../../src/services/narrative/narrator.js';
import { syncSettingAdmins } from '../../src/services/people/admins.js';
import { AgentRunner } from '../../src/services/sales/agent-runner.js';
import { U } from './builders.js';
import { FakeSlack } from './fake-slack/server.js';
import { developersWordsIn } from './plain-words.js';
import { SlackDriver } from './slack-driver/driver.js';
import { createTestDb, type TestDb } from './test-db.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
/** The tests' survey key: fixed, so a test can work out respondent keys itself. */
export const SURVEY_KEY = 'test-survey-key-0123456789abcdef';

export interface TestApp {
  app: App;
  deps: Deps;
  db: TestDb['db'];
  testDb: TestDb;
  clock: ManualClock;
  fake: FakeSlack;
  driver: SlackDriver;
  /** Where the app takes Slack's requests: for senders other than the driver (the bench's own process). */
  appUrl: string;
  /** Error-level log lines; a test that expects none asserts this is empty. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * The real app on a random port over a temporary database, talking to a fake Slack:
 * the same wiring as main.ts, with the clock in the test's hands. The outbox's waits (pacing,
 * Retry-After, backoff) move that clock rather than the wall clock.
 */
export async function startTestApp(
  options: ({ now: string | Date } | { clock: ManualClock }) & { fake?: FakeSlack; db?: TestDb; admins?: string; model?: ModelSettings },
): Promise<TestApp> {
  const fake = options.fake ?? (await FakeSlack.start());
  // A database passed in outlives this app: a restart is a second app over the same file.
  const testDb = options.db ?? createTestDb();
  const clock = 'clock' in options ? options.clock : new ManualClock(options.now);
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'error',
    SURVEY_KEY_SECRET: SURVEY_KEY,
    // Dana sets the SKO up in most tests; being first makes nobody an admin, so she is one by setting.
    SKO_ADMINS: options.admins ?? U.dana,
    ...modelEnv(options.model),
  });
  const errors: string[] = [];
  const logger = createLogger('error', (line) => errors.push(line));
  const sleep = async (ms: number) => clock.advance(ms);
  // The Web API pacer keeps time of its own: its waits spend Slack's per-method budget, and moving the
  // test's clock for them would move what the test scheduled (a burst of views.open is not an hour).
  const pacingClock = new ManualClock(clock.now());
  const pacing = new WebApiPacing({
    now: () => pacingClock.now().getTime(),
    sleep: async (ms) => pacingClock.advance(ms),
    deadlineMs: SLACK_CALL_DEADLINE_MS,
  });
  const outbox = createOutbox(config, { db: testDb.db, clock, logger, sleep, pacing });
  const deps: Deps = {
    db: testDb.db,
    logger,
    clock,
    slack: createSlackClient(config, logger, { retries: 0, pacing }),
    outbox,
    agents: new AgentRunner(testDb.path),
    surveyKeySecret: config.surveyKeySecret,
    narrative: config.narrative ? createNarrator(config.narrative, logger) : null,
  };
  syncSettingAdmins(testDb.db, config.admins);
  const app = createApp(config, deps, { identity: { botUserId: fake.botUserId, botId: fake.botId }, waitingFor: '' }, pacing);
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  // Whatever a test asserts, no surface it produces may speak the developers' words (issue 15): read before each reset and at the end.
  const jargon: string[] = [];
  fake.beforeReset(() => jargon.push(...developersWordsIn(fake)));
  const appUrl = `http://127.0.0.1:${port}/slack/events`;
  const driver = new SlackDriver({ appUrl, signingSecret: SIGNING_SECRET, fake });
  return {
    app,
    deps,
    db: testDb.db,
    testDb,
    clock,
    fake,
    driver,
    appUrl,
    errors,
    async close() {
      await outbox.stop();
      await app.stop();
      await deps.agents.close();
      if (!options.fake) await fake.close();
      if (!options.db) testDb.close();
      // What the app sent to a response_url and Slack refused never reached the person: a failure whatever the test asserted.
      const refused = fake.rejectedResponses.map((r) => `${r.status} ${r.error}: ${JSON.stringify(r.body).slice(0, 300)}`);
      if (refused.length > 0) throw new Error(`Slack refused what the app sent to response_urls:\n  ${refused.join('\n  ')}`);
      jargon.push(...developersWordsIn(fake));
      if (jargon.length > 0) throw new Error(`A Slack surface names a seed, a server command or an agent's code name:\n  ${jargon.join('\n  ')}`);
    },
  };
}

/** The model layer's settings for a test: the fake Messages API's URL, and individual data on or off. */
export interface ModelSettings {
  baseUrl: string;
  individualData?: 'on' | 'off';
}

function modelEnv(model: ModelSettings | undefined): Record<string, string> {
  if (!model) return {};
  return { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: model.baseUrl, NARRATIVE_INDIVIDUAL_DATA: model.individualData ?? 'on' };
}

/** Waits until `check` passes, for work a handler does after acknowledging. */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
