import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema.js';
import { createOutbox } from '../../../src/app.js';
import { ManualClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { enqueue, type NewMessage } from '../../../src/services/delivery/enqueue.js';
import type { Outbox } from '../../../src/services/delivery/outbox.js';
import { FakeSlack } from '../../support/fake-slack/server.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

const CHANNEL = 'CEVENT001';

let clock: ManualClock;
let fake: FakeSlack;
let testDb: TestDb;

beforeEach(async () => {
  clock = new ManualClock(new Date('2027-02-02T15:00:00Z'));
  fake = await FakeSlack.start({ now: () => clock.now().getTime() });
  testDb = createTestDb();
});
afterEach(async () => {
  await fake.close();
  testDb.close();
});

function newOutbox(): Outbox {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 's',
    SLACK_API_URL: fake.apiUrl,
    SURVEY_KEY_SECRET: 'unused-survey-key-0123456789',
  });
  return createOutbox(config, {
    db: testDb.db,
    clock,
    logger: createLogger('error', () => undefined),
    sleep: async (ms) => clock.advance(ms),
    random: () => 0.5,
  });
}

const message = (key: string, text: string, extra: Partial<NewMessage> = {}): NewMessage => ({
  key,
  kind: 'test',
  label: key,
  channel: CHANNEL,
  text,
  ...extra,
});
const row = (key: string) => testDb.db.select().from(outbox).where(eq(outbox.key, key)).get();

describe('replies in a thread and edits, through the outbox', () => {
  it('posts a reply under its thread and rewrites the message it names, in the order they were queued', async () => {
    const sender = newOutbox();
    enqueue(testDb.db, [
      message('parent', 'Questions for the keynote'),
      message('reply', 'Question: why?', { threadKey: 'parent' }),
      message('reply:v1', 'Question: why? (1 vote)', { replacesKey: 'reply' }),
    ]);
    await sender.drain();
    const [parent, reply] = fake.messagesIn(CHANNEL);
    expect(fake.messagesIn(CHANNEL)).toHaveLength(2);
    expect(reply?.thread_ts).toBe(parent?.ts);
    expect(reply?.text).toBe('Question: why? (1 vote)');
    expect(row('reply:v1')?.status).toBe('sent');
    expect(fake.callsTo('chat.update')).toHaveLength(1);
  });

  it('rewrites a message once when several edits of it wait, with the latest, and leaves the others skipped as superseded', async () => {
    const sender = newOutbox();
    enqueue(testDb.db, [message('reply', 'Question: why?')]);
    await sender.drain();
    enqueue(
      testDb.db,
      [1, 2, 3, 4, 5].map((votes) => message(`reply:v${votes}`, `Question: why? (${votes} votes)`, { replacesKey: 'reply' })),
    );
    await sender.drain();
    expect(fake.callsTo('chat.update')).toHaveLength(1);
    expect(fake.messagesIn(CHANNEL).map((m) => m.text)).toEqual(['Question: why? (5 votes)']);
    expect(row('reply:v5')?.status).toBe('sent');
    expect([1, 2, 3, 4].map((votes) => [row(`reply:v${votes}`)?.status, row(`reply:v${votes}`)?.lastError])).toEqual(
      Array(4).fill(['skipped', 'superseded by a later edit']),
    );
  });

  it('finds a reply that reached Slack before an unanswered call in its thread, and does not post it twice', async () => {
    const sender = newOutbox();
    enqueue(testDb.db, [message('parent', 'Questions for the keynote')]);
    await sender.drain();
    fake.failNextAfterDoing('chat.postMessage', { kind: 'http', status: 500 });
    enqueue(testDb.db, [message('reply', 'Question: why?', { threadKey: 'parent' })]);
    await sender.drain();
    clock.advance(60_000);
    await sender.drain();
    expect(fake.messagesIn(CHANNEL).filter((m) => m.text === 'Question: why?')).toHaveLength(1);
    expect(fake.callsTo('conversations.replies').length).toBeGreaterThan(0);
    expect(row('reply')?.status).toBe('sent');
  });

  it('fails a reply whose thread never started, saying why, and posts nothing loose in the channel', async () => {
    const sender = newOutbox();
    fake.failNext('chat.postMessage', { kind: 'error', error: 'is_archived' });
    enqueue(testDb.db, [message('parent', 'Questions for the keynote'), message('reply', 'Question: why?', { threadKey: 'parent' })]);
    await sender.drain();
    expect(row('parent')?.status).toBe('failed');
    expect(row('reply')).toMatchObject({ status: 'failed', lastError: 'earlier_message_not_sent' });
    expect(fake.messagesIn(CHANNEL)).toHaveLength(0);
  });
});
