import { and, eq, inArray } from 'drizzle-orm';
import { type Db, untilDataChanges } from '../../../db/client.js';
import { type EventRow, events, people, type TaskRow, tasks } from '../../../db/schema.js';
import { type Decision, decideReassign, decideSeeDeliveryProblems, decideTaskChange } from '../../domain/access.js';
import type { OwnerRef, StatusTask } from '../../domain/plan/status.js';
import { NotAllowedError, NotFoundError } from '../../errors.js';
import { actorFor, assertNotArchived } from '../people/access.js';
import { ensurePeople, findPersonBySlackId } from '../people/people.js';
import { type EventPlan, eventById, loadPlan, roleHolders } from './event-store.js';

const GONE = 'That task is no longer in the plan; run `/sko plan` to see the current one.';

/** Records a task as done, with who and when; doing it twice keeps the first record. */
export function completeTask(db: Db, taskId: number, personId: number, now: Date): TaskRow {
  const task = db.select().from(tasks).where(eq(tasks.id, taskId)).get();
  if (!task) throw new NotFoundError(GONE);
  if (task.status === 'done') return task;
  return db
    .update(tasks)
    .set({ status: 'done', doneAt: now.toISOString(), doneBy: personId, updatedAt: now.toISOString() })
    .where(and(eq(tasks.id, taskId), eq(tasks.status, 'open')))
    .returning()
    .get() as TaskRow;
}

/** Opens a done task again (Undo), forgetting who finished it. */
function reopenTask(db: Db, taskId: number, now: Date): void {
  db.update(tasks).set({ status: 'open', doneAt: null, doneBy: null, updatedAt: now.toISOString() }).where(eq(tasks.id, taskId)).run();
}

function planOfTask(db: Db, taskId: number): { plan: EventPlan; task: StatusTask } {
  const row = db.select({ eventId: tasks.eventId }).from(tasks).where(eq(tasks.id, taskId)).get();
  const event = row ? db.select().from(events).where(eq(events.id, row.eventId)).get() : undefined;
  const plan = event ? loadPlan(db, event) : undefined;
  const task = plan?.tasks.find((t) => t.id === taskId);
  if (!plan || !task) throw new NotFoundError(GONE);
  return { plan, task };
}

const mentionOf = (ref: OwnerRef | null | undefined) => (ref?.slackUserId ? `<@${ref.slackUserId}>` : undefined);

function skoLeadMention(db: Db, event: EventRow): string | undefined {
  const lead = roleHolders(db, event.id).find((h) => h.role === 'sko_lead');
  return lead?.person.slackUserId ? `<@${lead.person.slackUserId}>` : undefined;
}

/**
 * Marks a task done or open again for the person who clicked, if they may (its owner, the SKO
 * lead, an admin); returns the task as it now stands.
 */
export function setTaskStatus(db: Db, taskId: number, actorSlackId: string, status: 'done' | 'open', now: Date): StatusTask {
  const { plan, task } = planOfTask(db, taskId);
  const actor = actorFor(db, actorSlackId, plan.event);
  assertNotArchived(plan.event);
  const decision = decideTaskChange(actor, { title: task.title, ownerPersonId: task.owner?.personId ?? null, ownerMention: mentionOf(task.owner) });
  if (!decision.allowed || !actor) throw new NotAllowedError(decision.allowed ? 'Only people in the SKO plan can change tasks.' : decision.reason);
  if (status === 'done') completeTask(db, taskId, actor.personId, now);
  else reopenTask(db, taskId, now);
  return planOfTask(db, taskId).task;
}

export function reassignDecision(db: Db, event: EventRow, slackUserId: string): Decision {
  return decideReassign(actorFor(db, slackUserId, event), { skoLeadMention: skoLeadMention(db, event) });
}

export interface Reassignment {
  task: StatusTask;
  previous: OwnerRef | null;
  event: EventRow;
}

/** Gives a task to another person (SKO lead and admins only); the role it belongs to stays as it was. */
export function reassignTask(db: Db, taskId: number, actorSlackId: string, newOwnerSlackId: string, now: Date): Reassignment {
  return db.transaction(() => {
    const { plan, task } = planOfTask(db, taskId);
    const decision = decideReassign(actorFor(db, actorSlackId, plan.event), { skoLeadMention: skoLeadMention(db, plan.event) });
    if (!decision.allowed) throw new NotAllowedError(decision.reason);
    assertNotArchived(plan.event);
    const owner = ensurePeople(db, [newOwnerSlackId]).get(newOwnerSlackId);
    if (!owner) throw new NotFoundError('That person could not be found in Slack.');
    db.update(tasks).set({ ownerId: owner.id, updatedAt: now.toISOString() }).where(eq(tasks.id, taskId)).run();
    return { task: planOfTask(db, taskId).task, previous: task.owner, event: plan.event };
  });
}

/** The reassign rule as a question about one person of this event, for messages built ahead of time. */
export function reassignRule(db: Db, event: EventRow): (personId: number) => boolean {
  const answers = new Map<number, boolean>();
  return (personId) => {
    let answer = answers.get(personId);
    if (answer === undefined) {
      const person = db.select({ slackUserId: people.slackUserId }).from(people).where(eq(people.id, personId)).get();
      answer = person?.slackUserId ? decideReassign(actorFor(db, person.slackUserId, event)).allowed : false;
      answers.set(personId, answer);
    }
    return answer;
  };
}

/** Whether this person may see who did not get which message. */
export function maySeeDeliveryProblems(db: Db, event: EventRow, slackUserId: string): boolean {
  return untilDataChanges(db, `see-delivery-problems:${event.id}:${slackUserId}`, () => decideSeeDeliveryProblems(actorFor(db, slackUserId, event)).allowed);
}

/** The SKO's open tasks owned by this person, soonest due first. */
export function openTasksOf(db: Db, event: EventRow, slackUserId: string): { plan: EventPlan; tasks: StatusTask[] } {
  const plan = loadPlan(db, event);
  const person = findPersonBySlackId(db, slackUserId);
  const mine = person ? plan.tasks.filter((t) => t.status === 'open' && t.owner?.personId === person.id) : [];
  return { plan, tasks: mine };
}

/** These tasks of one SKO's plan (the first's) as they stand now, in the order given; ones since removed are left out. */
export function tasksByIds(db: Db, ids: readonly number[]): { plan: EventPlan; tasks: StatusTask[] } | null {
  const first = ids.length
    ? db
        .select({ eventId: tasks.eventId })
        .from(tasks)
        .where(inArray(tasks.id, [...ids]))
        .get()
    : undefined;
  const event = first ? eventById(db, first.eventId) : undefined;
  if (!event) return null;
  const plan = loadPlan(db, event);
  const byId = new Map(plan.tasks.map((t) => [t.id, t]));
  return { plan, tasks: ids.map((id) => byId.get(id)).filter((t): t is StatusTask => t !== undefined) };
}
