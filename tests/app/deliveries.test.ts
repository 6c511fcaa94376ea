import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionItems } from '../../db/schema.js';
import { ACTION_MODAL } from '../../views/kit/ids.js';
import { U } from '../support/builders.js';
import { submitSetup } from '../support/sko.js';
import { type StateValues, stateValue } from '../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../support/test-app.js';
import { openedView } from '../support/views.js';

const { blocks: B, actionId: A } = ACTION_MODAL;

describe('each delivery handled once', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('an event Slack delivers again (same event_id, X-Slack-Retry-Num) is acknowledged and not handled twice', async () => {
    const first = await t.driver.event({ type: 'app_home_opened', user: 'UREP00001', channel: 'D0REP', tab: 'home' }, { eventId: 'Ev0RETRY01' });
    expect(first.status).toBe(200);
    await eventually(() => t.fake.callsTo('views.publish').length === 1);
    const retry = await t.driver.replay({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    // A different event afterwards is handled, so the retry had its chance to run before it.
    await t.driver.event({ type: 'app_home_opened', user: 'UREP00002', channel: 'D0REP2', tab: 'home' });
    await eventually(() => t.fake.callsTo('views.publish').length >= 2);
    expect(t.fake.callsTo('views.publish').map((c) => c.args.user_id)).toEqual(['UREP00001', 'UREP00002']);
  });

  async function openActionForm(): Promise<{ id: string }> {
    await submitSetup(t);
    t.fake.addUser({ id: U.priya, name: 'priya', realName: 'Priya' });
    t.clock.set('2026-11-30T15:00:00Z');
    await t.driver.slashCommand({ userId: U.dana, text: 'action' });
    return openedView(t, 1);
  }
  const actionValues = (title: string, due: string): StateValues => ({
    [B.title]: { [A]: stateValue.text(title) },
    [B.owner]: { [A]: stateValue.user(U.priya) },
    [B.due]: { [A]: stateValue.date(due) },
    [B.notes]: { [A]: stateValue.text(null) },
    [B.task]: { [A]: stateValue.option(null) },
  });
  const titles = () =>
    t.db
      .select()
      .from(actionItems)
      .all()
      .map((i) => i.title);

  it('the same form submitted twice with two trigger_ids (Slack sending a double click twice) stores one action item', async () => {
    const view = await openActionForm();
    const submit = () =>
      t.driver.viewSubmission({ userId: U.dana, viewId: view.id, callbackId: ACTION_MODAL.callbackId, values: actionValues('Book the venue', '2026-12-04') });
    const [first, second] = await Promise.all([submit(), submit()]);
    expect(first.triggerId).not.toBe(second.triggerId);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(titles()).toEqual(['Book the venue']);
  });

  it('a submission refused with a field error, sent again unchanged, gets the error again; corrected, it is stored', async () => {
    const view = await openActionForm();
    const submit = (due: string) =>
      t.driver.viewSubmission({ userId: U.dana, viewId: view.id, callbackId: ACTION_MODAL.callbackId, values: actionValues('Print badges', due) });
    const refused = await submit('2020-01-01');
    expect(refused.json?.response_action).toBe('errors');
    expect((await submit('2020-01-01')).json?.response_action).toBe('errors');
    expect(titles()).toEqual([]);
    await submit('2026-12-04');
    expect(titles()).toEqual(['Print badges']);
  });

  it('the same form submission sent twice (a double click on Save) stores one action item', async () => {
    await submitSetup(t);
    t.fake.addUser({ id: U.priya, name: 'priya', realName: 'Priya' });
    t.clock.set('2026-11-30T15:00:00Z');
    await t.driver.slashCommand({ userId: U.dana, text: 'action' });
    const view = await openedView(t, 1);
    const values: StateValues = {
      [B.title]: { [A]: stateValue.text('Get three caterer quotes') },
      [B.owner]: { [A]: stateValue.user(U.priya) },
      [B.due]: { [A]: stateValue.date('2026-12-04') },
      [B.notes]: { [A]: stateValue.text(null) },
      [B.task]: { [A]: stateValue.option(null) },
    };
    await t.driver.viewSubmission({ userId: U.dana, viewId: view.id, callbackId: ACTION_MODAL.callbackId, values });
    const again = await t.driver.replay();
    expect(again.status).toBe(200);
    expect(again.text).toBe('');
    expect(
      t.db
        .select()
        .from(actionItems)
        .all()
        .map((i) => i.title),
    ).toEqual(['Get three caterer quotes']);
  });
});
