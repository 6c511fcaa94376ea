/**
 * Slack's rate limits as token buckets: chat.postMessage's (one per channel, one for the
 * workspace), and every other method's tier, per method for the workspace.
 */
import type { MethodLimits, RateLimitOptions } from './types.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class PostMessageLimiter {
  #channelBuckets = new Map<string, Bucket>();
  #workspaceBucket: Bucket | undefined;

  constructor(
    readonly limits: RateLimitOptions,
    readonly now: () => number,
  ) {}

  reset(): void {
    this.#channelBuckets.clear();
    this.#workspaceBucket = undefined;
  }

  /** Takes a token from the channel's and the workspace's bucket; returns Retry-After seconds when empty. */
  take(channel: string): number | undefined {
    const limits = this.limits;
    const now = this.now();
    const channelBucket = refill(this.#channelBuckets.get(channel), now, limits.postMessageBurst, limits.postMessagePerChannelPerSecond / 1000);
    this.#channelBuckets.set(channel, channelBucket);
    const workspace = refill(this.#workspaceBucket, now, limits.postMessageWorkspaceBurst ?? limits.postMessagePerMinute, limits.postMessagePerMinute / 60_000);
    this.#workspaceBucket = workspace;

    const waits: number[] = [];
    if (channelBucket.tokens < 1) waits.push((1 - channelBucket.tokens) / (limits.postMessagePerChannelPerSecond / 1000));
    if (workspace.tokens < 1) waits.push((1 - workspace.tokens) / (limits.postMessagePerMinute / 60_000));
    if (waits.length > 0) return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    channelBucket.tokens -= 1;
    workspace.tokens -= 1;
    return undefined;
  }
}

function refill(bucket: Bucket | undefined, now: number, capacity: number, perMs: number): Bucket {
  if (!bucket) return { tokens: capacity, updatedAt: now };
  const elapsed = Math.max(0, now - bucket.updatedAt);
  return { tokens: Math.min(capacity, bucket.tokens + elapsed * perMs), updatedAt: now };
}

/**
 * Slack's published tiers (docs.slack.dev method pages; java-slack-sdk MethodsRateLimits): Tier 2
 * 20, Tier 3 50, Tier 4 100 calls a minute, per method per workspace. The fake knows them itself
 * rather than borrowing the app's table, so a wrong table in the app is caught.
 */
export const SLACK_TIERS: Record<string, 2 | 3 | 4> = {
  'users.list': 2,
  'conversations.list': 2,
  'chat.update': 3,
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
export const TIER_PER_MINUTE = { 2: 20, 3: 50, 4: 100 } as const;

/** Per-method buckets: each method's calls a minute, and how many may come back-to-back. */
export class MethodLimiter {
  #buckets = new Map<string, Bucket>();

  constructor(
    readonly limits: MethodLimits,
    readonly now: () => number,
  ) {}

  reset(): void {
    this.#buckets.clear();
  }

  /** Takes a token for `method`; Retry-After seconds when it has none left, undefined when the method is not limited. */
  take(method: string): number | undefined {
    const limit = this.limits[method];
    if (!limit) return undefined;
    const perMs = limit.perMinute / 60_000;
    const bucket = refill(this.#buckets.get(method), this.now(), limit.burst ?? limit.perMinute, perMs);
    this.#buckets.set(method, bucket);
    if (bucket.tokens < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    bucket.tokens -= 1;
    return undefined;
  }
}
