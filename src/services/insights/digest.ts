/**
 * The weekly digest: who receives it, what each reader may see, and its figures as the Monday
 * finds them. Planned through the schedule table and sent through the outbox like every reminder.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type Person, people, tasks } from '../../../db/schema.js';
import { type Actor, decideDigestScope, decideSeeDeliveryProblems } from '../../domain/access.js';
import type { ActionSummary } from '../../domain/action-items/reports.js';
import type { BudgetReport } from '../../domain/budget/budget.js';
import { CONTENT_DEADLINE_WEEK, type UnapprovedContent } from '../../domain/content/approval.js';
import { daysBetween, localDate } from '../../domain/dates.js';
import type { BurnPoint, DigestNotice, DigestReport, Measured, PersonLine } from '../../domain/insights/digest.js';
import { type MetricResult, scorecardHighlights } from '../../domain/insights/scorecard.js';
import { getOrAdd } from '../../domain/maps.js';
import type { PreviousLessonsView } from '../../domain/plan/lessons.js';
import { PLAYBOOK } from '../../domain/plan/playbook.js';
import { onRoster } from '../../domain/plan/which-sko.js';
import { budgetReportFor } from '../budget/budget.js';
import { unapprovedContent } from '../content/measure.js';
import { deliveryProblems } from '../delivery/delivery-problems.js';
import type { Fanout } from '../delivery/schedule.js';
import { type InParts, straightThrough, withPauses } from '../in-parts.js';
import { actorFor, organisation } from '../people/access.js';
import type { EventPlan } from '../plan/event-store.js';
import { previousLessonsView } from '../plan/lessons.js';
import { type CommunicationFigures, type DigestSources, type RsvpFigures, SOURCE_NEEDS, type SurveyFigures } from './digest-sources.js';
import { scorecardFor } from './scorecard.js';

/** Each sales leader and event-role holder, once, in the order the setup names them; then the SKO's other leaders (a regional SKO's: its region's). */
export function digestReaders(db: Db, plan: EventPlan): Person[] {
  return straightThrough(readersInParts(db, plan));
}

/** Leaders are read this many at a time, the event loop let in between (a workspace may have thousands). */
const LEADERS_PER_READ = 1_000;

function* readersInParts(db: Db, plan: EventPlan): InParts<Person[]> {
  const readers = new Map<number, Person>();
  for (const holder of plan.holders) if (holder.person.slackUserId) readers.set(holder.person.id, holder.person);
  let after = 0;
  for (;;) {
    const leaders = db
      .select()
      .from(people)
      .where(and(eq(people.role, 'leader'), gt(people.id, after)))
      .orderBy(asc(people.id))
      .limit(LEADERS_PER_READ)
      .all();
    for (const leader of leaders) if (leader.slackUserId && !readers.has(leader.id) && onRoster(leader, plan.event.roster)) readers.set(leader.id, leader);
    const last = leaders[leaders.length - 1];
    if (!last || leaders.length < LEADERS_PER_READ) return [...readers.values()];
    after = last.id;
    yield;
  }
}

const notMeasured = (needs: string): Measured<never> => ({ value: null, needs });

/**
 * The figures every reader's digest shares, worked out once per Monday: the budget, the scorecard,
 * what the communications, surveys and RSVPs have done (telling who answered a survey hashes every
 * invitee, so it must not run once per reader), the action-item counts, the plan's progress and
 * its burn-down. Per reader only what differs is left: their own tasks, their team's items.
 */
export interface SharedFigures {
  /** The Monday's local date in the SKO's zone, and the days from it to day 1. */
  today: string;
  daysToDay1: number;
  budget: BudgetReport;
  highlights: MetricResult[];
  communications: CommunicationFigures | null;
  surveys: SurveyFigures | null;
  rsvps: RsvpFigures | null;
  actionItems: ActionSummary;
  progress: Omit<DigestReport['plan'], 'mine'>;
  /** Where each owner stands in actionItems.byOwner, by person id: a team's owners are found without reading all of them. */
  ownerRank: ReadonlyMap<number, number>;
  /** Each owner's open and overdue tasks, by person id. */
  mine: ReadonlyMap<number, { open: number; overdue: number }>;
  burn: BurnPoint[];
  /** Delivery problems, read the first time a reader allowed to see them asks. */
  deliveryProblems(): ReturnType<typeof deliveryProblems>;
  /** People by id, each read once however many digests name them. */
  person(id: number): Person | undefined;
  /** The previous SKO's lessons, read once for the week-1 digests. */
  lessons(): PreviousLessonsView | null;
  /** The sessions whose content is not approved, read once for the week-9 digests. */
  unapprovedContent(): UnapprovedContent | null;
}

/**
 * The shared figures a part at a time: after each part the generator pauses, so the dispatcher can
 * let waiting Slack requests in between them (together they read every expense, action item and
 * calendar entry of the SKO). Run straight through, it is the figures as one read finds them.
 */
function* sharedFigureParts(db: Db, plan: EventPlan, now: Date, sources: DigestSources): InParts<SharedFigures> {
  const today = localDate(now, plan.event.timeZone);
  const budget = budgetReportFor(db, plan.event, now);
  yield;
  const surveys = sources.surveys(db, plan.event, now);
  const rsvps = sources.rsvps(db, plan.event);
  const known: DigestSources = { ...sources, surveys: () => surveys, rsvps: () => rsvps };
  const highlights = scorecardHighlights(scorecardFor(db, plan, now, known, budget), 4);
  yield;
  const communications = sources.communications(db, plan.event, now);
  yield;
  const actionItems = sources.actionItems(db, plan.event.id, today);
  yield;
  let problems: ReturnType<typeof deliveryProblems> | undefined;
  let lessons: PreviousLessonsView | null | undefined;
  let unapproved: UnapprovedContent | null | undefined;
  const peopleById = new Map<number, Person | undefined>();
  return {
    today,
    daysToDay1: daysBetween(today, plan.event.day1),
    budget,
    highlights,
    communications,
    surveys,
    rsvps,
    actionItems,
    ownerRank: new Map(actionItems.byOwner.map((o, i) => [o.personId, i])),
    ...planProgress(db, plan, today),
    burn: burnDown(plan, today),
    deliveryProblems: () => {
      problems ??= deliveryProblems(db, plan.event.id);
      return problems;
    },
    person: (id) => getOrAdd(peopleById, id, () => db.select().from(people).where(eq(people.id, id)).get()),
    lessons: () => {
      lessons ??= previousLessonsView(db, plan.event);
      return lessons;
    },
    unapprovedContent: () => {
      unapproved ??= unapprovedContent(db, plan.event.id, UNAPPROVED_LISTED);
      return unapproved;
    },
  };
}

/** Sessions named in the week-9 digest; the rest are counted. */
const UNAPPROVED_LISTED = 10;

function sharedFigures(db: Db, plan: EventPlan, now: Date, sources: DigestSources): SharedFigures {
  return straightThrough(sharedFigureParts(db, plan, now, sources));
}

/** The digest for one reader; the week is the plan week `today` falls in (week 1 before the plan starts, 12 after it ends, and it says so). */

export function buildDigest(
  db: Db,
  plan: EventPlan,
  reader: Person,
  now: Date,
  sources: DigestSources,
  week?: number,
  shared = sharedFigures(db, plan, now, sources),
): DigestReport {
  const { event, timeline } = plan;
  const { today } = shared;
  const inWeek = week ?? timeline.weeks.find((w) => w.start <= today && today <= w.end)?.week;
  const before = inWeek === undefined && today < (timeline.weeks[0]?.start ?? today);
  const current = inWeek ?? (before ? 1 : timeline.weeks.length);
  const window = timeline.weeks[current - 1] ?? timeline.weeks[0];
  if (!window) throw new Error('The plan has no weeks.');
  const phase = PLAYBOOK.phases.find((p) => p.number === window.phase);
  const actor: Actor = actorFor(db, reader.slackUserId ?? '', event) ?? { personId: reader.id, role: reader.role, eventRoles: [] };
  const scope = decideDigestScope(actor);
  const { budget } = shared;
  const problems = decideSeeDeliveryProblems(actor).allowed ? shared.deliveryProblems() : null;

  return {
    eventName: event.name,
    today,
    week: current,
    when: inWeek !== undefined ? 'during' : before ? 'before' : 'after',
    weeks: timeline.weeks.length,
    phase: { number: window.phase, name: phase?.name ?? '' },
    window: { start: window.start, end: window.end },
    daysToDay1: shared.daysToDay1,
    scope,
    plan: { ...shared.progress, mine: shared.mine.get(reader.id) ?? { open: 0, overdue: 0 } },
    burn: shared.burn,
    actionItems: actionItems(db, scope, reader, shared),
    communications: measured(shared.communications, SOURCE_NEEDS.communications),
    surveys: measured(shared.surveys?.rates ?? null, SOURCE_NEEDS.surveys),
    rsvps: shared.rsvps
      ? { value: { attending: shared.rsvps.attending, notAttending: shared.rsvps.notAttending, maybe: shared.rsvps.maybe, headcount: event.headcount } }
      : notMeasured(SOURCE_NEEDS.rsvps),
    budget: {
      plannedCents: budget.totals.plannedCents,
      actualCents: budget.totals.actualCents,
      committedCents: budget.totals.committedCents,
      projectedCents: budget.projection.totalCents,
      projectedVariancePct: budget.projection.variancePct,
      adherence: budget.projection.adherence,
      categories: budget.categories.map((c) => ({
        label: c.label,
        plannedCents: c.plannedCents,
        actualCents: c.actualCents,
        committedCents: c.committedCents,
      })),
    },
    highlights: shared.highlights,
    lessons: current === 1 ? shared.lessons() : null,
    unapprovedContent: current === CONTENT_DEADLINE_WEEK ? shared.unapprovedContent() : null,
    delivery:
      problems && (problems.failedCount || problems.retrying)
        ? { failedCount: problems.failedCount, retrying: problems.retrying, failed: problems.failed.map((f) => ({ label: f.label, lastError: f.lastError })) }
        : null,
  };
}

function measured<T>(value: T | null, needs: string): Measured<T> {
  return value === null ? notMeasured(needs) : { value };
}

function planProgress(db: Db, plan: EventPlan, today: string): Pick<SharedFigures, 'progress' | 'mine'> {
  const rows = db.select({ id: tasks.id, workstream: tasks.workstream }).from(tasks).where(eq(tasks.eventId, plan.event.id)).all();
  const streamOf = new Map(rows.map((r) => [r.id, r.workstream]));
  const byStream = new Map<string, { workstream: string; done: number; total: number; overdue: number }>();
  const mine = new Map<number, { open: number; overdue: number }>();
  let done = 0;
  let overdue = 0;
  for (const task of plan.tasks) {
    const stream = streamOf.get(task.id) ?? 'other';
    const entry = getOrAdd(byStream, stream, () => ({ workstream: stream, done: 0, total: 0, overdue: 0 }));
    entry.total += 1;
    const late = task.status === 'open' && task.dueDate < today;
    if (task.status === 'done') {
      entry.done += 1;
      done += 1;
    }
    if (late) {
      entry.overdue += 1;
      overdue += 1;
    }
    if (task.owner?.personId !== undefined && task.status === 'open') {
      const own = getOrAdd(mine, task.owner.personId, () => ({ open: 0, overdue: 0 }));
      own.open += 1;
      if (late) own.overdue += 1;
    }
  }
  return {
    progress: {
      done,
      total: plan.tasks.length,
      overdue,
      byWorkstream: [...byStream.values()].sort((a, b) => b.overdue - a.overdue || a.workstream.localeCompare(b.workstream)),
    },
    mine,
  };
}

/** Open tasks at the end of each week so far, against the tasks the plan leaves open then. */
function burnDown(plan: EventPlan, today: string): BurnPoint[] {
  const zone = plan.event.timeZone;
  return plan.timeline.weeks.map((w) => {
    const end = w.end < today ? w.end : today;
    const doneBy = plan.tasks.filter((t) => t.status === 'done' && t.done && localDate(new Date(t.done.at), zone) <= end).length;
    return { week: w.week, open: w.start <= today ? plan.tasks.length - doneBy : null, planned: plan.tasks.filter((t) => t.dueDate > w.end).length };
  });
}

function actionItems(db: Db, scope: DigestReport['scope'], reader: Person, shared: SharedFigures): DigestReport['actionItems'] {
  const summary = shared.actionItems;
  if (scope === 'aggregate') return { value: { open: summary.open, done: summary.done, overdue: summary.overdue, owners: [], scopeLabel: 'the whole event' } };
  const allowed = scope === 'organisation' ? new Set(organisation(db, reader.id)) : null;
  // The team's owners in the summary's order, found by rank: a team is a few people, the summary may list thousands.
  const owners = allowed
    ? [...allowed]
        .flatMap((id) => shared.ownerRank.get(id) ?? [])
        .sort((a, b) => a - b)
        .flatMap((rank) => summary.byOwner[rank] ?? [])
    : summary.byOwner;
  const counts = allowed
    ? owners.reduce((c, o) => ({ open: c.open + o.open, done: c.done + o.done, overdue: c.overdue + o.overdue }), { open: 0, done: 0, overdue: 0 })
    : { open: summary.open, done: summary.done, overdue: summary.overdue };
  const lines: PersonLine[] = owners
    .filter((o) => o.overdue > 0)
    .slice(0, 5)
    .map((o) => {
      const person = shared.person(o.personId);
      return { slackUserId: person?.slackUserId ?? null, name: person?.name ?? null, overdue: o.overdue, oldestOverdueDays: o.oldestOverdueDays };
    });
  return { value: { ...counts, owners: lines, scopeLabel: allowed ? 'your team' : 'the whole event' } };
}

/**
 * The dispatcher's fan-out for a digest row: one DM per reader, rendered when the Monday comes.
 * The shared figures are worked out here, once; each batch of readers then costs only what differs.
 */
export async function digestFanout(
  db: Db,
  plan: EventPlan,
  payload: Record<string, unknown>,
  now: Date,
  sources: DigestSources,
): Promise<Fanout<DigestNotice>> {
  const week = Number(payload.week);
  const shared = await withPauses(sharedFigureParts(db, plan, now, sources));
  const readers = new Map((await withPauses(readersInParts(db, plan))).map((reader) => [reader.id, reader]));
  return {
    personIds: [...readers.keys()],
    compose: (personIds) =>
      personIds.flatMap((id) => {
        const reader = readers.get(id);
        if (!reader) return [];
        return [
          {
            type: 'digest',
            to: { kind: 'person', person: { personId: reader.id, slackUserId: reader.slackUserId, name: reader.name }, mayReassign: false },
            label: `week ${week} digest`,
            report: buildDigest(db, plan, reader, now, sources, week, shared),
          },
        ];
      }),
  };
}
