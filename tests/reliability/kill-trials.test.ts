/**
 * Issue 22's kill -9 trials, replayed on every change (fewer than the attack's 25): a separate
 * process sends a fan-out through a fake Slack that fails after posting and hangs now and then, is
 * killed with SIGKILL at a random moment (twice a trial), and is started again until the outbox is
 * empty. Every recipient must end with exactly one message. Then two processes at once on one
 * database, as an overlapping deploy runs them.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import { seededRandom } from '../../src/demo/random.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const root = join(import.meta.dirname, '..', '..');
const child = join(root, 'tests', 'support', 'outbox-child.ts');
const RECIPIENTS = Array.from({ length: 200 }, (_, i) => `U${String(i + 1).padStart(8, '0')}`);
const TRIALS = 3;

let fake: FakeSlack;
let testDb: TestDb;

beforeEach(async () => {
  fake = await FakeSlack.start();
  testDb = createTestDb();
  enqueue(
    testDb.db,
    RECIPIENTS.map((user) => ({ key: `trial:${user}`, kind: 'test', label: 'a test DM', channel: user, text: `Hello ${user}` })),
  );
});
afterEach(async () => {
  await fake.close();
  testDb.close();
});

function startChild() {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, testDb.path, fake.apiUrl, JSON.stringify({ leaseMs: 1_500, deadlineMs: 500 })], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { proc, exited };
}

async function postsReach(count: number, exited: Promise<unknown>): Promise<boolean> {
  let done = false;
  void exited.then(() => (done = true));
  while (!done && fake.callsTo('chat.postMessage').length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  return !done;
}

const countsNotOne = () => RECIPIENTS.filter((user) => fake.messagesIn(user).length !== 1);
const notSent = () =>
  testDb.db
    .select()
    .from(outbox)
    .all()
    .filter((r) => r.status !== 'sent');

describe('kill -9 during a fan-out through a troubled Slack', () => {
  for (let trial = 1; trial <= TRIALS; trial += 1) {
    it(`trial ${trial}: killed twice at random moments, restarted, every recipient has exactly one message`, async () => {
      const random = seededRandom(trial * 101);
      fake.chaos('chat.postMessage', { failAfterDoing: 0.05, hang: 0.01, random });
      let kills = 0;
      for (const share of [0.2 + random() * 0.3, 0.55 + random() * 0.3]) {
        const run = startChild();
        if (await postsReach(Math.round(RECIPIENTS.length * share), run.exited)) {
          run.proc.kill('SIGKILL');
          kills += 1;
        }
        await run.exited;
      }
      const last = startChild();
      const done = await last.exited;
      expect(done.code, done.stderr).toBe(0);
      expect(kills).toBe(2);
      expect(countsNotOne()).toEqual([]);
      expect(notSent()).toEqual([]);
    }, 60_000);
  }
});

describe('two sending processes on one database (an overlapping deploy)', () => {
  it('never both send: each recipient has one message, and neither process fails', async () => {
    const [a, b] = [startChild(), startChild()];
    const [doneA, doneB] = await Promise.all([a.exited, b.exited]);
    expect([doneA.code, doneB.code], `${doneA.stderr}\n${doneB.stderr}`).toEqual([0, 0]);
    expect(countsNotOne()).toEqual([]);
    expect(notSent()).toEqual([]);
  }, 60_000);
});
