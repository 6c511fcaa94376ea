/**
 * Issue 22's done-when, replayed on every change: a Slack that answers HTTP 500 after posting 5% of
 * messages and never answers 1% of them gets a 1,000-DM fan-out exactly once, in about the time a
 * well-behaved Slack takes. Times here are the outbox's clock (simulated); the wall-clock ratio is
 * in `npm run bench` (outbox-chaos).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import { createOutbox } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { seededRandom } from '../../src/demo/random.js';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import { openRows } from '../support/outbox-rows.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const T0 = Date.parse('2027-01-04T14:00:00Z');
const RECIPIENTS = Array.from({ length: 1_000 }, (_, i) => `U${String(i + 1).padStart(8, '0')}`);

let clock: ManualClock;
let fake: FakeSlack;
let testDb: TestDb;

beforeEach(async () => {
  clock = new ManualClock(new Date(T0));
  fake = await FakeSlack.start({ now: () => clock.now().getTime() });
  testDb = createTestDb();
});
afterEach(async () => {
  await fake.close();
  testDb.close();
});

/** Sends the fan-out to the end, as the every-minute job would; returns how long it took on the outbox's clock. */
async function fanOut(): Promise<number> {
  enqueue(
    testDb.db,
    RECIPIENTS.map((user) => ({ key: `fan-out:${user}`, kind: 'test', label: 'a test DM', channel: user, text: `Hello ${user}` })),
  );
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 's',
    SLACK_API_URL: fake.apiUrl,
    SURVEY_KEY_SECRET: 'unused-survey-key-0123456789',
  });
  const sender = createOutbox(config, {
    db: testDb.db,
    clock,
    logger: createLogger('error', () => undefined),
    sleep: async (ms) => clock.advance(ms),
    random: seededRandom(7),
    callDeadlineMs: 300,
  });
  const started = clock.now().getTime();
  for (let tick = 0; tick < 10 && openRows(testDb.db) > 0; tick += 1) await sender.drain();
  return (
    Math.max(
      ...testDb.db
        .select({ updatedAt: outbox.updatedAt })
        .from(outbox)
        .all()
        .map((r) => Date.parse(r.updatedAt)),
    ) - started
  );
}

describe('a 1,000-DM fan-out through a Slack that fails after posting 5% and hangs on 1%', () => {
  it('delivers every DM exactly once, within 1.2× the time of a clean run', async () => {
    const clean = await fanOut();
    fake.reset();
    testDb.close();
    testDb = createTestDb();
    clock.set(new Date(T0));

    fake.chaos('chat.postMessage', { failAfterDoing: 0.05, hang: 0.01, random: seededRandom(22) });
    const troubled = await fanOut();

    const posts = fake.callsTo('chat.postMessage');
    expect(posts.filter((c) => c.status === 500).length).toBeGreaterThan(25);
    expect(posts.filter((c) => c.hung).length).toBeGreaterThan(3);
    expect(RECIPIENTS.filter((user) => fake.messagesIn(user).length !== 1)).toEqual([]);
    expect(
      testDb.db
        .select()
        .from(outbox)
        .all()
        .filter((r) => r.status !== 'sent'),
    ).toEqual([]);
    expect(troubled).toBeLessThanOrEqual(clean * 1.2);
  }, 60_000);
});
