import type { Db } from '../../db/client.js';
import { buildStatusReport, type StatusReport } from '../domain/status.js';
import { currentEvent, loadPlan } from './events.js';

/** The status of the current SKO at `now`, or null when none is set up yet. */
export function statusNow(db: Db, now: Date): StatusReport | null {
  const event = currentEvent(db);
  if (!event) return null;
  const plan = loadPlan(db, event);
  return buildStatusReport({ event, timeline: plan.timeline, tasks: plan.tasks }, now);
}
