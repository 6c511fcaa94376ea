import { type Db, dataVersion } from '../../../db/client.js';
import { buildStatusReport, type StatusReport } from '../../domain/plan/status.js';
import { type DeliveryProblems, deliveryProblems } from '../delivery/delivery-problems.js';
import { type Pause, pausedPeople } from '../delivery/pauses.js';
import { currentEvent, currentPlan } from './event-store.js';
import { maySeeDeliveryProblems } from './tasks.js';

const statusCache = new WeakMap<Db, { key: string; report: StatusReport | null }>();

/**
 * The status of the current SKO at `now`, or null when none is set up yet. Everyone asking in the
 * same minute of the same data gets the same report, so it is worked out once for them all: any
 * commit (by this connection or another) changes the data version and so the key.
 */
export function statusNow(db: Db, now: Date): StatusReport | null {
  const key = `${dataVersion(db)}@${Math.floor(now.getTime() / MINUTE)}`;
  const cached = statusCache.get(db);
  if (cached?.key === key) return cached.report;
  const plan = currentPlan(db);
  const report = plan ? buildStatusReport({ event: plan.event, timeline: plan.timeline, tasks: plan.tasks }, now) : null;
  statusCache.set(db, { key, report });
  return report;
}

const MINUTE = 60_000;

/** Undelivered messages, for the people allowed to see them (the SKO lead and admins); null for everyone else or when all is well. */
export function deliveryProblemsFor(db: Db, slackUserId: string): DeliveryProblems | null {
  if (!maySeeDeliveryProblems(db, slackUserId)) return null;
  const problems = deliveryProblems(db, currentEvent(db)?.id ?? null);
  return problems.failedCount || problems.retrying || problems.unreachable.length ? problems : null;
}

/** Who has paused their reminders, and until when, for the SKO lead and admins (who chase the work); null for everyone else or when nobody has. */
export function pausesFor(db: Db, slackUserId: string, now: Date): Pause[] | null {
  if (!maySeeDeliveryProblems(db, slackUserId)) return null;
  const pauses = pausedPeople(db, now);
  return pauses.length ? pauses : null;
}
