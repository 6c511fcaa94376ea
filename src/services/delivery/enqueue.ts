/** Storing messages in the outbox: the way every part of the app asks for a message to be sent. */
import { sql } from 'drizzle-orm';
import { type Db, prepared } from '../../../db/client.js';
import { type MessageAttachment, outbox } from '../../../db/schema.js';
import { unreachableAmong } from './unreachable.js';

export type { MessageAttachment };

export interface NewMessage {
  key: string;
  kind: string;
  label: string;
  /** A channel id, or a user id for a DM. */
  channel: string;
  text: string;
  blocks?: unknown[] | undefined;
  attachments?: MessageAttachment[] | undefined;
  eventId?: number | null | undefined;
  staleAt?: Date | null | undefined;
  /** Not sent before this instant: a DM waiting for its reader's own hour. */
  notBefore?: Date | null | undefined;
  /** A Slack user to tell, by DM, if this message cannot be delivered. */
  notifyOnFailure?: string | null | undefined;
  /** Posted in the thread of the message with this key, which must be queued first in the same channel. */
  threadKey?: string | null | undefined;
  /** Rewrites the message with this key (queued first in the same channel) instead of posting a new one. */
  replacesKey?: string | null | undefined;
}

/** Stores messages for sending; a key already stored is left as it is. Returns how many were new. */
export function enqueue(db: Db, messages: readonly NewMessage[]): number {
  let added = 0;
  // Nothing more is attempted for people Slack has refused for good: stored as skipped, with why.
  const gone = unreachableAmong(
    db,
    messages.map((m) => m.channel),
  );
  for (const m of messages) {
    const reason = gone.get(m.channel);
    const result = prepared(db, insertQuery).run({
      key: m.key,
      kind: m.kind,
      label: m.label,
      channel: m.channel,
      text: m.text,
      blocks: m.blocks ?? null,
      attachments: m.attachments?.length ? m.attachments : null,
      eventId: m.eventId ?? null,
      staleAt: m.staleAt ? m.staleAt.toISOString() : null,
      notBefore: m.notBefore ? m.notBefore.toISOString() : null,
      notifyOnFailure: m.notifyOnFailure ?? null,
      threadKey: m.threadKey ?? null,
      replacesKey: m.replacesKey ?? null,
      status: reason ? 'skipped' : 'pending',
      lastError: reason ? `unreachable: ${reason}` : null,
    });
    added += result.changes;
  }
  return added;
}

const COLUMNS = [
  'key',
  'kind',
  'label',
  'channel',
  'text',
  'blocks',
  'attachments',
  'eventId',
  'staleAt',
  'notBefore',
  'notifyOnFailure',
  'status',
  'lastError',
  'threadKey',
  'replacesKey',
] as const;

// Prepared once: a Monday stores thousands of digests, and building the insert cost more than running it.
const insertQuery = (db: Db) =>
  db
    .insert(outbox)
    .values(Object.fromEntries(COLUMNS.map((c) => [c, sql.placeholder(c)])) as unknown as typeof outbox.$inferInsert)
    .onConflictDoNothing({ target: outbox.key })
    .prepare();
