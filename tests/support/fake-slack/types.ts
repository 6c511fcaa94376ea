/** The fake Slack's public shapes: what tests set up, inspect and get back. */

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

/** Per-method limits for everything but chat.postMessage: calls a minute, and the burst (default: a minute's worth). */
export type MethodLimits = Record<string, { perMinute: number; burst?: number }>;

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
  /** True when the call was carried out and never answered (chaos). */
  hung?: boolean;
}

export type Failure = { kind: 'ratelimited'; retryAfter: number } | { kind: 'http'; status: number } | { kind: 'error'; error: string };

export type FailureFilter = { channel?: string; user?: string } | ((args: ApiArgs) => boolean);

/**
 * Random trouble on every call to a method: a share that is carried out and then answered with
 * `failure` (default HTTP 500), and a share carried out and never answered at all.
 */
export interface Chaos {
  failAfterDoing: number;
  hang: number;
  failure?: Failure;
  /** A seeded generator, so a failing run can be replayed. */
  random: () => number;
}

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
  /** Their Slack time zone; New York unless given, the zone of the test SKO, so tests not about time zones read the event's clock. */
  tz?: string;
  deleted?: boolean;
  isBot?: boolean;
  /** A workspace admin or owner, as users.info and users.list say (is_admin / is_owner). */
  isAdmin?: boolean;
  isOwner?: boolean;
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
  /** The message shared with the files (files.completeUploadExternal's initial_comment). */
  initialComment: string | null;
  completed: boolean;
}

/** Who the fake workspace is and what time it is there: what every part of the fake needs to answer. */
export interface Workspace {
  readonly baseUrl: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  now(): number;
}
