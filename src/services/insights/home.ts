/** What one person's App Home shows: their own work first, then what their role lets them see. */
import type { Db } from '../../../db/client.js';
import { decideDigestScope, decideSeeDeliveryProblems } from '../../domain/access.js';
import { localDate } from '../../domain/dates.js';
import type { Measured } from '../../domain/insights/digest.js';
import type { MetricResult } from '../../domain/insights/scorecard.js';
import type { OwnerRef, StatusTask } from '../../domain/plan/status.js';
import { actorFor } from '../people/access.js';
import { type EventRow, loadPlan } from '../plan/event-store.js';
import { type DigestSources, type PendingSurvey, type RsvpShown, SOURCE_NEEDS } from './digest-sources.js';
import { scorecardFor } from './scorecard.js';

export interface HomeData {
  today: string;
  timeZone: string;
  myTasks: StatusTask[];
  myPendingSurveys: Measured<PendingSurvey[]>;
  myRsvp: Measured<RsvpShown | null>;
  /** Leaders, admins and the SKO lead. */
  scorecard: MetricResult[] | null;
  /** The SKO lead and admins: overdue tasks by owner. */
  overdueWork: { owner: OwnerRef | null; tasks: number }[] | null;
}

export function homeFor(db: Db, event: EventRow, slackUserId: string, now: Date, sources: DigestSources): HomeData {
  const plan = loadPlan(db, event);
  const today = localDate(now, event.timeZone);
  const actor = actorFor(db, slackUserId, event);
  const personId = actor?.personId ?? null;
  const myTasks = plan.tasks
    .filter((t) => t.status === 'open' && personId !== null && t.owner?.personId === personId)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));

  const surveys = sources.surveys(db, event, now);
  const rsvps = sources.rsvps(db, event);

  let overdueWork: HomeData['overdueWork'] = null;
  if (decideSeeDeliveryProblems(actor).allowed) {
    const byOwner = new Map<string, { owner: OwnerRef | null; tasks: number }>();
    for (const task of plan.tasks) {
      if (task.status !== 'open' || task.dueDate >= today) continue;
      const key = task.owner ? `p${task.owner.personId}` : 'none';
      const entry = byOwner.get(key) ?? { owner: task.owner, tasks: 0 };
      entry.tasks += 1;
      byOwner.set(key, entry);
    }
    overdueWork = [...byOwner.values()].sort((a, b) => b.tasks - a.tasks);
  }

  return {
    today,
    timeZone: event.timeZone,
    myTasks,
    myPendingSurveys: surveys && personId !== null ? { value: surveys.pendingFor(personId) } : { value: null, needs: SOURCE_NEEDS.surveys },
    myRsvp: rsvps && personId !== null ? { value: rsvps.answerOf(personId) } : { value: null, needs: SOURCE_NEEDS.rsvps },
    scorecard: actor && decideDigestScope(actor) === 'event' ? scorecardFor(db, plan, now, sources) : null,
    overdueWork,
  };
}
