/**
 * What Slack already delivered: Slack sends an event again when it did not hear back in 3 s
 * (X-Slack-Retry-Num), and a double click sends the same interaction twice. Kept in the database,
 * so a restart between the two deliveries does not handle one twice.
 */
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { handledDeliveries } from '../../../db/schema.js';

/** Slack's last retry comes within hours (a day with delayed events); keys older than this are forgotten. */
const KEEP_MS = 2 * 24 * 60 * 60_000;

/** True the first time `key` is seen (and records it); false for every later delivery of it. */
export function firstDelivery(db: Db, key: string, now: Date): boolean {
  const result = db.insert(handledDeliveries).values({ key, handledAt: now.toISOString() }).onConflictDoNothing().run();
  return result.changes === 1;
}

/** Lets `key` be handled again (a submission refused with field errors). */
export function forgetDelivery(db: Db, key: string): void {
  db.delete(handledDeliveries).where(eq(handledDeliveries.key, key)).run();
}

export function forgetOldDeliveries(db: Db, now: Date): number {
  return db
    .delete(handledDeliveries)
    .where(lt(handledDeliveries.handledAt, new Date(now.getTime() - KEEP_MS).toISOString()))
    .run().changes;
}
