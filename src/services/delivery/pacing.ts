/**
 * How fast the outbox may send, in its clock's time: a token bucket per channel and one for the
 * workspace, whose rate it learns from Slack's 429s (AdaptiveRate). A channel's first 429 pauses
 * everyone for `Retry-After` and slows the pace (it is usually the workspace's budget); a channel
 * that goes on refusing waits alone, longer each time, and is given up on after
 * RATE_LIMITED_GIVE_UP_MS, so it never slows the others.
 */
import {
  AdaptiveRate,
  methodLimit,
  type PacingLimits,
  RATE_LIMITED_GIVE_UP_MS,
  type RetryPolicy,
  rateLimitedWaitMs,
  retryDelayMs,
  TokenBucket,
} from '../../domain/delivery.js';

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

  /** When any channel may send next: the workspace's budget and any pause Slack asked for. */
  workspaceReadyAt(now: number): number {
    return Math.max(this.#pausedUntil, now + this.#workspaceBucket(now).waitMs(now));
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

/** Waits `ms` in the pacer's clock: real time in the app, a moved ManualClock in tests. */
type Sleep = (ms: number) => Promise<void>;

export interface WebApiPacingOptions {
  now: () => number;
  sleep?: Sleep;
  /** Each call's deadline; waits for a turn do not count against it. */
  deadlineMs: number;
  /** Tries per call, counting the first, before a 429 or an HTTP 5xx is handed back to the caller. */
  attempts?: number;
  random?: () => number;
}

const WEB_API_RETRY: RetryPolicy = { maxAttempts: 5, baseMs: 1_000, capMs: 30_000 };

/**
 * Every Web API call except chat.postMessage (which the outbox paces itself, per channel) waits for
 * its method's turn, as Slack's tiers allow it, and is tried again on a 429 (after Retry-After,
 * and the whole method waits with it) or an HTTP 5xx (with backoff). One pacer per process, shared
 * by every client, since Slack counts per method per workspace: given to @slack/web-api as its
 * `fetch`, it covers every call, the three steps of a file upload included.
 */
export class WebApiPacing {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #pausedUntil = new Map<string, number>();
  readonly #now: () => number;
  readonly #sleep: Sleep;
  readonly #deadlineMs: number;
  readonly #attempts: number;
  readonly #random: () => number;

  constructor(options: WebApiPacingOptions) {
    this.#now = options.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#deadlineMs = options.deadlineMs;
    this.#attempts = options.attempts ?? WEB_API_RETRY.maxAttempts;
    this.#random = options.random ?? Math.random;
  }

  /** A `fetch` for WebClient: pacing and retries for Web API methods, a deadline for every request. */
  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const method = /\/api\/([\w.]+)$/.exec(new URL(url).pathname)?.[1];
    const attempt = () => fetch(input, { ...init, signal: AbortSignal.timeout(this.#deadlineMs) });
    if (!method || method === 'chat.postMessage') return attempt();
    for (let tried = 1; ; tried += 1) {
      await this.#turn(method);
      const response = await attempt();
      const last = tried >= this.#attempts;
      if (response.status === 429) {
        const retryAfterS = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
        if (!Number.isFinite(retryAfterS) || last) return response;
        this.#pause(method, retryAfterS * 1000);
      } else if (response.status >= 500 && !last) {
        await this.#sleep(retryDelayMs(tried, WEB_API_RETRY, this.#random));
      } else {
        return response;
      }
      await response.body?.cancel();
    }
  };

  /** Resolves when `method` may be called, and takes its turn. */
  async #turn(method: string): Promise<void> {
    for (;;) {
      const now = this.#now();
      const bucket = this.#bucket(method, now);
      const waitMs = Math.max((this.#pausedUntil.get(method) ?? 0) - now, bucket.waitMs(now));
      if (waitMs <= 0) {
        bucket.take(now);
        return;
      }
      await this.#sleep(waitMs);
    }
  }

  #pause(method: string, ms: number): void {
    this.#pausedUntil.set(method, Math.max(this.#pausedUntil.get(method) ?? 0, this.#now() + ms));
  }

  #bucket(method: string, now: number): TokenBucket {
    let bucket = this.#buckets.get(method);
    if (!bucket) {
      const { perMinute, burst } = methodLimit(method);
      bucket = new TokenBucket(burst, perMinute / 60_000, now);
      this.#buckets.set(method, bucket);
    }
    return bucket;
  }
}
