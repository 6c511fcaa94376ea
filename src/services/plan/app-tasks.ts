/**
 * Tasks SKO Conductor performs itself (the playbook's `performedBy`) settle once their message is
 * through the outbox: delivered to anyone, the task is done by the app with the count; delivered
 * to nobody (every recipient refused, nobody in its audience, or its moment passed unsent), it
 * stays open and is its owner's again, with the reason. A cancelled message settles nothing: the
 * plan already shows the task as its owner's.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { communications, outbox, schedule, type TaskRow, tasks } from '../../../db/schema.js';
import { activeEvents, type EventRow, performerOf } from './event-store.js';

type Performed = NonNullable<TaskRow['performed']>;

/** Why a message that went to nobody did not do its task, where "nobody was in its audience" says too little. */
const NOTHING_TO_SEND: Record<string, string> = {
  'agenda-preview': 'There was no agenda to preview when it was due (`/sko agenda add` adds sessions).',
  'travel-instructions': 'Nobody had said they are attending when it was due, so nobody got the travel instructions.',
};

function nothingSent(kind: string): string {
  return NOTHING_TO_SEND[kind] ?? 'Nobody was in its audience when it was due, so nothing went out.';
}

/** How the message of `kind` went, or null while it is still to be sent (or being sent). */
function outcomeOf(db: Db, eventId: number, kind: string): (Performed & { at: string | null }) | null {
  const rows = db
    .select({ status: schedule.status })
    .from(schedule)
    .where(and(eq(schedule.eventId, eventId), eq(schedule.kind, kind)))
    .all();
  if (rows.some((r) => r.status === 'pending')) return null;
  if (rows.length === 0) return { delivered: 0, failed: 0, reason: 'Its moment had passed before it was planned, so SKO Conductor did not send it.', at: null };
  if (!rows.some((r) => r.status === 'done'))
    return { delivered: 0, failed: 0, reason: 'Its moment passed while SKO Conductor was not running, so it was not sent.', at: null };
  const counts = db
    .select({
      status: outbox.status,
      n: sql<number>`count(*)`,
      at: sql<string | null>`max(${outbox.sentAt})`,
      error: sql<string | null>`max(${outbox.lastError})`,
    })
    .from(outbox)
    .where(and(eq(outbox.eventId, eventId), eq(outbox.kind, kind)))
    .groupBy(outbox.status)
    .all();
  const n = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
  if (n('pending') + n('sending') > 0) return null;
  const delivered = n('sent');
  const failed = n('failed') + n('skipped');
  if (delivered > 0) return { delivered, failed, reason: null, at: counts.find((c) => c.status === 'sent')?.at ?? null };
  if (failed === 0) return { delivered: 0, failed: 0, reason: nothingSent(kind), at: null };
  const error = counts.find((c) => c.status === 'failed')?.error ?? 'stale';
  return { delivered: 0, failed, reason: `Slack refused it for every recipient (${failed}; last answer \`${error}\`).`, at: null };
}

/** Settles every running SKO's app-performed tasks whose message has gone out; returns how many changed. */
export function settleAppTasks(db: Db, now: Date): number {
  return activeEvents(db).reduce((changed, event) => changed + settleEventTasks(db, event, now), 0);
}

/** Settles one SKO's app-performed tasks (also as it is archived, so its last ones are recorded first). */
export function settleEventTasks(db: Db, event: EventRow, now: Date): number {
  const waiting = db
    .select()
    .from(tasks)
    .where(and(eq(tasks.eventId, event.id), eq(tasks.status, 'open'), isNull(tasks.performed)))
    .all()
    .flatMap((task) => {
      const kind = performerOf(task.key);
      return kind ? [{ task, kind }] : [];
    });
  if (waiting.length === 0) return 0;
  const cancelled = new Set(
    db
      .select({ key: communications.key })
      .from(communications)
      .where(
        and(eq(communications.eventId, event.id), eq(communications.cancelled, true), inArray(communications.key, [...new Set(waiting.map((w) => w.kind))])),
      )
      .all()
      .map((r) => r.key),
  );
  const stamp = now.toISOString();
  let changed = 0;
  db.transaction(() => {
    for (const { task, kind } of waiting) {
      if (cancelled.has(kind)) continue;
      const outcome = outcomeOf(db, event.id, kind);
      if (!outcome) continue;
      const { at, ...performed } = outcome;
      const done = performed.delivered > 0 ? { status: 'done' as const, doneAt: at ?? stamp, doneBy: null } : {};
      db.update(tasks)
        .set({ ...done, performed, updatedAt: stamp })
        .where(and(eq(tasks.id, task.id), eq(tasks.status, 'open')))
        .run();
      changed += 1;
    }
  });
  return changed;
}
