import { systemClock } from '../../src/clock.js';
import type { PacingLimits } from '../../src/domain/delivery.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import { createTestDb } from '../support/test-db.js';
import { benchOutbox } from './bench-outbox.js';

const MESSAGES = 2_000;
const RECIPIENTS = 500;
/** What the fake enforces: Slack's shape (1/s per channel, bursts of 3) with a workspace ceiling high enough to finish in under a minute. */
const LIMITS: PacingLimits = { perChannelPerSecond: 1, channelBurst: 3, workspacePerMinute: 3_000, workspaceBurst: 20 };
/**
 * What the outbox is told: 5% under the rates, and a quarter under the workspace burst. Requests
 * reach Slack some milliseconds after they leave, unevenly (the first one, opening a connection,
 * 100 ms late), and a sender pacing at exactly the limit gets 429s from that jitter alone.
 */
const PACED: PacingLimits = {
  perChannelPerSecond: LIMITS.perChannelPerSecond * 0.95,
  channelBurst: LIMITS.channelBurst,
  workspacePerMinute: LIMITS.workspacePerMinute * 0.95,
  workspaceBurst: LIMITS.workspaceBurst * 0.75,
};

export interface ThroughputResult {
  messages: number;
  seconds: number;
  achievedPerSecond: number;
  allowedPerSecond: number;
  ratio: number;
  lost: number;
  duplicated: number;
  rejected: number;
}

/**
 * 2,000 DMs (four each to 500 people) through the real outbox to a fake Slack that enforces the
 * same limits and answers 429 past them. The fastest any sender could go is the workspace burst at
 * once, then the workspace rate: that is the allowed rate the achieved one is measured against.
 */
export async function benchOutboxThroughput(): Promise<ThroughputResult> {
  const fake = await FakeSlack.start({
    rateLimits: {
      postMessagePerChannelPerSecond: LIMITS.perChannelPerSecond,
      postMessageBurst: LIMITS.channelBurst,
      postMessagePerMinute: LIMITS.workspacePerMinute,
      postMessageWorkspaceBurst: LIMITS.workspaceBurst,
    },
  });
  const testDb = createTestDb();
  try {
    const users = Array.from({ length: RECIPIENTS }, (_, i) => `U${String(i + 1).padStart(8, '0')}`);
    enqueue(
      testDb.db,
      Array.from({ length: MESSAGES }, (_, i) => {
        const user = users[i % RECIPIENTS] as string;
        return { key: `bench:${i}`, kind: 'bench', label: 'a bench DM', channel: user, text: `message ${i}` };
      }),
    );
    const outbox = benchOutbox(fake.apiUrl, { db: testDb.db, clock: systemClock, limits: PACED });
    const started = performance.now();
    await outbox.drain();
    const seconds = (performance.now() - started) / 1000;

    const texts = fake.allMessages().map((m) => m.text);
    const distinct = new Set(texts);
    const minimumSeconds = (MESSAGES - LIMITS.workspaceBurst) / (LIMITS.workspacePerMinute / 60);
    return {
      messages: MESSAGES,
      seconds,
      achievedPerSecond: MESSAGES / seconds,
      allowedPerSecond: MESSAGES / minimumSeconds,
      ratio: minimumSeconds / seconds,
      lost: MESSAGES - distinct.size,
      duplicated: texts.length - distinct.size,
      rejected: fake.callsTo('chat.postMessage').filter((c) => c.rejected).length,
    };
  } finally {
    await fake.close();
    testDb.close();
  }
}

export function reportOutboxThroughput(r: ThroughputResult): string {
  return [
    `Outbox: ${r.messages.toLocaleString('en-US')} DMs (4 each to ${RECIPIENTS}) through a fake Slack enforcing 1/s per channel (bursts of ${LIMITS.channelBurst}) and ${LIMITS.workspacePerMinute.toLocaleString('en-US')}/min per workspace (bursts of ${LIMITS.workspaceBurst}):`,
    `  the outbox paces at 95% of those rates, 75% of the workspace burst; took ${r.seconds.toFixed(1)} s: ${r.achievedPerSecond.toFixed(1)} msg/s achieved, ${r.allowedPerSecond.toFixed(1)} msg/s allowed`,
    `  achieved ÷ allowed: ${r.ratio.toFixed(3)} (target ≥ 0.9) · lost ${r.lost} · duplicated ${r.duplicated} · 429s received ${r.rejected}`,
  ].join('\n');
}
