/** The transport the outbox sends through: Slack, or a recorder for the simulation. */
import { ErrorCode } from '@slack/web-api';
import type { MessageAttachment } from '../../../db/schema.js';
import { isPermanentError } from '../../domain/delivery.js';

export const OUTBOX_METADATA_TYPE = 'sko_outbox';

export interface OutgoingMessage {
  key: string;
  channel: string;
  text: string;
  blocks: unknown[] | null;
  attachments?: MessageAttachment[] | null;
  /** What it is, whose SKO, and who hears of failures: a chart refused for good is reported like a failed message. */
  label?: string;
  eventId?: number | null;
  notifyOnFailure?: string | null;
  /** A reply in this message's thread. */
  threadTs?: string | null;
}

export interface Posted {
  channel: string;
  ts: string;
}

export interface OutboxTransport {
  /** Posts with `metadata: { event_type: 'sko_outbox', event_payload: { key } }`. */
  post(message: OutgoingMessage): Promise<Posted>;
  /** This app's message carrying `key` in `channel` (a user id means the DM), or in the thread `threadTs`, since `sinceMs`, if any. */
  findPosted(channel: string, key: string, sinceMs: number, threadTs?: string | null): Promise<Posted | null>;
  /** Rewrites one of this app's messages (chat.update): the same call twice gives the same message. */
  update(message: { channel: string; ts: string; text: string; blocks: unknown[] | null }): Promise<Posted>;
}

/** A failed Slack call, sorted by what to do about it. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly kind: 'rate-limited' | 'transient' | 'permanent',
    readonly code: string,
    options: { retryAfterMs?: number; answered?: boolean } = {},
  ) {
    super(code);
    this.retryAfterMs = options.retryAfterMs ?? 0;
    this.answered = options.answered ?? true;
  }
  readonly retryAfterMs: number;
  /** False when no answer came back (network error, timeout): the message may have arrived. */
  readonly answered: boolean;
}

/**
 * Slack's own failures that can come after it stored the message (seen: 10 of 10 HTTP 500s had
 * posted): like no answer at all, they make the next try look in the channel first.
 */
const AMBIGUOUS = new Set(['internal_error', 'fatal_error', 'request_timeout', 'service_unavailable']);

/** @slack/web-api's errors, sorted into wait / retry / give up; a timeout (the call's deadline) is no answer. */
export function toDeliveryError(error: unknown): DeliveryError {
  const e = error as { code?: string; data?: { error?: string; errors?: unknown }; retryAfter?: number; statusCode?: number };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError('rate-limited', 'ratelimited', { retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 });
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      // Slack finishes an upload after answering it: a chart referenced too soon is "invalid" for a moment.
      if (code === 'invalid_blocks' && JSON.stringify(e.data?.errors ?? []).includes('slack_file')) return new DeliveryError('transient', 'chart_not_ready');
      return new DeliveryError(isPermanentError(code) ? 'permanent' : 'transient', code, { answered: !AMBIGUOUS.has(code) });
    }
    case ErrorCode.HTTPError:
      return new DeliveryError('transient', `http_${e.statusCode ?? 'error'}`, { answered: (e.statusCode ?? 500) < 500 });
    default:
      return new DeliveryError('transient', 'network_error', { answered: false });
  }
}
