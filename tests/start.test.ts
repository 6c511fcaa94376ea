import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from './support/fake-slack/server.js';
import { DEALS_CSV, PEOPLE_CSV, S } from './support/sales-data.js';
import { SlackDriver } from './support/slack-driver/driver.js';
import { eventually } from './support/test-app.js';

const root = join(import.meta.dirname, '..');
const SECRET = 'start-test-secret';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` as a user runs it: the compiled app, configured only through the environment. */
describe('the built app started against a Slack-compatible server', () => {
  let fake: FakeSlack;
  let child: ChildProcess;
  let driver: SlackDriver;
  let output = '';

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'pipe' });
    fake = await FakeSlack.start();
    const port = await freePort();
    const cwd = mkdtempSync(join(tmpdir(), 'sko-start-'));
    // The compiled command line imports the sales data the running app then analyses.
    for (const [kind, text] of [
      ['people', PEOPLE_CSV],
      ['deals', DEALS_CSV],
    ] as const) {
      writeFileSync(join(cwd, `${kind}.csv`), text);
      execFileSync(process.execPath, [join(root, 'dist', 'src', 'cli.js'), 'import', kind, join(cwd, `${kind}.csv`), '--db', join(cwd, 'sko.db')], {
        cwd,
        stdio: 'pipe',
      });
    }
    child = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-start',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        SURVEY_KEY_SECRET: 'start-test-survey-key-0123',
        PORT: String(port),
        DATABASE_PATH: join(cwd, 'sko.db'),
      },
    });
    // Ready once it says it listens; if it exits first, the expectation below shows what it said instead.
    await new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk) => {
        output += String(chunk);
        if (output.includes('listening on port')) resolve();
      });
      child.once('exit', () => resolve());
    });
    expect(output).toContain(`listening on port ${port} at /slack/events`);
    driver = new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, fake });
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fake.close();
  });

  it('acknowledges /sko status well inside 3 seconds', async () => {
    const res = await driver.slashCommand({ userId: 'UANY00001', text: 'status' });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    expect(String(res.json?.text)).toContain('No SKO yet');
  });

  it('runs /sko perf in the compiled agent worker and replies privately', async () => {
    const res = await driver.slashCommand({ userId: S.lena, text: 'perf fy2017' });
    expect(String(res.json?.text)).toBe(':hourglass_flowing_sand: Crunching FY2017 for 4 reps…');
    const reply = await eventually(() => fake.responsesTo(res.responseUrl)[0], 15_000);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body.blocks)).toContain('$140K · 4 deals');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
