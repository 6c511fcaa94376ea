import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SETUP_MODAL } from '../views/kit/ids.js';
import { EVENT_CHANNEL, setupValues } from './support/builders.js';
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

const MAIN = join(root, 'dist', 'src', 'main.js');

// One build for every process-level test in this file: `npm start` runs what it made.
beforeAll(() => {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'pipe' });
}, 120_000);

function baseEnv(fake: FakeSlack, cwd: string, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: 'xoxb-start',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    SURVEY_KEY_SECRET: 'start-test-survey-key-0123',
    PORT: String(port),
    DATABASE_PATH: join(cwd, 'sko.db'),
  };
}

/** Runs the compiled app until it exits by itself; what it printed, and its exit code. */
async function runToExit(env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [MAIN], { cwd, env });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr, stdout };
}

/** Waits until the child has written `text` (or exited); returns everything it wrote. */
function waitForOutput(child: ChildProcess, text: string): Promise<string> {
  let output = '';
  return new Promise((resolve) => {
    const read = (chunk: unknown) => {
      output += String(chunk);
      if (output.includes(text)) resolve(output);
    };
    child.stderr?.on('data', read);
    child.stdout?.on('data', read);
    child.once('exit', () => resolve(output));
  });
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `npm start` as a user runs it: the compiled app, configured only through the environment. */
describe('the built app started against a Slack-compatible server', () => {
  let fake: FakeSlack;
  let child: ChildProcess;
  let driver: SlackDriver;
  let output = '';

  beforeAll(async () => {
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
    child = spawn(process.execPath, [MAIN], { cwd, env: baseEnv(fake, cwd, port) });
    // Ready once Slack accepted the token; if it exits first, the expectation below shows what it said instead.
    output = await waitForOutput(child, 'is ready');
    expect(output).toContain(`listening on port ${port} at /slack/events`);
    expect(output).toContain('SKO Conductor is ready');
    driver = new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, fake });
  }, 30_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fake.close();
  });

  it('says it is ready on /readyz once Slack accepted the token, and checked it once', async () => {
    const ready = await fetch(driver.appUrl.replace('/slack/events', '/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ready');
    expect(fake.callsTo('auth.test')).toHaveLength(1);
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

describe('npm start under a supervisor', () => {
  it('starts the compiled app (no compiling), and SIGTERM to npm stops it and leaves no process behind', async () => {
    const fake = await FakeSlack.start();
    const cwd = mkdtempSync(join(tmpdir(), 'sko-npm-'));
    const npm = spawn('npm', ['start', '--silent'], { cwd: root, env: { ...baseEnv(fake, cwd, await freePort()), DATABASE_PATH: join(cwd, 'sko.db') } });
    try {
      const output = await waitForOutput(npm, 'is ready');
      expect(output).toContain('SKO Conductor is ready');
      const app = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(npm.pid)], { encoding: 'utf8' }).trim());
      expect(isRunning(app)).toBe(true);
      const exited = new Promise((resolve) => npm.once('exit', resolve));
      npm.kill('SIGTERM');
      await exited;
      // The app got the signal (npm hands it over: the start script execs node), closed the database and ended.
      await eventually(() => !isRunning(app), 9_000);
      expect(output + (npm.stderr?.read() ?? '')).not.toContain('Error');
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      await fake.close();
    }
  }, 30_000);
});

describe('what the app says when it cannot start', () => {
  let fake: FakeSlack;
  let cwd: string;
  beforeAll(async () => {
    fake = await FakeSlack.start();
  });
  beforeEach(() => {
    fake.clearFailures();
    cwd = mkdtempSync(join(tmpdir(), 'sko-fail-'));
  });
  afterAll(async () => {
    await fake.close();
  });

  const oneSentence = (stderr: string) => {
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    return lines[0];
  };

  it('a revoked bot token: one sentence naming SLACK_BOT_TOKEN, exit 1', async () => {
    fake.failAlways('auth.test', { kind: 'error', error: 'token_revoked' });
    const { code, stderr } = await runToExit({ ...baseEnv(fake, cwd, await freePort()), LOG_LEVEL: 'error' }, cwd);
    expect(code).toBe(1);
    expect(oneSentence(stderr)).toMatch(/^SLACK_BOT_TOKEN was refused by Slack \(token_revoked\): copy the Bot User OAuth Token/);
  });

  it('a bad app token in Socket Mode: one sentence naming SLACK_APP_TOKEN, exit 1', async () => {
    fake.failAlways('apps.connections.open', { kind: 'error', error: 'invalid_auth' });
    const { code, stderr } = await runToExit({ ...baseEnv(fake, cwd, await freePort()), SLACK_APP_TOKEN: 'xapp-1-revoked', LOG_LEVEL: 'error' }, cwd);
    expect(code).toBe(1);
    expect(oneSentence(stderr)).toMatch(/^SLACK_APP_TOKEN was refused by Slack \(invalid_auth\): generate an app-level token/);
  });

  it('a busy port: one sentence naming PORT, exit 1', async () => {
    const port = await freePort();
    const busy: Server = await new Promise((resolve) => {
      const server = createServer().listen(port, () => resolve(server));
    });
    try {
      const { code, stderr } = await runToExit({ ...baseEnv(fake, cwd, port), LOG_LEVEL: 'error' }, cwd);
      expect(code).toBe(1);
      expect(oneSentence(stderr)).toBe(`PORT ${port} is already in use by another program: stop that program, or set PORT to a free port.`);
    } finally {
      busy.close();
    }
  });

  it('a database path that runs through a file, or is a folder: one sentence naming DATABASE_PATH, exit 1', async () => {
    writeFileSync(join(cwd, 'plain-file'), 'not a folder');
    const under = await runToExit({ ...baseEnv(fake, cwd, await freePort()), DATABASE_PATH: join(cwd, 'plain-file', 'sko.db') }, cwd);
    expect(under.code).toBe(1);
    expect(oneSentence(under.stderr)).toContain(`DATABASE_PATH (${join(cwd, 'plain-file', 'sko.db')}) goes through a file as if it were a folder`);
    const folder = await runToExit({ ...baseEnv(fake, cwd, await freePort()), DATABASE_PATH: cwd }, cwd);
    expect(folder.code).toBe(1);
    expect(oneSentence(folder.stderr)).toContain(`DATABASE_PATH (${cwd}) is a folder`);
  });

  it('an unreachable Slack: alive on /healthz, 503 on /readyz, a log line naming the URL, and SIGTERM still stops it', async () => {
    const port = await freePort();
    const nowhere = `http://127.0.0.1:${await freePort()}/api/`;
    const child = spawn(process.execPath, [MAIN], { cwd, env: { ...baseEnv(fake, cwd, port), SLACK_API_URL: nowhere } });
    try {
      const output = await waitForOutput(child, 'cannot be reached');
      expect(output).toContain(`Slack cannot be reached at ${nowhere}auth.test (no connection); trying again in 2 s`);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).toContain(`not ready: Slack cannot be reached at ${nowhere}auth.test`);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 20_000);
});

describe('stopping while a message is on its way', () => {
  it('waits for Slack to answer the message in flight, records it as sent, closes the database and exits 0', async () => {
    const fake = await FakeSlack.start();
    const cwd = mkdtempSync(join(tmpdir(), 'sko-stop-'));
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], { cwd, env: { ...baseEnv(fake, cwd, port), SKO_ADMINS: 'UDANA0001' } });
    try {
      await waitForOutput(child, 'is ready');
      const driver = new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, fake });
      const held = fake.holdResponse('chat.postMessage', { channel: EVENT_CHANNEL });
      await driver.slashCommand({ userId: 'UDANA0001', text: 'setup' });
      const opened = await eventually(() => fake.callsTo('views.open')[0]);
      const viewId = (opened.response.view as { id: string }).id;
      await driver.viewSubmission({ userId: 'UDANA0001', viewId, callbackId: SETUP_MODAL.callbackId, values: setupValues() });
      await held.arrived;

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // Slack answers only after the signal: the app must still be there to hear it.
      await new Promise((resolve) => setImmediate(resolve));
      held.release();
      expect(await exited).toBe(0);
      const db = new Database(join(cwd, 'sko.db'), { readonly: true });
      try {
        const summary = db.prepare("SELECT status FROM outbox WHERE channel = ? AND kind <> 'notice'").all(EVENT_CHANNEL) as { status: string }[];
        expect(summary.map((r) => r.status)).toContain('sent');
      } finally {
        db.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await fake.close();
    }
  }, 30_000);
});
