import type { KnownBlock } from '@slack/types';
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Clock } from '../../clock.js';
import { isPermanentError } from '../../domain/delivery.js';
import type { Logger } from '../../logger.js';
import { renderChartPng } from './chart-images.js';
import type { MessageAttachment } from './enqueue.js';
import { DeliveryError, OUTBOX_METADATA_TYPE, type OutboxTransport, type OutgoingMessage, type Posted } from './outbox-transport.js';

/** How far back the crash check reads a channel: a few pages cover any busy DM or event channel. */
const HISTORY_PAGES = 10;

/**
 * The outbox's way to Slack. The client must reject rate-limited calls and not retry by itself
 * (`rejectRateLimitedCalls: true`, `retryConfig: { retries: 0 }`): the outbox owns pacing and retries.
 */
export function slackTransport(client: WebClient, logger: Logger): OutboxTransport {
  const dmChannels = new Map<string, string>();
  const channelOf = async (channel: string): Promise<string> => {
    if (!/^[UW][A-Z0-9]+$/.test(channel)) return channel;
    let id = dmChannels.get(channel);
    if (!id) {
      const opened = await client.conversations.open({ users: channel });
      id = opened.channel?.id ?? channel;
      dmChannels.set(channel, id);
    }
    return id;
  };
  return {
    async post(message) {
      try {
        const res = await client.chat.postMessage({
          channel: message.channel,
          text: message.text,
          ...(message.blocks ? { blocks: message.blocks as KnownBlock[] } : {}),
          metadata: { event_type: OUTBOX_METADATA_TYPE, event_payload: { key: message.key } },
          unfurl_links: false,
          unfurl_media: false,
        });
        if (/^[UW]/.test(message.channel) && res.channel) dmChannels.set(message.channel, res.channel);
        if (message.attachments?.length && res.channel) await uploadCharts(client, logger, res.channel, res.ts, message.key, message.attachments);
        return { channel: res.channel ?? message.channel, ts: res.ts ?? '' };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async findPosted(channel, key, sinceMs) {
      try {
        const id = await channelOf(channel);
        let cursor: string | undefined;
        for (let page = 0; page < HISTORY_PAGES; page += 1) {
          const res = await client.conversations.history({
            channel: id,
            oldest: (Math.max(0, sinceMs) / 1000).toFixed(6),
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
          const found = res.messages?.find(
            (m) => m.metadata?.event_type === OUTBOX_METADATA_TYPE && (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
          );
          if (found?.ts) return { channel: id, ts: found.ts };
          cursor = res.response_metadata?.next_cursor || undefined;
          if (!cursor) break;
        }
        return null;
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}

/**
 * The chart goes in the message's thread, right under it. The message itself has arrived, so a
 * failed upload is logged rather than retried: retrying would post the message a second time.
 */
async function uploadCharts(
  client: WebClient,
  logger: Logger,
  channel: string,
  ts: string | undefined,
  key: string,
  attachments: MessageAttachment[],
): Promise<void> {
  try {
    const file_uploads = await Promise.all(
      attachments.map(async (a) => ({ file: await renderChartPng(a.chart), filename: a.filename, title: a.title, alt_text: a.title })),
    );
    await client.files.uploadV2({ channel_id: channel, ...(ts ? { thread_ts: ts } : {}), file_uploads });
  } catch (error) {
    logger.warn(`outbox: ${key} was sent, but its chart could not be uploaded:`, error);
  }
}

/**
 * Slack's own failures that can come after it stored the message (seen: 10 of 10 HTTP 500s had
 * posted): like no answer at all, they make the next try look in the channel first.
 */
const AMBIGUOUS = new Set(['internal_error', 'fatal_error', 'request_timeout', 'service_unavailable']);

/** @slack/web-api's errors, sorted into wait / retry / give up; a timeout (the call's deadline) is no answer. */
function toDeliveryError(error: unknown): DeliveryError {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError('rate-limited', 'ratelimited', { retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 });
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return new DeliveryError(isPermanentError(code) ? 'permanent' : 'transient', code, { answered: !AMBIGUOUS.has(code) });
    }
    case ErrorCode.HTTPError:
      return new DeliveryError('transient', `http_${e.statusCode ?? 'error'}`, { answered: (e.statusCode ?? 500) < 500 });
    default:
      return new DeliveryError('transient', 'network_error', { answered: false });
  }
}

export interface RecordedMessage {
  at: Date;
  key: string;
  channel: string;
  text: string;
  blocks: unknown[] | null;
  attachments?: MessageAttachment[] | null | undefined;
  ts: string;
}

/** Records instead of calling Slack: what the simulation prints, through the same outbox. */
export class RecordingTransport implements OutboxTransport {
  readonly sent: RecordedMessage[] = [];

  constructor(private readonly clock: Clock) {}

  async post(message: OutgoingMessage): Promise<Posted> {
    const at = this.clock.now();
    const ts = `${Math.floor(at.getTime() / 1000)}.${String(this.sent.length).padStart(6, '0')}`;
    this.sent.push({ at, ...message, ts });
    return { channel: message.channel, ts };
  }

  async findPosted(_channel: string, key: string): Promise<Posted | null> {
    const found = this.sent.find((m) => m.key === key);
    return found ? { channel: found.channel, ts: found.ts } : null;
  }
}
