import type { Db } from '../../../db/client.js';
import { buildStatusReport, type StatusReport } from '../../domain/plan/status.js';
import { type DeliveryProblems, deliveryProblems } from '../delivery/delivery-problems.js';
import { currentEvent, currentPlan } from './event-store.js';
import { maySeeDeliveryProblems } from './tasks.js';

/** The status of the current SKO at `now`, or null when none is set up yet. */
export function statusNow(db: Db, now: Date): StatusReport | null {
  const plan = currentPlan(db);
  return plan ? buildStatusReport({ event: plan.event, timeline: plan.timeline, tasks: plan.tasks }, now) : null;
}

/** Undelivered messages, for the people allowed to see them (the SKO lead and admins); null for everyone else or when all is well. */
export function deliveryProblemsFor(db: Db, slackUserId: string): DeliveryProblems | null {
  if (!maySeeDeliveryProblems(db, slackUserId)) return null;
  const problems = deliveryProblems(db, currentEvent(db)?.id ?? null);
  return problems.failedCount || problems.retrying || problems.unreachable.length ? problems : null;
}
