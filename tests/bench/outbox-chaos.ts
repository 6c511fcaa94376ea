import { systemClock } from '../../src/clock.js';
import { seededRandom } from '../../src/demo/random.js';
import type { PacingLimits, RetryPolicy } from '../../src/domain/delivery.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { WebApiPacing } from '../../src/services/delivery/pacing.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import { openRows } from '../support/outbox-rows.js';
import { createTestDb } from '../support/test-db.js';
import { benchOutbox } from './bench-outbox.js';

const DMS = 1_000;
/**
 * Slack's time scale shrunk twenty times, so a run takes seconds: 300/min becomes 6,000/min, the
 * 10 s call deadline 500 ms, the first retry's 2 s 100 ms. What matters, the deadline and the
 * retries as a share of the fan-out's length, is as in production.
 */
const SCALE = 20;
const LIMITS: PacingLimits = { perChannelPerSecond: 1, channelBurst: 3, workspacePerMinute: 300 * SCALE, workspaceBurst: 20 };
const RETRY: RetryPolicy = { maxAttempts: 10, baseMs: 2_000 / SCALE, capMs: (5 * 60_000) / SCALE };
const DEADLINE_MS = 10_000 / SCALE;

export interface ChaosResult {
  cleanSeconds: number;
  chaosSeconds: number;
  ratio: number;
  ambiguous: number;
  hung: number;
  lost: number;
  duplicated: number;
}

async function fanOut(chaos: boolean): Promise<{ seconds: number; ambiguous: number; hung: number; lost: number; duplicated: number }> {
  const fake = await FakeSlack.start();
  const testDb = createTestDb();
  try {
    if (chaos) fake.chaos('chat.postMessage', { failAfterDoing: 0.05, hang: 0.01, random: seededRandom(22) });
    const users = Array.from({ length: DMS }, (_, i) => `U${String(i + 1).padStart(8, '0')}`);
    enqueue(
      testDb.db,
      users.map((user) => ({ key: `chaos:${user}`, kind: 'bench', label: 'a bench DM', channel: user, text: `Hello ${user}` })),
    );
    const outbox = benchOutbox(fake.apiUrl, {
      db: testDb.db,
      clock: systemClock,
      limits: LIMITS,
      retry: RETRY,
      callDeadlineMs: DEADLINE_MS,
      // The other methods' tiers on the same scale: each post answered 500 is looked for in the channel's history (Tier 3).
      pacing: new WebApiPacing({
        now: () => performance.now() * SCALE,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / SCALE)),
        deadlineMs: DEADLINE_MS,
      }),
    });
    const started = performance.now();
    while (openRows(testDb.db) > 0) await outbox.drain();
    const seconds = (performance.now() - started) / 1000;
    await outbox.stop();
    const counts = users.map((user) => fake.messagesIn(user).length);
    const posts = fake.callsTo('chat.postMessage');
    return {
      seconds,
      ambiguous: posts.filter((c) => c.status === 500).length,
      hung: posts.filter((c) => c.hung).length,
      lost: counts.filter((n) => n === 0).length,
      duplicated: counts.filter((n) => n > 1).length,
    };
  } finally {
    await fake.close();
    testDb.close();
  }
}

/** Issue 22's done-when: 1,000 DMs through a Slack failing after posting 5% and hanging on 1%, against a clean run. */
export async function benchOutboxChaos(): Promise<ChaosResult> {
  const clean = await fanOut(false);
  const chaos = await fanOut(true);
  return {
    cleanSeconds: clean.seconds,
    chaosSeconds: chaos.seconds,
    ratio: chaos.seconds / clean.seconds,
    ambiguous: chaos.ambiguous,
    hung: chaos.hung,
    lost: chaos.lost,
    duplicated: chaos.duplicated,
  };
}

export function reportOutboxChaos(r: ChaosResult): string {
  return [
    `Outbox under trouble: ${DMS.toLocaleString('en-US')} DMs, Slack's time scale ÷${SCALE} (${LIMITS.workspacePerMinute.toLocaleString('en-US')}/min, ${DEADLINE_MS} ms call deadline):`,
    `  clean run ${r.cleanSeconds.toFixed(1)} s; with 5% answered HTTP 500 after posting (${r.ambiguous}) and 1% never answered (${r.hung}) ${r.chaosSeconds.toFixed(1)} s`,
    `  troubled ÷ clean: ${r.ratio.toFixed(2)} (target ≤ 1.2) · lost ${r.lost} · duplicated ${r.duplicated}`,
  ].join('\n');
}
