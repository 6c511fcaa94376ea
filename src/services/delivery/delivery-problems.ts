/** What the SKO lead sees of the outbox: messages that could not be delivered, and those still being retried. */
import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { outbox } from '../../../db/schema.js';
import { unreachablePeople } from './unreachable.js';

interface DeliveryProblem {
  label: string;
  channel: string;
  lastError: string;
  at: string;
}

export interface DeliveryProblems {
  /** People Slack refused for good, once each; their failed messages are not listed again below. */
  unreachable: ReturnType<typeof unreachablePeople>;
  failed: DeliveryProblem[];
  failedCount: number;
  /** Messages waiting to be tried again after Slack refused or failed them. */
  retrying: number;
}

/** Messages that could not be delivered (newest first), and how many are still being retried. */
export function deliveryProblems(db: Db, eventId: number | null, limit = 5): DeliveryProblems {
  // Messages about no event in particular (a note to one person) count for every event.
  const unreachable = unreachablePeople(db);
  const gone = unreachable.map((p) => p.slackUserId);
  const eventScope = eventId === null ? sql`1 = 1` : sql`(${outbox.eventId} = ${eventId} OR ${outbox.eventId} IS NULL)`;
  const scope = gone.length ? and(eventScope, notInArray(outbox.channel, gone)) : eventScope;
  const failed = db
    .select({ label: outbox.label, channel: outbox.channel, lastError: outbox.lastError, at: outbox.updatedAt })
    .from(outbox)
    .where(and(eq(outbox.status, 'failed'), scope))
    .orderBy(desc(outbox.updatedAt), desc(outbox.id))
    .limit(limit)
    .all();
  const count = (status: 'failed' | 'retrying') =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(outbox)
      .where(
        status === 'failed'
          ? and(eq(outbox.status, 'failed'), scope)
          : and(inArray(outbox.status, ['pending', 'sending']), sql`${outbox.lastError} IS NOT NULL`, scope),
      )
      .get()?.n ?? 0;
  return {
    unreachable,
    failed: failed.map((f) => ({ label: f.label, channel: f.channel, lastError: f.lastError ?? 'unknown', at: f.at })),
    failedCount: count('failed'),
    retrying: count('retrying'),
  };
}
