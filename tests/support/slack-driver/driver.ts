/**
 * Sends requests to a Bolt HTTP receiver exactly the way Slack does: signed with the signing secret
 * (`v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`), slash commands and interactivity as
 * `application/x-www-form-urlencoded` (exactly that string: Bolt's receivers JSON.parse anything else),
 * interactivity as a single `payload=<JSON>` field, Events API envelopes as `application/json`.
 *
 * trigger_ids and response_urls come from the FakeSlack instance, so what the app does with them
 * (views.open, respond()) is checked by the fake.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { LIMITS } from '../block-kit-limits.js';
import { checkMessageContent } from '../fake-slack/messages.js';
import type { FakeSlack } from '../fake-slack/server.js';
import type { StoredMessage } from '../fake-slack/types.js';
import { option, type StateValues, submissionMismatch } from './state-values.js';

export interface SlackDriverOptions {
  /** Full URL of the Bolt endpoint, e.g. `http://127.0.0.1:PORT/slack/events`. */
  appUrl: string;
  signingSecret: string;
  fake: FakeSlack;
  teamId?: string;
  teamDomain?: string;
  /** Clock in epoch ms used for the request timestamp (default Date.now). */
  now?: () => number;
}

export type JsonObject = Record<string, unknown>;

export interface DriverResponse {
  status: number;
  /** Raw response body. */
  text: string;
  /** Parsed body when it is JSON. */
  json?: JsonObject;
  headers: Headers;
  /** Round-trip latency in ms (Slack gives up after 3000). */
  ms: number;
}

export interface SignatureHeaders {
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
}

export interface SlashCommandInput {
  userId: string;
  text: string;
  command?: string;
  channelId?: string;
  channelName?: string;
  userName?: string;
}

export interface BlockActionInput {
  userId: string;
  actionId: string;
  value?: string;
  blockId?: string;
  container?: 'message' | 'view';
  channelId?: string;
  messageTs?: string;
  /** The message the button is in; defaults to the fake's stored message at channelId/messageTs. */
  message?: JsonObject;
  /** The button is in an ephemeral reply: Slack marks the container and sends no copy of the message (pass `message` to find the button). */
  ephemeral?: boolean;
  /** The view the element is in; defaults to the fake's stored view `viewId`. */
  view?: JsonObject;
  viewId?: string;
  selectedOption?: { value: string; text?: string };
  /** The day chosen in a datepicker (YYYY-MM-DD), or null when the person cleared it. */
  selectedDate?: string | null;
  /** Element type; defaults to `static_select` when selectedOption is given, else `button`. */
  actionType?: string;
  /** `state.values` of the surface (views and messages with inputs). */
  values?: StateValues;
  userName?: string;
}

export interface ViewSubmissionInput {
  userId: string;
  /** The modal being submitted: one the fake recorded (views.open / views.push / views.update / response_action update or push). */
  viewId: string;
  /** When given, the callback_id the modal must have: a check that the test submits the modal it means. */
  callbackId?: string;
  /** One entry per input block of the view, keyed block_id → action_id, as Slack sends them (empty inputs included). */
  values: StateValues;
  userName?: string;
  responseUrls?: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
}

export interface MessageShortcutInput {
  userId: string;
  callbackId: string;
  channelId: string;
  /** The message the shortcut was used on; defaults to the fake's stored message at channelId/messageTs. */
  message?: JsonObject;
  messageTs?: string;
  userName?: string;
}

export interface EventOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
  eventTime?: number;
}

export class SlackDriver {
  readonly appUrl: string;
  readonly fake: FakeSlack;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly #secret: string;
  readonly #now: () => number;

  constructor(options: SlackDriverOptions) {
    this.appUrl = options.appUrl;
    this.fake = options.fake;
    this.#secret = options.signingSecret;
    this.teamId = options.teamId ?? options.fake.teamId;
    this.teamDomain = options.teamDomain ?? options.fake.teamDomain;
    this.#now = options.now ?? Date.now;
  }

  /** Slack's request signature for `body` at `timestamp` (seconds; default now). */
  sign(body: string, timestamp?: number): SignatureHeaders {
    const ts = timestamp ?? Math.floor(this.#now() / 1000);
    const hash = createHmac('sha256', this.#secret).update(`v0:${ts}:${body}`).digest('hex');
    return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${hash}` };
  }

  /** POSTs a slash command form, with a fresh trigger_id and response_url from the fake. */
  async slashCommand(input: SlashCommandInput): Promise<DriverResponse & { responseUrl: string; triggerId: string }> {
    const channelId = input.channelId ?? 'C0GENERAL';
    const responseUrl = this.fake.responseUrl({ channelId, userId: input.userId });
    const triggerId = this.fake.issueTriggerId();
    const form = new URLSearchParams({
      token: 'verification-token-unused',
      team_id: this.teamId,
      team_domain: this.teamDomain,
      channel_id: channelId,
      channel_name: input.channelName ?? channelNameFor(channelId),
      user_id: input.userId,
      user_name: input.userName ?? input.userId.toLowerCase(),
      command: input.command ?? '/sko',
      text: input.text,
      api_app_id: this.fake.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    });
    const res = await this.#postSigned(form.toString(), 'application/x-www-form-urlencoded');
    const refused = messageAckProblems(res.json);
    if (refused.length > 0) throw ackRefused(`the slash command ${form.get('command')} ${input.text}`, res, refused);
    return { ...res, responseUrl, triggerId };
  }

  /** POSTs a block_actions payload (button click / select) from a message or a view. */
  async blockAction(input: BlockActionInput): Promise<DriverResponse & { responseUrl?: string; triggerId: string }> {
    const containerType = input.container ?? (input.view || input.viewId ? 'view' : 'message');
    const actionTs = this.#eventTs();
    let payload: JsonObject = {
      type: 'block_actions',
      user: this.#user(input.userId, input.userName),
      api_app_id: this.fake.appId,
      token: 'verification-token-unused',
      team: { id: this.teamId, domain: this.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
    };
    let responseUrl: string | undefined;
    let surfaceBlocks: unknown;

    if (containerType === 'view') {
      const stored = input.viewId ? this.fake.view(input.viewId) : undefined;
      const view: JsonObject = { ...(stored ?? {}), ...(input.view ?? {}) };
      const viewId = String(view.id ?? input.viewId ?? 'V0UNKNOWN');
      view.id = viewId;
      view.state = { values: input.values ?? {} };
      surfaceBlocks = view.blocks;
      const triggerId = this.fake.issueTriggerId({ viewId });
      payload = { ...payload, container: { type: 'view', view_id: viewId }, trigger_id: triggerId, view };
    } else {
      const channelId = input.channelId ?? 'C0GENERAL';
      const message = input.message ??
        this.#storedMessage(channelId, input.messageTs) ?? {
          type: 'message',
          user: this.fake.botUserId,
          bot_id: this.fake.botId,
          ts: input.messageTs ?? '1700000000.000100',
          text: '',
        };
      const messageTs = String(input.messageTs ?? message.ts);
      responseUrl = this.fake.responseUrl({ channelId, userId: input.userId, messageTs });
      surfaceBlocks = message.blocks;
      payload = {
        ...payload,
        container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: input.ephemeral ?? false },
        trigger_id: this.fake.issueTriggerId(),
        channel: { id: channelId, name: channelNameFor(channelId) },
        ...(input.ephemeral ? {} : { message }),
        state: { values: input.values ?? {} },
        response_url: responseUrl,
      };
    }
    payload.actions = [this.#action(input, surfaceBlocks, actionTs)];
    const res = await this.#postPayload(payload);
    const refused = messageAckProblems(res.json);
    if (refused.length > 0) throw ackRefused(`the block action ${input.actionId}`, res, refused);
    const result: DriverResponse & { responseUrl?: string; triggerId: string } = {
      ...res,
      triggerId: String(payload.trigger_id),
    };
    if (responseUrl !== undefined) result.responseUrl = responseUrl;
    return result;
  }

  /**
   * POSTs a view_submission payload for a modal the fake recorded, with `values` for exactly its
   * inputs; refuses (throws) a submission no person could make. `res.json` holds the ack body
   * (e.g. `{response_action:'errors', errors}`), which the fake then carries out on the modal, or
   * refuses (throws) as Slack would.
   */
  async viewSubmission(input: ViewSubmissionInput): Promise<DriverResponse & { triggerId: string; viewId: string }> {
    const stored = this.fake.view(input.viewId);
    if (!stored) throw new Error(`viewSubmission: no view ${input.viewId} was opened, pushed or updated in the fake; open it through the app first`);
    const mismatch = submissionMismatch(stored, input.callbackId, input.values);
    if (mismatch.length > 0) {
      throw new Error(
        `viewSubmission: these values could not come from view ${stored.id} (callback_id ${JSON.stringify(stored.callback_id)}):\n  ${mismatch.join('\n  ')}`,
      );
    }
    const triggerId = this.fake.issueTriggerId({ viewId: stored.id });
    const { state: _state, ...fields } = stored;
    const view: JsonObject = { ...fields, state: { values: input.values } };
    const payload: JsonObject = {
      type: 'view_submission',
      team: { id: this.teamId, domain: this.teamDomain },
      user: this.#user(input.userId, input.userName),
      api_app_id: this.fake.appId,
      token: 'verification-token-unused',
      trigger_id: triggerId,
      view,
      response_urls: input.responseUrls ?? [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const res = await this.#postPayload(payload);
    const refused = this.fake.acknowledgeSubmission(stored.id, res.json);
    if (refused.length > 0) throw ackRefused('the view_submission', res, refused);
    return { ...res, triggerId, viewId: stored.id };
  }

  /** POSTs a `message_action` payload: a message shortcut used on a message, as Slack sends it. */
  async messageShortcut(input: MessageShortcutInput): Promise<DriverResponse & { responseUrl: string; triggerId: string }> {
    const message = input.message ??
      this.#storedMessage(input.channelId, input.messageTs) ?? { type: 'message', user: input.userId, ts: input.messageTs ?? '1700000000.000100', text: '' };
    const messageTs = String(message.ts);
    const responseUrl = this.fake.responseUrl({ channelId: input.channelId, userId: input.userId, messageTs });
    const triggerId = this.fake.issueTriggerId();
    const payload: JsonObject = {
      type: 'message_action',
      token: 'verification-token-unused',
      action_ts: this.#eventTs(),
      team: { id: this.teamId, domain: this.teamDomain },
      user: this.#user(input.userId, input.userName),
      channel: { id: input.channelId, name: channelNameFor(input.channelId) },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: input.callbackId,
      trigger_id: triggerId,
      response_url: responseUrl,
      message_ts: messageTs,
      message: { type: 'message', ...message },
    };
    const res = await this.#postPayload(payload);
    const refused = messageAckProblems(res.json);
    if (refused.length > 0) throw ackRefused(`the message shortcut ${input.callbackId}`, res, refused);
    return { ...res, responseUrl, triggerId };
  }

  /** POSTs an Events API `event_callback` envelope around `event` (JSON), optionally as a retry. */
  async event(event: JsonObject, options: EventOptions = {}): Promise<DriverResponse & { eventId: string }> {
    const eventId = options.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
    const inner: JsonObject = { event_ts: this.#eventTs(), ...event };
    const envelope = {
      token: 'verification-token-unused',
      team_id: this.teamId,
      context_team_id: this.teamId,
      context_enterprise_id: null,
      api_app_id: this.fake.appId,
      event: inner,
      type: 'event_callback',
      event_id: eventId,
      event_time: options.eventTime ?? Math.floor(this.#now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.fake.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(8).toString('hex')}`,
    };
    const extra: Record<string, string> = {};
    if (options.retryNum !== undefined) extra['x-slack-retry-num'] = String(options.retryNum);
    if (options.retryReason !== undefined) extra['x-slack-retry-reason'] = options.retryReason;
    const res = await this.#postSigned(JSON.stringify(envelope), 'application/json', extra);
    return { ...res, eventId };
  }

  /** Sends `body` with exactly `headers` (no signing): for forged / stale / unsigned requests. */
  async raw(body: string, headers: Record<string, string>): Promise<DriverResponse> {
    return this.#post(body, headers);
  }

  // ------------------------------------------------------------------ internals

  async #postPayload(payload: JsonObject): Promise<DriverResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.#postSigned(body, 'application/x-www-form-urlencoded');
  }

  /**
   * Sends the last signed request again, freshly signed, as Slack does when it retries or a person
   * double-clicks: same body (same event_id, same trigger_id), plus `extra` headers (X-Slack-Retry-Num).
   */
  async replay(extra: Record<string, string> = {}): Promise<DriverResponse> {
    if (!this.#last) throw new Error('replay: nothing was sent yet');
    return this.#postSigned(this.#last.body, this.#last.contentType, { ...this.#last.extra, ...extra });
  }

  #last: { body: string; contentType: string; extra: Record<string, string> } | undefined;

  async #postSigned(body: string, contentType: string, extra: Record<string, string> = {}): Promise<DriverResponse> {
    this.#last = { body, contentType, extra };
    return this.#post(body, {
      'content-type': contentType,
      accept: 'application/json,*/*',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...this.sign(body),
      ...extra,
    });
  }

  async #post(body: string, headers: Record<string, string>): Promise<DriverResponse> {
    const started = performance.now();
    const res = await fetch(this.appUrl, { method: 'POST', headers, body });
    const text = await res.text();
    const ms = performance.now() - started;
    const out: DriverResponse = { status: res.status, text, headers: res.headers, ms };
    const json = parseJsonObject(text);
    if (json !== undefined) out.json = json;
    return out;
  }

  #user(id: string, name?: string): JsonObject {
    const username = name ?? id.toLowerCase();
    return { id, username, name: username, team_id: this.teamId };
  }

  #eventTs(): string {
    const ms = this.#now();
    return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000 + Math.floor(Math.random() * 1000)).padStart(6, '0')}`;
  }

  #storedMessage(channelId: string, ts: string | undefined): JsonObject | undefined {
    if (ts === undefined) return undefined;
    const m = this.fake.messagesIn(channelId).find((x: StoredMessage) => x.ts === ts);
    if (!m) return undefined;
    const { channel: _channel, ...rest } = m;
    return { ...rest };
  }

  /** Builds `actions[0]`, filling block_id/text from the surface's blocks when the element is found there. */
  #action(input: BlockActionInput, blocks: unknown, actionTs: string): JsonObject {
    const found = findElement(blocks, input.actionId);
    const type = input.actionType ?? (input.selectedOption ? 'static_select' : ((found?.element.type as string | undefined) ?? 'button'));
    const action: JsonObject = {
      type,
      action_id: input.actionId,
      block_id: input.blockId ?? found?.blockId ?? 'actions',
      action_ts: actionTs,
    };
    if (type === 'button') {
      action.text = found?.element.text ?? { type: 'plain_text', text: input.actionId, emoji: true };
      const value = input.value ?? (typeof found?.element.value === 'string' ? found.element.value : undefined);
      if (value !== undefined) action.value = value;
    } else if (input.selectedOption) {
      action.selected_option = option(input.selectedOption.value, input.selectedOption.text);
    } else if (type === 'datepicker') {
      action.selected_date = input.selectedDate ?? null;
      if (found?.element.initial_date !== undefined) action.initial_date = found.element.initial_date;
    } else if (input.value !== undefined) {
      action.value = input.value;
    }
    return action;
  }
}

/** Why Slack would refuse a message sent back in an acknowledgement (a slash command's, a block action's). */
function messageAckProblems(json: JsonObject | undefined): string[] {
  if (json === undefined || (json.text === undefined && json.blocks === undefined && json.attachments === undefined)) return [];
  const invalid = checkMessageContent(json, LIMITS.postMessageText);
  if (!invalid) return [];
  const details = Array.isArray(invalid.errors) ? invalid.errors.map(String) : [];
  return [String(invalid.error), ...details];
}

function ackRefused(what: string, res: DriverResponse, problems: string[]): Error {
  return new Error(`Slack would refuse the acknowledgement of ${what}:\n  ${problems.join('\n  ')}\nack body: ${res.text.slice(0, 500)}`);
}

function channelNameFor(channelId: string): string {
  if (channelId.startsWith('D')) return 'directmessage';
  return channelId.toLowerCase();
}

function parseJsonObject(text: string): JsonObject | undefined {
  const t = text.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(t);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** Finds an element with `action_id` in blocks (actions elements, section accessory, input element). */
function findElement(blocks: unknown, actionId: string): { blockId: string; element: JsonObject } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks) {
    if (typeof block !== 'object' || block === null) continue;
    const b = block as JsonObject;
    const candidates: unknown[] = [...(Array.isArray(b.elements) ? b.elements : []), b.accessory, b.element];
    for (const c of candidates) {
      if (typeof c === 'object' && c !== null && (c as JsonObject).action_id === actionId) {
        return { blockId: String(b.block_id ?? ''), element: c as JsonObject };
      }
    }
  }
  return undefined;
}
