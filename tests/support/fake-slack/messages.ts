/** Channels, DMs and the messages in them: chat.*, conversations.history and conversations.open. */
import { checkBlocks, LIMITS } from '../block-kit-limits.js';
import type { ApiArgs, ApiResponse, StoredEphemeral, StoredMessage, Workspace } from './types.js';
import { bool, fail, isObject, microsToTs, ok, randomId, str, tsToMicros } from './wire.js';

/** Validates text/blocks of a message-like payload; returns an error response or undefined. */
export function checkMessageContent(args: ApiArgs, maxText: number): ApiResponse | undefined {
  const text = str(args.text);
  const hasBlocks = args.blocks !== undefined && args.blocks !== '';
  const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
  if ((text === undefined || text === '') && !hasBlocks && !hasAttachments) return fail('no_text');
  if (text !== undefined && text.length > maxText) return fail('msg_too_long');
  if (hasBlocks) {
    if (typeof args.blocks === 'string') return fail('invalid_blocks_format');
    const errors = checkBlocks(args.blocks, '/blocks', LIMITS.messageBlocks);
    if (errors.length > 0) {
      return fail('invalid_blocks', {
        errors,
        response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
      });
    }
  }
  return undefined;
}

export class Messages {
  #messages: StoredMessage[] = [];
  #ephemerals: StoredEphemeral[] = [];
  #dmChannels = new Map<string, string>(); // user id -> D...
  #groupDms = new Map<string, string>(); // sorted user ids -> G...
  #lastTsMicros = 0;

  constructor(readonly workspace: Workspace) {}

  /** Forgets messages and ephemerals; keeps channel ids, so a DM stays the same channel. */
  reset(): void {
    this.#messages = [];
    this.#ephemerals = [];
  }

  all(): StoredMessage[] {
    return [...this.#messages];
  }

  in(channel: string): StoredMessage[] {
    const id = this.resolveChannel(channel);
    return this.#messages.filter((m) => m.channel === id);
  }

  ephemerals(user?: string): StoredEphemeral[] {
    return this.#ephemerals.filter((e) => user === undefined || e.user === user);
  }

  dmChannelOf(userId: string): string {
    let id = this.#dmChannels.get(userId);
    if (!id) {
      id = `D${userId.replace(/^[UW]/, '')}`;
      this.#dmChannels.set(userId, id);
    }
    return id;
  }

  /** A user id means that user's DM with the bot. */
  resolveChannel(channel: string): string {
    return /^[UW][A-Z0-9]+$/.test(channel) ? this.dmChannelOf(channel) : channel;
  }

  nextTs(): string {
    const micros = Math.max(this.workspace.now() * 1000, this.#lastTsMicros + 100);
    this.#lastTsMicros = micros;
    return microsToTs(micros);
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    const id = this.resolveChannel(channel);
    return this.#messages.find((m) => m.channel === id && m.ts === ts);
  }

  remove(message: StoredMessage): void {
    this.#messages = this.#messages.filter((m) => m !== message);
  }

  /** Stores a bot message built from message arguments (text, blocks, attachments, metadata, thread_ts). */
  post(channel: string, args: ApiArgs): StoredMessage {
    const { botUserId, botId, appId, teamId } = this.workspace;
    const m: StoredMessage = { type: 'message', channel, ts: this.nextTs(), user: botUserId, bot_id: botId, app_id: appId, team: teamId };
    const text = str(args.text);
    if (text !== undefined) m.text = text;
    if (Array.isArray(args.blocks)) m.blocks = args.blocks;
    if (Array.isArray(args.attachments)) m.attachments = args.attachments;
    const metadata = metadataOf(args);
    if (metadata) m.metadata = metadata;
    const threadTs = str(args.thread_ts);
    if (threadTs) m.thread_ts = threadTs;
    this.#messages.push(m);
    return m;
  }

  /** Stores an ephemeral message shown to `user` only. */
  postEphemeralTo(channel: string, user: string, args: ApiArgs): StoredEphemeral {
    const e: StoredEphemeral = { channel, user, message_ts: this.nextTs() };
    const text = str(args.text);
    if (text !== undefined) e.text = text;
    if (Array.isArray(args.blocks)) e.blocks = args.blocks;
    this.#ephemerals.push(e);
    return e;
  }

  markEdited(message: StoredMessage): void {
    message.edited = { user: this.workspace.botUserId, ts: this.nextTs() };
  }

  chatPostMessage(args: ApiArgs): ApiResponse {
    const channelArg = str(args.channel);
    if (!channelArg) return fail('channel_not_found');
    const invalid = checkMessageContent(args, LIMITS.postMessageText);
    if (invalid) return invalid;
    const channel = this.resolveChannel(channelArg);
    const message = this.post(channel, args);
    return ok({ channel, ts: message.ts, message: publicMessage(message) });
  }

  chatPostEphemeral(args: ApiArgs): ApiResponse {
    const channelArg = str(args.channel);
    const user = str(args.user);
    if (!channelArg) return fail('channel_not_found');
    if (!user) return fail('user_not_in_channel');
    const invalid = checkMessageContent(args, LIMITS.postMessageText);
    if (invalid) return invalid;
    const e = this.postEphemeralTo(this.resolveChannel(channelArg), user, args);
    return ok({ message_ts: e.message_ts });
  }

  chatUpdate(args: ApiArgs): ApiResponse {
    const channelArg = str(args.channel);
    const ts = str(args.ts);
    if (!channelArg) return fail('channel_not_found');
    if (!ts) return fail('message_not_found');
    const existing = this.find(channelArg, ts);
    if (!existing) return fail('message_not_found');
    const invalid = checkMessageContent(args, LIMITS.updateText);
    if (invalid) return invalid;
    const text = str(args.text);
    if (text !== undefined) existing.text = text;
    if (Array.isArray(args.blocks)) existing.blocks = args.blocks;
    if (Array.isArray(args.attachments)) existing.attachments = args.attachments;
    const metadata = metadataOf(args);
    if (metadata) existing.metadata = metadata;
    this.markEdited(existing);
    return ok({
      channel: existing.channel,
      ts: existing.ts,
      text: existing.text ?? '',
      message: publicMessage(existing),
    });
  }

  /** A thread: its parent and replies, oldest first (one page: the app's threads are short). */
  conversationsReplies(args: ApiArgs): ApiResponse {
    const channelArg = str(args.channel);
    const ts = str(args.ts);
    if (!channelArg) return fail('channel_not_found');
    if (!ts || !this.find(channelArg, ts)) return fail('thread_not_found');
    const oldest = str(args.oldest);
    const withMetadata = bool(args.include_all_metadata);
    const thread = this.in(channelArg).filter((m) => (m.ts === ts || m.thread_ts === ts) && (oldest === undefined || tsToMicros(m.ts) > tsToMicros(oldest)));
    return ok({ messages: thread.map((m) => publicMessage(m, withMetadata)), has_more: false, response_metadata: { next_cursor: '' } });
  }

  conversationsHistory(args: ApiArgs): ApiResponse {
    const channelArg = str(args.channel);
    if (!channelArg) return fail('channel_not_found');
    const inclusive = bool(args.inclusive);
    const cursor = str(args.cursor);
    let latest = str(args.latest);
    let latestInclusive = inclusive;
    if (cursor) {
      const decoded = Buffer.from(cursor, 'base64').toString('utf8');
      if (!decoded.startsWith('next_ts:')) return fail('invalid_cursor');
      latest = decoded.slice('next_ts:'.length);
      latestInclusive = false;
    }
    const oldest = str(args.oldest);
    const limit = Math.max(1, Math.min(999, Number(str(args.limit) ?? 100) || 100));
    const withMetadata = bool(args.include_all_metadata);

    const candidates = this.in(channelArg)
      .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts)
      .filter((m) => {
        const t = tsToMicros(m.ts);
        if (oldest !== undefined) {
          const o = tsToMicros(oldest);
          if (inclusive ? t < o : t <= o) return false;
        }
        if (latest !== undefined) {
          const l = tsToMicros(latest);
          if (latestInclusive ? t > l : t >= l) return false;
        }
        return true;
      })
      .reverse();
    const page = candidates.slice(0, limit);
    const hasMore = candidates.length > page.length;
    const last = page[page.length - 1];
    return ok({
      messages: page.map((m) => publicMessage(m, withMetadata)),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: {
        next_cursor: hasMore && last ? Buffer.from(`next_ts:${last.ts}`).toString('base64') : '',
      },
    });
  }

  conversationsOpen(args: ApiArgs): ApiResponse {
    const channel = str(args.channel);
    if (channel) return ok({ channel: { id: channel } });
    const usersArg = args.users;
    const users = (Array.isArray(usersArg) ? usersArg.map(String) : (str(usersArg) ?? '').split(',')).map((u) => u.trim()).filter(Boolean);
    if (users.length === 0) return fail('users_list_not_supplied');
    if (users.length > 8) return fail('too_many_users');
    if (users.length === 1) return ok({ channel: { id: this.dmChannelOf(users[0]!) } });
    const key = [...users].sort().join(',');
    let id = this.#groupDms.get(key);
    if (!id) {
      id = randomId('G');
      this.#groupDms.set(key, id);
    }
    return ok({ channel: { id } });
  }
}

function metadataOf(args: ApiArgs): StoredMessage['metadata'] {
  if (!isObject(args.metadata) || typeof args.metadata.event_type !== 'string') return undefined;
  return {
    event_type: args.metadata.event_type,
    event_payload: isObject(args.metadata.event_payload) ? args.metadata.event_payload : {},
  };
}

function publicMessage(m: StoredMessage, includeMetadata = true): Record<string, unknown> {
  const { channel: _channel, metadata, ...rest } = m;
  return includeMetadata && metadata ? { ...rest, metadata } : rest;
}
