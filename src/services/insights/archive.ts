/**
 * An SKO whose week 12 has ended is archived (issue 12): from then on it is read-only (access.ts)
 * and its scorecard is the one stored here, so later sales data or answers never rewrite how it went.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { events, schedule } from '../../../db/schema.js';
import type { MetricResult } from '../../domain/insights/scorecard.js';
import { REMINDER_COMPOSERS } from '../../domain/plan/reminders.js';
import { locate } from '../../domain/plan/timeline.js';
import { settleEventTasks } from '../plan/app-tasks.js';
import { activeEvents, type EventPlan, type EventRow, loadPlan, timelineOf } from '../plan/event-store.js';
import type { DigestSources } from './digest-sources.js';
import { scorecardFor } from './scorecard.js';

/** The plan's own reminders: an archived SKO's tasks can no longer be marked done, so nobody is chased for them. */
const PLAN_REMINDERS = Object.keys(REMINDER_COMPOSERS);

/** Archives every running SKO whose week 12 has ended (in its own time zone) as of `now`; returns those archived by this call. */
export function archiveFinished(db: Db, now: Date, sources: DigestSources): EventRow[] {
  const finished = activeEvents(db).filter((event) => locate(timelineOf(event), now).kind === 'after');
  return finished.flatMap((event) => {
    settleEventTasks(db, event, now);
    const scorecard = scorecardFor(db, loadPlan(db, event), now, sources);
    const stamp = now.toISOString();
    return db.transaction(() => {
      // The guard makes a second run (another process, a retried minute) a no-op: archived once, frozen once.
      const archived = db
        .update(events)
        .set({ archivedAt: stamp, frozenScorecard: scorecard, updatedAt: stamp })
        .where(and(eq(events.id, event.id), isNull(events.archivedAt)))
        .returning()
        .get();
      if (!archived) return [];
      db.update(schedule)
        .set({ status: 'skipped', note: 'the SKO is archived', dispatchedAt: stamp, updatedAt: stamp })
        .where(and(eq(schedule.eventId, event.id), eq(schedule.status, 'pending'), inArray(schedule.kind, PLAN_REMINDERS)))
        .run();
      return [archived];
    });
  });
}

/** An SKO's scorecard: frozen once it is archived, else measured as of `now`. */
export function scorecardOf(db: Db, plan: EventPlan, now: Date, sources: DigestSources): MetricResult[] {
  return plan.event.frozenScorecard ?? scorecardFor(db, plan, now, sources);
}

/** When the next running SKO's week 12 ends (midnight after its last day, its own time zone): the app's minute job archives it then; a simulated clock must wake for it. */
export function nextArchiveAt(db: Db): Date | null {
  const ends = activeEvents(db).flatMap((event) => timelineOf(event).weeks.at(-1)?.endsAt ?? []);
  return ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null;
}
