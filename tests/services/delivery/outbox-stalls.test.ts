/**
 * Issue 22, points 4 and 6, and issue 19, point 3: a Slack that hangs, answers 500 after posting,
 * refuses one channel forever, or allows fewer messages a minute than the outbox first assumes;
 * and a second sender on the same database.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.js';
import { outbox } from '../../../db/schema.js';
import { createOutbox } from '../../../src/app.js';
import { ManualClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { enqueue, type NewMessage } from '../../../src/services/delivery/enqueue.js';
import type { Outbox, OutboxOptions } from '../../../src/services/delivery/outbox.js';
import { FakeSlack } from '../../support/fake-slack/server.js';
import { openRows } from '../../support/outbox-rows.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

const T0 = Date.parse('2027-01-04T14:00:00Z');

let clock: ManualClock;
let fake: FakeSlack;
let testDb: TestDb;
let logs: string[];

beforeEach(async () => {
  clock = new ManualClock(new Date(T0));
  fake = await FakeSlack.start({ now: () => clock.now().getTime() });
  testDb = createTestDb();
  logs = [];
});
afterEach(async () => {
  await fake.close();
  testDb.close();
});

function newOutbox(options: Partial<OutboxOptions> = {}): Outbox {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 's',
    SLACK_API_URL: fake.apiUrl,
    SURVEY_KEY_SECRET: 'unused-survey-key-0123456789',
  });
  const logger = createLogger('warn', (line) => logs.push(line));
  return createOutbox(config, { db: testDb.db, clock, logger, sleep: async (ms) => clock.advance(ms), random: () => 0.5, ...options });
}

const users = (n: number, prefix = 'U') => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(8, '0')}`);
const dm = (user: string): NewMessage => ({ key: `test:${user}`, kind: 'test', label: 'a test DM', channel: user, text: `Hello ${user}` });
const row = (user: string) =>
  testDb.db
    .select()
    .from(outbox)
    .where(eq(outbox.key, `test:${user}`))
    .get();
const postsTo = (user: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === user);

async function drainUntilSettled(sender: Outbox, maxTicks = 60): Promise<void> {
  for (let tick = 0; tick < maxTicks && openRows(testDb.db) > 0; tick += 1) {
    await sender.drain();
    if (openRows(testDb.db) > 0) clock.advance(60_000);
  }
}

describe('a Slack call that never answers', () => {
  it('is given up at its deadline, the others go on, and the message is found in the DM rather than sent twice', async () => {
    const recipients = users(12);
    const hung = recipients[3] as string;
    fake.holdResponse('chat.postMessage', { channel: hung });
    enqueue(testDb.db, recipients.map(dm));
    const started = Date.now();
    await drainUntilSettled(newOutbox({ callDeadlineMs: 300 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(recipients.filter((u) => fake.messagesIn(u).length !== 1)).toEqual([]);
    expect(postsTo(hung)).toHaveLength(1);
    expect(row(hung)).toMatchObject({ status: 'sent', slackTs: fake.messagesIn(hung)[0]?.ts });
  });
});

describe('an ambiguous answer after Slack stored the message', () => {
  it.each([
    ['HTTP 500', { kind: 'http', status: 500 } as const],
    ['internal_error', { kind: 'error', error: 'internal_error' } as const],
  ])('%s: the outbox looks in the DM before trying again, and the person has one message', async (_name, failure) => {
    fake.failNextAfterDoing('chat.postMessage', failure, 1, { channel: 'UAMBIG001' });
    enqueue(testDb.db, [dm('UAMBIG001')]);
    await drainUntilSettled(newOutbox());
    expect(fake.messagesIn('UAMBIG001')).toHaveLength(1);
    expect(postsTo('UAMBIG001')).toHaveLength(1);
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
    expect(row('UAMBIG001')).toMatchObject({ status: 'sent', slackTs: fake.messagesIn('UAMBIG001')[0]?.ts });
  });

  it('sends again when the look finds nothing (Slack failed before storing it)', async () => {
    fake.failNext('chat.postMessage', { kind: 'http', status: 500 }, 1, { channel: 'UAMBIG002' });
    enqueue(testDb.db, [dm('UAMBIG002')]);
    await drainUntilSettled(newOutbox());
    expect(fake.messagesIn('UAMBIG002')).toHaveLength(1);
    expect(postsTo('UAMBIG002')).toHaveLength(2);
  });
});

/** How long the same number of DMs take on a well-behaved Slack, on a database of their own. */
async function cleanRunMs(recipients: string[]): Promise<number> {
  const own = createTestDb();
  try {
    enqueue(own.db, recipients.map(dm));
    await newOutbox({ db: own.db }).drain();
    const last = Math.max(...fake.callsTo('chat.postMessage').map((c) => c.at.getTime()));
    return last - T0;
  } finally {
    own.close();
    fake.reset();
    clock.set(new Date(T0));
  }
}

describe('one channel answering 429 forever', () => {
  it('waits alone, is asked rarely, fails after ten minutes, and the others are sent as fast as without it', async () => {
    const others = users(40);
    const clean = await cleanRunMs([...others, 'UCALM0001']);
    fake.failAlways('chat.postMessage', { kind: 'ratelimited', retryAfter: 1 }, { channel: 'UHOT00001' });
    enqueue(testDb.db, [{ ...dm('UHOT00001'), notifyOnFailure: 'ULEAD0001' }, ...others.map(dm)]);
    const sender = newOutbox();
    await drainUntilSettled(sender);

    const lastOther = Math.max(
      ...fake
        .callsTo('chat.postMessage')
        .filter((c) => others.includes(String(c.args.channel)))
        .map((c) => c.at.getTime() - T0),
    );
    // Its first refusal pauses everyone once (1 s) and slows the pace by a quarter; nothing more.
    expect(lastOther).toBeLessThanOrEqual(clean * 1.34 + 1_000);
    expect(others.filter((u) => fake.messagesIn(u).length !== 1)).toEqual([]);
    expect(row('UHOT00001')).toMatchObject({ status: 'failed', lastError: 'ratelimited for 10 minutes' });
    expect(postsTo('UHOT00001').length).toBeLessThan(20);
    expect(fake.messagesIn('ULEAD0001')[0]?.text).toContain('as too many for 10 minutes');
  });
});

describe('a workspace that allows 200 messages a minute', () => {
  it('gets 600 DMs with few 429s: the outbox lowers its pace to what Slack allows', async () => {
    fake.setRateLimits({ postMessagePerChannelPerSecond: 1, postMessageBurst: 3, postMessagePerMinute: 200 });
    const recipients = users(600);
    enqueue(testDb.db, recipients.map(dm));
    await drainUntilSettled(newOutbox());
    const refused = fake.callsTo('chat.postMessage').filter((c) => c.rejected).length;
    expect(recipients.filter((u) => fake.messagesIn(u).length !== 1)).toEqual([]);
    // Keeping its first guess of 300 a minute, it met 20 here (304 in the real-time run).
    expect(refused).toBeLessThanOrEqual(5);
  });
});

describe('two senders on one database (an overlapping deploy)', () => {
  it('never both send: the second waits for the first one’s lease, and takes over once it lapses', async () => {
    const other = openDatabase(testDb.path);
    try {
      const first = newOutbox();
      const second = newOutbox({ db: other });
      const held = fake.holdResponse('chat.postMessage', { channel: 'ULEASE001' });
      enqueue(testDb.db, [dm('ULEASE001')]);
      const firstDrain = first.drain();
      await held.arrived;
      expect(await second.drain()).toEqual({ sent: 0, failed: 0, skipped: 0 });
      expect(row('ULEASE001')?.status).toBe('sending');
      held.release();
      await firstDrain;

      enqueue(testDb.db, [dm('ULEASE002')]);
      await second.drain();
      expect(fake.messagesIn('ULEASE002')).toHaveLength(0);
      clock.advance(31_000);
      await second.drain();
      expect(['ULEASE001', 'ULEASE002'].map((u) => fake.messagesIn(u).length)).toEqual([1, 1]);
      expect(postsTo('ULEASE001')).toHaveLength(1);
    } finally {
      other.$client.close();
    }
  });

  it('hands over at once when the first stops cleanly', async () => {
    const other = openDatabase(testDb.path);
    try {
      const first = newOutbox();
      await first.drain();
      await first.stop();
      enqueue(testDb.db, [dm('UHANDOVR1')]);
      await newOutbox({ db: other }).drain();
      expect(fake.messagesIn('UHANDOVR1')).toHaveLength(1);
    } finally {
      other.$client.close();
    }
  });
});
