import { App } from '@slack/bolt';
import { createLogger } from '../../src/logger.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import { SIGNING_SECRET, startTestApp } from '../support/test-app.js';
import { createTestDb } from '../support/test-db.js';
import { fillMillionDeals } from './million-deals.js';
import { measure, setUpBenchSko } from './status-latency.js';

/**
 * Run in its own process by memory.ts, so the RSS it prints is one app's: `bare` starts a Bolt app
 * that only acknowledges; `app` starts SKO Conductor over `deals` generated deals, answers status
 * requests, then runs the perf, forecast and pipeline agents. Both start the fake Slack they talk to.
 * Prints {idle, afterAgents} in bytes as JSON.
 */
const [mode, dealsArg] = process.argv.slice(2);

async function settledRss(): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return process.memoryUsage().rss;
}

const FY2026 = { from: '2026-01-01', to: '2026-12-31' };

if (mode === 'bare') {
  const fake = await FakeSlack.start();
  const app = new App({
    token: 'xoxb-bare',
    signingSecret: SIGNING_SECRET,
    clientOptions: { slackApiUrl: fake.apiUrl },
    logger: createLogger('error', () => undefined),
  });
  app.command('/sko', async ({ ack }) => {
    await ack();
  });
  await app.start(0);
  const idle = await settledRss();
  await app.stop();
  await fake.close();
  process.stdout.write(JSON.stringify({ idle, afterAgents: idle }));
} else {
  const testDb = createTestDb();
  fillMillionDeals(testDb.db, Number(dealsArg));
  const t = await startTestApp({ now: '2026-11-20T15:00:00Z', db: testDb });
  setUpBenchSko(t);
  await measure(t.driver, 200);
  const idle = await settledRss();
  const scope = { kind: 'all' } as const;
  await t.deps.agents.run({ agent: 'perf', today: FY2026.to, period: FY2026, scope });
  await t.deps.agents.run({ agent: 'forecast', today: '2026-06-30', growthPct: 10, targetCents: null, scope });
  await t.deps.agents.run({ agent: 'pipeline', today: '2026-06-30', period: FY2026, scope });
  await measure(t.driver, 200);
  const afterAgents = await settledRss();
  await t.close();
  testDb.close();
  process.stdout.write(JSON.stringify({ idle, afterAgents }));
}
