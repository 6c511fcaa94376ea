import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../clock.js';
import type { ChartFiles } from './charts/files.js';
import type { MessageAttachment } from './enqueue.js';
import { DeliveryError, OUTBOX_METADATA_TYPE, type OutboxTransport, type OutgoingMessage, type Posted, toDeliveryError } from './outbox-transport.js';

/** How far back the crash check reads a channel: a few pages cover any busy DM or event channel. */
const HISTORY_PAGES = 10;

/**
 * The outbox's way to Slack. The client must reject rate-limited calls and not retry by itself
 * (`rejectRateLimitedCalls: true`, `retryConfig: { retries: 0 }`): the outbox owns pacing and retries.
 */
export function slackTransport(client: WebClient, charts: ChartFiles): OutboxTransport {
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
        // Charts first: one Slack cannot take now fails the message before it is posted, so it is retried whole.
        const blocks = [...(message.blocks ?? []), ...(message.attachments?.length ? await charts.imageBlocks(message) : [])];
        const res = await client.chat.postMessage({
          channel: message.channel,
          text: message.text,
          ...(blocks.length ? { blocks: blocks as KnownBlock[] } : {}),
          metadata: { event_type: OUTBOX_METADATA_TYPE, event_payload: { key: message.key } },
          ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
        if (/^[UW]/.test(message.channel) && res.channel) dmChannels.set(message.channel, res.channel);
        return { channel: res.channel ?? message.channel, ts: res.ts ?? '' };
      } catch (error) {
        throw error instanceof DeliveryError ? error : toDeliveryError(error);
      }
    },
    async findPosted(channel, key, sinceMs, threadTs) {
      try {
        const id = await channelOf(channel);
        let cursor: string | undefined;
        for (let page = 0; page < HISTORY_PAGES; page += 1) {
          const args = { channel: id, oldest: (Math.max(0, sinceMs) / 1000).toFixed(6), include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
          // A reply is not in the channel's history, only in its thread's.
          const res = threadTs ? await client.conversations.replies({ ...args, ts: threadTs }) : await client.conversations.history(args);
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
    async update(message) {
      try {
        const res = await client.chat.update({
          channel: message.channel,
          ts: message.ts,
          text: message.text,
          ...(message.blocks?.length ? { blocks: message.blocks as KnownBlock[] } : {}),
        });
        return { channel: res.channel ?? message.channel, ts: res.ts ?? message.ts };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
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

  async update(message: { channel: string; ts: string; text: string; blocks: unknown[] | null }): Promise<Posted> {
    const found = this.sent.find((m) => m.ts === message.ts);
    if (found) Object.assign(found, { text: message.text, blocks: message.blocks });
    return { channel: message.channel, ts: message.ts };
  }
}
