/** The transport the outbox sends through: Slack, or a recorder for the simulation. */
import type { MessageAttachment } from '../../../db/schema.js';

export const OUTBOX_METADATA_TYPE = 'sko_outbox';

export interface OutgoingMessage {
  key: string;
  channel: string;
  text: string;
  blocks: unknown[] | null;
  attachments?: MessageAttachment[] | null;
}

export interface Posted {
  channel: string;
  ts: string;
}

export interface OutboxTransport {
  /** Posts with `metadata: { event_type: 'sko_outbox', event_payload: { key } }`. */
  post(message: OutgoingMessage): Promise<Posted>;
  /** This app's message carrying `key` in `channel` (a user id means the DM) since `sinceMs`, if any. */
  findPosted(channel: string, key: string, sinceMs: number): Promise<Posted | null>;
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
