import { type Db, dataVersion } from '../../../db/client.js';
import { buildStatusReport, type StatusReport } from '../../domain/plan/status.js';
import { type DeliveryProblems, deliveryProblems } from '../delivery/delivery-problems.js';
import { type Pause, pausedPeople } from '../delivery/pauses.js';
import { type EventRow, loadPlan } from './event-store.js';
import { maySeeDeliveryProblems } from './tasks.js';

const statusCache = new WeakMap<Db, { key: string; report: StatusReport }>();

/**
 * The status of an SKO at `now`. Everyone asking about it in the same minute of the same data gets
 * the same report, so it is worked out once for them all: any commit (by this connection or
 * another) changes the data version and so the key.
 */
export function statusNow(db: Db, event: EventRow, now: Date): StatusReport {
  const key = `${event.id}:${dataVersion(db)}@${Math.floor(now.getTime() / MINUTE)}`;
  const cached = statusCache.get(db);
  if (cached?.key === key) return cached.report;
  const plan = loadPlan(db, event);
  const report = buildStatusReport({ event: plan.event, timeline: plan.timeline, tasks: plan.tasks }, now);
  statusCache.set(db, { key, report });
  return report;
}

const MINUTE = 60_000;

/** Undelivered messages, for the people allowed to see them (the SKO lead and admins); null for everyone else or when all is well. */
export function deliveryProblemsFor(db: Db, event: EventRow, slackUserId: string): DeliveryProblems | null {
  if (!maySeeDeliveryProblems(db, event, slackUserId)) return null;
  const problems = deliveryProblems(db, event.id);
  return problems.failedCount || problems.retrying || problems.unreachable.length ? problems : null;
}

/** Who has paused their reminders, and until when, for the SKO lead and admins (who chase the work); null for everyone else or when nobody has. */
export function pausesFor(db: Db, event: EventRow, slackUserId: string, now: Date): Pause[] | null {
  if (!maySeeDeliveryProblems(db, event, slackUserId)) return null;
  const pauses = pausedPeople(db, now);
  return pauses.length ? pauses : null;
}
