import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema.js';
import { createOutbox, createSlackClient } from '../../../src/app.js';
import { ManualClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config.js';
import type { ChartSpec } from '../../../src/domain/insights/charts.js';
import { createLogger } from '../../../src/logger.js';
import { deliveryProblems } from '../../../src/services/delivery/delivery-problems.js';
import { enqueue, type MessageAttachment, type NewMessage } from '../../../src/services/delivery/enqueue.js';
import type { Outbox } from '../../../src/services/delivery/outbox.js';
import { WebApiPacing } from '../../../src/services/delivery/pacing.js';
import { FakeSlack } from '../../support/fake-slack/server.js';
import type { StoredMessage } from '../../support/fake-slack/types.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

const T0 = Date.parse('2027-03-01T14:00:00Z');
const UPLOAD_METHODS = ['files.getUploadURLExternal', 'files.completeUploadExternal'];

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

function config() {
  return loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.apiUrl, SURVEY_KEY_SECRET: 'unused-survey-key-0123456789' });
}

/** A sender as main.ts builds it, over the same database each time: a new one plays a restarted process. */
function newOutbox(): Outbox {
  const logger = createLogger('warn', (line) => logs.push(line));
  return createOutbox(config(), { db: testDb.db, clock, logger, sleep: async (ms) => clock.advance(ms), random: () => 0.5 });
}

function burnDown(week: number): MessageAttachment {
  const chart: ChartSpec = {
    type: 'line',
    title: `Plan burn-down, week ${week}`,
    yLabel: 'open tasks',
    labels: ['W1', 'W2', 'W3'],
    series: [{ label: 'Open tasks', data: [40 - week, 30 - week, 20 - week] }],
  };
  return { filename: `digest-week-${week}-burn-down.png`, title: `Week ${week}: plan burn-down`, chart };
}

const digest = (n: number, week: number, notify: string | null = null): NewMessage => ({
  key: `digest:${week}:${n}`,
  kind: 'digest',
  label: `the week ${week} digest`,
  channel: `U${String(n).padStart(8, '0')}`,
  text: `Weekly digest ${n}`,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Digest for reader ${n}` } }],
  attachments: [burnDown(week)],
  notifyOnFailure: notify,
});

/** The uploads each message shows, by file id. */
function shownFiles(message: StoredMessage): string[] {
  return (message.blocks ?? []).flatMap((b) => {
    const block = b as { type?: string; slack_file?: { id?: string } };
    return block.type === 'image' && block.slack_file?.id ? [block.slack_file.id] : [];
  });
}

async function drainUntilSettled(sender: Outbox): Promise<void> {
  for (let tick = 0; tick < 60; tick += 1) {
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

describe('charts in messages', () => {
  it.each([2, 3, 4] as const)('with the upload methods held to Tier %i, every message shows its chart, each chart uploaded once', async (tier) => {
    // Bursts of one: every call past the first in a window is refused unless the app paces it.
    const perMinute = { 2: 20, 3: 50, 4: 100 }[tier];
    fake.enforceTiers(Object.fromEntries(UPLOAD_METHODS.map((m) => [m, { perMinute, burst: 1 }])));
    // 30 weeks' charts (30 uploads), each week shown to 4 readers.
    const messages = Array.from({ length: 30 }, (_, w) => Array.from({ length: 4 }, (_, r) => digest(w * 4 + r, w + 1))).flat();
    enqueue(testDb.db, messages);
    await drainUntilSettled(newOutbox());

    const uploads = fake.uploads();
    expect(uploads).toHaveLength(30);
    const completed = new Map(uploads.filter((u) => u.completed).map((u) => [u.id, u]));
    const delivered = fake.allMessages().filter((m) => m.text?.startsWith('Weekly digest'));
    expect(delivered).toHaveLength(120);
    for (const m of delivered) {
      const [id] = shownFiles(m);
      const week = Number(/^Weekly digest (\d+)/.exec(m.text ?? '')?.[1]) / 4;
      expect(completed.get(id ?? '')?.filename).toBe(`digest-week-${Math.floor(week) + 1}-burn-down.png`);
    }
    // The fake's limit was met by pacing, not by luck: the uploads are spread at its rate.
    const calls = fake.callsTo('files.getUploadURLExternal').filter((c) => !c.rejected);
    const spanMinutes = (calls.at(-1)!.at.getTime() - calls[0]!.at.getTime()) / 60_000;
    expect(spanMinutes).toBeGreaterThanOrEqual((30 - 1) / perMinute - 0.01);
    expect(
      testDb.db
        .select()
        .from(outbox)
        .all()
        .every((r) => r.status === 'sent'),
    ).toBe(true);
  });

  it('uploads a chart once for everyone, and a restarted sender finds it in the database instead of uploading again', async () => {
    enqueue(
      testDb.db,
      Array.from({ length: 20 }, (_, n) => digest(n, 3)),
    );
    await drainUntilSettled(newOutbox());
    expect(fake.uploads()).toHaveLength(1);
    enqueue(testDb.db, [digest(20, 3), digest(21, 3)]);
    await drainUntilSettled(newOutbox());
    expect(fake.uploads()).toHaveLength(1);
    const ids = new Set(fake.allMessages().flatMap(shownFiles));
    expect([...ids]).toEqual([fake.uploads()[0]?.id]);
    expect(fake.allMessages()).toHaveLength(22);
  });

  it('waits out a 429 on an upload for as long as Retry-After says, then shows the chart', async () => {
    fake.failNext('files.getUploadURLExternal', { kind: 'ratelimited', retryAfter: 30 });
    enqueue(testDb.db, [digest(1, 5)]);
    await drainUntilSettled(newOutbox());
    const asks = fake.callsTo('files.getUploadURLExternal');
    expect(asks.map((c) => c.status)).toEqual([429, 200]);
    expect((asks[1]!.at.getTime() - asks[0]!.at.getTime()) / 1000).toBeGreaterThanOrEqual(30);
    const [message] = fake.messagesIn('U00000001');
    expect(shownFiles(message!)).toEqual([fake.uploads().find((u) => u.completed)?.id]);
  });

  it('tries a chart again after Slack fails the upload (HTTP 500), before the message is posted, so it is posted once', async () => {
    fake.failNext('files.completeUploadExternal', { kind: 'http', status: 500 }, 9);
    enqueue(testDb.db, [digest(1, 6)]);
    await drainUntilSettled(newOutbox());
    const messages = fake.messagesIn('U00000001');
    expect(messages).toHaveLength(1);
    expect(shownFiles(messages[0]!)).toHaveLength(1);
    expect(fake.callsTo('files.completeUploadExternal').filter((c) => c.status === 500)).toHaveLength(9);
  });

  it('sends the messages without a chart Slack refuses for good, and reports it once to the SKO lead like any delivery problem', async () => {
    fake.failAlways('files.getUploadURLExternal', { kind: 'error', error: 'missing_scope' });
    enqueue(
      testDb.db,
      Array.from({ length: 5 }, (_, n) => digest(n, 7, 'ULEAD0001')),
    );
    await drainUntilSettled(newOutbox());
    // Readers get their digest; Slack was asked once, not once a reader.
    expect(
      fake
        .allMessages()
        .filter((m) => m.text?.startsWith('Weekly digest'))
        .map((m) => shownFiles(m).length),
    ).toEqual([0, 0, 0, 0, 0]);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    const problems = deliveryProblems(testDb.db, null);
    expect(problems.failed).toMatchObject([{ label: 'the chart in the week 7 digest', lastError: 'missing_scope' }]);
    const notices = fake.messagesIn('ULEAD0001');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toMatch(
      /^I could not post the chart in the week 7 digest to <@U0000000\d>\. SKO Conductor's Slack permissions are missing or revoked \(`missing_scope`\): reinstall the app from its manifest\.$/,
    );
  });
});

describe('Web API calls besides chat.postMessage', () => {
  it.each([
    ['a minute of burst', undefined],
    ['a burst of 5', 5],
  ])("publishes 150 App Home views asked at once under Tier 4 (%s): each once, none lost, at the tier's pace", async (_, burst) => {
    fake.enforceTiers({ 'views.publish': { perMinute: 100, ...(burst ? { burst } : {}) } });
    const pacing = new WebApiPacing({ now: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms), deadlineMs: 10_000 });
    const slack = createSlackClient(config(), createLogger('error'), { retries: 0, pacing });
    const view = { type: 'home' as const, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Home' } }] };
    const users = Array.from({ length: 150 }, (_, n) => `UHOME${String(n).padStart(4, '0')}`);
    await Promise.all(users.map((user_id) => slack.views.publish({ user_id, view })));
    expect(users.filter((u) => fake.homeViewOf(u))).toHaveLength(150);
    const accepted = fake.callsTo('views.publish').filter((c) => !c.rejected);
    expect(accepted).toHaveLength(150);
    // Paced from the start, so the fake refuses nothing while it allows a minute's burst.
    if (!burst) expect(fake.callsTo('views.publish').filter((c) => c.rejected)).toHaveLength(0);
    const spanMinutes = (accepted.at(-1)!.at.getTime() - accepted[0]!.at.getTime()) / 60_000;
    expect(spanMinutes).toBeGreaterThanOrEqual((150 - (burst ?? 100)) / 100 - 0.01);
  });

  it('retries an App Home refresh Slack refused with a 429 after Retry-After, and one that failed with a 503', async () => {
    const pacing = new WebApiPacing({ now: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms), deadlineMs: 10_000, random: () => 0.5 });
    const slack = createSlackClient(config(), createLogger('error'), { retries: 0, pacing });
    const view = { type: 'home' as const, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Home' } }] };
    fake.failNext('views.publish', { kind: 'ratelimited', retryAfter: 20 });
    fake.failNext('chat.update', { kind: 'http', status: 503 });
    await slack.views.publish({ user_id: 'UHOME0001', view });
    const calls = fake.callsTo('views.publish');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect((calls[1]!.at.getTime() - calls[0]!.at.getTime()) / 1000).toBeGreaterThanOrEqual(20);
    const posted = await slack.chat.postMessage({ channel: 'C0SKO', text: 'before' });
    await slack.chat.update({ channel: 'C0SKO', ts: posted.ts ?? '', text: 'after' });
    expect(fake.callsTo('chat.update').map((c) => c.status)).toEqual([503, 200]);
    expect(fake.messagesIn('C0SKO').map((m) => m.text)).toEqual(['after']);
  });
});
