/**
 * A fake Slack Web API on 127.0.0.1 (random port), for driving the real `@slack/web-api` WebClient
 * (and therefore Bolt) in tests:
 *
 *   const fake = await FakeSlack.start();
 *   const client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
 *
 * It answers the methods the app uses with realistic shapes and Slack's error codes, validates Block Kit
 * limits (see block-kit-limits.ts), enforces trigger_id rules (3 s, single use), hands out response_urls
 * (5 uses in 30 min), can rate-limit chat.postMessage, and can be told to fail calls (429 / 5xx / ok:false).
 *
 * Wire format (as @slack/web-api 8 sends it): POST {apiUrl}{method}, `Authorization: Bearer <token>`,
 * `application/x-www-form-urlencoded` with non-scalar arguments JSON-stringified inside the form.
 * JSON bodies are accepted too. Answers are HTTP 200 JSON `{ok: ...}` except 429 (rate limits) and
 * injected HTTP failures.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkBlocks, checkView, LIMITS, viewByteSize } from './block-kit-limits.js';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type ApiArgs = Record<string, unknown>;
export type ApiResponse = { ok: boolean; error?: string } & Record<string, unknown>;

export interface RateLimitOptions {
  /** Steady rate per channel (Slack: about 1 message per second per channel). */
  postMessagePerChannelPerSecond: number;
  /** Bucket size per channel: how many messages may go out back-to-back. */
  postMessageBurst: number;
  /** Workspace-wide chat.postMessage budget per minute (Slack: "several hundred"). */
  postMessagePerMinute: number;
  /** Workspace bucket size: how many may go out back-to-back across channels (default: a minute's budget). */
  postMessageWorkspaceBurst?: number;
}

export interface FakeSlackOptions {
  /** Clock in epoch ms; drives trigger expiry, response_url expiry, ts values and rate limits. */
  now?: () => number;
  rateLimits?: RateLimitOptions;
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
}

export interface RecordedCall {
  method: string;
  args: ApiArgs;
  at: Date;
  /** The token the call carried (header or `token` argument), if any. */
  token?: string;
  /** HTTP status answered. */
  status: number;
  /** JSON body answered (for injected HTTP failures: whatever was sent). */
  response: ApiResponse;
  /** True when the call was answered 429 (rate limiter or injected `ratelimited`). */
  rejected?: boolean;
}

export type Failure = { kind: 'ratelimited'; retryAfter: number } | { kind: 'http'; status: number } | { kind: 'error'; error: string };

export type FailureFilter = { channel?: string; user?: string } | ((args: ApiArgs) => boolean);

/** A call whose answer the fake withholds: Slack has done the work, the caller has not heard. */
export interface HeldCall {
  /** Resolves with the call once it has arrived and been carried out. */
  arrived: Promise<RecordedCall>;
  /** Sends the withheld answer (if anyone is still listening). */
  release(): void;
}

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  tz?: string;
  deleted?: boolean;
  isBot?: boolean;
}

export interface StoredMessage {
  type: 'message';
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  edited?: { user: string; ts: string };
}

/** A file someone shared, as the fake serves it: files.info describes it, its url_private downloads it with a bot token. */
export interface FakeFile {
  id?: string;
  name: string;
  content: string | Buffer;
  /** Who shared it. */
  user?: string;
  filetype?: string;
  mimetype?: string;
}

export interface StoredEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text?: string;
  blocks?: unknown[];
}

export interface StoredView extends Record<string, unknown> {
  id: string;
  type: string;
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  external_id: string;
  callback_id: string;
  private_metadata: string;
  blocks: unknown[];
}

export interface ResponseUrlContext {
  channelId?: string;
  userId?: string;
  /** The message the interaction came from (enables replace_original / delete_original). */
  messageTs?: string;
}

export interface RecordedResponse {
  url: string;
  body: Record<string, unknown>;
  at: Date;
}

// ---------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------

const TRIGGER_TTL_MS = 3_000;
const RESPONSE_URL_TTL_MS = 30 * 60_000;
const RESPONSE_URL_MAX_USES = 5;

interface FailureRule {
  method: string;
  failure: Failure;
  remaining: number; // Infinity for failAlways
  filter?: FailureFilter;
}

interface HoldRule {
  method: string;
  filter?: FailureFilter;
  arrive: (call: RecordedCall) => void;
  released: Promise<void>;
}

interface Trigger {
  issuedAt: number;
  used: boolean;
  viewId?: string;
}

interface ResponseUrlState extends ResponseUrlContext {
  issuedAt: number;
  uses: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** What a handler returns: a JSON body, optionally with a non-200 status and headers. */
interface Reply {
  status: number;
  body: ApiResponse;
  headers?: Record<string, string>;
}

type Handler = (args: ApiArgs) => ApiResponse;

/** A request body the fake cannot decode; the message is the Slack error code to answer. */
class BadRequest extends Error {}

const ok = (fields: Record<string, unknown> = {}): ApiResponse => ({ ok: true, ...fields });
const fail = (error: string, fields: Record<string, unknown> = {}): ApiResponse => ({ ok: false, error, ...fields });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function bool(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

function randomId(prefix: string, length = 10): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

function randomDigits(n: number): string {
  let out = String(1 + (randomBytes(1)[0]! % 9));
  while (out.length < n) out += String(randomBytes(1)[0]! % 10);
  return out;
}

/** "1700000000.000100" <-> microseconds since epoch. */
function tsToMicros(ts: string): number {
  const [sec, frac = '0'] = ts.split('.');
  return Number(sec) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

function microsToTs(micros: number): string {
  const sec = Math.floor(micros / 1_000_000);
  return `${sec}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** Parses JSON-looking form fields (`blocks`, `view`, `metadata`...) the way Slack does. */
function decodeFormValue(value: string): unknown {
  const t = value.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function parseArgs(contentType: string, raw: string, query: URLSearchParams): ApiArgs {
  const args: ApiArgs = {};
  for (const [k, v] of query) args[k] = decodeFormValue(v);
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (raw.length === 0) return args;
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(raw);
    if (!isObject(parsed)) throw new BadRequest('invalid_json');
    return { ...args, ...parsed };
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    for (const [k, v] of new URLSearchParams(raw)) args[k] = decodeFormValue(v);
    return args;
  }
  throw new BadRequest('invalid_form_data');
}

export interface UploadedFile {
  id: string;
  filename: string;
  /** The length announced in step 1; step 3 refuses bytes of another length, as Slack does. */
  length: number;
  altText: string | null;
  bytes: Buffer | null;
  title: string | null;
  channel: string | null;
  threadTs: string | null;
  completed: boolean;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tzOffsetSeconds(tz: string, atMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(new Date(atMs))
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3600 + Number(m[3]) * 60);
}

function matchesFilter(filter: FailureFilter | undefined, args: ApiArgs, resolveChannel: (c: string) => string): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'function') return filter(args);
  if (filter.channel !== undefined) {
    const channel = str(args.channel);
    if (channel === undefined) return false;
    if (channel !== filter.channel && resolveChannel(channel) !== resolveChannel(filter.channel)) return false;
  }
  if (filter.user !== undefined) {
    const user = str(args.user) ?? str(args.user_id) ?? str(args.users);
    if (user !== filter.user) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// FakeSlack
// ---------------------------------------------------------------------------------------------

export class FakeSlack {
  /** `http://127.0.0.1:PORT/api/` — pass as `slackApiUrl`. */
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;

  /** Every Web API call, in arrival order (including rejected and failed ones). */
  readonly calls: RecordedCall[] = [];
  /** Accepted POSTs to response_urls. */
  readonly responses: RecordedResponse[] = [];
  /** POSTs to response_urls that were refused (unknown, used up, expired, invalid). */
  readonly rejectedResponses: (RecordedResponse & { status: number; error: string })[] = [];

  readonly #server: Server;
  readonly #now: () => number;
  readonly #rateLimits: RateLimitOptions | undefined;
  readonly #handlers: Record<string, Handler>;

  #messages: StoredMessage[] = [];
  #ephemerals: StoredEphemeral[] = [];
  #views = new Map<string, StoredView>();
  #homeViews = new Map<string, string>(); // user id -> view id
  #users = new Map<string, FakeUser>();
  #dmChannels = new Map<string, string>(); // user id -> D...
  #files = new Map<string, Required<FakeFile> & { created: number }>();
  #uploads = new Map<string, UploadedFile>();
  /** Downloads of shared files (url_private), with the token each carried. */
  readonly downloads: { fileId: string; token: string | undefined; status: number }[] = [];
  #groupDms = new Map<string, string>(); // sorted user ids -> G...
  #triggers = new Map<string, Trigger>();
  #responseUrls = new Map<string, ResponseUrlState>();
  #failures: FailureRule[] = [];
  #holds: HoldRule[] = [];
  #channelBuckets = new Map<string, Bucket>();
  #workspaceBucket: Bucket | undefined;
  #lastTsMicros = 0;

  private constructor(server: Server, options: FakeSlackOptions) {
    this.#server = server;
    this.#now = options.now ?? Date.now;
    this.#rateLimits = options.rateLimits;
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.teamId = options.teamId ?? 'T0SKOTEST';
    this.teamName = options.teamName ?? 'SKO Test';
    this.teamDomain = options.teamDomain ?? 'sko-test';
    this.botUserId = options.botUserId ?? 'U0SKOBOT';
    this.botId = options.botId ?? 'B0SKOBOT';
    this.appId = options.appId ?? 'A0SKOAPP';
    this.#handlers = {
      'auth.test': () => this.#authTest(),
      'chat.postMessage': (a) => this.#postMessage(a),
      'chat.postEphemeral': (a) => this.#postEphemeral(a),
      'chat.update': (a) => this.#update(a),
      'conversations.history': (a) => this.#history(a),
      'conversations.open': (a) => this.#conversationsOpen(a),
      'views.open': (a) => this.#viewsOpen(a, 'open'),
      'views.push': (a) => this.#viewsOpen(a, 'push'),
      'views.update': (a) => this.#viewsUpdate(a),
      'views.publish': (a) => this.#viewsPublish(a),
      'users.info': (a) => this.#usersInfo(a),
      'users.lookupByEmail': (a) => this.#lookupByEmail(a),
      'files.info': (a) => this.#filesInfo(a),
      'files.getUploadURLExternal': (a) => this.#getUploadUrl(a),
      'files.completeUploadExternal': (a) => this.#completeUpload(a),
    };
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      if (!fake) {
        res.writeHead(503).end();
        return;
      }
      fake.#route(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    fake = new FakeSlack(server, options);
    return fake;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  // ------------------------------------------------------------------ inspection & set-up

  now(): number {
    return this.#now();
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Forgets calls, messages, views, triggers, response_urls, downloads, failures and rate-limit state. Keeps users and files. */
  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.rejectedResponses.length = 0;
    this.downloads.length = 0;
    this.#messages = [];
    this.#ephemerals = [];
    this.#views.clear();
    this.#homeViews.clear();
    this.#triggers.clear();
    this.#responseUrls.clear();
    this.#failures = [];
    this.#holds = [];
    this.#channelBuckets.clear();
    this.#workspaceBucket = undefined;
  }

  addUser(user: FakeUser): void {
    this.#users.set(user.id, user);
  }

  /** Stores a shared file and returns its Slack file object (what files.info and message events carry). */
  addFile(file: FakeFile): Record<string, unknown> {
    const id = file.id ?? randomId('F');
    this.#files.set(id, {
      id,
      name: file.name,
      content: file.content,
      user: file.user ?? 'U0UPLOADER',
      filetype: file.filetype ?? (file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'text'),
      mimetype: file.mimetype ?? (file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain'),
      created: Math.floor(this.#now() / 1000),
    });
    return this.#fileObject(id);
  }

  /** Delivered (stored) messages in a channel, oldest first. A user id means that user's DM with the bot. */
  messagesIn(channel: string): StoredMessage[] {
    const id = this.#resolveChannel(channel);
    return this.#messages.filter((m) => m.channel === id);
  }

  /** All delivered messages, oldest first. */
  allMessages(): StoredMessage[] {
    return [...this.#messages];
  }

  /** Ephemeral messages, optionally only those shown to `user`. */
  ephemerals(user?: string): StoredEphemeral[] {
    return this.#ephemerals.filter((e) => user === undefined || e.user === user);
  }

  /** The DM channel id the fake uses for a user (same answer as conversations.open). */
  dmChannelOf(userId: string): string {
    let id = this.#dmChannels.get(userId);
    if (!id) {
      id = `D${userId.replace(/^[UW]/, '')}`;
      this.#dmChannels.set(userId, id);
    }
    return id;
  }

  view(viewId: string): StoredView | undefined {
    return this.#views.get(viewId);
  }

  /** Views currently known (opened, pushed, updated or published). */
  views(): StoredView[] {
    return [...this.#views.values()];
  }

  homeViewOf(userId: string): StoredView | undefined {
    const id = this.#homeViews.get(userId);
    return id ? this.#views.get(id) : undefined;
  }

  /** A fresh trigger_id ("132456.7890123.abcdef..."), valid 3 s and single use. */
  issueTriggerId(context: { viewId?: string } = {}): string {
    const id = `${randomDigits(12)}.${randomDigits(13)}.${randomBytes(16).toString('hex')}`;
    this.#triggers.set(id, { issuedAt: this.#now(), used: false, viewId: context.viewId });
    return id;
  }

  /** A loopback response_url: accepts up to 5 JSON POSTs within 30 minutes. */
  responseUrl(context: ResponseUrlContext = {}): string {
    const id = randomBytes(12).toString('hex');
    this.#responseUrls.set(id, { ...context, issuedAt: this.#now(), uses: 0 });
    return `${this.baseUrl}/response/${id}`;
  }

  responsesTo(url: string): RecordedResponse[] {
    return this.responses.filter((r) => r.url === url);
  }

  // ------------------------------------------------------------------ failure injection

  /** The next `times` matching calls to `method` fail with `failure`. */
  failNext(method: string, failure: Failure, times = 1, filter?: FailureFilter): void {
    this.#failures.push({ method, failure, remaining: times, filter });
  }

  /** Every matching call to `method` fails until `clearFailures()`. */
  failAlways(method: string, failure: Failure, filter?: FailureFilter): void {
    this.#failures.push({ method, failure, remaining: Number.POSITIVE_INFINITY, filter });
  }

  clearFailures(): void {
    this.#failures = [];
  }

  /**
   * The next matching call to `method` is carried out (a message is stored) but its answer is
   * withheld until `release()`: the moment a caller can die between Slack's work and hearing of it.
   */
  holdResponse(method: string, filter?: FailureFilter): HeldCall {
    let arrive!: (call: RecordedCall) => void;
    let release!: () => void;
    const arrived = new Promise<RecordedCall>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.#holds.push({ method, filter, arrive, released });
    return { arrived, release };
  }

  // ------------------------------------------------------------------ HTTP plumbing

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const uploadMatch = /^\/upload\/([A-Z0-9]+)$/.exec(url.pathname);
    if (uploadMatch && req.method === 'POST') {
      this.#send(res, await this.#receiveUpload(uploadMatch[1] as string, req.headers['content-type'] ?? '', bytes));
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const { reply, call } = this.#apiCall(method, req, raw, url.searchParams);
      const hold = this.#holds.find((h) => h.method === method && matchesFilter(h.filter, call.args, (c) => this.#resolveChannel(c)));
      if (hold) {
        this.#holds = this.#holds.filter((h) => h !== hold);
        hold.arrive(call);
        await hold.released;
        if (res.destroyed) return;
      }
      this.#send(res, reply);
      return;
    }
    const fileMatch = /^\/files-pri\/[A-Z0-9]+-([A-Z0-9]+)\/[^/]+$/.exec(url.pathname);
    if (fileMatch && req.method === 'GET') {
      this.#download(fileMatch[1] as string, req, res);
      return;
    }
    const responseMatch = /^\/response\/([0-9a-f]+)$/.exec(url.pathname);
    if (responseMatch && req.method === 'POST') {
      this.#send(res, this.#responseUrlPost(url.toString(), responseMatch[1]!, raw));
      return;
    }
    this.#send(res, { status: 404, body: fail('not_found') });
  }

  #send(res: ServerResponse, reply: Reply): void {
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      ...reply.headers,
    });
    res.end(body);
  }

  #apiCall(method: string, req: IncomingMessage, raw: string, query: URLSearchParams): { reply: Reply; call: RecordedCall } {
    const at = new Date(this.#now());
    let args: ApiArgs = {};
    let reply: Reply;
    let token: string | undefined;
    try {
      args = parseArgs(req.headers['content-type'] ?? '', raw, query);
      token = this.#tokenOf(req, args);
      reply = this.#dispatch(method, args, token);
    } catch (e) {
      reply = { status: 200, body: fail(e instanceof BadRequest ? e.message : 'invalid_form_data') };
    }
    const call: RecordedCall = { method, args, at, status: reply.status, response: reply.body };
    if (token !== undefined) call.token = token;
    if (reply.status === 429) call.rejected = true;
    this.calls.push(call);
    return { reply, call };
  }

  #tokenOf(req: IncomingMessage, args: ApiArgs): string | undefined {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim() || undefined;
    return str(args.token);
  }

  #dispatch(method: string, args: ApiArgs, token: string | undefined): Reply {
    const handler = this.#handlers[method];
    if (!handler) return { status: 200, body: fail('unknown_method') };
    if (!token) return { status: 200, body: fail('not_authed') };
    if (!/^xox[bpae]-/.test(token)) return { status: 200, body: fail('invalid_auth') };

    const injected = this.#takeFailure(method, args);
    if (injected) return this.#failureReply(injected);

    if (method === 'chat.postMessage' && this.#rateLimits) {
      const retryAfter = this.#takePostMessageToken(str(args.channel) ?? '');
      if (retryAfter !== undefined) {
        return { status: 429, body: fail('ratelimited'), headers: { 'retry-after': String(retryAfter) } };
      }
    }
    return { status: 200, body: handler(args) };
  }

  #takeFailure(method: string, args: ApiArgs): Failure | undefined {
    const rule = this.#failures.find((r) => r.method === method && r.remaining > 0 && matchesFilter(r.filter, args, (c) => this.#resolveChannel(c)));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#failures = this.#failures.filter((r) => r !== rule);
    return rule.failure;
  }

  #failureReply(failure: Failure): Reply {
    switch (failure.kind) {
      case 'ratelimited':
        return {
          status: 429,
          body: fail('ratelimited'),
          headers: { 'retry-after': String(failure.retryAfter) },
        };
      case 'http':
        return { status: failure.status, body: fail('fake_http_error') };
      case 'error':
        return { status: 200, body: fail(failure.error) };
    }
  }

  // ------------------------------------------------------------------ rate limiting

  /** Takes a token from the channel's and the workspace's bucket; returns Retry-After seconds when empty. */
  #takePostMessageToken(channel: string): number | undefined {
    const limits = this.#rateLimits!;
    const now = this.#now();
    const key = this.#resolveChannel(channel);
    const channelBucket = this.#refill(this.#channelBuckets.get(key), now, limits.postMessageBurst, limits.postMessagePerChannelPerSecond / 1000);
    this.#channelBuckets.set(key, channelBucket);
    const workspace = this.#refill(
      this.#workspaceBucket,
      now,
      limits.postMessageWorkspaceBurst ?? limits.postMessagePerMinute,
      limits.postMessagePerMinute / 60_000,
    );
    this.#workspaceBucket = workspace;

    const waits: number[] = [];
    if (channelBucket.tokens < 1) waits.push((1 - channelBucket.tokens) / (limits.postMessagePerChannelPerSecond / 1000));
    if (workspace.tokens < 1) waits.push((1 - workspace.tokens) / (limits.postMessagePerMinute / 60_000));
    if (waits.length > 0) return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    channelBucket.tokens -= 1;
    workspace.tokens -= 1;
    return undefined;
  }

  #refill(bucket: Bucket | undefined, now: number, capacity: number, perMs: number): Bucket {
    if (!bucket) return { tokens: capacity, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt);
    return { tokens: Math.min(capacity, bucket.tokens + elapsed * perMs), updatedAt: now };
  }

  // ------------------------------------------------------------------ helpers

  #resolveChannel(channel: string): string {
    return /^[UW][A-Z0-9]+$/.test(channel) ? this.dmChannelOf(channel) : channel;
  }

  #nextTs(): string {
    const micros = Math.max(this.#now() * 1000, this.#lastTsMicros + 100);
    this.#lastTsMicros = micros;
    return microsToTs(micros);
  }

  #findMessage(channel: string, ts: string): StoredMessage | undefined {
    const id = this.#resolveChannel(channel);
    return this.#messages.find((m) => m.channel === id && m.ts === ts);
  }

  /** Validates text/blocks of a message-like payload; returns an error response or undefined. */
  #checkMessageContent(args: ApiArgs, maxText: number): ApiResponse | undefined {
    const text = str(args.text);
    const hasBlocks = args.blocks !== undefined && args.blocks !== '';
    const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
    if ((text === undefined || text === '') && !hasBlocks && !hasAttachments) return fail('no_text');
    if (text !== undefined && text.length > maxText) return fail('msg_too_long');
    if (hasBlocks) {
      if (typeof args.blocks === 'string') return fail('invalid_blocks_format');
      const errors = checkBlocks(args.blocks, '/blocks', LIMITS.messageBlocks);
      if (errors.length > 0) {
        return fail('invalid_blocks', {
          errors,
          response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
        });
      }
    }
    return undefined;
  }

  #messageFromArgs(channel: string, ts: string, args: ApiArgs): StoredMessage {
    const m: StoredMessage = {
      type: 'message',
      channel,
      ts,
      user: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.teamId,
    };
    const text = str(args.text);
    if (text !== undefined) m.text = text;
    if (Array.isArray(args.blocks)) m.blocks = args.blocks;
    if (Array.isArray(args.attachments)) m.attachments = args.attachments;
    if (isObject(args.metadata) && typeof args.metadata.event_type === 'string') {
      m.metadata = {
        event_type: args.metadata.event_type,
        event_payload: isObject(args.metadata.event_payload) ? args.metadata.event_payload : {},
      };
    }
    const threadTs = str(args.thread_ts);
    if (threadTs) m.thread_ts = threadTs;
    return m;
  }

  #publicMessage(m: StoredMessage, includeMetadata = true): Record<string, unknown> {
    const { channel: _channel, metadata, ...rest } = m;
    return includeMetadata && metadata ? { ...rest, metadata } : rest;
  }

  #userObject(u: FakeUser): Record<string, unknown> {
    const tz = u.tz ?? 'America/Los_Angeles';
    const realName = u.realName ?? u.name;
    return {
      id: u.id,
      team_id: this.teamId,
      name: u.name,
      deleted: u.deleted ?? false,
      real_name: realName,
      tz,
      tz_label: tz,
      tz_offset: tzOffsetSeconds(tz, this.#now()),
      is_bot: u.isBot ?? false,
      is_app_user: false,
      is_admin: false,
      is_owner: false,
      updated: Math.floor(this.#now() / 1000),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: u.name,
        display_name_normalized: u.name,
        ...(u.email !== undefined ? { email: u.email } : {}),
        team: this.teamId,
      },
    };
  }

  /** Applies the trigger_id rules; returns an error response or the trigger. */
  #useTrigger(args: ApiArgs): { error: ApiResponse } | { trigger: Trigger; id: string } {
    const id = str(args.trigger_id);
    if (!id) {
      return {
        error: fail('invalid_arguments', {
          response_metadata: { messages: ['[ERROR] missing required field: trigger_id [json-pointer:/trigger_id]'] },
        }),
      };
    }
    const trigger = this.#triggers.get(id);
    if (!trigger) return { error: fail('invalid_trigger_id') };
    if (trigger.used) return { error: fail('exchanged_trigger_id') };
    if (this.#now() - trigger.issuedAt > TRIGGER_TTL_MS) return { error: fail('expired_trigger_id') };
    return { trigger, id };
  }

  /** Validates a view argument; returns an error response or the view object. */
  #checkViewArg(args: ApiArgs): { error: ApiResponse } | { view: Record<string, unknown> } {
    const view = args.view;
    if (view === undefined) {
      return {
        error: fail('invalid_arguments', {
          response_metadata: { messages: ['[ERROR] missing required field: view'] },
        }),
      };
    }
    if (!isObject(view)) {
      return {
        error: fail('invalid_arguments', {
          response_metadata: { messages: ['[ERROR] must provide an object [json-pointer:/view]'] },
        }),
      };
    }
    if (viewByteSize(view) > LIMITS.viewBytes) return { error: fail('view_too_large') };
    const errors = checkView(view);
    if (errors.length > 0) {
      return { error: fail('invalid_arguments', { response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } }) };
    }
    return { view };
  }

  #newHash(): string {
    return `${Math.floor(this.#now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  #storeView(input: Record<string, unknown>, base: Partial<StoredView> & { id: string; root_view_id: string }): StoredView {
    const externalId = str(input.external_id) ?? base.external_id ?? '';
    const view: StoredView = {
      team_id: this.teamId,
      title: null,
      close: null,
      submit: null,
      clear_on_close: false,
      notify_on_close: false,
      state: { values: {} },
      app_id: this.appId,
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
      previous_view_id: null,
      ...base,
      ...input,
      id: base.id,
      type: str(input.type) ?? 'modal',
      blocks: Array.isArray(input.blocks) ? input.blocks : [],
      private_metadata: str(input.private_metadata) ?? '',
      callback_id: str(input.callback_id) ?? '',
      external_id: externalId,
      root_view_id: base.root_view_id,
      hash: this.#newHash(),
    };
    this.#views.set(view.id, view);
    return view;
  }

  #externalIdTaken(externalId: unknown, exceptViewId?: string): boolean {
    const ext = str(externalId);
    if (!ext) return false;
    return [...this.#views.values()].some((v) => v.external_id === ext && v.id !== exceptViewId);
  }

  // ------------------------------------------------------------------ method handlers

  #authTest(): ApiResponse {
    return ok({
      url: `https://${this.teamDomain}.slack.com/`,
      team: this.teamName,
      user: 'sko_conductor',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    });
  }

  #postMessage(args: ApiArgs): ApiResponse {
    const channelArg = str(args.channel);
    if (!channelArg) return fail('channel_not_found');
    const invalid = this.#checkMessageContent(args, LIMITS.postMessageText);
    if (invalid) return invalid;
    const channel = this.#resolveChannel(channelArg);
    const message = this.#messageFromArgs(channel, this.#nextTs(), args);
    this.#messages.push(message);
    return ok({ channel, ts: message.ts, message: this.#publicMessage(message) });
  }

  #postEphemeral(args: ApiArgs): ApiResponse {
    const channelArg = str(args.channel);
    const user = str(args.user);
    if (!channelArg) return fail('channel_not_found');
    if (!user) return fail('user_not_in_channel');
    const invalid = this.#checkMessageContent(args, LIMITS.postMessageText);
    if (invalid) return invalid;
    const messageTs = this.#nextTs();
    const e: StoredEphemeral = { channel: this.#resolveChannel(channelArg), user, message_ts: messageTs };
    const text = str(args.text);
    if (text !== undefined) e.text = text;
    if (Array.isArray(args.blocks)) e.blocks = args.blocks;
    this.#ephemerals.push(e);
    return ok({ message_ts: messageTs });
  }

  #update(args: ApiArgs): ApiResponse {
    const channelArg = str(args.channel);
    const ts = str(args.ts);
    if (!channelArg) return fail('channel_not_found');
    if (!ts) return fail('message_not_found');
    const existing = this.#findMessage(channelArg, ts);
    if (!existing) return fail('message_not_found');
    const invalid = this.#checkMessageContent(args, LIMITS.updateText);
    if (invalid) return invalid;
    const text = str(args.text);
    if (text !== undefined) existing.text = text;
    if (Array.isArray(args.blocks)) existing.blocks = args.blocks;
    if (Array.isArray(args.attachments)) existing.attachments = args.attachments;
    if (isObject(args.metadata) && typeof args.metadata.event_type === 'string') {
      existing.metadata = {
        event_type: args.metadata.event_type,
        event_payload: isObject(args.metadata.event_payload) ? args.metadata.event_payload : {},
      };
    }
    existing.edited = { user: this.botUserId, ts: this.#nextTs() };
    return ok({
      channel: existing.channel,
      ts: existing.ts,
      text: existing.text ?? '',
      message: this.#publicMessage(existing),
    });
  }

  #history(args: ApiArgs): ApiResponse {
    const channelArg = str(args.channel);
    if (!channelArg) return fail('channel_not_found');
    const inclusive = bool(args.inclusive);
    const cursor = str(args.cursor);
    let latest = str(args.latest);
    let latestInclusive = inclusive;
    if (cursor) {
      const decoded = Buffer.from(cursor, 'base64').toString('utf8');
      if (!decoded.startsWith('next_ts:')) return fail('invalid_cursor');
      latest = decoded.slice('next_ts:'.length);
      latestInclusive = false;
    }
    const oldest = str(args.oldest);
    const limit = Math.max(1, Math.min(999, Number(str(args.limit) ?? 100) || 100));
    const withMetadata = bool(args.include_all_metadata);

    const candidates = this.messagesIn(channelArg)
      .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts)
      .filter((m) => {
        const t = tsToMicros(m.ts);
        if (oldest !== undefined) {
          const o = tsToMicros(oldest);
          if (inclusive ? t < o : t <= o) return false;
        }
        if (latest !== undefined) {
          const l = tsToMicros(latest);
          if (latestInclusive ? t > l : t >= l) return false;
        }
        return true;
      })
      .reverse();
    const page = candidates.slice(0, limit);
    const hasMore = candidates.length > page.length;
    const last = page[page.length - 1];
    return ok({
      messages: page.map((m) => this.#publicMessage(m, withMetadata)),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: {
        next_cursor: hasMore && last ? Buffer.from(`next_ts:${last.ts}`).toString('base64') : '',
      },
    });
  }

  #conversationsOpen(args: ApiArgs): ApiResponse {
    const channel = str(args.channel);
    if (channel) return ok({ channel: { id: channel } });
    const usersArg = args.users;
    const users = (Array.isArray(usersArg) ? usersArg.map(String) : (str(usersArg) ?? '').split(',')).map((u) => u.trim()).filter(Boolean);
    if (users.length === 0) return fail('users_list_not_supplied');
    if (users.length > 8) return fail('too_many_users');
    if (users.length === 1) return ok({ channel: { id: this.dmChannelOf(users[0]!) } });
    const key = [...users].sort().join(',');
    let id = this.#groupDms.get(key);
    if (!id) {
      id = randomId('G');
      this.#groupDms.set(key, id);
    }
    return ok({ channel: { id } });
  }

  #viewsOpen(args: ApiArgs, mode: 'open' | 'push'): ApiResponse {
    const t = this.#useTrigger(args);
    if ('error' in t) return t.error;
    const v = this.#checkViewArg(args);
    if ('error' in v) return v.error;
    if (v.view.type !== 'modal') {
      return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] must be modal [json-pointer:/view/type]'] } });
    }
    if (this.#externalIdTaken(v.view.external_id)) return fail('duplicate_external_id');

    const id = randomId('V');
    let root = id;
    let previous: string | null = null;
    if (mode === 'push') {
      const from = t.trigger.viewId ? this.#views.get(t.trigger.viewId) : undefined;
      if (from) {
        root = from.root_view_id;
        const stack = [...this.#views.values()].filter((x) => x.root_view_id === root);
        if (stack.length >= 3) return fail('push_limit_reached');
        previous = from.id;
      }
    }
    t.trigger.used = true;
    const view = this.#storeView(v.view, { id, root_view_id: root, previous_view_id: previous });
    return ok({ view });
  }

  #viewsUpdate(args: ApiArgs): ApiResponse {
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    if (!viewId && !externalId) {
      return fail('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] either view_id or external_id is required'] },
      });
    }
    const existing = viewId ? this.#views.get(viewId) : [...this.#views.values()].find((x) => x.external_id === externalId);
    if (!existing) return fail('not_found');
    const hash = str(args.hash);
    if (hash && hash !== existing.hash) return fail('hash_conflict');
    const v = this.#checkViewArg(args);
    if ('error' in v) return v.error;
    if (this.#externalIdTaken(v.view.external_id, existing.id)) return fail('duplicate_external_id');
    const view = this.#storeView(v.view, {
      id: existing.id,
      root_view_id: existing.root_view_id,
      previous_view_id: existing.previous_view_id,
      external_id: existing.external_id,
    });
    return ok({ view });
  }

  #viewsPublish(args: ApiArgs): ApiResponse {
    const userId = str(args.user_id);
    if (!userId) {
      return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: user_id'] } });
    }
    const known = this.#users.get(userId);
    if (!/^[UW][A-Z0-9]+$/.test(userId) || known?.deleted) return fail('user_not_found');
    const v = this.#checkViewArg(args);
    if ('error' in v) return v.error;
    if (v.view.type !== 'home') {
      return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] must be home [json-pointer:/view/type]'] } });
    }
    const existing = this.homeViewOf(userId);
    const hash = str(args.hash);
    if (existing && hash && hash !== existing.hash) return fail('hash_conflict');
    const id = existing?.id ?? randomId('V');
    const view = this.#storeView(v.view, { id, root_view_id: id });
    this.#homeViews.set(userId, id);
    return ok({ view });
  }

  #usersInfo(args: ApiArgs): ApiResponse {
    const user = this.#users.get(str(args.user) ?? '');
    if (!user) return fail('user_not_found');
    return ok({ user: this.#userObject(user) });
  }

  #lookupByEmail(args: ApiArgs): ApiResponse {
    const email = (str(args.email) ?? '').toLowerCase();
    const user = [...this.#users.values()].find((u) => !u.deleted && u.email?.toLowerCase() === email);
    if (!email || !user) return fail('users_not_found');
    return ok({ user: this.#userObject(user) });
  }

  // ------------------------------------------------------------------ files

  #fileObject(id: string): Record<string, unknown> {
    const f = this.#files.get(id) as Required<FakeFile> & { created: number };
    const path = `${this.baseUrl}/files-pri/${this.teamId}-${id}/${encodeURIComponent(f.name)}`;
    return {
      id,
      created: f.created,
      timestamp: f.created,
      name: f.name,
      title: f.name,
      mimetype: f.mimetype,
      filetype: f.filetype,
      pretty_type: f.filetype.toUpperCase(),
      user: f.user,
      size: Buffer.byteLength(f.content),
      mode: 'hosted',
      is_external: false,
      is_public: false,
      url_private: path,
      url_private_download: `${path}?download=1`,
    };
  }

  #filesInfo(args: ApiArgs): ApiResponse {
    const id = str(args.file);
    if (!id || !this.#files.has(id)) return fail('file_not_found');
    return ok({ file: this.#fileObject(id), comments: [], response_metadata: { next_cursor: '' } });
  }

  /** Uploads through files.uploadV2's three steps, in the order they were asked for. */
  uploads(): UploadedFile[] {
    return [...this.#uploads.values()];
  }

  /** Step 1 of files.uploadV2: a URL on this server to send the bytes to. */
  #getUploadUrl(args: ApiArgs): ApiResponse {
    const filename = str(args.filename);
    const length = Number(str(args.length));
    if (!filename) return fail('invalid_arguments');
    if (!Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
    const id = randomId('F');
    this.#uploads.set(id, {
      id,
      filename,
      length,
      altText: str(args.alt_text) ?? null,
      bytes: null,
      title: null,
      channel: null,
      threadTs: null,
      completed: false,
    });
    return ok({ upload_url: `${this.baseUrl}/upload/${id}`, file_id: id });
  }

  /** Step 2: the bytes, as @slack/web-api sends them (multipart, or the raw body). */
  async #receiveUpload(id: string, contentType: string, body: Buffer): Promise<Reply> {
    const upload = this.#uploads.get(id);
    if (!upload) return { status: 404, body: fail('upload_not_found') };
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string');
      upload.bytes = part && typeof part !== 'string' ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    } else {
      upload.bytes = body;
    }
    return { status: 200, body: { ok: true } };
  }

  /** Step 3: shares the uploaded files in a channel (or a thread), or keeps them private. */
  #completeUpload(args: ApiArgs): ApiResponse {
    const raw = args.files;
    const files = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { id?: string; title?: string }[] | undefined;
    if (!Array.isArray(files) || files.length === 0) return fail('invalid_arguments');
    const channelArg = str(args.channel_id);
    const channel = channelArg ? this.#resolveChannel(channelArg) : null;
    const done: { id: string; title: string }[] = [];
    for (const f of files) {
      const upload = f.id ? this.#uploads.get(f.id) : undefined;
      if (!upload?.bytes) return fail('file_not_found');
      if (upload.bytes.length !== upload.length) return fail('file_upload_size_mismatch');
      Object.assign(upload, { title: f.title ?? upload.filename, channel, threadTs: str(args.thread_ts) ?? null, completed: true });
      done.push({ id: upload.id, title: upload.title ?? upload.filename });
    }
    return ok({ files: done });
  }

  /** Like Slack, private files download only with a token in the Authorization header. */
  #download(id: string, req: IncomingMessage, res: ServerResponse): void {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
    const file = this.#files.get(id);
    const status = !file ? 404 : token && /^xox[bp]-/.test(token) ? 200 : 403;
    this.downloads.push({ fileId: id, token, status });
    if (status !== 200 || !file) {
      res.writeHead(status, { 'content-type': 'text/html' }).end('<html>Sign in to Slack</html>');
      return;
    }
    const body = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': body.length }).end(body);
  }

  // ------------------------------------------------------------------ response_url

  #responseUrlPost(url: string, id: string, raw: string): Reply {
    const at = new Date(this.#now());
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      if (isObject(parsed)) body = parsed;
    } catch {
      return this.#rejectResponse(url, body, at, 400, 'invalid_payload');
    }
    const state = this.#responseUrls.get(id);
    if (!state) return this.#rejectResponse(url, body, at, 404, 'invalid_url');
    if (this.#now() - state.issuedAt > RESPONSE_URL_TTL_MS) return this.#rejectResponse(url, body, at, 404, 'expired_url');
    if (state.uses >= RESPONSE_URL_MAX_USES) return this.#rejectResponse(url, body, at, 404, 'used_url');

    const deleting = bool(body.delete_original);
    if (!deleting) {
      const invalid = this.#checkMessageContent(body, LIMITS.postMessageText);
      if (invalid) return this.#rejectResponse(url, body, at, 400, invalid.error ?? 'invalid_payload');
    }
    state.uses += 1;
    this.responses.push({ url, body, at });
    this.#applyResponse(state, body);
    return { status: 200, body: ok() };
  }

  #rejectResponse(url: string, body: Record<string, unknown>, at: Date, status: number, error: string): Reply {
    this.rejectedResponses.push({ url, body, at, status, error });
    return { status, body: fail(error) };
  }

  /** What Slack does with a response_url message: replace/delete the source message, post in channel, or show an ephemeral. */
  #applyResponse(state: ResponseUrlState, body: Record<string, unknown>): void {
    const channel = state.channelId ? this.#resolveChannel(state.channelId) : undefined;
    const original = channel && state.messageTs ? this.#findMessage(channel, state.messageTs) : undefined;
    if (bool(body.delete_original)) {
      if (original) this.#messages = this.#messages.filter((m) => m !== original);
      return;
    }
    if (bool(body.replace_original) && original) {
      const text = str(body.text);
      if (text !== undefined) original.text = text;
      if (Array.isArray(body.blocks)) original.blocks = body.blocks;
      else if (text !== undefined) delete original.blocks;
      original.edited = { user: this.botUserId, ts: this.#nextTs() };
      return;
    }
    if (!channel) return;
    if (body.response_type === 'in_channel') {
      this.#messages.push(this.#messageFromArgs(channel, this.#nextTs(), body));
    } else if (state.userId) {
      const e: StoredEphemeral = { channel, user: state.userId, message_ts: this.#nextTs() };
      const text = str(body.text);
      if (text !== undefined) e.text = text;
      if (Array.isArray(body.blocks)) e.blocks = body.blocks;
      this.#ephemerals.push(e);
    }
  }
}
