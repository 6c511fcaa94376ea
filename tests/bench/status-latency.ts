import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { App } from '@slack/bolt';
import { createLogger } from '../../src/logger.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { setupInput, U } from '../support/builders.js';
import type { FakeSlack } from '../support/fake-slack/server.js';
import type { SlackDriver } from '../support/slack-driver/driver.js';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/test-app.js';
import { type LatencySummary, ms, summarize } from './stats.js';

const REQUESTS = 10_000;
const WARMUP = 200;

/** A Bolt app that only acknowledges /sko: the floor any Bolt app pays per request. */
async function startBareApp(fake: FakeSlack): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = new App({
    token: 'xoxb-bare',
    signingSecret: SIGNING_SECRET,
    clientOptions: { slackApiUrl: fake.apiUrl },
    logger: createLogger('error', () => undefined),
  });
  app.command('/sko', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    stop: async () => {
      await app.stop();
    },
  };
}

/** An SKO set up as its lead would, so the status is computed from a full plan. */
export function setUpBenchSko(t: TestApp): void {
  saveSetup(
    t.db,
    setupInput({ name: 'Bench SKO', hasDay0: true, headcount: 500, budgetCents: 50_000_000, gtmChallenge: 'misalignment' }),
    U.dana,
    t.clock.now(),
    null,
  );
}

export async function measure(driver: SlackDriver, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await driver.slashCommand({ userId: U.rep, text: 'status' });
    if (res.status !== 200) throw new Error(`/sko status answered ${res.status}`);
    samples.push(res.ms);
  }
  return samples;
}

/**
 * Signed `/sko status` requests sent from a process of their own (status-driver-child.ts): the
 * sender's signing and reading cost the measured app nothing, and any two apps are driven alike.
 */
export class StatusLoad {
  readonly #child: ChildProcessByStdio<Writable, Readable, null>;
  readonly #answers: AsyncIterator<string>;

  constructor(fake: FakeSlack, userId: string = U.rep) {
    const responseUrl = fake.responseUrl({ channelId: 'C0GENERAL', userId });
    this.#child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'status-driver-child.ts'), SIGNING_SECRET, userId, responseUrl], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.#answers = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();
  }

  /** `count` requests to `url` from `concurrency` senders at once, each sending its next as soon as its last is answered. */
  async round(url: string, count: number, concurrency: number): Promise<number[]> {
    this.#child.stdin.write(`${JSON.stringify({ url, count, concurrency })}\n`);
    const answer = await this.#answers.next();
    if (answer.done) throw new Error('the status driver stopped');
    return JSON.parse(answer.value) as number[];
  }

  close(): void {
    this.#child.stdin.end();
  }
}

export interface StatusAtConcurrency {
  concurrency: number;
  app: LatencySummary;
  bare: LatencySummary;
  ratioP99: number;
}

/**
 * 10,000 signed `/sko status` requests against the real app (with a set-up SKO, so the status is
 * computed from a full plan) beside the bare app, at 1, 10 and 50 requests in flight, in
 * alternating rounds so both see the same machine. The requests come from another process.
 */
export async function benchStatusLatency(): Promise<StatusAtConcurrency[]> {
  const t = await startTestApp({ now: '2026-12-09T15:00:00Z' });
  t.clock.set('2026-11-20T15:00:00Z');
  setUpBenchSko(t);
  t.clock.set('2026-12-09T15:00:00Z');
  const bare = await startBareApp(t.fake);
  const load = new StatusLoad(t.fake);
  try {
    // One request through the checking driver first: the answer measured is one Slack would accept.
    await measure(t.driver, 1);
    await load.round(t.appUrl, WARMUP, 1);
    await load.round(bare.url, WARMUP, 1);
    const results: StatusAtConcurrency[] = [];
    for (const concurrency of [1, 10, 50]) {
      const appSamples: number[] = [];
      const bareSamples: number[] = [];
      const rounds = 10;
      for (let round = 0; round < rounds; round += 1) {
        appSamples.push(...(await load.round(t.appUrl, REQUESTS / rounds, concurrency)));
        bareSamples.push(...(await load.round(bare.url, REQUESTS / rounds, concurrency)));
      }
      const app = summarize(appSamples);
      const bareSummary = summarize(bareSamples);
      results.push({ concurrency, app, bare: bareSummary, ratioP99: app.p99 / bareSummary.p99 });
    }
    return results;
  } finally {
    load.close();
    await bare.stop();
    await t.close();
  }
}

export function reportStatusLatency(results: StatusAtConcurrency[]): string {
  return [
    `/sko status acknowledgement, ${results[0]?.app.n ?? 0} signed requests each, against a bare Bolt app's ack:`,
    ...results.flatMap((r) => [
      `  ${String(r.concurrency).padStart(2)} in flight   SKO Conductor p50 ${ms(r.app.p50)} p99 ${ms(r.app.p99)}   bare p50 ${ms(r.bare.p50)} p99 ${ms(r.bare.p99)}`,
      `                 ratio at p99: ${r.ratioP99.toFixed(2)}× (target ≤ 1.3×)`,
    ]),
  ].join('\n');
}
