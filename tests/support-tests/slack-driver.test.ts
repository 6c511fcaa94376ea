import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { App, type Logger, LogLevel, type SlashCommand } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack/server.js';
import { SlackDriver } from '../support/slack-driver/driver.js';
import { stateValue } from '../support/slack-driver/state-values.js';

// Slack's published worked example (docs: "Verifying requests from Slack").
const DOCS_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOCS_TIMESTAMP = 1531420618;
const DOCS_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOCS_SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

const SIGNING_SECRET = 'test-signing-secret';

function silentLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => {
      warnings.push(msg.map(String).join(' '));
    },
    error: () => {},
    setLevel: () => {},
    getLevel: () => LogLevel.ERROR,
    setName: () => {},
  };
}

describe('SlackDriver.sign', () => {
  it("matches Slack's published test vector", async () => {
    const fake = await FakeSlack.start();
    try {
      const driver = new SlackDriver({ appUrl: 'http://127.0.0.1:1/slack/events', signingSecret: DOCS_SECRET, fake });
      expect(driver.sign(DOCS_BODY, DOCS_TIMESTAMP)).toEqual({
        'x-slack-request-timestamp': '1531420618',
        'x-slack-signature': DOCS_SIGNATURE,
      });
      // a different body or timestamp gives a different signature
      expect(driver.sign(`${DOCS_BODY}x`, DOCS_TIMESTAMP)['x-slack-signature']).not.toBe(DOCS_SIGNATURE);
      expect(driver.sign(DOCS_BODY, DOCS_TIMESTAMP + 1)['x-slack-signature']).not.toBe(DOCS_SIGNATURE);
    } finally {
      await fake.close();
    }
  });

  it('uses the injected clock for the timestamp', async () => {
    const fake = await FakeSlack.start();
    try {
      const driver = new SlackDriver({
        appUrl: 'http://127.0.0.1:1/slack/events',
        signingSecret: 's',
        fake,
        now: () => 1_800_000_000_999,
      });
      const headers = driver.sign('body');
      expect(headers['x-slack-request-timestamp']).toBe('1800000000');
      const expected = createHmac('sha256', 's').update('v0:1800000000:body').digest('hex');
      expect(headers['x-slack-signature']).toBe(`v0=${expected}`);
    } finally {
      await fake.close();
    }
  });
});

describe('SlackDriver against a real Bolt App (HTTPReceiver)', () => {
  let fake: FakeSlack;
  let app: App;
  let driver: SlackDriver;
  let appUrl: string;
  let logger: ReturnType<typeof silentLogger>;
  const commands: SlashCommand[] = [];
  const events: { type: string; retryNum?: number; retryReason?: string }[] = [];
  const bodies: Record<string, unknown>[] = [];

  beforeEach(async () => {
    commands.length = 0;
    events.length = 0;
    bodies.length = 0;
    fake = await FakeSlack.start();
    logger = silentLogger();
    app = new App({
      token: 'xoxb-test',
      signingSecret: SIGNING_SECRET,
      logger,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });

    app.command('/sko', async ({ ack, command, respond, client }) => {
      commands.push(command);
      if (command.text === 'too many blocks') {
        await ack({ response_type: 'ephemeral', text: 'lots', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) });
        return;
      }
      await ack({ response_type: 'ephemeral', text: `on it: ${command.text}` });
      if (command.text === 'plan') {
        await client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'plan',
            private_metadata: '{"sko":"2027"}',
            title: { type: 'plain_text', text: 'Plan' },
            submit: { type: 'plain_text', text: 'Save' },
            blocks: [
              {
                type: 'input',
                block_id: 'date',
                label: { type: 'plain_text', text: 'Date' },
                element: { type: 'datepicker', action_id: 'pick' },
              },
            ],
          },
        });
      } else {
        await respond({ response_type: 'in_channel', text: 'done' });
      }
    });

    app.view('plan', async ({ ack, view, body }) => {
      bodies.push(body as unknown as Record<string, unknown>);
      const date = view.state.values.date?.pick?.selected_date;
      if (!date || date < '2027-01-01') {
        await ack({ response_action: 'errors', errors: { date: 'Pick a date in 2027' } });
        return;
      }
      const next = (title: string) => ({
        type: 'modal' as const,
        callback_id: 'plan_next',
        title: { type: 'plain_text' as const, text: title },
        blocks: [{ type: 'divider' }],
      });
      if (date === '2027-06-01') await ack({ response_action: 'update', view: next('Planned') });
      else if (date === '2027-06-02') await ack({ response_action: 'update', view: next('A title far longer than Slack allows') });
      else if (date === '2027-06-03') await ack({ response_action: 'push', view: next('Next step') });
      else if (date === '2027-06-04') await ack({ response_action: 'errors', errors: { nowhere: 'Not a block of this view' } });
      else await ack();
    });

    app.action('approve', async ({ ack, respond, body }) => {
      bodies.push(body as unknown as Record<string, unknown>);
      await ack();
      const value = body.type === 'block_actions' && body.actions[0]?.type === 'button' ? body.actions[0].value : '';
      await respond({ replace_original: true, text: `approved ${value}` });
    });

    app.shortcut({ callback_id: 'make_item', type: 'message_action' }, async ({ ack, shortcut, client }) => {
      bodies.push(shortcut as unknown as Record<string, unknown>);
      await ack();
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: { type: 'modal', title: { type: 'plain_text', text: 'Item' }, blocks: [{ type: 'divider' }] },
      });
    });

    app.event('app_home_opened', async ({ event, context }) => {
      events.push({ type: event.type, retryNum: context.retryNum, retryReason: context.retryReason });
    });

    const server = (await app.start(0)) as { address(): AddressInfo | string | null };
    const port = (server.address() as AddressInfo).port;
    appUrl = `http://127.0.0.1:${port}/slack/events`;
    driver = new SlackDriver({ appUrl, signingSecret: SIGNING_SECRET, fake });
  });

  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  it('delivers a signed slash command to app.command and returns the ack body', async () => {
    const res = await driver.slashCommand({ userId: 'U123', text: 'status', channelId: 'C0GENERAL' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_type: 'ephemeral', text: 'on it: status' });
    expect(res.ms).toBeLessThan(3000);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({
      command: '/sko',
      text: 'status',
      user_id: 'U123',
      channel_id: 'C0GENERAL',
      team_id: fake.teamId,
      api_app_id: fake.appId,
      is_enterprise_install: 'false',
      response_url: res.responseUrl,
      trigger_id: res.triggerId,
    });
    // respond() went to the fake's response_url (after the ack)
    await expect.poll(() => fake.responsesTo(res.responseUrl).length).toBe(1);
    expect(fake.responsesTo(res.responseUrl)[0]?.body).toEqual({ response_type: 'in_channel', text: 'done' });
    expect(fake.messagesIn('C0GENERAL').map((m) => m.text)).toEqual(['done']);
  });

  it('lets the app open a modal with the trigger id it was given', async () => {
    const res = await driver.slashCommand({ userId: 'U123', text: 'plan' });
    expect(res.status).toBe(200);
    await expect.poll(() => fake.callsTo('views.open').length).toBe(1);
    expect(fake.callsTo('views.open')[0]?.response).toMatchObject({ ok: true, view: { callback_id: 'plan' } });
  });

  it('rejects a forged signature with 401', async () => {
    const body = 'command=%2Fsko&text=hack&user_id=U666';
    const forged = new SlackDriver({ appUrl, signingSecret: 'not-the-secret', fake });
    const res = await forged.raw(body, { 'content-type': 'application/x-www-form-urlencoded', ...forged.sign(body) });
    expect(res.status).toBe(401);
    expect(res.text).toBe('');

    const tampered = await driver.raw(`${body}&x=1`, {
      'content-type': 'application/x-www-form-urlencoded',
      ...driver.sign(body),
    });
    expect(tampered.status).toBe(401);

    const unsigned = await driver.raw(body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(unsigned.status).toBe(401);
    expect(commands).toHaveLength(0);
  });

  it('rejects a stale timestamp (6 minutes old) with 401, accepts 4 minutes old', async () => {
    const sixMinutesAgo = new SlackDriver({ appUrl, signingSecret: SIGNING_SECRET, fake, now: () => Date.now() - 6 * 60_000 });
    const stale = await sixMinutesAgo.slashCommand({ userId: 'U123', text: 'old' });
    expect(stale.status).toBe(401);
    expect(logger.warnings.join('\n')).toMatch(/stale/);

    const fourMinutesAgo = new SlackDriver({ appUrl, signingSecret: SIGNING_SECRET, fake, now: () => Date.now() - 4 * 60_000 });
    const fine = await fourMinutesAgo.slashCommand({ userId: 'U123', text: 'recent' });
    expect(fine.status).toBe(200);
    expect(commands.map((c) => c.text)).toEqual(['recent']);
  });

  it('needs content-type exactly application/x-www-form-urlencoded (Bolt JSON-parses anything else)', async () => {
    const body = new URLSearchParams({ command: '/sko', text: 'x', user_id: 'U1' }).toString();
    const res = await driver.raw(body, {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      ...driver.sign(body),
    });
    expect(res.status).toBe(400);
  });

  /** Opens a plan modal the way a person does, with /sko plan, and returns its id. */
  async function openPlan(): Promise<string> {
    const before = fake.callsTo('views.open').length;
    await driver.slashCommand({ userId: 'U123', text: 'plan' });
    await expect.poll(() => fake.callsTo('views.open').length).toBe(before + 1);
    return String((fake.callsTo('views.open')[before]?.response.view as { id?: string } | undefined)?.id);
  }

  it('returns response_action errors from a view submission as JSON', async () => {
    const viewId = await openPlan();
    const bad = await driver.viewSubmission({ userId: 'U123', viewId, callbackId: 'plan', values: { date: { pick: stateValue.date('2026-12-31') } } });
    expect(bad.status).toBe(200);
    expect(bad.headers.get('content-type')).toMatch(/application\/json/);
    expect(bad.json).toEqual({ response_action: 'errors', errors: { date: 'Pick a date in 2027' } });

    const good = await driver.viewSubmission({ userId: 'U123', viewId, values: { date: { pick: stateValue.date('2027-02-02') } } });
    expect(good.status).toBe(200);
    expect(good.text).toBe('');

    // payload shape: trigger_id, api_app_id, response_urls at top level; the opened view, with its metadata and the state, inside view
    const again = await driver.viewSubmission({ userId: 'U123', viewId, values: { date: { pick: stateValue.date('2027-03-03') } } });
    expect(bodies[2]).toMatchObject({
      type: 'view_submission',
      trigger_id: again.triggerId,
      api_app_id: fake.appId,
      team: { id: fake.teamId },
      user: { id: 'U123' },
      response_urls: [],
      view: {
        id: viewId,
        hash: fake.view(viewId)?.hash,
        callback_id: 'plan',
        private_metadata: '{"sko":"2027"}',
        state: { values: { date: { pick: { type: 'datepicker', selected_date: '2027-03-03' } } } },
      },
    });
    // the trigger id is a live one: the app could push a view with it
    await expect(
      app.client.views.push({
        trigger_id: again.triggerId,
        view: { type: 'modal', title: { type: 'plain_text', text: 'Next' }, blocks: [{ type: 'divider' }] },
      }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('refuses to submit a view the fake never saw opened', async () => {
    await openPlan();
    await expect(driver.viewSubmission({ userId: 'U123', viewId: 'VNEVEROPENED', values: { date: { pick: stateValue.date('2027-02-02') } } })).rejects.toThrow(
      'viewSubmission: no view VNEVEROPENED was opened, pushed or updated in the fake; open it through the app first',
    );
    expect(bodies).toEqual([]);
  });

  it("refuses values that are not exactly the view's inputs, saying which", async () => {
    const viewId = await openPlan();
    const attempt = (values: Parameters<SlackDriver['viewSubmission']>[0]['values'], callbackId?: string) =>
      driver.viewSubmission({ userId: 'U123', viewId, values, ...(callbackId ? { callbackId } : {}) });
    await expect(attempt({})).rejects.toThrow('input block "date" is missing: Slack sends every input, empty ones as null');
    await expect(attempt({ date: { pick: stateValue.date('2027-02-02') }, when: { pick: stateValue.date('2027-02-02') } })).rejects.toThrow(
      'block "when" is not an input block of the view (its inputs: date)',
    );
    await expect(attempt({ date: { choose: stateValue.date('2027-02-02') } })).rejects.toThrow('block "date" holds element "pick", not "choose"');
    await expect(attempt({ date: { pick: stateValue.text('2027-02-02') } })).rejects.toThrow('date.pick is a datepicker, not a plain_text_input');
    await expect(attempt({ date: { pick: stateValue.date('2027-02-02') } }, 'setup')).rejects.toThrow(`the view's callback_id is "plan", not "setup"`);
    expect(bodies).toEqual([]);
    // empty is fine: Slack sends an empty datepicker as null
    await expect(attempt({ date: { pick: stateValue.date(null) } })).resolves.toMatchObject({ json: { response_action: 'errors' } });
  });

  it("carries out an acknowledgement's update and push on the stored modal", async () => {
    const viewId = await openPlan();
    const opened = fake.view(viewId);
    await driver.viewSubmission({ userId: 'U123', viewId, values: { date: { pick: stateValue.date('2027-06-01') } } });
    expect(fake.view(viewId)).toMatchObject({ id: viewId, callback_id: 'plan_next', title: { text: 'Planned' }, root_view_id: viewId });
    expect(fake.view(viewId)?.hash).not.toBe(opened?.hash);
    // the updated view has no inputs left: the old one's values no longer fit it
    await expect(driver.viewSubmission({ userId: 'U123', viewId, values: { date: { pick: stateValue.date('2027-06-03') } } })).rejects.toThrow(
      'block "date" is not an input block of the view (its inputs: none)',
    );

    const second = await openPlan();
    await driver.viewSubmission({ userId: 'U123', viewId: second, values: { date: { pick: stateValue.date('2027-06-03') } } });
    const pushed = fake.views().find((v) => v.previous_view_id === second);
    expect(pushed).toMatchObject({ callback_id: 'plan_next', title: { text: 'Next step' }, root_view_id: second });
  });

  it('fails an acknowledgement Slack would refuse: an over-limit view, errors for a block the view lacks, too many blocks', async () => {
    const viewId = await openPlan();
    const opened = fake.view(viewId);
    await expect(driver.viewSubmission({ userId: 'U123', viewId, values: { date: { pick: stateValue.date('2027-06-02') } } })).rejects.toThrow(
      /Slack would refuse the acknowledgement of the view_submission:\n {2}must be less than 25 characters \[json-pointer:\/view\/title\/text\]/,
    );
    // the modal stays as it was
    expect(fake.view(viewId)).toEqual(opened);

    await expect(driver.viewSubmission({ userId: 'U123', viewId, values: { date: { pick: stateValue.date('2027-06-04') } } })).rejects.toThrow(
      'errors names "nowhere", which is not an input block of the view',
    );

    await expect(driver.slashCommand({ userId: 'U123', text: 'too many blocks' })).rejects.toThrow(
      /Slack would refuse the acknowledgement of the slash command \/sko too many blocks:\n {2}invalid_blocks\n {2}no more than 50 items allowed \[json-pointer:\/blocks\]/,
    );
  });

  it('delivers block actions from a stored message and lets respond() replace it', async () => {
    const posted = await app.client.chat.postMessage({
      channel: 'C0GENERAL',
      text: 'Approve the agenda?',
      blocks: [
        {
          type: 'actions',
          block_id: 'decide',
          elements: [{ type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: 'agenda-7' }],
        },
      ],
    });
    const res = await driver.blockAction({ userId: 'U123', actionId: 'approve', channelId: 'C0GENERAL', messageTs: posted.ts! });
    expect(res.status).toBe(200);
    expect(res.responseUrl).toBeDefined();
    await expect.poll(() => fake.messagesIn('C0GENERAL')[0]?.text).toBe('approved agenda-7');
    expect(bodies[0]).toMatchObject({
      type: 'block_actions',
      trigger_id: res.triggerId,
      response_url: res.responseUrl,
      container: { type: 'message', message_ts: posted.ts, channel_id: 'C0GENERAL' },
      channel: { id: 'C0GENERAL' },
      message: { ts: posted.ts, text: 'Approve the agenda?' },
      actions: [{ type: 'button', action_id: 'approve', block_id: 'decide', value: 'agenda-7' }],
    });
  });

  it('clicks a button in an ephemeral reply as Slack sends it: the container marked, no copy of the message', async () => {
    const blocks = [
      {
        type: 'actions',
        block_id: 'decide',
        elements: [{ type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: 'agenda-8' }],
      },
    ];
    await driver.blockAction({
      userId: 'U123',
      actionId: 'approve',
      channelId: 'C0GENERAL',
      messageTs: '1700000000.000200',
      ephemeral: true,
      message: { blocks },
    });
    await expect.poll(() => bodies.length).toBe(1);
    expect(bodies[0]).toMatchObject({
      container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'C0GENERAL', is_ephemeral: true },
      actions: [{ action_id: 'approve', block_id: 'decide', value: 'agenda-8' }],
    });
    expect(bodies[0]).not.toHaveProperty('message');
  });

  it('delivers a message shortcut with the stored message, and its trigger opens a modal', async () => {
    const posted = await app.client.chat.postMessage({ channel: 'C0GENERAL', text: 'Who sends the deck?' });
    const res = await driver.messageShortcut({ userId: 'U123', callbackId: 'make_item', channelId: 'C0GENERAL', messageTs: posted.ts! });
    expect(res.status).toBe(200);
    await expect.poll(() => fake.callsTo('views.open').length).toBe(1);
    expect(fake.callsTo('views.open')[0]?.response.ok).toBe(true);
    expect(bodies[0]).toMatchObject({
      type: 'message_action',
      callback_id: 'make_item',
      trigger_id: res.triggerId,
      response_url: res.responseUrl,
      message_ts: posted.ts,
      team: { id: fake.teamId, domain: fake.teamDomain },
      channel: { id: 'C0GENERAL' },
      message: { type: 'message', ts: posted.ts, text: 'Who sends the deck?' },
    });
  });

  it('delivers events as JSON envelopes with retry headers passed to context', async () => {
    const res = await driver.event({ type: 'app_home_opened', user: 'U123', channel: 'D123', tab: 'home' }, { retryNum: 1, retryReason: 'http_timeout' });
    expect(res.status).toBe(200);
    expect(res.eventId).toMatch(/^Ev/);
    await expect.poll(() => events.length).toBe(1);
    expect(events[0]).toEqual({ type: 'app_home_opened', retryNum: 1, retryReason: 'http_timeout' });
  });
});

describe('stateValue builders', () => {
  it('build Slack-shaped state values', () => {
    expect(stateValue.text('x')).toEqual({ type: 'plain_text_input', value: 'x' });
    expect(stateValue.date('2027-02-02')).toEqual({ type: 'datepicker', selected_date: '2027-02-02' });
    expect(stateValue.user('U1')).toEqual({ type: 'users_select', selected_user: 'U1' });
    expect(stateValue.users(['U1', 'U2'])).toEqual({ type: 'multi_users_select', selected_users: ['U1', 'U2'] });
    expect(stateValue.channel('C1')).toEqual({ type: 'conversations_select', selected_conversation: 'C1' });
    expect(stateValue.option('v')).toEqual({
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: 'v', emoji: true }, value: 'v' },
    });
    expect(stateValue.options(['a', { value: 'b', text: 'Bee' }]).selected_options?.map((o) => o.text.text)).toEqual(['a', 'Bee']);
  });
});
