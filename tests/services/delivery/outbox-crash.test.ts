import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema.js';
import { enqueue } from '../../../src/services/delivery/enqueue.js';
import { FakeSlack } from '../../support/fake-slack/server.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

const root = join(import.meta.dirname, '..', '..', '..');
const child = join(root, 'tests', 'support', 'outbox-child.ts');
const RECIPIENTS = Array.from({ length: 500 }, (_, i) => `U${String(i + 1).padStart(8, '0')}`);
const HELD = RECIPIENTS[249] as string;

function runChild(fake: FakeSlack, dbPath: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dbPath, fake.apiUrl], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { proc, exited };
}

describe('SIGKILL in the middle of sending 500 DMs', () => {
  let fake: FakeSlack;
  let testDb: TestDb;
  let before: { status: string; channel: string }[];

  beforeAll(async () => {
    fake = await FakeSlack.start();
    testDb = createTestDb();
    enqueue(
      testDb.db,
      RECIPIENTS.map((user) => ({ key: `crash-test:${user}`, kind: 'test', label: 'a test DM', channel: user, text: `Hello ${user}` })),
    );

    // Slack takes the 250th DM and the process is killed before it hears back: the worst moment.
    const held = fake.holdResponse('chat.postMessage', { channel: HELD });
    const first = runChild(fake, testDb.path);
    await held.arrived;
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    held.release();
    before = testDb.db.select({ status: outbox.status, channel: outbox.channel }).from(outbox).all();

    const second = runChild(fake, testDb.path);
    const done = await second.exited;
    expect(done.stderr).toContain('checking Slack before sending them again');
    expect(done.code).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await fake.close();
    testDb.close();
  });

  it('was killed about halfway, with the held DM delivered by Slack but not recorded', () => {
    const sent = before.filter((r) => r.status === 'sent').length;
    expect(sent).toBeGreaterThanOrEqual(200);
    expect(sent).toBeLessThan(300);
    expect(before.find((r) => r.channel === HELD)?.status).toBe('sending');
  });

  it('ends with every recipient holding exactly one message', () => {
    const counts = RECIPIENTS.map((user) => fake.messagesIn(user).length);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(fake.allMessages()).toHaveLength(500);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === HELD)).toHaveLength(1);
  });

  it('has every outbox row sent, the held one with the ts Slack gave it', () => {
    const rows = testDb.db.select().from(outbox).all();
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    const held = rows.find((r) => r.channel === HELD);
    expect(held?.slackTs).toBe(fake.messagesIn(HELD)[0]?.ts);
  });
});
