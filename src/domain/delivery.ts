/**
 * The rules of delivering messages to Slack (FACTS §3, PRODUCT §7): how fast, which failures are
 * worth retrying and for how long, and how to explain a failure to the person who must fix it.
 */

/** chat.postMessage: about one message per second per channel with short bursts, and a workspace ceiling. */
export interface PacingLimits {
  perChannelPerSecond: number;
  channelBurst: number;
  workspacePerMinute: number;
  workspaceBurst: number;
}

/** Slack documents "1 per second per channel" and "several hundred per minute" per workspace; stay inside both. */
export const SLACK_POST_LIMITS: PacingLimits = { perChannelPerSecond: 1, channelBurst: 3, workspacePerMinute: 300, workspaceBurst: 20 };

/**
 * Slack's tiers for every other Web API method, "per API method per workspace per app" (FACTS §3.1):
 * Tier 2 20+, Tier 3 50+, Tier 4 100+ a minute. Bursts are not published; a sixth of a minute's
 * budget at once stays well inside "sporadic bursts" and keeps one busy method from waiting on itself.
 */
const TIER_PER_MINUTE = { 2: 20, 3: 50, 4: 100 } as const;

/** The methods this app calls, by tier (Slack's method pages; java-slack-sdk's MethodsRateLimits). */
const METHOD_TIERS: Record<string, keyof typeof TIER_PER_MINUTE> = {
  'users.list': 2,
  'conversations.list': 2,
  'canvases.create': 2,
  'conversations.canvases.create': 2,
  'canvases.access.set': 3,
  'canvases.edit': 3,
  'chat.update': 3,
  'chat.scheduleMessage': 3,
  'conversations.history': 3,
  'conversations.replies': 3,
  'conversations.open': 3,
  'users.lookupByEmail': 3,
  'chat.postEphemeral': 4,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
  'files.info': 4,
  'users.info': 4,
  'views.open': 4,
  'views.push': 4,
  'views.update': 4,
  'views.publish': 4,
};

/** A method's steady rate and burst; one not in the table is paced as Tier 3, the common middle. */
export function methodLimit(method: string): { perMinute: number; burst: number } {
  const perMinute = TIER_PER_MINUTE[METHOD_TIERS[method] ?? 3];
  return { perMinute, burst: Math.max(1, Math.floor(perMinute / 6)) };
}

export interface RetryPolicy {
  /** Attempts that got an answer (not "wait") before a transient failure becomes final. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

/** About ten minutes of retrying with jitter: long enough to ride out a Slack blip, short enough to tell the SKO lead. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, baseMs: 2_000, capMs: 5 * 60_000 };

/** Delay before retry number `attempt` (1-based): doubling, capped, with "equal jitter" so retries never bunch up. */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Answers that will be the same however often we ask: recorded once, never retried. */
const PERMANENT = new Set([
  'channel_not_found',
  'is_archived',
  'user_not_found',
  'users_not_found',
  'account_inactive',
  'user_disabled',
  'not_in_channel',
  'cannot_dm_bot',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
  'missing_scope',
  'not_allowed_token_type',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'no_permission',
  'org_login_required',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_arguments',
  'invalid_arg_name',
  'invalid_charset',
]);

/** Slack's own trouble: worth asking again later. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org', 'ratelimited', 'rate_limited']);

/**
 * A platform error code (`ok: false`) is permanent unless Slack says it is its own trouble; an
 * unknown code is treated as permanent, because retrying what we do not understand only delays
 * telling someone.
 */
export function isPermanentError(code: string): boolean {
  return PERMANENT.has(code) || !TRANSIENT.has(code);
}

/** The code at the start of a recorded error ("http_503 after 10 attempts" → "http_503"). */
function errorCode(recorded: string): string {
  return recorded.split(/[\s:]/, 1)[0] ?? recorded;
}

/** What went wrong and what to do, for the SKO lead; `where` names the channel or person. */
export function explainDeliveryError(recorded: string, where: { kind: 'channel' | 'person'; mention: string }): string {
  const code = errorCode(recorded);
  switch (code) {
    case 'not_in_channel':
    case 'channel_not_found':
      return where.kind === 'channel'
        ? `I am not a member of ${where.mention}: invite me there (\`/invite @SKO Conductor\`), or choose another event channel in \`/sko setup\`.`
        : `Slack could not open a direct message with ${where.mention}.`;
    case 'is_archived':
      return `${where.mention} is archived: choose another event channel in \`/sko setup\`.`;
    case 'user_not_found':
    case 'users_not_found':
    case 'account_inactive':
    case 'user_disabled':
      return `${where.mention}'s Slack account is deactivated or gone: reassign their tasks (\`/sko plan\`) or name someone else in \`/sko setup\`.`;
    case 'unreachable':
      return `${where.mention} is not reachable in Slack (deactivated or gone), so nothing more is sent to them: remove them from the people file if they have left, or fix their Slack id or email there.`;
    case 'cannot_dm_bot':
      return `${where.mention} is a bot and cannot receive direct messages: name a person in \`/sko setup\`.`;
    case 'missing_scope':
    case 'invalid_auth':
    case 'not_authed':
    case 'token_revoked':
    case 'token_expired':
      return `SKO Conductor's Slack permissions are missing or revoked (\`${code}\`): reinstall the app from its manifest.`;
    case 'invalid_blocks':
    case 'invalid_blocks_format':
    case 'msg_too_long':
    case 'msg_blocks_too_long':
    case 'no_text':
      return `Slack refused the message as malformed (\`${code}\`): a bug in SKO Conductor, logged for its maintainers.`;
    case 'ratelimited':
      return `Slack kept refusing messages ${where.kind === 'channel' ? 'in' : 'to'} ${where.mention} as too many for ${RATE_LIMITED_GIVE_UP_MS / 60_000} minutes, so the app stopped trying: try again later.`;
    case 'stale':
      return 'It could not be sent before it stopped being useful, so it was dropped.';
    case 'unconfirmed':
      return `The app stopped while sending it and could not check whether it arrived (${recorded.slice(code.length + 1).trim()}), so it was not sent again.`;
    default:
      return `Slack kept answering \`${recorded}\`.`;
  }
}

/**
 * A token bucket: `capacity` sends at once, refilled at `perMs` per millisecond. Times are passed
 * in, so the same bucket paces real sends and simulated ones.
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    readonly capacity: number,
    public perMs: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#at = now;
  }

  #refill(now: number): void {
    if (now > this.#at) {
      this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#at) * this.perMs);
      this.#at = now;
    }
  }

  /** Milliseconds until a token is available (0: now). */
  waitMs(now: number): number {
    this.#refill(now);
    return this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) / this.perMs);
  }

  take(now: number): void {
    this.#refill(now);
    this.#tokens -= 1;
  }

  /** A new refill rate from `now` on; what was earned at the old rate is kept. */
  setRate(perMs: number, now: number): void {
    this.#refill(now);
    this.perMs = perMs;
  }

  /** Full again: nothing sent through it for long enough, so it can be forgotten. */
  isFull(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.capacity;
  }
}

/**
 * The workspace's sending rate, learnt from Slack's 429s (issue 19): each refusal cuts it by a
 * quarter (at most once per `Retry-After`, since calls in flight together are refused together),
 * and every quiet minute wins back a twentieth of the ceiling. Slack does not publish the
 * workspace's budget, and a sender that keeps its first guess meets a refusal every few seconds.
 */
export class AdaptiveRate {
  #perMinute: number;
  #changedAt: number;
  #cutUntil = Number.NEGATIVE_INFINITY;

  constructor(
    readonly ceilingPerMinute: number,
    now: number,
  ) {
    this.#perMinute = ceilingPerMinute;
    this.#changedAt = now;
  }

  perMinute(now: number): number {
    const quietMinutes = Math.floor((now - this.#changedAt) / RECOVERY_STEP_MS);
    if (quietMinutes > 0 && this.#perMinute < this.ceilingPerMinute) {
      this.#perMinute = Math.min(this.ceilingPerMinute, this.#perMinute + quietMinutes * this.ceilingPerMinute * RECOVERY_SHARE);
      this.#changedAt += quietMinutes * RECOVERY_STEP_MS;
    } else if (quietMinutes > 0) this.#changedAt = now;
    return this.#perMinute;
  }

  /** Slack refused a call for `retryAfterMs`: slower from now on, once per refusal window. */
  refused(now: number, retryAfterMs: number): void {
    if (now < this.#cutUntil) return;
    this.#perMinute = Math.max(this.ceilingPerMinute * MIN_SHARE, this.perMinute(now) * CUT_TO);
    this.#changedAt = now;
    this.#cutUntil = now + Math.max(retryAfterMs, 1_000);
  }
}

const CUT_TO = 0.75;
const RECOVERY_SHARE = 0.05;
const RECOVERY_STEP_MS = 60_000;
const MIN_SHARE = 0.05;

/** A channel refused (429) this long without a break is given up on, message by message. */
export const RATE_LIMITED_GIVE_UP_MS = 10 * 60_000;

/**
 * How long a channel waits after its `count`-th 429 in a row: what Slack asked, and from the
 * second refusal at least doubling (to a minute), so a channel that keeps refusing is asked
 * rarely while the others go on.
 */
export function rateLimitedWaitMs(count: number, retryAfterMs: number): number {
  return Math.max(retryAfterMs, Math.min(60_000, 1_000 * 2 ** (count - 1)));
}
