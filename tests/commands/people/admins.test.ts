import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events } from '../../../db/schema.js';
import { ADMINS, SETUP_MODAL } from '../../../views/kit/ids.js';
import { setupValues, U } from '../../support/builders.js';
import { openSetupModal } from '../../support/sko.js';
import { stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

const OWNER = 'UOWNER001';
const WS_ADMIN = 'UWSADMIN1';

describe('who is an admin', () => {
  let t: TestApp;

  beforeEach(async () => {
    // No SKO_ADMINS: admins come from Slack alone.
    t = await startTestApp({ now: '2026-11-20T15:00:00Z', admins: '' });
    t.fake.addUser({ id: OWNER, name: 'olivia', isOwner: true });
    t.fake.addUser({ id: WS_ADMIN, name: 'walt', isAdmin: true });
    t.fake.addUser({ id: U.rep, name: 'rick' });
  });
  afterEach(async () => {
    await t.close();
  });

  const eventCount = () => t.db.select().from(events).all().length;

  it('a rep who asks first is told who can set up the SKO, and asks them with one button', async () => {
    const res = await t.driver.slashCommand({ userId: U.rep, text: 'setup' });
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
    const text = JSON.stringify(res.json?.blocks);
    expect(text).toContain('Only an admin');
    expect(text).toContain(`<@${OWNER}>`);
    expect(text).toContain(`<@${WS_ADMIN}>`);
    expect(text).not.toContain(`<@${U.rep}>`);

    const click = await t.driver.blockAction({
      userId: U.rep,
      actionId: ADMINS.askSetup,
      message: { type: 'message', ts: '1.2', blocks: res.json?.blocks as unknown[] },
    });
    expect(click.status).toBe(200);
    for (const admin of [OWNER, WS_ADMIN]) {
      const [dm] = await eventually(() => t.fake.messagesIn(admin).length > 0 && t.fake.messagesIn(admin));
      expect(dm?.text).toContain(`<@${U.rep}> asks you to set up the SKO`);
    }
    expect(t.fake.messagesIn(U.rep)).toHaveLength(0);
  });

  it('a setup form submitted by a rep stores nothing, even with no SKO and no admin yet', async () => {
    const view = await openSetupModal(t, WS_ADMIN);
    const res = await t.driver.viewSubmission({ userId: U.rep, viewId: view.id, callbackId: SETUP_MODAL.callbackId, values: setupValues() });
    expect(res.json?.response_action).toBe('update');
    expect(eventCount()).toBe(0);
    // And he did not become an admin by trying: /sko admins is still refused.
    const admins = await t.driver.slashCommand({ userId: U.rep, text: 'admins' });
    expect(String(admins.json?.text)).toContain('Only admins can choose who else is an admin');
  });

  it('a workspace admin (users.info is_admin) and an owner (is_owner) can set the SKO up', async () => {
    const view = await openSetupModal(t, WS_ADMIN);
    const res = await t.driver.viewSubmission({ userId: WS_ADMIN, viewId: view.id, callbackId: SETUP_MODAL.callbackId, values: setupValues() });
    expect(res.text).toBe('');
    expect(eventCount()).toBe(1);
    // With an SKO there, the owner is offered to change it or set up another; Edit opens it.
    expect((await openSetupModal(t, OWNER)).private_metadata).toBe(String(t.db.select().from(events).get()?.id));
  });

  it('an admin adds someone with /sko admins, who can then set up; removed, they cannot', async () => {
    const refused = await t.driver.slashCommand({ userId: U.rep, text: 'admins' });
    expect(String(refused.json?.text)).toContain('Only admins');
    expect(t.fake.callsTo('views.open')).toHaveLength(0);

    await t.driver.slashCommand({ userId: OWNER, text: 'admins' });
    const modal = await openedView(t, 0);
    expect(JSON.stringify(modal.blocks)).toContain(`<@${OWNER}>`);
    await t.driver.viewSubmission({
      userId: OWNER,
      viewId: modal.id,
      callbackId: ADMINS.callbackId,
      values: { [ADMINS.blocks.added]: { [ADMINS.actionId]: stateValue.users([U.rep]) } },
    });

    const opens = await t.driver.slashCommand({ userId: U.rep, text: 'setup' });
    expect(opens.text).toBe('');
    expect((await openedView(t, 1)).callback_id).toBe(SETUP_MODAL.callbackId);

    await t.driver.slashCommand({ userId: U.rep, text: 'admins' });
    const own = await openedView(t, 2);
    await t.driver.viewSubmission({
      userId: U.rep,
      viewId: own.id,
      callbackId: ADMINS.callbackId,
      values: { [ADMINS.blocks.added]: { [ADMINS.actionId]: stateValue.users([]) } },
    });
    const after = await t.driver.slashCommand({ userId: U.rep, text: 'setup' });
    expect(JSON.stringify(after.json?.blocks)).toContain('Only an admin');
  });

  it('remembers what Slack said for ten minutes, then asks again: a demoted admin loses the rights', async () => {
    await t.driver.slashCommand({ userId: WS_ADMIN, text: 'status' });
    await t.driver.slashCommand({ userId: WS_ADMIN, text: 'status' });
    expect(t.fake.callsTo('users.info').filter((c) => c.args.user === WS_ADMIN)).toHaveLength(1);

    t.fake.addUser({ id: WS_ADMIN, name: 'walt', isAdmin: false });
    t.clock.advance(11 * 60_000);
    const res = await t.driver.slashCommand({ userId: WS_ADMIN, text: 'setup' });
    expect(JSON.stringify(res.json?.blocks)).toContain('Only an admin');
    expect(t.fake.callsTo('users.info').filter((c) => c.args.user === WS_ADMIN)).toHaveLength(2);
  });

  it('a users.info that does not answer holds no acknowledgement: what is on record serves, and someone never checked has no admin rights yet', async () => {
    await t.driver.slashCommand({ userId: WS_ADMIN, text: 'status' });
    t.clock.advance(11 * 60_000);
    const held = t.fake.holdResponse('users.info', { user: WS_ADMIN });
    const opens = await t.driver.slashCommand({ userId: WS_ADMIN, text: 'setup' });
    expect(opens.status).toBe(200);
    expect((await openedView(t, 0)).callback_id).toBe(SETUP_MODAL.callbackId);
    // Answered while Slack still holds its answer to the questions it was asked (is she an admin; her
    // time zone, for the modal's menu): the acknowledgement did not wait for them.
    expect(t.fake.callsTo('users.info').filter((c) => c.args.user === WS_ADMIN)).toHaveLength(3);

    const stranger = t.fake.holdResponse('users.info', { user: U.rep });
    const refused = await t.driver.slashCommand({ userId: U.rep, text: 'setup' });
    expect(JSON.stringify(refused.json?.blocks)).toContain('Only an admin');
    held.release();
    stranger.release();
  });
});

describe('the SKO_ADMINS setting', () => {
  it('makes the people it names admins, without Slack saying so', async () => {
    const t = await startTestApp({ now: '2026-11-20T15:00:00Z', admins: `${U.rep}, ${U.marco}` });
    try {
      const res = await t.driver.slashCommand({ userId: U.marco, text: 'setup' });
      expect(res.text).toBe('');
      expect((await openedView(t, 0)).callback_id).toBe(SETUP_MODAL.callbackId);
      const dana = await t.driver.slashCommand({ userId: U.dana, text: 'setup' });
      expect(JSON.stringify(dana.json?.blocks)).toContain('Only an admin');
    } finally {
      await t.close();
    }
  });
});
