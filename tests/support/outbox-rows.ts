/** What the outbox children and the reliability tests read of the outbox table. */
import type { Db } from '../../db/client.js';
import type { DrainReport } from '../../src/services/delivery/outbox.js';

/** Rows still to send or being sent. */
export function openRows(db: Db): number {
  return db.$client.prepare("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')").pluck().get() as number;
}

export const emptyReport = (): DrainReport => ({ sent: 0, failed: 0, skipped: 0 });

export function mergeReports(a: DrainReport, b: DrainReport): DrainReport {
  return { sent: a.sent + b.sent, failed: a.failed + b.failed, skipped: a.skipped + b.skipped };
}
