/**
 * One DM instead of several (issue 14, point 4): scheduled DMs to one person that fall due within
 * five minutes of each other go as one message, each part keeping its own blocks and buttons.
 *
 * Each part keeps its own outbox row and key (so nothing is stored twice, and delivery counts stay
 * per message); the rows are marked `combined` and carried by a new row holding them. A carrier
 * never changes once stored: a later part makes a new carrier holding the old one and the part, so a
 * sender that already holds the old row finds it no longer pending and leaves it, and the outcome
 * flows back down the chain to every part. Whatever cannot
 * be combined (too many blocks for one message) waits five minutes after its neighbour instead.
 */
import { and, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type Db, prepared } from '../../../db/client.js';
import { type OutboxRow, outbox } from '../../../db/schema.js';
import { enqueue, type NewMessage } from './enqueue.js';

const WINDOW_MS = 5 * 60_000;
/** Slack's limit on blocks in one message. */
const MAX_BLOCKS = 50;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Pending, never tried, scheduled DMs to `channel` that will go within the window around `at`: a
 * DM whose moment has passed goes now, so after downtime everything missed counts as due now.
 */
function neighbours(db: Db, channel: string, at: number, now: number): OutboxRow[] {
  return prepared(db, neighboursQuery).all({ channel, now: iso(now), from: iso(at - WINDOW_MS), to: iso(at + WINDOW_MS) });
}

// Prepared once: a Monday asks these for each of thousands of digests, and building the query cost more than running it.
const neighboursQuery = (db: Db) =>
  db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.channel, sql.placeholder('channel')),
        eq(outbox.status, 'pending'),
        eq(outbox.attempts, 0),
        isNull(outbox.sendingAt),
        isNull(outbox.lastError),
        sql`max(coalesce(${outbox.notBefore}, ${sql.placeholder('now')}), ${sql.placeholder('now')}) BETWEEN ${sql.placeholder('from')} AND ${sql.placeholder('to')}`,
      ),
    )
    .orderBy(outbox.notBefore, outbox.id)
    .prepare();

/** The last DM that reached (or is reaching) `channel` within the window before `at`. */
function lastSent(db: Db, channel: string, at: number): number | null {
  const row = prepared(db, lastSentQuery).get({ channel, from: iso(at - WINDOW_MS), to: iso(at) });
  const when = row?.sentAt ?? row?.sendingAt;
  return when ? Date.parse(when) : null;
}

const lastSentQuery = (db: Db) =>
  db
    .select({ sentAt: outbox.sentAt, sendingAt: outbox.sendingAt })
    .from(outbox)
    .where(
      and(
        eq(outbox.channel, sql.placeholder('channel')),
        inArray(outbox.status, ['sent', 'sending']),
        gte(outbox.updatedAt, sql.placeholder('from')),
        lte(outbox.updatedAt, sql.placeholder('to')),
      ),
    )
    .orderBy(desc(outbox.updatedAt))
    .prepare();

function blockIds(blocks: readonly unknown[] | null | undefined): string[] {
  return (blocks ?? []).flatMap((b) => {
    const id = (b as { block_id?: unknown }).block_id;
    return typeof id === 'string' ? [id] : [];
  });
}

/** Blocks a message takes when sent: its own, and an image block for each chart. */
function size(message: { blocks?: readonly unknown[] | null | undefined; attachments?: readonly unknown[] | null | undefined }): number {
  return (message.blocks?.length ?? 0) + (message.attachments?.length ?? 0);
}

/** One message can hold both: within Slack's block limit, and no block id twice (Slack refuses that, and buttons find their block by it). */
function fits(
  current: Pick<OutboxRow, 'blocks' | 'attachments'>,
  message: { blocks?: readonly unknown[] | null | undefined; attachments?: readonly unknown[] | null | undefined },
): boolean {
  if (size(current) + size(message) + 1 > MAX_BLOCKS) return false;
  const ids = new Set(blockIds(current.blocks));
  return !blockIds(message.blocks).some((id) => ids.has(id));
}

/**
 * Stores scheduled DMs (each with its `notBefore`), combining each with whatever else goes to the
 * same person within five minutes, or spacing it five minutes from what just reached them.
 */
export function enqueueDms(db: Db, messages: readonly NewMessage[], now: Date): void {
  const nowMs = now.getTime();
  for (const message of messages) {
    const nominal = message.notBefore ? message.notBefore.getTime() : nowMs;
    let at = Math.max(nominal, nowMs);
    const previous = lastSent(db, message.channel, at);
    const spaced = previous !== null && at - previous < WINDOW_MS;
    if (previous !== null && spaced) at = previous + WINDOW_MS;
    const waiting = neighbours(db, message.channel, at, nowMs);
    // Unless spaced, it keeps its own moment, so one a crash leaves unsent is held to working hours on restart.
    const own = { ...message, notBefore: new Date(spaced ? at : nominal) };
    if (waiting.length === 0) {
      enqueue(db, [own]);
      continue;
    }
    const current = waiting.find((row) => row.kind === 'combined') ?? waiting[0];
    if (!current || !fits(current, message)) {
      const last = waiting[waiting.length - 1];
      enqueue(db, [{ ...own, notBefore: new Date(Math.max(Date.parse(last?.notBefore ?? iso(at)), nowMs) + WINDOW_MS) }]);
      continue;
    }
    if (enqueue(db, [{ ...own, notBefore: null }]) === 0) continue;
    const stored = db.select().from(outbox).where(eq(outbox.key, message.key)).get();
    if (stored?.status !== 'pending') continue;
    combine(db, current, stored, Math.max(Math.min(Date.parse(current.notBefore ?? iso(at)), at), nowMs));
  }
}

/**
 * DMs to one person that missed their moments and now go at the same one (after downtime) travel
 * as one, like DMs due together; what one message cannot hold follows five minutes apart.
 */
export function combineMissed(db: Db, rows: readonly OutboxRow[], at: Date): void {
  let current = rows[0];
  let next = at.getTime();
  for (const row of rows.slice(1)) {
    if (current && fits(current, row)) {
      current = combine(db, current, row, at.getTime()) ?? current;
      continue;
    }
    next += WINDOW_MS;
    db.update(outbox)
      .set({ notBefore: iso(next) })
      .where(eq(outbox.id, row.id))
      .run();
  }
}

/** A part opening with the heading the part before it opened with joins that list under it, without a divider (survey reminders). */
function sharesHeading(previous: OutboxRow | undefined, part: OutboxRow): boolean {
  const opening = (row: OutboxRow | undefined) => row?.blocks?.[0] as { type?: string } | undefined;
  const mine = opening(part);
  return mine?.type === 'header' && JSON.stringify(mine) === JSON.stringify(opening(previous));
}

/**
 * A new carrier holding what waits (a message, or a carrier and so all it holds) and the new part;
 * both are retired to it. Carriers thus form a chain, and each row's blocks are its own parts once.
 */
function combine(db: Db, current: OutboxRow, part: OutboxRow, at: number): OutboxRow | undefined {
  const own = part.blocks ?? [{ type: 'section', text: { type: 'mrkdwn', text: part.text } }];
  const key = `combined:${current.key}+${part.key}`;
  enqueue(db, [
    {
      key,
      kind: 'combined',
      label: `${current.label}, ${part.label}`,
      channel: current.channel,
      text: `${current.text}\n${part.text}`,
      blocks: [
        ...(current.blocks ?? [{ type: 'section', text: { type: 'mrkdwn', text: current.text } }]),
        ...(sharesHeading(current, part) ? own.slice(1) : [{ type: 'divider' }, ...own]),
      ],
      attachments: [...(current.attachments ?? []), ...(part.attachments ?? [])],
      eventId: current.eventId,
      staleAt: null,
      notBefore: new Date(at),
    },
  ]);
  const stored = db.select().from(outbox).where(eq(outbox.key, key)).get();
  if (!stored) return undefined;
  db.update(outbox)
    .set({ status: 'combined', carriedBy: stored.id })
    .where(inArray(outbox.id, [current.id, part.id]))
    .run();
  return stored;
}

/** Parts take their carrier's outcome once it is sent or given up, so delivery counts stay per message. */
export function settleCombined(db: Db): void {
  const settle = db.$client.prepare(
    `UPDATE outbox AS part SET status = c.status, sent_at = c.sent_at, slack_channel = c.slack_channel, slack_ts = c.slack_ts, last_error = c.last_error
     FROM outbox AS c WHERE part.carried_by = c.id AND part.status = 'combined' AND c.status IN ('sent', 'failed', 'skipped')`,
  );
  // Down the chain: a retired carrier takes the outcome first, then what it carried.
  while (settle.run().changes > 0);
}
