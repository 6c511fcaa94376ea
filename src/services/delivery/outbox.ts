/**
 * The outbox: the one way a message leaves the app. Each message is a row with an idempotency key
 * (unique), so enqueueing it twice stores it once and it is delivered at most once. The sender
 * paces chat.postMessage to Slack's limits, waits out 429s, retries Slack's own failures with
 * backoff, and records refusals once.
 *
 * Crash safety: a row is marked `sending` (with `sending_at`) before the call and `sent` after it.
 * A row that was being sent when the process died, or whose call got no answer, may have reached
 * Slack; before sending it again the sender looks for it in the channel's history, where every
 * message carries its key in its metadata; an answer that leaves it open (HTTP 5xx, `internal_error`)
 * is treated the same way. One sender per database at a time, by a lease in the database.
 * Pacing, and what a 429 does to it, is in pacing.ts.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { type Db, prepared } from '../../../db/client.js';
import { type OutboxRow, outbox } from '../../../db/schema.js';
import type { Clock } from '../../clock.js';
import { DEFAULT_RETRY, type PacingLimits, type RetryPolicy, retryDelayMs, SLACK_POST_LIMITS } from '../../domain/delivery.js';
import type { Logger } from '../../logger.js';
import { enqueueFailureNotice } from './failure-notice.js';
import { Lease } from './lease.js';
import { DeliveryError, type OutboxTransport, type Posted } from './outbox-transport.js';
import { Pacing } from './pacing.js';
import { markIfGone } from './unreachable.js';

export interface OutboxOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  transport: OutboxTransport;
  /** Waits; the simulator and tests pass one that moves a ManualClock instead. */
  sleep?: (ms: number) => Promise<void>;
  limits?: PacingLimits;
  retry?: RetryPolicy;
  random?: () => number;
  /** Calls in flight at once, never two in the same channel (which keeps each channel in order). */
  concurrency?: number;
  /** drain() waits for work that becomes sendable within this long, then returns to the next tick. */
  waitHorizonMs?: number;
  /** The longest a Slack call can take (the client's deadline): no call starts on a lease about to lapse. */
  callDeadlineMs?: number;
  /** How long the sending lease lasts unrenewed: how soon another process takes over from a dead one. */
  leaseMs?: number;
}

export interface DrainReport {
  sent: number;
  failed: number;
  skipped: number;
}

const BATCH = 500;

// Prepared once: every tick looks for pending rows, and building the query costs more than running it.
const pendingQuery = (db: Db) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), gt(outbox.id, sql.placeholder('after'))))
    .orderBy(asc(outbox.id))
    .limit(BATCH)
    .prepare();
const targetQuery = (db: Db) =>
  db
    .select({ status: outbox.status, slackChannel: outbox.slackChannel, slackTs: outbox.slackTs })
    .from(outbox)
    .where(eq(outbox.key, sql.placeholder('key')))
    .prepare();
const laterEditQuery = (db: Db) =>
  db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.replacesKey, sql.placeholder('replacesKey')), eq(outbox.status, 'pending'), gt(outbox.id, sql.placeholder('id'))))
    .limit(1)
    .prepare();
const HISTORY_MARGIN_MS = 5 * 60_000;
export const SLACK_CALL_DEADLINE_MS = 10_000;
const LEASE_MS = 30_000;

/** A channel's next message: one waiting for its reader's own hour (never tried yet) does not hold up those behind it. */
function headOf(queue: readonly OutboxRow[], now: number): OutboxRow | undefined {
  const waiting = (r: OutboxRow) => r.attempts === 0 && r.lastError === null && r.notBefore !== null && Date.parse(r.notBefore) > now;
  return queue.find((r) => !waiting(r)) ?? queue[0];
}

export class Outbox {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #transport: OutboxTransport;
  readonly #sleep: ((ms: number) => Promise<void>) | undefined;
  readonly #pacing: Pacing;
  readonly #retry: RetryPolicy;
  readonly #random: () => number;
  readonly #concurrency: number;
  readonly #horizonMs: number;
  readonly #deadlineMs: number;
  readonly #lease: Lease;

  #running: Promise<DrainReport> | null = null;
  #again = false;
  #stopping = false;
  readonly #wakers = new Set<() => void>();

  /** Pending rows in memory, by channel, oldest first; refilled from the database when new ones may exist. */
  #queues = new Map<string, OutboxRow[]>();
  #loadedUpTo = 0;
  #moreInDb = true;

  constructor(options: OutboxOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#transport = options.transport;
    this.#sleep = options.sleep;
    this.#pacing = new Pacing(options.limits ?? SLACK_POST_LIMITS);
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#random = options.random ?? Math.random;
    this.#concurrency = options.concurrency ?? 4;
    this.#horizonMs = options.waitHorizonMs ?? 60_000;
    this.#deadlineMs = options.callDeadlineMs ?? SLACK_CALL_DEADLINE_MS;
    this.#lease = new Lease(this.#db, 'outbox', options.leaseMs ?? LEASE_MS);
  }

  /** Sends what can be sent; one drain at a time (a call during a drain joins it, and it looks again). */
  drain(): Promise<DrainReport> {
    if (this.#stopping) return Promise.resolve({ sent: 0, failed: 0, skipped: 0 });
    if (this.#running) {
      this.#again = true;
      this.#moreInDb = true;
      this.#wakeAll();
      return this.#running;
    }
    this.#running = this.#drainLoop().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Starts a drain in the background, for messages that should not wait for the next tick. */
  kick(): void {
    this.drain().catch((error: unknown) => this.#logger.error('outbox drain failed:', error));
  }

  /** Resolves once no drain is running. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined);
  }

  /** Lets calls in flight finish and starts no new ones. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wakeAll();
    await this.idle();
    this.#lease.release();
  }

  async #drainLoop(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, failed: 0, skipped: 0 };
    const lease = this.#lease.acquire(this.#nowMs());
    if (lease === 'busy') {
      this.#logger.debug('outbox: another process is sending; this one waits for its lease to end');
      return report;
    }
    // Newly ours: whatever is `sending` was left by a process that stopped holding the lease.
    if (lease === 'taken') this.#recoverInterrupted();
    do {
      this.#again = false;
      this.#moreInDb = true;
      await this.#sendAvailable(report);
    } while (this.#again && !this.#stopping);
    return report;
  }

  /** Rows left `sending` by a process that died go back to pending; `sending_at` makes the next try check first. */
  #recoverInterrupted(): void {
    const now = this.#iso(this.#nowMs());
    const { changes } = this.#db.update(outbox).set({ status: 'pending', updatedAt: now }).where(eq(outbox.status, 'sending')).run();
    if (changes) this.#logger.warn(`outbox: ${changes} message(s) were being sent when the app stopped; checking Slack before sending them again`);
    this.#queues.clear();
    this.#loadedUpTo = 0;
  }

  async #sendAvailable(report: DrainReport): Promise<void> {
    const inFlight = new Map<string, Promise<void>>();
    for (;;) {
      if (this.#stopping || !this.#lease.keep(this.#nowMs(), this.#deadlineMs)) break;
      this.#load();
      const now = this.#nowMs();
      let started = false;
      let nextAt = Number.POSITIVE_INFINITY;
      for (const [channel, queue] of this.#queues) {
        if (inFlight.size >= this.#concurrency) break;
        // With the workspace's budget spent no channel may send: reading every other queue (50,000 on a
        // day ten SKOs write to everyone) would only find that out again, once per message sent.
        const workspaceAt = this.#pacing.workspaceReadyAt(now);
        if (workspaceAt > now) {
          nextAt = Math.min(nextAt, workspaceAt);
          break;
        }
        if (inFlight.has(channel)) continue;
        const row = headOf(queue, now);
        if (!row) continue;
        if (row.staleAt && row.staleAt <= this.#iso(now)) {
          this.#finish(row, { status: 'skipped', lastError: 'stale' });
          report.skipped += 1;
          continue;
        }
        // An edit a later edit of the same message will overwrite would only spend the channel's pace: a question upvoted fifty times is rewritten once.
        if (row.replacesKey && prepared(this.#db, laterEditQuery).get({ replacesKey: row.replacesKey, id: row.id })) {
          this.#finish(row, { status: 'skipped', lastError: 'superseded by a later edit' });
          report.skipped += 1;
          continue;
        }
        const readyAt = Math.max(row.notBefore ? Date.parse(row.notBefore) : 0, this.#pacing.readyAt(channel, now));
        if (readyAt > now) {
          nextAt = Math.min(nextAt, readyAt);
          continue;
        }
        this.#pacing.take(channel, now);
        inFlight.set(
          channel,
          this.#deliver(row, report).finally(() => inFlight.delete(channel)),
        );
        started = true;
      }
      if (started) continue;
      // Waking within a third of the lease renews it before it can lapse.
      const waitMs = Math.min(nextAt - now, this.#lease.ttlMs / 3);
      if (inFlight.size > 0) {
        // A call that hangs until its deadline must not hold back channels whose turn comes first.
        // (A simulated sleep moves the clock at once, so in simulated time the calls go first.)
        await Promise.race([...inFlight.values(), ...(Number.isFinite(nextAt) && !this.#sleep ? [this.#wait(waitMs)] : [])]);
        this.#wakeAll();
        continue;
      }
      if (!Number.isFinite(nextAt) || nextAt - now > this.#horizonMs) break;
      await this.#wait(waitMs);
    }
    await Promise.all(inFlight.values());
  }

  /** Tops up the in-memory queues when new rows may have been stored. */
  #load(): void {
    if (!this.#moreInDb) return;
    const rows = prepared(this.#db, pendingQuery).all({ after: this.#loadedUpTo });
    for (const row of rows) {
      const queue = this.#queues.get(row.channel);
      if (queue) queue.push(row);
      else this.#queues.set(row.channel, [row]);
      this.#loadedUpTo = row.id;
    }
    this.#moreInDb = rows.length === BATCH;
  }

  async #deliver(row: OutboxRow, report: DrainReport): Promise<void> {
    // Until the check, a failure is one of this message's own (its thread or the message it edits is not there).
    let phase: 'check' | 'post' = 'post';
    try {
      const target = this.#targetOf(row);
      phase = 'check';
      // Rewriting a message twice leaves it as once: only a new post needs looking for.
      if (row.sendingAt && !row.replacesKey) {
        const found = await this.#transport.findPosted(row.channel, row.key, Date.parse(row.sendingAt) - HISTORY_MARGIN_MS, target?.ts);
        if (found) {
          this.#logger.info(`outbox: ${row.key} had reached Slack before the interruption; not sending it again`);
          this.#markSent(row, found);
          report.sent += 1;
          return;
        }
      }
      phase = 'post';
      const startedAt = this.#iso(this.#nowMs());
      const marked = this.#db
        .update(outbox)
        .set({ status: 'sending', sendingAt: startedAt, updatedAt: startedAt })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending')))
        .run();
      if (marked.changes === 0) {
        this.#dequeue(row);
        return;
      }
      row.sendingAt = startedAt;
      const posted =
        row.replacesKey && target
          ? await this.#transport.update({ channel: target.channel, ts: target.ts, text: row.text, blocks: row.blocks ?? null })
          : await this.#transport.post({
              key: row.key,
              channel: row.channel,
              text: row.text,
              blocks: row.blocks ?? null,
              attachments: row.attachments,
              label: row.label,
              eventId: row.eventId,
              notifyOnFailure: row.notifyOnFailure,
              threadTs: target?.ts ?? null,
            });
      this.#markSent(row, posted);
      report.sent += 1;
    } catch (error) {
      if (!(error instanceof DeliveryError)) this.#logger.error(`outbox: sending ${row.key} failed unexpectedly:`, error);
      const failure = error instanceof DeliveryError ? error : new DeliveryError('transient', 'internal_error', { answered: false });
      if (this.#recordFailure(row, failure, phase) === 'failed') report.failed += 1;
    }
  }

  /**
   * The sent message a reply goes under or an edit rewrites. It was queued first in the same channel,
   * and a channel sends in order, so it is normally sent; one that never will be fails this one too.
   */
  #targetOf(row: OutboxRow): Posted | null {
    const key = row.replacesKey ?? row.threadKey;
    if (!key) return null;
    const target = prepared(this.#db, targetQuery).get({ key });
    if (target?.status === 'sent' && target.slackChannel && target.slackTs) return { channel: target.slackChannel, ts: target.slackTs };
    if (target?.status === 'pending' || target?.status === 'sending') throw new DeliveryError('transient', 'earlier_message_not_sent_yet');
    throw new DeliveryError('permanent', 'earlier_message_not_sent');
  }

  #markSent(row: OutboxRow, posted: Posted): void {
    this.#pacing.delivered(row.channel);
    const now = this.#iso(this.#nowMs());
    this.#finish(row, { status: 'sent', slackChannel: posted.channel, slackTs: posted.ts, sentAt: now, attempts: row.attempts + 1 });
  }

  #recordFailure(row: OutboxRow, error: DeliveryError, phase: 'check' | 'post'): 'retry' | 'failed' {
    const now = this.#nowMs();
    // A definite answer to the post means it did not arrive; no answer (or a failed check) leaves the question open.
    const sendingAt = phase === 'post' && error.answered ? null : row.sendingAt;
    if (error.kind === 'rate-limited') {
      const verdict = this.#pacing.refused(row.channel, now, error.retryAfterMs);
      if ('giveUp' in verdict) {
        this.#fail(row, verdict.giveUp, row.attempts + 1);
        return 'failed';
      }
      this.#retryLater(row, {
        notBefore: verdict.retryAt,
        lastError: `ratelimited: Slack asked to wait ${Math.round(error.retryAfterMs / 1000)} s`,
        sendingAt,
        attempts: row.attempts,
      });
      return 'retry';
    }
    const attempts = row.attempts + 1;
    if (error.kind === 'permanent' || attempts >= this.#retry.maxAttempts) {
      const lastError = phase === 'check' ? `unconfirmed: ${error.code}` : error.kind === 'permanent' ? error.code : `${error.code} after ${attempts} attempts`;
      this.#fail(row, lastError, attempts);
      return 'failed';
    }
    this.#retryLater(row, { notBefore: now + retryDelayMs(attempts, this.#retry, this.#random), lastError: error.code, sendingAt, attempts });
    return 'retry';
  }

  #retryLater(row: OutboxRow, change: { notBefore: number; lastError: string; sendingAt: string | null; attempts: number }): void {
    const patch = {
      status: 'pending' as const,
      notBefore: this.#iso(change.notBefore),
      lastError: change.lastError,
      sendingAt: change.sendingAt,
      attempts: change.attempts,
      updatedAt: this.#iso(this.#nowMs()),
    };
    this.#db.update(outbox).set(patch).where(eq(outbox.id, row.id)).run();
    Object.assign(row, patch);
  }

  /** Records a message as undeliverable, once, and tells whoever asked to be told. */
  #fail(row: OutboxRow, lastError: string, attempts: number): void {
    this.#logger.warn(`outbox: ${row.key} to ${row.channel} failed: ${lastError}`);
    this.#db.transaction(() => {
      this.#finish(row, { status: 'failed', lastError, attempts });
      if (markIfGone(this.#db, row.channel, lastError, new Date(this.#nowMs()))) this.#skipQueued(row.channel, lastError);
      if (enqueueFailureNotice(this.#db, row, lastError)) this.#moreInDb = true;
    });
  }

  /** The rest of what waits for someone Slack has refused for good is skipped, not tried. */
  #skipQueued(channel: string, reason: string): void {
    const now = this.#iso(this.#nowMs());
    this.#db
      .update(outbox)
      .set({ status: 'skipped', lastError: `unreachable: ${reason}`, updatedAt: now })
      .where(and(eq(outbox.channel, channel), eq(outbox.status, 'pending')))
      .run();
    this.#queues.delete(channel);
  }

  #finish(row: OutboxRow, patch: Partial<Pick<OutboxRow, 'status' | 'lastError' | 'slackChannel' | 'slackTs' | 'sentAt' | 'attempts'>>): void {
    this.#db
      .update(outbox)
      .set({ ...patch, updatedAt: this.#iso(this.#nowMs()) })
      .where(eq(outbox.id, row.id))
      .run();
    this.#dequeue(row);
  }

  #dequeue(row: OutboxRow): void {
    const queue = this.#queues.get(row.channel);
    if (!queue) return;
    const at = queue.indexOf(row);
    if (at >= 0) queue.splice(at, 1);
    // The channel goes to the back of the line: channels take turns, oldest first.
    this.#queues.delete(row.channel);
    if (queue.length > 0) this.#queues.set(row.channel, queue);
  }

  async #wait(ms: number): Promise<void> {
    if (this.#sleep) {
      await this.#sleep(ms);
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakers.add(done);
    });
  }

  /** Ends every wait at once: new work, a stop, or a wait that lost its race to a call. */
  #wakeAll(): void {
    for (const wake of [...this.#wakers]) wake();
  }

  #nowMs(): number {
    return this.#clock.now().getTime();
  }

  #iso(ms: number): string {
    return new Date(ms).toISOString();
  }
}
