/**
 * How fast the outbox may send, in its clock's time: a token bucket per channel and one for the
 * workspace, whose rate it learns from Slack's 429s (AdaptiveRate). A channel's first 429 pauses
 * everyone for `Retry-After` and slows the pace (it is usually the workspace's budget); a channel
 * that goes on refusing waits alone, longer each time, and is given up on after
 * RATE_LIMITED_GIVE_UP_MS, so it never slows the others.
 */
import { AdaptiveRate, type PacingLimits, RATE_LIMITED_GIVE_UP_MS, rateLimitedWaitMs, TokenBucket } from '../../domain/delivery.js';

/** What to do after a 429: try again at `retryAt`, or give up (the channel has refused for too long). */
export type RefusalVerdict = { retryAt: number } | { giveUp: string };

export class Pacing {
  readonly #channelBuckets = new Map<string, TokenBucket>();
  #workspace: TokenBucket | undefined;
  #rate: AdaptiveRate | undefined;
  #pausedUntil = 0;
  /** Channels answering 429 without a break: since when, and how many times. */
  readonly #refusing = new Map<string, { since: number; count: number }>();

  constructor(readonly limits: PacingLimits) {}

  /** When `channel` may send next (`now` or later). */
  readyAt(channel: string, now: number): number {
    const bucket = this.#channelBuckets.get(channel);
    return Math.max(this.#pausedUntil, now + Math.max(bucket ? bucket.waitMs(now) : 0, this.#workspaceBucket(now).waitMs(now)));
  }

  take(channel: string, now: number): void {
    let bucket = this.#channelBuckets.get(channel);
    if (!bucket) {
      bucket = new TokenBucket(this.limits.channelBurst, this.limits.perChannelPerSecond / 1000, now);
      this.#channelBuckets.set(channel, bucket);
    }
    bucket.take(now);
    this.#workspaceBucket(now).take(now);
    // Full buckets carry no information; dropping them keeps memory flat across thousands of DMs.
    if (this.#channelBuckets.size > 10_000) for (const [id, b] of this.#channelBuckets) if (b.isFull(now)) this.#channelBuckets.delete(id);
  }

  /** Slack answered 429 for `channel`. */
  refused(channel: string, now: number, retryAfterMs: number): RefusalVerdict {
    const refusing = this.#refusing.get(channel) ?? { since: now, count: 0 };
    refusing.count += 1;
    this.#refusing.set(channel, refusing);
    if (refusing.count === 1) {
      this.#pausedUntil = Math.max(this.#pausedUntil, now + retryAfterMs);
      this.#workspaceBucket(now);
      this.#rate?.refused(now, retryAfterMs);
    } else if (now - refusing.since >= RATE_LIMITED_GIVE_UP_MS) {
      return { giveUp: `ratelimited for ${Math.round((now - refusing.since) / 60_000)} minutes` };
    }
    return { retryAt: now + rateLimitedWaitMs(refusing.count, retryAfterMs) };
  }

  /** A message reached `channel`: whatever it refused before is over. */
  delivered(channel: string): void {
    this.#refusing.delete(channel);
  }

  #workspaceBucket(now: number): TokenBucket {
    this.#rate ??= new AdaptiveRate(this.limits.workspacePerMinute, now);
    const perMs = this.#rate.perMinute(now) / 60_000;
    this.#workspace ??= new TokenBucket(this.limits.workspaceBurst, perMs, now);
    if (this.#workspace.perMs !== perMs) this.#workspace.setRate(perMs, now);
    return this.#workspace;
  }
}
