/**
 * A fake Slack Web API on 127.0.0.1 (random port), for driving the real `@slack/web-api` WebClient
 * (and therefore Bolt) in tests:
 *
 *   const fake = await FakeSlack.start();
 *   const client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
 *
 * It answers the methods the app uses with realistic shapes and Slack's error codes, validates Block Kit
 * limits (see block-kit-limits.ts), enforces trigger_id rules (3 s, single use), hands out response_urls
 * (5 uses in 30 min), can rate-limit chat.postMessage and every other method by its tier, and can be told to fail calls (429 / 5xx / ok:false).
 *
 * Wire format (as @slack/web-api 8 sends it): POST {apiUrl}{method}, `Authorization: Bearer <token>`,
 * `application/x-www-form-urlencoded` with non-scalar arguments JSON-stringified inside the form.
 * JSON bodies are accepted too. Answers are HTTP 200 JSON `{ok: ...}` except 429 (rate limits) and
 * injected HTTP failures.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assistantHandlers } from './assistant.js';
import { Canvases, type StoredCanvas } from './canvases.js';
import { ChannelCanvases, type StoredChannelCanvas } from './channel-canvases.js';
import { InjectedErrors } from './errors.js';
import { Files } from './files.js';
import { Messages } from './messages.js';
import { MethodLimiter, PostMessageLimiter, SLACK_TIERS, TIER_PER_MINUTE } from './rate-limits.js';
import { ResponseUrls } from './response-urls.js';
import type {
  ApiArgs,
  ApiResponse,
  Chaos,
  Failure,
  FailureFilter,
  FakeFile,
  FakeSlackOptions,
  FakeUser,
  HeldCall,
  MethodLimits,
  RateLimitOptions,
  RecordedCall,
  RecordedResponse,
  ResponseUrlContext,
  StoredEphemeral,
  StoredMessage,
  StoredView,
  UploadedFile,
  Workspace,
} from './types.js';
import { Users } from './users.js';
import { Views } from './views.js';
import { BadRequest, fail, ok, parseArgs, type Reply, readBody, str } from './wire.js';

type Handler = (args: ApiArgs) => ApiResponse;

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
  readonly responses: RecordedResponse[];
  /** POSTs to response_urls that were refused (unknown, used up, expired, invalid). */
  readonly rejectedResponses: (RecordedResponse & { status: number; error: string })[];
  /** Downloads of shared files (url_private), with the token each carried. */
  readonly downloads: { fileId: string; token: string | undefined; status: number }[];

  readonly #server: Server;
  readonly #now: () => number;
  readonly #handlers: Record<string, Handler>;
  readonly #messages: Messages;
  readonly #responseUrls: ResponseUrls;
  readonly #views: Views;
  readonly #users: Users;
  readonly #files: Files;
  readonly #channelCanvases: ChannelCanvases;
  readonly #errors: InjectedErrors;
  #limiter: PostMessageLimiter | undefined;
  #methodLimiter: MethodLimiter | undefined;
  readonly #canvases = new Canvases();
  readonly #beforeReset: (() => void)[] = [];

  private constructor(server: Server, options: FakeSlackOptions) {
    this.#server = server;
    this.#now = options.now ?? Date.now;
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.teamId = options.teamId ?? 'T0SKOTEST';
    this.teamName = options.teamName ?? 'SKO Test';
    this.teamDomain = options.teamDomain ?? 'sko-test';
    this.botUserId = options.botUserId ?? 'U0SKOBOT';
    this.botId = options.botId ?? 'B0SKOBOT';
    this.appId = options.appId ?? 'A0SKOAPP';
    const workspace: Workspace = {
      baseUrl: this.baseUrl,
      teamId: this.teamId,
      botUserId: this.botUserId,
      botId: this.botId,
      appId: this.appId,
      now: this.#now,
    };
    this.#messages = new Messages(workspace);
    const resolveChannel = (c: string) => this.#messages.resolveChannel(c);
    this.#responseUrls = new ResponseUrls(workspace, this.#messages);
    this.#users = new Users(workspace);
    this.#views = new Views(workspace, (id) => this.#users.get(id)?.deleted === true);
    this.#files = new Files(workspace, resolveChannel);
    this.#channelCanvases = new ChannelCanvases(resolveChannel);
    this.#errors = new InjectedErrors(resolveChannel);
    this.#limiter = options.rateLimits ? new PostMessageLimiter(options.rateLimits, this.#now) : undefined;
    this.responses = this.#responseUrls.responses;
    this.rejectedResponses = this.#responseUrls.rejected;
    this.downloads = this.#files.downloads;
    this.#handlers = {
      'auth.test': () => this.#authTest(),
      'chat.postMessage': (a) => this.#files.checkSlackFiles(a.blocks) ?? this.#messages.chatPostMessage(a),
      'chat.postEphemeral': (a) => this.#messages.chatPostEphemeral(a),
      'chat.update': (a) => this.#messages.chatUpdate(a),
      'conversations.history': (a) => this.#messages.conversationsHistory(a),
      'conversations.replies': (a) => this.#messages.conversationsReplies(a),
      'conversations.open': (a) => this.#messages.conversationsOpen(a),
      'views.open': (a) => this.#views.viewsOpen(a, 'open'),
      'views.push': (a) => this.#views.viewsOpen(a, 'push'),
      'views.update': (a) => this.#views.viewsUpdate(a),
      'views.publish': (a) => this.#views.viewsPublish(a),
      'users.info': (a) => this.#users.usersInfo(a),
      'users.list': (a) => this.#users.usersList(a),
      'apps.connections.open': () => ok({ url: `wss://127.0.0.1/link/?ticket=${this.appId}-ticket` }),
      'users.lookupByEmail': (a) => this.#users.lookupByEmail(a),
      'files.info': (a) => this.#files.filesInfo(a),
      'files.getUploadURLExternal': (a) => this.#files.getUploadUrl(a),
      'files.completeUploadExternal': (a) => this.#files.completeUpload(a),
      ...assistantHandlers,
      ...this.#canvases.handlers,
      'conversations.canvases.create': (a) => this.#channelCanvases.create(a),
      'canvases.edit': (a) => this.#channelCanvases.edit(a),
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
    for (const listener of this.#beforeReset) listener();
    this.calls.length = 0;
    this.#responseUrls.reset();
    this.#files.reset();
    this.#messages.reset();
    this.#views.reset();
    this.#errors.reset();
    this.#limiter?.reset();
    this.#methodLimiter?.reset();
    this.#canvases.reset();
  }

  /** Runs `listener` before each reset, while what is about to be forgotten can still be read. */
  beforeReset(listener: () => void): void {
    this.#beforeReset.push(listener);
  }

  addUser(user: FakeUser): void {
    this.#users.add(user);
  }

  /** Stores a shared file and returns its Slack file object (what files.info and message events carry). */
  addFile(file: FakeFile): Record<string, unknown> {
    return this.#files.add(file);
  }

  /** The channel's canvas, as the app last wrote it. Canvases outlive reset(), like the channel they belong to. */
  canvasIn(channel: string): StoredChannelCanvas | undefined {
    return this.#channelCanvases.inChannel(channel);
  }

  /** Uploads through files.uploadV2's three steps, in the order they were asked for. */
  uploads(): UploadedFile[] {
    return this.#files.uploads();
  }

  /** Delivered (stored) messages in a channel, oldest first. A user id means that user's DM with the bot. */
  messagesIn(channel: string): StoredMessage[] {
    return this.#messages.in(channel);
  }

  /** Canvases the app created, oldest first. */
  canvases(): StoredCanvas[] {
    return [...this.#canvases.list];
  }

  /** All delivered messages, oldest first. */
  allMessages(): StoredMessage[] {
    return this.#messages.all();
  }

  /** Ephemeral messages, optionally only those shown to `user`. */
  ephemerals(user?: string): StoredEphemeral[] {
    return this.#messages.ephemerals(user);
  }

  /** The DM channel id the fake uses for a user (same answer as conversations.open). */
  dmChannelOf(userId: string): string {
    return this.#messages.dmChannelOf(userId);
  }

  view(viewId: string): StoredView | undefined {
    return this.#views.get(viewId);
  }

  /** Views currently known (opened, pushed, updated or published). */
  views(): StoredView[] {
    return this.#views.all();
  }

  homeViewOf(userId: string): StoredView | undefined {
    return this.#views.homeViewOf(userId);
  }

  /**
   * Carries out what a view_submission's acknowledgement asks of the modal (`response_action`
   * update / push / clear / errors) and returns why Slack would refuse it; empty when it is fine.
   */
  acknowledgeSubmission(viewId: string, ack: Record<string, unknown> | undefined): string[] {
    const view = this.#views.get(viewId);
    if (!view) return [`no view ${viewId} was opened`];
    return this.#views.acknowledgeSubmission(view, ack);
  }

  /** A fresh trigger_id ("132456.7890123.abcdef..."), valid 3 s and single use. */
  issueTriggerId(context: { viewId?: string } = {}): string {
    return this.#views.issueTriggerId(context);
  }

  /** A loopback response_url: accepts up to 5 JSON POSTs within 30 minutes. */
  responseUrl(context: ResponseUrlContext = {}): string {
    return this.#responseUrls.issue(context);
  }

  responsesTo(url: string): RecordedResponse[] {
    return this.responses.filter((r) => r.url === url);
  }

  // ------------------------------------------------------------------ failure injection

  /** The next `times` matching calls to `method` fail with `failure`. */
  failNext(method: string, failure: Failure, times = 1, filter?: FailureFilter): void {
    this.#errors.failNext(method, failure, times, filter);
  }

  /** Every matching call to `method` fails until `clearFailures()`. */
  failAlways(method: string, failure: Failure, filter?: FailureFilter): void {
    this.#errors.failAlways(method, failure, filter);
  }

  /** The next `times` matching calls are carried out (a message is stored) and then answered with `failure`: Slack's ambiguous answer. */
  failNextAfterDoing(method: string, failure: Failure, times = 1, filter?: FailureFilter): void {
    this.#errors.failNextAfterDoing(method, failure, times, filter);
  }

  /** From now on a share of calls to `method` fail after being carried out, and a share never get an answer. */
  chaos(method: string, chaos: Chaos): void {
    this.#errors.chaos(method, chaos);
  }

  /** Enforces chat.postMessage limits from now on (a workspace's per-minute budget, say), replacing any set before. */
  setRateLimits(limits: RateLimitOptions): void {
    this.#limiter = new PostMessageLimiter(limits, this.#now);
  }

  /**
   * Enforces per-method limits from now on, replacing any set before: Slack's tiers for every method
   * it knows (Tier 2 20, Tier 3 50, Tier 4 100 a minute), with `overrides` on top (a method's
   * burst, or a stricter tier). chat.postMessage has its own limits (setRateLimits).
   */
  enforceTiers(overrides: MethodLimits = {}): void {
    const tiers = Object.fromEntries(Object.entries(SLACK_TIERS).map(([method, tier]) => [method, { perMinute: TIER_PER_MINUTE[tier] }]));
    this.#methodLimiter = new MethodLimiter({ ...tiers, ...overrides }, this.#now);
  }

  clearFailures(): void {
    this.#errors.clearFailures();
  }

  /**
   * The next matching call to `method` is carried out (a message is stored) but its answer is
   * withheld until `release()`: the moment a caller can die between Slack's work and hearing of it.
   */
  holdResponse(method: string, filter?: FailureFilter): HeldCall {
    return this.#errors.hold(method, filter);
  }

  // ------------------------------------------------------------------ HTTP plumbing

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const uploadMatch = /^\/upload\/([A-Z0-9]+)$/.exec(url.pathname);
    if (uploadMatch && req.method === 'POST') {
      this.#send(res, await this.#files.receiveUpload(uploadMatch[1] as string, req.headers['content-type'] ?? '', bytes));
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const { reply, call } = this.#apiCall(method, req, raw, url.searchParams);
      // Carried out, and no answer ever: the caller's deadline is all that ends it.
      if (reply.hang) return;
      await this.#errors.waitForRelease(call);
      if (res.destroyed) return;
      this.#send(res, reply);
      return;
    }
    const fileMatch = /^\/files-pri\/[A-Z0-9]+-([A-Z0-9]+)\/[^/]+$/.exec(url.pathname);
    if (fileMatch && req.method === 'GET') {
      this.#files.download(fileMatch[1] as string, req, res);
      return;
    }
    const responseMatch = /^\/response\/([0-9a-f]+)$/.exec(url.pathname);
    if (responseMatch && req.method === 'POST') {
      this.#send(res, this.#responseUrls.post(url.toString(), responseMatch[1]!, raw));
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
      token = tokenOf(req, args);
      reply = this.#dispatch(method, args, token);
    } catch (e) {
      reply = { status: 200, body: fail(e instanceof BadRequest ? e.message : 'invalid_form_data') };
    }
    const call: RecordedCall = { method, args, at, status: reply.status, response: reply.body };
    if (token !== undefined) call.token = token;
    if (reply.status === 429) call.rejected = true;
    if (reply.hang) call.hung = true;
    this.calls.push(call);
    return { reply, call };
  }

  #dispatch(method: string, args: ApiArgs, token: string | undefined): Reply {
    const handler = this.#handlers[method];
    if (!handler) return { status: 200, body: fail('unknown_method') };
    if (!token) return { status: 200, body: fail('not_authed') };
    // An app-level token only opens Socket Mode connections; a bot token cannot.
    if (method === 'apps.connections.open' ? !token.startsWith('xapp-') : !/^xox[bpae]-/.test(token)) {
      return { status: 200, body: fail(token.startsWith('xapp-') || token.startsWith('xox') ? 'not_allowed_token_type' : 'invalid_auth') };
    }

    const injected = this.#errors.takeFailure(method, args);
    if (injected) return injected;

    if (method === 'chat.postMessage' && this.#limiter) {
      const retryAfter = this.#limiter.take(this.#messages.resolveChannel(str(args.channel) ?? ''));
      if (retryAfter !== undefined) {
        return { status: 429, body: fail('ratelimited'), headers: { 'retry-after': String(retryAfter) } };
      }
    }
    const methodWait = method === 'chat.postMessage' ? undefined : this.#methodLimiter?.take(method);
    if (methodWait !== undefined) return { status: 429, body: fail('ratelimited'), headers: { 'retry-after': String(methodWait) } };
    const body = handler(args);
    const after = body.ok ? this.#errors.afterDone(method, args) : undefined;
    if (after === 'hang') return { status: 200, body, hang: true };
    return after ?? { status: 200, body };
  }

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
}

function tokenOf(req: IncomingMessage, args: ApiArgs): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim() || undefined;
  return str(args.token);
}
