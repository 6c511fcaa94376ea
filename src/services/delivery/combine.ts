/**
 * One DM instead of several (issue 14, point 4): scheduled DMs to one person that fall due within
 * five minutes of each other go as one message, each part keeping its own blocks and buttons.
 *
 * Each part keeps its own outbox row and key (so nothing is stored twice, and delivery counts stay
 * per message); the rows are marked `combined` and carried by one new row holding every part. A
 * carrier never changes once stored: a later part makes a new carrier and retires the old one, so a
 * sender that already holds the old row finds it no longer pending and leaves it. Whatever cannot
 * be combined (too many blocks for one message) waits five minutes after its neighbour instead.
 */
import { and, between, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type Db, prepared } from '../../../db/client.js';
import { type OutboxRow, outbox } from '../../../db/schema.js';
import { enqueue, type NewMessage } from './enqueue.js';

const WINDOW_MS = 5 * 60_000;
/** Slack's limit on blocks in one message. */
const MAX_BLOCKS = 50;

const iso = (ms: number) => new Date(ms).toISOString();

/** Pending, never tried, scheduled DMs to `channel` due within the window around `at`. */
function neighbours(db: Db, channel: string, at: number): OutboxRow[] {
  return prepared(db, neighboursQuery).all({ channel, from: iso(at - WINDOW_MS), to: iso(at + WINDOW_MS) });
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
        between(outbox.notBefore, sql.placeholder('from'), sql.placeholder('to')),
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

/** One message can hold both: within Slack's block limit, and no block id twice (Slack refuses that, and buttons find their block by it). */
function fits(current: Pick<OutboxRow, 'blocks'>, message: NewMessage): boolean {
  if ((current.blocks?.length ?? 0) + (message.blocks?.length ?? 0) + 1 > MAX_BLOCKS) return false;
  const ids = new Set(blockIds(current.blocks));
  return !blockIds(message.blocks).some((id) => ids.has(id));
}

/**
 * Stores scheduled DMs (each with its `notBefore`), combining each with whatever else waits for the
 * same person within five minutes, or spacing it five minutes from what just reached them.
 */
export function enqueueDms(db: Db, messages: readonly NewMessage[]): void {
  for (const message of messages) {
    let at = message.notBefore ? message.notBefore.getTime() : 0;
    const previous = lastSent(db, message.channel, at);
    if (previous !== null && at - previous < WINDOW_MS) at = previous + WINDOW_MS;
    const waiting = neighbours(db, message.channel, at);
    const own = { ...message, notBefore: new Date(at) };
    if (waiting.length === 0) {
      enqueue(db, [own]);
      continue;
    }
    const carrier = waiting.find((row) => row.kind === 'combined');
    const parts = carrier ? db.select().from(outbox).where(eq(outbox.carriedBy, carrier.id)).all() : [];
    const current = carrier ?? waiting[0];
    if (!current || !fits(current, message)) {
      const last = waiting[waiting.length - 1];
      enqueue(db, [{ ...own, notBefore: new Date(Date.parse(last?.notBefore ?? iso(at)) + WINDOW_MS) }]);
      continue;
    }
    if (enqueue(db, [{ ...own, notBefore: null }]) === 0) continue;
    const stored = db.select().from(outbox).where(eq(outbox.key, message.key)).get();
    if (stored?.status !== 'pending') continue;
    const all = [...(carrier ? parts : [current]), stored];
    combine(db, all, carrier ?? null, Math.min(Date.parse(current.notBefore ?? iso(at)), at));
  }
}

function combine(db: Db, parts: OutboxRow[], oldCarrier: OutboxRow | null, at: number): void {
  const first = parts[0] as OutboxRow;
  const blocks = parts.flatMap((part, i) => [
    ...(i > 0 ? [{ type: 'divider' }] : []),
    ...(part.blocks ?? [{ type: 'section', text: { type: 'mrkdwn', text: part.text } }]),
  ]);
  const attachments = parts.flatMap((part) => part.attachments ?? []);
  const key = `combined:${first.key}+${parts.length - 1}`;
  enqueue(db, [
    {
      key,
      kind: 'combined',
      label: parts.map((p) => p.label).join(', '),
      channel: first.channel,
      text: parts.map((p) => p.text).join('\n'),
      blocks,
      attachments,
      eventId: first.eventId,
      staleAt: null,
      notBefore: new Date(at),
    },
  ]);
  const stored = db.select({ id: outbox.id }).from(outbox).where(eq(outbox.key, key)).get();
  if (!stored) return;
  const ids = parts.map((p) => p.id);
  if (oldCarrier) ids.push(oldCarrier.id);
  db.update(outbox).set({ status: 'combined', carriedBy: stored.id }).where(inArray(outbox.id, ids)).run();
}

/** Parts take their carrier's outcome once it is sent or given up, so delivery counts stay per message. */
export function settleCombined(db: Db): void {
  db.$client
    .prepare(
      `UPDATE outbox AS part SET status = c.status, sent_at = c.sent_at, slack_channel = c.slack_channel, slack_ts = c.slack_ts, last_error = c.last_error
       FROM outbox AS c WHERE part.carried_by = c.id AND part.status = 'combined' AND c.kind = 'combined' AND c.status IN ('sent', 'failed', 'skipped')`,
    )
    .run();
}
