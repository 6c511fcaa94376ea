import type { ModalView, SectionBlock } from '@slack/types';
import { ErrorCode, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebClient, type WebClientOptions } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBlocks, checkView } from '../support/block-kit-limits.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import type { FakeSlackOptions } from '../support/fake-slack/types.js';

const silentLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => 'error' as never,
  setName: () => {},
};

let fake: FakeSlack;
let clock: number;

async function startFake(options: FakeSlackOptions = {}): Promise<void> {
  fake = await FakeSlack.start({ now: () => clock, ...options });
}

function client(options: WebClientOptions = {}): WebClient {
  return new WebClient('xoxb-test', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
    ...options,
  });
}

/** Runs `fn`, expecting it to reject; returns the error. */
async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

const modal = (extra: Partial<ModalView> = {}): ModalView => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'Plan SKO' },
  blocks: [section('hello')],
  ...extra,
});

beforeEach(async () => {
  clock = Date.UTC(2027, 0, 10, 9, 0, 0);
  await startFake();
});

afterEach(async () => {
  await fake.close();
});

describe('transport', () => {
  it('answers auth.test with the bot identity Bolt needs', async () => {
    const res = await client().auth.test();
    expect(res).toMatchObject({
      ok: true,
      user_id: fake.botUserId,
      bot_id: fake.botId,
      team_id: fake.teamId,
      team: fake.teamName,
      user: expect.any(String),
      url: expect.stringMatching(/^https:\/\/.+\.slack\.com\/$/),
    });
    expect(fake.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('records every call with its decoded arguments, token and time', async () => {
    await client().chat.postMessage({
      channel: 'C1',
      text: 'hi',
      blocks: [section('hi')],
      metadata: { event_type: 'sko_test', event_payload: { n: 1 } },
    });
    expect(fake.calls).toHaveLength(1);
    const call = fake.callsTo('chat.postMessage')[0]!;
    expect(call.token).toBe('xoxb-test');
    expect(call.at.getTime()).toBe(clock);
    // form-encoded JSON fields come back as objects
    expect(call.args.blocks).toEqual([section('hi')]);
    expect(call.args.metadata).toEqual({ event_type: 'sko_test', event_payload: { n: 1 } });
    fake.reset();
    expect(fake.calls).toHaveLength(0);
    expect(fake.messagesIn('C1')).toHaveLength(0);
  });

  it('accepts JSON bodies', async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-test' },
      body: JSON.stringify({ channel: 'C9', text: 'json', blocks: [section('json')] }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, channel: 'C9' });
    expect(fake.messagesIn('C9')[0]?.blocks).toEqual([section('json')]);
  });

  it('answers not_authed without a token and unknown_method for unknown methods', async () => {
    const noToken = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger });
    const err = await rejection(() => noToken.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(err).toBeInstanceOf(WebAPIPlatformError);
    expect((err as WebAPIPlatformError).data.error).toBe('not_authed');

    const err2 = await rejection(() => client().apiCall('chat.fly'));
    expect((err2 as WebAPIPlatformError).data.error).toBe('unknown_method');
  });
});

describe('messages', () => {
  it('posts, updates and lists messages newest first with metadata', async () => {
    const web = client();
    const first = await web.chat.postMessage({
      channel: 'C1',
      text: 'first',
      metadata: { event_type: 'sko_step', event_payload: { step: 1 } },
    });
    const second = await web.chat.postMessage({ channel: 'C1', text: 'second' });
    expect(first.channel).toBe('C1');
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(first.message).toMatchObject({ text: 'first', user: fake.botUserId, bot_id: fake.botId, ts: first.ts });

    const updated = await web.chat.update({ channel: 'C1', ts: first.ts!, text: 'first (edited)' });
    expect(updated).toMatchObject({ ok: true, channel: 'C1', ts: first.ts, text: 'first (edited)' });
    expect(fake.messagesIn('C1').map((m) => m.text)).toEqual(['first (edited)', 'second']);

    const withMeta = await web.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(withMeta.messages?.map((m) => m.text)).toEqual(['second', 'first (edited)']);
    expect(withMeta.messages?.[1]?.metadata).toEqual({ event_type: 'sko_step', event_payload: { step: 1 } });

    const withoutMeta = await web.conversations.history({ channel: 'C1' });
    expect(withoutMeta.messages?.[1]?.metadata).toBeUndefined();
  });

  it('filters history by oldest/latest and pages with limit + cursor', async () => {
    const web = client();
    const ts: string[] = [];
    for (let i = 0; i < 5; i++) ts.push((await web.chat.postMessage({ channel: 'C2', text: `m${i}` })).ts!);

    const window = await web.conversations.history({ channel: 'C2', oldest: ts[1], latest: ts[4] });
    expect(window.messages?.map((m) => m.text)).toEqual(['m3', 'm2']);

    const page1 = await web.conversations.history({ channel: 'C2', limit: 2 });
    expect(page1.messages?.map((m) => m.text)).toEqual(['m4', 'm3']);
    expect(page1.has_more).toBe(true);
    const page2 = await web.conversations.history({ channel: 'C2', limit: 2, cursor: page1.response_metadata?.next_cursor });
    expect(page2.messages?.map((m) => m.text)).toEqual(['m2', 'm1']);
  });

  it('posts to a user id in a stable DM channel, the same conversations.open returns', async () => {
    const web = client();
    const a = await web.chat.postMessage({ channel: 'U111', text: 'hello' });
    const b = await web.chat.postMessage({ channel: 'U111', text: 'again' });
    const other = await web.chat.postMessage({ channel: 'U222', text: 'hi' });
    expect(a.channel).toMatch(/^D/);
    expect(b.channel).toBe(a.channel);
    expect(other.channel).not.toBe(a.channel);
    const opened = await web.conversations.open({ users: 'U111' });
    expect(opened.channel?.id).toBe(a.channel);
    expect(fake.messagesIn('U111')).toHaveLength(2);
    expect(fake.messagesIn(a.channel!)).toHaveLength(2);
  });

  it('rejects chat.update of an unknown message and over-long texts', async () => {
    const web = client();
    const e1 = await rejection(() => web.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }));
    expect((e1 as WebAPIPlatformError).data.error).toBe('message_not_found');

    const posted = await web.chat.postMessage({ channel: 'C1', text: 'x'.repeat(4001) });
    expect(posted.ok).toBe(true);
    const e2 = await rejection(() => web.chat.update({ channel: 'C1', ts: posted.ts!, text: 'y'.repeat(4001) }));
    expect((e2 as WebAPIPlatformError).data.error).toBe('msg_too_long');

    const e3 = await rejection(() => web.chat.postMessage({ channel: 'C1', text: 'z'.repeat(40_001) }));
    expect((e3 as WebAPIPlatformError).data.error).toBe('msg_too_long');

    const e4 = await rejection(() => web.apiCall('chat.postMessage', { channel: 'C1' }));
    expect((e4 as WebAPIPlatformError).data.error).toBe('no_text');
    expect(fake.messagesIn('C1')).toHaveLength(1);
  });

  it('records ephemerals separately from delivered messages', async () => {
    const res = await client().chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' });
    expect(res.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.ephemerals('U1')).toMatchObject([{ channel: 'C1', user: 'U1', text: 'only you' }]);
    expect(fake.messagesIn('C1')).toHaveLength(0);
  });
});

describe('Block Kit validation', () => {
  it('rejects 51 blocks with invalid_blocks in Slack’s shape', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    const err = await rejection(() => client().chat.postMessage({ channel: 'C1', text: 'x', blocks }));
    expect(err).toBeInstanceOf(WebAPIPlatformError);
    const data = (err as WebAPIPlatformError).data;
    expect(data.error).toBe('invalid_blocks');
    expect((data as { errors?: string[] }).errors).toEqual(['no more than 50 items allowed [json-pointer:/blocks]']);
    expect(data.response_metadata?.messages).toEqual(['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']);
    expect(fake.messagesIn('C1')).toHaveLength(0);
    // exactly 50 is fine
    await client().chat.postMessage({ channel: 'C1', text: 'x', blocks: blocks.slice(0, 50) });
    expect(fake.messagesIn('C1')).toHaveLength(1);
  });

  it('rejects a 3001-character section text, on post, update and ephemeral', async () => {
    const web = client();
    const long = [section('a'.repeat(3001))];
    const expected = ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'];
    const e1 = await rejection(() => web.chat.postMessage({ channel: 'C1', text: 'x', blocks: long }));
    expect((e1 as WebAPIPlatformError).data).toMatchObject({ error: 'invalid_blocks', errors: expected });

    const ok = await web.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('a'.repeat(3000))] });
    const e2 = await rejection(() => web.chat.update({ channel: 'C1', ts: ok.ts!, text: 'x', blocks: long }));
    expect((e2 as WebAPIPlatformError).data).toMatchObject({ error: 'invalid_blocks', errors: expected });
    const e3 = await rejection(() => web.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'x', blocks: long }));
    expect((e3 as WebAPIPlatformError).data.error).toBe('invalid_blocks');
  });

  it('checks element and block limits with json pointers', () => {
    const blocks = [
      { type: 'header', text: { type: 'mrkdwn', text: 'h'.repeat(151) } },
      {
        type: 'actions',
        block_id: 'b'.repeat(256),
        elements: [
          {
            type: 'button',
            action_id: 'a'.repeat(256),
            text: { type: 'plain_text', text: 't'.repeat(76) },
            value: 'v'.repeat(2001),
            url: `https://x/${'u'.repeat(3000)}`,
            confirm: {
              title: { type: 'plain_text', text: 'c'.repeat(101) },
              text: { type: 'plain_text', text: 'c'.repeat(301) },
              confirm: { type: 'plain_text', text: 'c'.repeat(31) },
              deny: { type: 'plain_text', text: 'c'.repeat(31) },
            },
          },
          {
            type: 'static_select',
            action_id: 'pick',
            placeholder: { type: 'plain_text', text: 'p'.repeat(151) },
            options: Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `${i}` })),
          },
        ],
      },
      { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
      { type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] },
      { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) },
      {
        type: 'input',
        label: { type: 'plain_text', text: 'l'.repeat(2001) },
        hint: { type: 'plain_text', text: 'h'.repeat(2001) },
        element: { type: 'plain_text_input', action_id: 'x', max_length: 3001 },
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'pick' },
        accessory: {
          type: 'static_select',
          action_id: 'y',
          option_groups: [
            {
              label: { type: 'plain_text', text: 'g' },
              options: [
                {
                  text: { type: 'plain_text', text: 'o'.repeat(76) },
                  value: 'v'.repeat(151),
                  description: { type: 'plain_text', text: 'd'.repeat(76) },
                },
              ],
            },
          ],
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: '' } },
    ];
    expect(checkBlocks(blocks, '/blocks', 50)).toEqual([
      'must be plain_text [json-pointer:/blocks/0/text/type]',
      'must be less than 151 characters [json-pointer:/blocks/0/text/text]',
      'must be less than 256 characters [json-pointer:/blocks/1/block_id]',
      'must be less than 256 characters [json-pointer:/blocks/1/elements/0/action_id]',
      'must be less than 101 characters [json-pointer:/blocks/1/elements/0/confirm/title/text]',
      'must be less than 301 characters [json-pointer:/blocks/1/elements/0/confirm/text/text]',
      'must be less than 31 characters [json-pointer:/blocks/1/elements/0/confirm/confirm/text]',
      'must be less than 31 characters [json-pointer:/blocks/1/elements/0/confirm/deny/text]',
      'must be less than 76 characters [json-pointer:/blocks/1/elements/0/text/text]',
      'must be less than 2001 characters [json-pointer:/blocks/1/elements/0/value]',
      'must be less than 3001 characters [json-pointer:/blocks/1/elements/0/url]',
      'must be less than 151 characters [json-pointer:/blocks/1/elements/1/placeholder/text]',
      'no more than 100 items allowed [json-pointer:/blocks/1/elements/1/options]',
      'no more than 10 items allowed [json-pointer:/blocks/2/fields]',
      'must be less than 2001 characters [json-pointer:/blocks/3/fields/0/text]',
      'no more than 10 items allowed [json-pointer:/blocks/4/elements]',
      'must be less than 2001 characters [json-pointer:/blocks/5/label/text]',
      'must be less than 2001 characters [json-pointer:/blocks/5/hint/text]',
      'must be less than 3001 [json-pointer:/blocks/5/element/max_length]',
      'must be less than 76 characters [json-pointer:/blocks/6/accessory/option_groups/0/options/0/text/text]',
      'must be less than 151 characters [json-pointer:/blocks/6/accessory/option_groups/0/options/0/value]',
      'must be less than 76 characters [json-pointer:/blocks/6/accessory/option_groups/0/options/0/description/text]',
      'must be more than 0 characters [json-pointer:/blocks/7/text/text]',
    ]);
    expect(checkBlocks([section('fine'), { type: 'divider' }], '/blocks', 50)).toEqual([]);
  });

  it('checks views: title/submit/close, submit for inputs, metadata, callback_id', () => {
    expect(
      checkView({
        type: 'modal',
        title: { type: 'plain_text', text: 't'.repeat(25) },
        close: { type: 'plain_text', text: 'c'.repeat(25) },
        blocks: [section('x'), { type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'a' } }],
        private_metadata: 'm'.repeat(3001),
        callback_id: 'c'.repeat(256),
      }),
    ).toEqual([
      'must be less than 25 characters [json-pointer:/view/title/text]',
      'must be less than 25 characters [json-pointer:/view/close/text]',
      'must define `submit` to use an `input` block in modals [json-pointer:/view/blocks/1/input]',
      'must be less than 3001 characters [json-pointer:/view/private_metadata]',
      'must be less than 256 characters [json-pointer:/view/callback_id]',
    ]);
    expect(checkView({})).toEqual(['missing required field: type [json-pointer:/view]', 'missing required field: blocks [json-pointer:/view]']);
    expect(checkView(modal({ blocks: Array.from({ length: 101 }, () => section('x')) }))).toEqual([
      'no more than 100 items allowed [json-pointer:/view/blocks]',
    ]);
  });
});

describe('views and trigger ids', () => {
  it('opens a modal with a fresh trigger id, once', async () => {
    const web = client();
    const trigger = fake.issueTriggerId();
    expect(trigger).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    const res = await web.views.open({ trigger_id: trigger, view: modal({ callback_id: 'plan' }) });
    expect(res.view).toMatchObject({ id: expect.stringMatching(/^V/), hash: expect.any(String), callback_id: 'plan', type: 'modal' });
    expect(fake.view(res.view!.id!)?.callback_id).toBe('plan');

    const again = await rejection(() => web.views.open({ trigger_id: trigger, view: modal() }));
    expect((again as WebAPIPlatformError).data.error).toBe('exchanged_trigger_id');

    const unknown = await rejection(() => web.views.open({ trigger_id: '1.2.deadbeef', view: modal() }));
    expect((unknown as WebAPIPlatformError).data.error).toBe('invalid_trigger_id');
  });

  it('expires trigger ids after 3 seconds (injected clock)', async () => {
    const web = client();
    const fresh = fake.issueTriggerId();
    const stale = fake.issueTriggerId();
    clock += 3000;
    await expect(web.views.open({ trigger_id: fresh, view: modal() })).resolves.toMatchObject({ ok: true });
    clock += 1;
    const err = await rejection(() => web.views.open({ trigger_id: stale, view: modal() }));
    expect((err as WebAPIPlatformError).data.error).toBe('expired_trigger_id');
    const forPush = fake.issueTriggerId();
    clock += 3001;
    const pushErr = await rejection(() => web.views.push({ trigger_id: forPush, view: modal() }));
    expect((pushErr as WebAPIPlatformError).data.error).toBe('expired_trigger_id');
  });

  it('rejects invalid views with invalid_arguments and response_metadata.messages', async () => {
    const web = client();
    const err = await rejection(() =>
      web.views.open({
        trigger_id: fake.issueTriggerId(),
        view: modal({ title: { type: 'plain_text', text: 'A title that is far too long' } }),
      }),
    );
    expect((err as WebAPIPlatformError).data).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] },
    });

    const big = await rejection(() =>
      web.views.open({
        trigger_id: fake.issueTriggerId(),
        view: modal({ blocks: Array.from({ length: 90 }, () => section('x'.repeat(3000))) }),
      }),
    );
    expect((big as WebAPIPlatformError).data.error).toBe('view_too_large');
  });

  it('updates by view_id or external_id, with hash checks', async () => {
    const web = client();
    const opened = await web.views.open({ trigger_id: fake.issueTriggerId(), view: modal({ external_id: 'plan-1' }) });
    const id = opened.view!.id!;
    const byExternal = await web.views.update({ external_id: 'plan-1', view: modal({ blocks: [section('v2')] }) });
    expect(byExternal.view?.id).toBe(id);
    expect(byExternal.view?.hash).not.toBe(opened.view?.hash);
    expect(fake.view(id)?.blocks).toEqual([section('v2')]);

    const stale = await rejection(() => web.views.update({ view_id: id, hash: opened.view!.hash!, view: modal() }));
    expect((stale as WebAPIPlatformError).data.error).toBe('hash_conflict');
    await web.views.update({ view_id: id, hash: byExternal.view!.hash!, view: modal({ blocks: [section('v3')] }) });

    const missing = await rejection(() => web.views.update({ view_id: 'VNOPE', view: modal() }));
    expect((missing as WebAPIPlatformError).data.error).toBe('not_found');
    const missingExt = await rejection(() => web.views.update({ external_id: 'nope', view: modal() }));
    expect((missingExt as WebAPIPlatformError).data.error).toBe('not_found');
  });

  it('publishes home tabs per user', async () => {
    const web = client();
    const home = { type: 'home' as const, blocks: [section('Welcome')] };
    const first = await web.views.publish({ user_id: 'U1', view: home });
    const second = await web.views.publish({ user_id: 'U1', view: { ...home, blocks: [section('Again')] } });
    expect(second.view?.id).toBe(first.view?.id);
    expect(fake.homeViewOf('U1')?.blocks).toEqual([section('Again')]);
    const wrongType = await rejection(() => web.views.publish({ user_id: 'U1', view: modal() }));
    expect((wrongType as WebAPIPlatformError).data.error).toBe('invalid_arguments');
  });

  it('limits the modal stack to 3 on views.push', async () => {
    const web = client();
    const root = await web.views.open({ trigger_id: fake.issueTriggerId(), view: modal() });
    const second = await web.views.push({ trigger_id: fake.issueTriggerId({ viewId: root.view!.id! }), view: modal() });
    expect(second.view?.root_view_id).toBe(root.view?.id);
    const third = await web.views.push({ trigger_id: fake.issueTriggerId({ viewId: second.view!.id! }), view: modal() });
    const err = await rejection(() => web.views.push({ trigger_id: fake.issueTriggerId({ viewId: third.view!.id! }), view: modal() }));
    expect((err as WebAPIPlatformError).data.error).toBe('push_limit_reached');
  });
});

describe('users', () => {
  it('answers users.info and users.lookupByEmail from the registry', async () => {
    fake.addUser({ id: 'U1', name: 'ana', realName: 'Ana Lima', email: 'Ana@Example.com', tz: 'Europe/Lisbon' });
    fake.addUser({ id: 'U2', name: 'gone', email: 'gone@example.com', deleted: true });
    const web = client();
    const info = await web.users.info({ user: 'U1' });
    expect(info.user).toMatchObject({
      id: 'U1',
      name: 'ana',
      real_name: 'Ana Lima',
      tz: 'Europe/Lisbon',
      tz_offset: 0, // January in Lisbon
      deleted: false,
      is_bot: false,
      profile: { email: 'Ana@Example.com', real_name: 'Ana Lima' },
    });
    const byEmail = await web.users.lookupByEmail({ email: 'ana@example.com' });
    expect(byEmail.user?.id).toBe('U1');

    const e1 = await rejection(() => web.users.info({ user: 'U404' }));
    expect((e1 as WebAPIPlatformError).data.error).toBe('user_not_found');
    const e2 = await rejection(() => web.users.lookupByEmail({ email: 'gone@example.com' }));
    expect((e2 as WebAPIPlatformError).data.error).toBe('users_not_found');
  });
});

describe('files', () => {
  it('describes a shared file with files.info and serves url_private only to a request with a token', async () => {
    const shared = fake.addFile({ id: 'F0CSV0001', name: 'deals.csv', content: 'id,stage\n1,Won\n', user: 'U1' });
    expect(shared).toMatchObject({ id: 'F0CSV0001', name: 'deals.csv', filetype: 'csv', mimetype: 'text/csv', size: 15, user: 'U1' });
    const info = await client().files.info({ file: 'F0CSV0001' });
    expect(info.file?.url_private_download).toBe(`${fake.baseUrl}/files-pri/${fake.teamId}-F0CSV0001/deals.csv?download=1`);

    const url = info.file?.url_private_download as string;
    const withToken = await fetch(url, { headers: { authorization: 'Bearer xoxb-test' } });
    expect([withToken.status, withToken.headers.get('content-type'), await withToken.text()]).toEqual([200, 'text/csv', 'id,stage\n1,Won\n']);
    const without = await fetch(url);
    expect(without.status).toBe(403);
    expect(fake.downloads).toEqual([
      { fileId: 'F0CSV0001', token: 'xoxb-test', status: 200 },
      { fileId: 'F0CSV0001', token: undefined, status: 403 },
    ]);
    const missing = await rejection(() => client().files.info({ file: 'F404' }));
    expect((missing as WebAPIPlatformError).data.error).toBe('file_not_found');
  });
});

describe('failure injection', () => {
  it('429 with Retry-After surfaces as WebAPIRateLimitedError when rejectRateLimitedCalls is set', async () => {
    fake.failNext('chat.postMessage', { kind: 'ratelimited', retryAfter: 7 });
    const err = await rejection(() => client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(err).toBeInstanceOf(WebAPIRateLimitedError);
    expect((err as WebAPIRateLimitedError).code).toBe(ErrorCode.RateLimitedError);
    expect((err as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({ status: 429, rejected: true });
    // only once
    await client().chat.postMessage({ channel: 'C1', text: 'x' });
    expect(fake.messagesIn('C1')).toHaveLength(1);
  });

  it('the default WebClient waits Retry-After and retries a 429', async () => {
    fake.failNext('chat.postMessage', { kind: 'ratelimited', retryAfter: 1 });
    const started = Date.now();
    const res = await client({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 1 } }).chat.postMessage({
      channel: 'C1',
      text: 'eventually',
    });
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('5xx surfaces as WebAPIHTTPError', async () => {
    fake.failNext('users.info', { kind: 'http', status: 503 });
    const err = await rejection(() => client().users.info({ user: 'U1' }));
    expect(err).toBeInstanceOf(WebAPIHTTPError);
    expect((err as WebAPIHTTPError).statusCode).toBe(503);
  });

  it('permanent errors (failAlways) until cleared, scoped to one channel', async () => {
    fake.failAlways('chat.postMessage', { kind: 'error', error: 'channel_not_found' }, { channel: 'CGONE' });
    const web = client();
    for (let i = 0; i < 3; i++) {
      const err = await rejection(() => web.chat.postMessage({ channel: 'CGONE', text: 'x' }));
      expect((err as WebAPIPlatformError).data.error).toBe('channel_not_found');
    }
    await web.chat.postMessage({ channel: 'C1', text: 'other channels work' });
    fake.clearFailures();
    await web.chat.postMessage({ channel: 'CGONE', text: 'back' });
    expect(fake.messagesIn('CGONE').map((m) => m.text)).toEqual(['back']);
    expect(fake.messagesIn('C1')).toHaveLength(1);
  });

  it('failNext counts, scoped to a DM user and by predicate', async () => {
    const web = client();
    fake.failNext('chat.postMessage', { kind: 'error', error: 'user_not_found' }, 2, { channel: 'U9' });
    fake.failNext('chat.postMessage', { kind: 'error', error: 'is_archived' }, 1, (args) => args.text === 'boom');
    await expect(web.chat.postMessage({ channel: 'U8', text: 'fine' })).resolves.toMatchObject({ ok: true });
    await expect(web.chat.postMessage({ channel: 'U9', text: 'a' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    await expect(web.chat.postMessage({ channel: 'U9', text: 'b' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    await expect(web.chat.postMessage({ channel: 'U9', text: 'c' })).resolves.toMatchObject({ ok: true });
    await expect(web.chat.postMessage({ channel: 'C1', text: 'boom' })).rejects.toMatchObject({ data: { error: 'is_archived' } });
    await expect(web.chat.postMessage({ channel: 'C1', text: 'boom' })).resolves.toMatchObject({ ok: true });
  });
});

describe('rate limiting', () => {
  it('is off by default', async () => {
    const web = client();
    await Promise.all(Array.from({ length: 20 }, (_, i) => web.chat.postMessage({ channel: 'C1', text: `${i}` })));
    expect(fake.messagesIn('C1')).toHaveLength(20);
  });

  it('rejects a burst to one channel beyond the bucket, and refills over time', async () => {
    await fake.close();
    await startFake({ rateLimits: { postMessagePerChannelPerSecond: 1, postMessageBurst: 3, postMessagePerMinute: 100 } });
    const web = client({ rejectRateLimitedCalls: true });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => web.chat.postMessage({ channel: 'CBURST', text: `${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(7);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(WebAPIRateLimitedError);
      expect((r.reason as WebAPIRateLimitedError).retryAfter).toBeGreaterThanOrEqual(1);
    }
    expect(fake.callsTo('chat.postMessage').filter((c) => c.rejected)).toHaveLength(7);
    expect(fake.messagesIn('CBURST')).toHaveLength(3);

    // another channel has its own bucket
    await expect(web.chat.postMessage({ channel: 'COTHER', text: 'x' })).resolves.toMatchObject({ ok: true });
    // one token back after a second
    clock += 1000;
    await expect(web.chat.postMessage({ channel: 'CBURST', text: 'later' })).resolves.toMatchObject({ ok: true });
    await expect(web.chat.postMessage({ channel: 'CBURST', text: 'too soon' })).rejects.toBeInstanceOf(WebAPIRateLimitedError);
  });

  it('enforces the workspace-wide per-minute budget across channels', async () => {
    await fake.close();
    await startFake({ rateLimits: { postMessagePerChannelPerSecond: 1, postMessageBurst: 5, postMessagePerMinute: 4 } });
    const web = client({ rejectRateLimitedCalls: true });
    for (let i = 0; i < 4; i++) await web.chat.postMessage({ channel: `C${i}`, text: 'x' });
    const err = await rejection(() => web.chat.postMessage({ channel: 'C9', text: 'x' }));
    expect(err).toBeInstanceOf(WebAPIRateLimitedError);
    expect((err as WebAPIRateLimitedError).retryAfter).toBe(15); // one token per 15 s
    clock += 15_000;
    await expect(web.chat.postMessage({ channel: 'C9', text: 'x' })).resolves.toMatchObject({ ok: true });
  });
});

describe('per-method tiers', () => {
  it("holds every method but chat.postMessage to its tier, per method, and refills at the tier's rate", async () => {
    fake.enforceTiers({ 'views.publish': { perMinute: 100, burst: 2 } });
    const web = client({ rejectRateLimitedCalls: true });
    const view = { type: 'home' as const, blocks: [section('home')] };
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => web.views.publish({ user_id: 'U1', view })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect(((results[2] as PromiseRejectedResult).reason as WebAPIRateLimitedError).retryAfter).toBe(1);
    // Another method has its own budget; chat.postMessage is not held to a tier.
    await expect(web.users.list({})).resolves.toMatchObject({ ok: true });
    await Promise.all(Array.from({ length: 30 }, (_, i) => web.chat.postMessage({ channel: 'C1', text: `${i}` })));
    clock += 600;
    await expect(web.views.publish({ user_id: 'U1', view })).resolves.toMatchObject({ ok: true });
    await expect(web.views.publish({ user_id: 'U1', view })).rejects.toBeInstanceOf(WebAPIRateLimitedError);
  });

  it('gives Tier 2 methods 20 calls a minute by default', async () => {
    fake.enforceTiers();
    const web = client({ rejectRateLimitedCalls: true });
    const results = await Promise.allSettled(Array.from({ length: 21 }, () => web.users.list({})));
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });
});

describe('images from uploaded files', () => {
  it('shows a message whose image block names a finished upload, and refuses one naming a file that is not there', async () => {
    const web = client();
    const res = await web.files.uploadV2({ file: Buffer.from('png-bytes'), filename: 'chart.png', title: 'Chart' });
    const id = (res as { files?: { files?: { id?: string }[] }[] }).files?.[0]?.files?.[0]?.id as string;
    expect(fake.uploads()).toMatchObject([{ id, completed: true, channel: null }]);
    const image = (fileId: string) => ({ type: 'image' as const, slack_file: { id: fileId }, alt_text: 'Chart' });
    await web.chat.postMessage({ channel: 'C1', text: 'with chart', blocks: [image(id)] });
    expect(fake.messagesIn('C1')).toHaveLength(1);
    const error = await rejection(() => web.chat.postMessage({ channel: 'C1', text: 'no such file', blocks: [section('x'), image('FNOSUCH')] }));
    expect((error as WebAPIPlatformError).data).toMatchObject({ error: 'invalid_blocks', errors: ['invalid slack file [json-pointer:/blocks/1/slack_file]'] });
    expect(fake.messagesIn('C1')).toHaveLength(1);
  });
});

describe('workspace burst and held answers', () => {
  it('limits a workspace burst separately from its per-minute rate', async () => {
    await fake.close();
    await startFake({ rateLimits: { postMessagePerChannelPerSecond: 1, postMessageBurst: 1, postMessagePerMinute: 600, postMessageWorkspaceBurst: 2 } });
    const web = client({ rejectRateLimitedCalls: true });
    await web.chat.postMessage({ channel: 'C1', text: 'x' });
    await web.chat.postMessage({ channel: 'C2', text: 'x' });
    const err = await rejection(() => web.chat.postMessage({ channel: 'C3', text: 'x' }));
    expect((err as WebAPIRateLimitedError).retryAfter).toBe(1); // 600/min: a token every 100 ms, rounded up to a second
    clock += 100;
    await expect(web.chat.postMessage({ channel: 'C3', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('carries out a held call but answers only when released', async () => {
    const held = fake.holdResponse('chat.postMessage', { channel: 'CHOLD' });
    const web = client();
    let answered = false;
    const call = web.chat.postMessage({ channel: 'CHOLD', text: 'stored, not yet answered' }).then((r) => {
      answered = true;
      return r;
    });
    const arrived = await held.arrived;
    expect(arrived.args.text).toBe('stored, not yet answered');
    expect(fake.messagesIn('CHOLD')).toHaveLength(1);
    // A call made after it is answered while the held one still waits.
    await expect(web.chat.postMessage({ channel: 'COTHER', text: 'not held' })).resolves.toMatchObject({ ok: true });
    expect(answered).toBe(false);
    held.release();
    await expect(call).resolves.toMatchObject({ ok: true, ts: fake.messagesIn('CHOLD')[0]?.ts });
    // only the next matching call is held
    await expect(web.chat.postMessage({ channel: 'CHOLD', text: 'again' })).resolves.toMatchObject({ ok: true });
  });
});

describe('response_url', () => {
  async function post(url: string, body: unknown): Promise<Response> {
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  it('records POSTs and refuses the 6th with 404 used_url', async () => {
    const url = fake.responseUrl({ channelId: 'C1', userId: 'U1' });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/response\/[0-9a-f]+$/);
    for (let i = 0; i < 5; i++) {
      const res = await post(url, { text: `reply ${i}` });
      expect(res.status).toBe(200);
    }
    const sixth = await post(url, { text: 'one too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(fake.responsesTo(url).map((r) => r.body.text)).toEqual(['reply 0', 'reply 1', 'reply 2', 'reply 3', 'reply 4']);
    expect(fake.rejectedResponses).toMatchObject([{ url, status: 404, error: 'used_url' }]);
    // default response_type is ephemeral
    expect(fake.ephemerals('U1')).toHaveLength(5);
    expect(fake.messagesIn('C1')).toHaveLength(0);
  });

  it('expires after 30 minutes and rejects unknown urls', async () => {
    const url = fake.responseUrl();
    clock += 30 * 60_000 + 1;
    const res = await post(url, { text: 'late' });
    expect(res.status).toBe(404);
    expect(fake.responsesTo(url)).toHaveLength(0);
    const unknown = await post(`${fake.apiUrl.replace('/api/', '')}/response/abcdef`, { text: 'x' });
    expect(unknown.status).toBe(404);
  });

  it('applies in_channel, replace_original and delete_original', async () => {
    const posted = await client().chat.postMessage({ channel: 'C1', text: 'original' });
    const url = fake.responseUrl({ channelId: 'C1', userId: 'U1', messageTs: posted.ts! });
    await post(url, { replace_original: true, text: 'replaced' });
    expect(fake.messagesIn('C1').map((m) => m.text)).toEqual(['replaced']);
    await post(url, { response_type: 'in_channel', text: 'for everyone' });
    expect(fake.messagesIn('C1').map((m) => m.text)).toEqual(['replaced', 'for everyone']);
    await post(url, { delete_original: true });
    expect(fake.messagesIn('C1').map((m) => m.text)).toEqual(['for everyone']);
  });

  it('refuses a message over Block Kit limits, as chat.postMessage would, and shows nothing', async () => {
    const url = fake.responseUrl({ channelId: 'C1', userId: 'U1' });
    const res = await post(url, { text: 'too long', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: 'invalid_blocks' });
    expect(fake.rejectedResponses).toMatchObject([{ url, status: 400, error: 'invalid_blocks' }]);
    expect(fake.responsesTo(url)).toEqual([]);
    expect(fake.ephemerals('U1')).toEqual([]);
  });
});

describe('files.uploadV2', () => {
  it('takes the three steps: an upload URL, the bytes posted to it, and the completion sharing them in a thread', async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'digest' });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const res = await web.files.uploadV2({
      channel_id: 'C1',
      thread_ts: posted.ts as string,
      file_uploads: [{ file: bytes, filename: 'chart.png', title: 'Chart' }],
    });
    expect(res.ok).toBe(true);
    expect(fake.callsTo('files.getUploadURLExternal').map((c) => [c.args.filename, c.args.length])).toEqual([['chart.png', '11']]);
    expect(fake.uploads()).toMatchObject([{ filename: 'chart.png', title: 'Chart', channel: 'C1', threadTs: posted.ts, completed: true }]);
    expect(fake.uploads()[0]?.bytes?.equals(bytes)).toBe(true);
  });

  it('refuses to complete an upload whose bytes never arrived', async () => {
    const web = client();
    const url = await web.files.getUploadURLExternal({ filename: 'a.png', length: 3 });
    const error = await rejection(() => web.files.completeUploadExternal({ files: [{ id: url.file_id as string }] }));
    expect((error as WebAPIPlatformError).data.error).toBe('file_not_found');
  });
});
