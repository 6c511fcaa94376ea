/** chat.postMessage's rate limits as token buckets: one per channel, one for the workspace. */
import type { RateLimitOptions } from './types.js';

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
