import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema.js';
import { SETUP_MODAL } from '../../views/kit/ids.js';
import { setupValues, U } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Slack signs every request; anything that fails verification must get 401 and reach no handler. */
describe('request verification', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  const setupSubmission = () => {
    const payload = {
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: U.dana },
      view: { id: 'V1', callback_id: SETUP_MODAL.callbackId, state: { values: setupValues() } },
    };
    return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  };
  const statusCommand = 'command=%2Fsko&text=setup&user_id=UDANA0001&team_id=T1&channel_id=C1&trigger_id=1.2.abc&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fr';
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('rejects a forged signature', async () => {
    const signed = t.driver.sign(setupSubmission());
    const res = await t.driver.raw(setupSubmission(), { ...form, ...signed, 'x-slack-signature': `v0=${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
  });

  it('rejects a body changed after signing', async () => {
    const signed = t.driver.sign(statusCommand);
    const res = await t.driver.raw(statusCommand.replace('setup', 'status'), { ...form, ...signed });
    expect(res.status).toBe(401);
  });

  it('rejects a stale timestamp (older than 5 minutes), even when correctly signed', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await t.driver.raw(setupSubmission(), { ...form, ...t.driver.sign(setupSubmission(), stale) });
    expect(res.status).toBe(401);
  });

  it('rejects a request with no signature', async () => {
    const res = await t.driver.raw(setupSubmission(), form);
    expect(res.status).toBe(401);
  });

  it('rejects a correctly signed timestamp from more than 5 minutes in the future', async () => {
    const future = Math.floor(Date.now() / 1000) + 6 * 60;
    const res = await t.driver.raw(setupSubmission(), { ...form, ...t.driver.sign(setupSubmission(), future) });
    expect(res.status).toBe(401);
  });

  it('answers a signed payload that is not a JSON object with 400, and goes on answering', async () => {
    for (const body of ['payload=null', 'payload=42', 'payload=%5B%5D', 'payload=%7Bnot%20json']) {
      const res = await t.driver.raw(body, { ...form, ...t.driver.sign(body) });
      expect(res.status).toBe(400);
    }
    // Still up: Slack's URL check is answered (it reaches no handler, so the next test's "nothing ran" holds).
    const check = JSON.stringify({ type: 'url_verification', challenge: 'still-here' });
    const after = await t.driver.raw(check, { 'content-type': 'application/json', ...t.driver.sign(check) });
    expect(after.status).toBe(200);
    expect(after.text).toContain('still-here');
  });

  it('none of them reached a handler: nothing stored, nothing sent to Slack', () => {
    expect(t.db.select({ n: count() }).from(events).get()?.n).toBe(0);
    expect(t.fake.calls.map((c) => c.method).filter((m) => m !== 'auth.test')).toEqual([]);
    expect(t.fake.responses).toEqual([]);
  });
});
