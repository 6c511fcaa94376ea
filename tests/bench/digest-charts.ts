import { performance } from 'node:perf_hooks';
import { createOutbox } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { ChartSpec } from '../../src/domain/insights/charts.js';
import { createLogger } from '../../src/logger.js';
import { renderChartPng } from '../../src/services/delivery/charts/images.js';
import { enqueue, type MessageAttachment } from '../../src/services/delivery/enqueue.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import type { StoredMessage } from '../support/fake-slack/types.js';
import { createTestDb } from '../support/test-db.js';

const READERS = 5_000;
const T0 = '2027-03-01T14:00:00Z';

export interface DigestChartsResult {
  digests: number;
  withCharts: number;
  uploads: number;
  /** Uploads the app would make with one copy per digest, as before. */
  uploadsPerCopy: number;
  lost: number;
  duplicated: number;
  /** 429s the fake answered, per method. */
  refused: Record<string, number>;
  /** Simulated minutes to send every digest with its charts, and the same digests without charts. */
  minutes: number;
  baselineMinutes: number;
  /** Drawing one chart on the main thread, once a week per chart. */
  drawMs: number;
}

function charts(week: number): MessageAttachment[] {
  const burn: ChartSpec = {
    type: 'line',
    title: 'Plan burn-down: open tasks at the end of each week',
    labels: Array.from({ length: 12 }, (_, i) => `W${i + 1}`),
    series: [
      { label: 'Open tasks', data: Array.from({ length: 12 }, (_, i) => (i < week ? 62 - i * 4 : null)) },
      { label: 'Plan', data: Array.from({ length: 12 }, (_, i) => 62 - Math.round((62 / 11) * i)) },
    ],
    yLabel: 'open tasks',
  };
  const budget: ChartSpec = {
    type: 'bar',
    title: 'Budget against actual by category',
    labels: ['Venue', 'Travel', 'Technology', 'Content', 'Swag'],
    series: [
      { label: 'Planned', data: [260_000, 180_000, 30_000, 90_000, 60_000] },
      { label: 'Actual', data: [200_000, 50_000, 33_000, 10_000, 0] },
    ],
    yLabel: 'US dollars',
  };
  return [
    { filename: `digest-week-${week}-burn-down.png`, title: `Week ${week}: plan burn-down`, chart: burn },
    { filename: `digest-week-${week}-budget.png`, title: `Week ${week}: budget against actual by category`, chart: budget },
  ];
}

/** One run: every reader's digest through the real outbox to a fake Slack holding every method to its tier. */
async function run(withCharts: boolean) {
  const clock = new ManualClock(T0);
  const fake = await FakeSlack.start({
    now: () => clock.now().getTime(),
    // Slack's chat.postMessage shape: 1 a second per channel in bursts of 3, several hundred a minute per workspace.
    rateLimits: { postMessagePerChannelPerSecond: 1, postMessageBurst: 3, postMessagePerMinute: 300, postMessageWorkspaceBurst: 20 },
  });
  fake.enforceTiers();
  const testDb = createTestDb();
  try {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: fake.apiUrl,
      SURVEY_KEY_SECRET: 'unused-survey-key-0123456789',
    });
    const outbox = createOutbox(config, { db: testDb.db, clock, logger: createLogger('error', () => undefined), sleep: async (ms) => clock.advance(ms) });
    const users = Array.from({ length: READERS }, (_, i) => `U${String(i + 1).padStart(8, '0')}`);
    enqueue(
      testDb.db,
      users.map((user, i) => ({
        key: `digest:week-3:${user}`,
        kind: 'digest',
        label: 'the week 3 digest',
        channel: user,
        text: `Weekly digest, reader ${i}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Week 3 for reader ${i}` } }],
        ...(withCharts ? { attachments: charts(3) } : {}),
      })),
    );
    for (let tick = 0; tick < 240; tick += 1) {
      await outbox.drain();
      if (fake.allMessages().length >= READERS) break;
      clock.advance(60_000);
    }
    await outbox.stop();
    const minutes = (clock.now().getTime() - Date.parse(T0)) / 60_000;
    const completed = new Set(
      fake
        .uploads()
        .filter((u) => u.completed)
        .map((u) => u.id),
    );
    const byUser = new Map<string, StoredMessage[]>();
    for (const user of users) byUser.set(user, fake.messagesIn(user));
    const shown = (m: StoredMessage) =>
      (m.blocks ?? []).filter((b) => {
        const block = b as { type?: string; slack_file?: { id?: string } };
        return block.type === 'image' && completed.has(block.slack_file?.id ?? '');
      }).length;
    const messages = [...byUser.values()];
    const refused: Record<string, number> = {};
    for (const call of fake.calls) if (call.rejected) refused[call.method] = (refused[call.method] ?? 0) + 1;
    return {
      minutes,
      lost: messages.filter((m) => m.length === 0).length,
      duplicated: messages.filter((m) => m.length > 1).length,
      withCharts: messages.filter((m) => m.length > 0 && shown(m[0] as StoredMessage) === 2).length,
      uploads: fake.callsTo('files.completeUploadExternal').filter((c) => !c.rejected && c.response.ok).length,
      refused,
    };
  } finally {
    await fake.close();
    testDb.close();
  }
}

/**
 * 5,000 readers' digests of one SKO's week, each with the week's two charts, through the real
 * outbox to a fake Slack that enforces chat.postMessage's limits and every other method's tier.
 * Baseline: the same digests without charts, in the same run. Time is simulated (the outbox's
 * waits move the clock), so the minutes are Slack's pace, not this machine's.
 */
export async function benchDigestCharts(): Promise<DigestChartsResult> {
  const spec = { ...(charts(3)[0] as MessageAttachment).chart, title: 'A chart drawn for the first time' };
  const started = performance.now();
  await renderChartPng(spec);
  const drawMs = performance.now() - started;
  const baseline = await run(false);
  const result = await run(true);
  return {
    digests: READERS,
    withCharts: result.withCharts,
    uploads: result.uploads,
    uploadsPerCopy: READERS * 2,
    lost: result.lost,
    duplicated: result.duplicated,
    refused: result.refused,
    minutes: result.minutes,
    baselineMinutes: baseline.minutes,
    drawMs,
  };
}

export function reportDigestCharts(r: DigestChartsResult): string {
  const share = (100 * r.withCharts) / r.digests;
  return [
    `Digest charts: ${r.digests.toLocaleString('en-US')} digests of one SKO's week, the fake enforcing chat.postMessage's limits and every method's tier`,
    `  digests with both charts: ${r.withCharts.toLocaleString('en-US')} (${share.toFixed(1)}%, target 100%)`,
    `  uploads: ${r.uploads} (target 2, once per chart per SKO per week; one copy per digest would be ${r.uploadsPerCopy.toLocaleString('en-US')})`,
    `  lost: ${r.lost}, duplicated: ${r.duplicated} (target 0 and 0)`,
    `  429s answered by the fake: ${
      Object.entries(r.refused)
        .map(([m, n]) => `${m} ${n}`)
        .join(', ') || 'none'
    }`,
    `  sending time (simulated): ${r.minutes.toFixed(1)} min, against ${r.baselineMinutes.toFixed(1)} min for the same digests without charts (${(r.minutes / r.baselineMinutes).toFixed(2)}×)`,
    `  drawing one chart on the main thread: ${r.drawMs.toFixed(0)} ms, twice a week per SKO`,
  ].join('\n');
}
