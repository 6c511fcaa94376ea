import { WebClient } from '@slack/web-api';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema.js';
import { createOutbox } from '../../../src/app.js';
import { ManualClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { enqueue, type NewMessage } from '../../../src/services/delivery/enqueue.js';
import type { Outbox } from '../../../src/services/delivery/outbox.js';
import { OUTBOX_METADATA_TYPE } from '../../../src/services/delivery/outbox-transport.js';
import { FakeSlack } from '../../support/fake-slack/server.js';
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

/** A sender as main.ts builds it, over the same database each time: a new one plays a restarted process. */
function newOutbox(options: { waitHorizonMs?: number } = {}): Outbox {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 's',
    SLACK_API_URL: fake.apiUrl,
    SURVEY_KEY_SECRET: 'unused-survey-key-0123456789',
  });
  const logger = createLogger('warn', (line) => logs.push(line));
  // Jitter fixed at its midpoint, so each delay is three quarters of its doubling step.
  return createOutbox(config, { db: testDb.db, clock, logger, sleep: async (ms) => clock.advance(ms), random: () => 0.5, ...options });
}

const dm = (user: string, n = 1): NewMessage => ({
  key: `test:${user}:${n}`,
  kind: 'test',
  label: `test message ${n}`,
  channel: user,
  text: `message ${n} for ${user}`,
});
const row = (key: string) => testDb.db.select().from(outbox).where(eq(outbox.key, key)).get();
const secondsOf = (method = 'chat.postMessage') => fake.callsTo(method).map((c) => (c.at.getTime() - T0) / 1000);

/** Drains as the every-minute job would, moving the clock a minute between runs, until nothing is pending. */
async function drainUntilSettled(sender: Outbox, maxTicks = 30): Promise<void> {
  for (let tick = 0; tick < maxTicks; tick += 1) {
    await sender.drain();
    const open = testDb.db
      .select()
      .from(outbox)
      .all()
      .filter((r) => r.status === 'pending' || r.status === 'sending');
    if (open.length === 0) return;
    clock.advance(60_000);
  }
}

describe('the outbox', () => {
  it('delivers each idempotency key once, with the key in the message metadata', async () => {
    const sender = newOutbox();
    expect(enqueue(testDb.db, [dm('UANNA0001'), dm('UANNA0001')])).toBe(1);
    await sender.drain();
    expect(enqueue(testDb.db, [dm('UANNA0001')])).toBe(0);
    await sender.drain();

    const [message] = fake.messagesIn('UANNA0001');
    expect(fake.messagesIn('UANNA0001')).toHaveLength(1);
    expect(message?.text).toBe('message 1 for UANNA0001');
    expect(message?.metadata).toEqual({ event_type: OUTBOX_METADATA_TYPE, event_payload: { key: 'test:UANNA0001:1' } });
    expect(row('test:UANNA0001:1')).toMatchObject({
      status: 'sent',
      attempts: 1,
      slackChannel: fake.dmChannelOf('UANNA0001'),
      slackTs: message?.ts,
      sentAt: new Date(T0).toISOString(),
    });
  });

  it('paces one channel at one message a second after a burst of three, keeping its order, while other channels go at once', async () => {
    const sender = newOutbox();
    enqueue(
      testDb.db,
      [1, 2, 3, 4, 5].map((n) => ({ ...dm('UBUSY0001', n) })),
    );
    enqueue(testDb.db, [dm('UCALM0001')]);
    await sender.drain();
    const at = (user: string) =>
      fake
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === user)
        .map((c) => [(c.at.getTime() - T0) / 1000, c.args.text]);
    expect(at('UBUSY0001')).toEqual([
      [0, 'message 1 for UBUSY0001'],
      [0, 'message 2 for UBUSY0001'],
      [0, 'message 3 for UBUSY0001'],
      [1, 'message 4 for UBUSY0001'],
      [2, 'message 5 for UBUSY0001'],
    ]);
    expect(at('UCALM0001')).toEqual([[0, 'message 1 for UCALM0001']]);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.rejected)).toHaveLength(0);
  });

  it('waits out a storm of 429s as long as Retry-After says (longer once they keep coming), without counting them as failures', async () => {
    const sender = newOutbox();
    fake.failNext('chat.postMessage', { kind: 'ratelimited', retryAfter: 5 }, 4);
    enqueue(testDb.db, [dm('USTORM001', 1), dm('USTORM001', 2), dm('USTORM001', 3)]);
    await sender.drain();
    // Refusals five seconds apart, the fourth in a row waiting 8 s (doubling from 1 s), then the three messages in order.
    expect(secondsOf()).toEqual([0, 5, 10, 15, 23, 23, 23]);
    expect(fake.messagesIn('USTORM001').map((m) => m.text)).toEqual(['message 1 for USTORM001', 'message 2 for USTORM001', 'message 3 for USTORM001']);
    expect(row('test:USTORM001:1')).toMatchObject({ status: 'sent', attempts: 1, lastError: 'ratelimited: Slack asked to wait 5 s' });
  });

  it('pauses every channel while Slack says to wait', async () => {
    // A sender that never waits inside a drain, so each drain shows what may go at that moment.
    const sender = newOutbox({ waitHorizonMs: 0 });
    fake.failNext('chat.postMessage', { kind: 'ratelimited', retryAfter: 30 }, 1, { channel: 'UFIRST001' });
    enqueue(testDb.db, [dm('UFIRST001')]);
    await sender.drain();
    enqueue(testDb.db, [dm('ULATER001')]);
    clock.advance(10_000);
    await sender.drain();
    expect(secondsOf()).toEqual([0]);
    clock.advance(20_000);
    await sender.drain();
    expect(secondsOf()).toEqual([0, 30, 30]);
  });

  it('retries a run of 5xx answers with capped, jittered backoff, then delivers', async () => {
    const sender = newOutbox();
    fake.failNext('chat.postMessage', { kind: 'http', status: 503 }, 3);
    enqueue(testDb.db, [dm('UFLAKY001')]);
    await sender.drain();
    // Delays are ¾ of 2 s, 4 s, 8 s at the jitter's midpoint: 1.5 s, 3 s, 6 s.
    expect(secondsOf()).toEqual([0, 1.5, 4.5, 10.5]);
    expect(fake.messagesIn('UFLAKY001')).toHaveLength(1);
    expect(row('test:UFLAKY001:1')).toMatchObject({ status: 'sent', attempts: 4, lastError: 'http_503' });
  });

  it('gives up on Slack failures after ten attempts, about ten minutes, and records why', async () => {
    const sender = newOutbox();
    fake.failAlways('chat.postMessage', { kind: 'http', status: 500 });
    enqueue(testDb.db, [dm('UDOWN0001')]);
    await drainUntilSettled(sender);
    // ¾ of 2, 4, 8 … 256 s, the last step capped at 300 s: 1.5, 3, 6, 12, 24, 48, 96, 192, 225.
    expect(secondsOf()).toEqual([0, 1.5, 4.5, 10.5, 22.5, 46.5, 94.5, 190.5, 382.5, 607.5]);
    expect(row('test:UDOWN0001:1')).toMatchObject({ status: 'failed', attempts: 10, lastError: 'http_500 after 10 attempts' });
    clock.advance(3_600_000);
    await sender.drain();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(10);
  });

  it('records a permanent error for one recipient once, and delivers to the others', async () => {
    const sender = newOutbox();
    fake.failAlways('chat.postMessage', { kind: 'error', error: 'user_not_found' }, { channel: 'UGONE0001' });
    enqueue(testDb.db, [dm('UANNA0001'), dm('UGONE0001'), dm('UBOB00001')]);
    await drainUntilSettled(sender);
    clock.advance(3_600_000);
    await sender.drain();
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'UGONE0001')).toHaveLength(1);
    expect(row('test:UGONE0001:1')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'user_not_found' });
    expect(fake.messagesIn('UANNA0001')).toHaveLength(1);
    expect(fake.messagesIn('UBOB00001')).toHaveLength(1);
    expect(logs.join('\n')).toContain('test:UGONE0001:1 to UGONE0001 failed: user_not_found');
  });

  it('tells whoever asked when a message cannot be delivered, and what to do', async () => {
    const sender = newOutbox();
    fake.failAlways('chat.postMessage', { kind: 'error', error: 'is_archived' }, { channel: 'COLDSKO01' });
    enqueue(testDb.db, [{ key: 'summary', kind: 'test', label: 'the SKO summary', channel: 'COLDSKO01', text: 'summary', notifyOnFailure: 'ULEAD0001' }]);
    await sender.drain();
    expect(fake.messagesIn('ULEAD0001').map((m) => m.text)).toEqual([
      'I could not post the SKO summary in <#COLDSKO01>. <#COLDSKO01> is archived: choose another event channel in `/sko setup`.',
    ]);
  });

  it('skips a message that went stale before it could be sent', async () => {
    const sender = newOutbox();
    enqueue(testDb.db, [{ ...dm('ULATE0001'), staleAt: new Date(T0 - 1) }]);
    await sender.drain();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(row('test:ULATE0001:1')).toMatchObject({ status: 'skipped', lastError: 'stale' });
  });
});

describe('after a crash between Slack accepting a message and the outbox recording it', () => {
  /** The state a process leaves when it dies mid-call: the row marked sending, the message perhaps in Slack. */
  async function interrupted(user: string, delivered: boolean): Promise<string | undefined> {
    enqueue(testDb.db, [dm(user)]);
    const sendingAt = new Date(T0 - 2_000).toISOString();
    testDb.db
      .update(outbox)
      .set({ status: 'sending', sendingAt })
      .where(eq(outbox.key, `test:${user}:1`))
      .run();
    if (!delivered) return undefined;
    const web = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const posted = await web.chat.postMessage({
      channel: user,
      text: `message 1 for ${user}`,
      metadata: { event_type: OUTBOX_METADATA_TYPE, event_payload: { key: `test:${user}:1` } },
    });
    fake.calls.length = 0;
    return posted.ts;
  }

  it('finds the message in the DM history on restart and does not send it again', async () => {
    const ts = await interrupted('UCRASH001', true);
    await newOutbox().drain();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(fake.callsTo('conversations.history')[0]?.args).toMatchObject({ channel: fake.dmChannelOf('UCRASH001'), include_all_metadata: 'true' });
    expect(fake.messagesIn('UCRASH001')).toHaveLength(1);
    expect(row('test:UCRASH001:1')).toMatchObject({ status: 'sent', slackTs: ts, slackChannel: fake.dmChannelOf('UCRASH001') });
  });

  it('sends it once when it never reached Slack', async () => {
    await interrupted('UCRASH002', false);
    await newOutbox().drain();
    expect(fake.messagesIn('UCRASH002')).toHaveLength(1);
    expect(row('test:UCRASH002:1')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('does not guess when it cannot check: the message is recorded as unconfirmed, not sent twice', async () => {
    await interrupted('UCRASH003', true);
    fake.failAlways('conversations.history', { kind: 'error', error: 'missing_scope' });
    await newOutbox().drain();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(row('test:UCRASH003:1')).toMatchObject({ status: 'failed', lastError: 'unconfirmed: missing_scope' });
  });
});
