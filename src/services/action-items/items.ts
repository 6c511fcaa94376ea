/**
 * Action items (issue 5): created from `/sko action`, the modal, the message shortcut or the week-11
 * commitments; changed in one click by the people allowed to (domain/access.ts); listed for those
 * allowed to see them; counted for the digest and exported as CSV. Every change re-plans the item's
 * reminders in the same transaction.
 */
import { and, asc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, prepared } from '../../../db/client.js';
import { type ActionItemRow, actionItems, type EventRow, events, type Person, people, tasks } from '../../../db/schema.js';
import { type Actor, type Decision, decideChangeActionItem, decideSeeActionItem, seesEveryActionItem } from '../../domain/access.js';
import { type Commitment, MAX_COMMITMENTS } from '../../domain/action-items/commitments.js';
import type { ActionItemSource, ActionsScope } from '../../domain/action-items/items.js';
import type { ActionItemView } from '../../domain/action-items/notices.js';
import { snoozeUntil } from '../../domain/action-items/reminders.js';
import { type ActionSummary, type CsvActionItem, type OwnerItemCounts, summarizeOwnerCounts } from '../../domain/action-items/reports.js';
import { addDays, atLocalTime, localDate, weekdayOnOrAfter } from '../../domain/dates.js';
import type { OwnerRef } from '../../domain/plan/status.js';
import { InputError, NotAllowedError, NotFoundError } from '../../errors.js';
import { actorFor } from '../people/access.js';
import { ensurePeople, findPersonBySlackId, rememberSlackProfile } from '../people/people.js';
import { eventById } from '../plan/event-store.js';
import { planItemReminders } from './reminders.js';

export const ITEM_GONE = 'That action item no longer exists. Run `/sko actions` to see your current ones.';

// ── views ────────────────────────────────────────────────────────────────────────────────────

const refOf = (person: Person): OwnerRef => ({ personId: person.id, slackUserId: person.slackUserId, name: person.name });
const UNKNOWN = (personId: number): OwnerRef => ({ personId, slackUserId: null, name: null });

/** The items as surfaces show them, people and linked tasks looked up in two queries. */
function itemViews(db: Db, rows: readonly ActionItemRow[]): ActionItemView[] {
  if (rows.length === 0) return [];
  const personIds = [...new Set(rows.flatMap((r) => [r.ownerId, r.creatorId, ...(r.doneBy === null ? [] : [r.doneBy])]))];
  const byId = new Map(
    db
      .select()
      .from(people)
      .where(inArray(people.id, personIds))
      .all()
      .map((p) => [p.id, refOf(p)]),
  );
  const taskIds = [...new Set(rows.map((r) => r.taskId).filter((id): id is number => id !== null))];
  const taskTitles = new Map(
    taskIds.length
      ? db
          .select({ id: tasks.id, title: tasks.title })
          .from(tasks)
          .where(inArray(tasks.id, taskIds))
          .all()
          .map((t) => [t.id, t.title])
      : [],
  );
  const ref = (id: number) => byId.get(id) ?? UNKNOWN(id);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    notes: row.notes,
    owner: ref(row.ownerId),
    creator: ref(row.creatorId),
    due: row.due,
    status: row.status,
    snoozedUntil: row.snoozedUntil,
    done: row.status === 'done' && row.doneAt ? { at: row.doneAt, by: row.doneBy === null ? null : ref(row.doneBy) } : null,
    link: row.link,
    task: row.taskId !== null && taskTitles.has(row.taskId) ? { id: row.taskId, title: taskTitles.get(row.taskId) as string } : null,
    source: row.source,
  }));
}

export function itemView(db: Db, row: ActionItemRow): ActionItemView {
  return itemViews(db, [row])[0] as ActionItemView;
}

export function findItem(db: Db, itemId: number): ActionItemRow | undefined {
  return db.select().from(actionItems).where(eq(actionItems.id, itemId)).get();
}

function eventOf(db: Db, row: ActionItemRow): EventRow {
  const event = db.select().from(events).where(eq(events.id, row.eventId)).get();
  if (!event) throw new NotFoundError(ITEM_GONE);
  return event;
}

// ── access ───────────────────────────────────────────────────────────────────────────────────

const mentionOf = (ref: OwnerRef) => (ref.slackUserId ? `<@${ref.slackUserId}>` : undefined);
const NOT_MET = 'Only people in the SKO can change action items. Ask the owner, the person who created it or the SKO lead.';

function changeDecision(actor: Actor | null, item: Pick<ActionItemView, 'owner' | 'creator'>): Decision {
  if (!actor) return { allowed: false, reason: NOT_MET };
  return decideChangeActionItem(actor, { ownerPersonId: item.owner.personId, creatorPersonId: item.creator.personId, ownerMention: mentionOf(item.owner) });
}

/** The change rule as a question about items, for one reader: which items get buttons. */
export function changeRule(db: Db, slackUserId: string | null, event: EventRow): (item: Pick<ActionItemView, 'owner' | 'creator'>) => boolean {
  const actor = slackUserId ? actorFor(db, slackUserId, event) : null;
  return (item) => changeDecision(actor, item).allowed;
}

/** May this person change this item? Said before a modal opens, so nobody fills one in for nothing. */
export function changeDecisionFor(db: Db, itemId: number, slackUserId: string): Decision {
  const row = findItem(db, itemId);
  if (!row) return { allowed: false, reason: ITEM_GONE };
  return changeDecision(actorFor(db, slackUserId, eventOf(db, row)), itemView(db, row));
}

/** Everyone who reports to this person, directly or through others. */
function reportsOf(db: Db, personId: number): Set<number> {
  const rows = db.all<{ id: number }>(sql`
    WITH RECURSIVE reports(id) AS (
      SELECT ${people.id} FROM ${people} WHERE ${people.managerId} = ${personId}
      UNION
      SELECT p.id FROM ${people} p JOIN reports r ON p.manager_id = r.id
    )
    SELECT id FROM reports`);
  return new Set(rows.map((r) => r.id));
}

// ── creating ─────────────────────────────────────────────────────────────────────────────────

export interface NewActionItem {
  title: string;
  ownerSlackId: string;
  due: string | null;
  notes?: string | null | undefined;
  link?: string | null | undefined;
  taskId?: number | null | undefined;
  source: ActionItemSource;
  /** What Slack said about an owner the app had not met (users.info), kept for names in exports. */
  ownerProfile?: { name?: string | undefined; timeZone?: string | undefined } | undefined;
}

/** Stores the item and plans its reminders, in one transaction; returns it as surfaces show it. */
export function createActionItem(db: Db, event: EventRow, creatorSlackId: string, input: NewActionItem, now: Date): ActionItemView {
  return db.transaction(() => {
    if (input.taskId !== null && input.taskId !== undefined) {
      const task = db.select({ eventId: tasks.eventId }).from(tasks).where(eq(tasks.id, input.taskId)).get();
      if (task?.eventId !== event.id) throw new InputError('That plan task is no longer in the plan; choose another or none.', 'task');
    }
    const everyone = ensurePeople(db, [creatorSlackId, input.ownerSlackId]);
    if (input.ownerProfile) rememberSlackProfile(db, input.ownerSlackId, input.ownerProfile);
    const stamp = now.toISOString();
    const row = db
      .insert(actionItems)
      .values({
        eventId: event.id,
        title: input.title,
        notes: input.notes || null,
        ownerId: (everyone.get(input.ownerSlackId) as Person).id,
        creatorId: (everyone.get(creatorSlackId) as Person).id,
        due: input.due,
        link: input.link || null,
        taskId: input.taskId ?? null,
        source: input.source,
        createdAt: stamp,
        updatedAt: stamp,
      })
      .returning()
      .get();
    planItemReminders(db, event, row, now);
    return itemView(db, row);
  });
}

// ── changing ─────────────────────────────────────────────────────────────────────────────────

export type ActionChange =
  | { kind: 'done' }
  | { kind: 'reopen' }
  | { kind: 'snooze'; span: '1d' | '1w' }
  | { kind: 'reassign'; ownerSlackId: string; ownerProfile?: NewActionItem['ownerProfile'] };

export interface ChangeOutcome {
  item: ActionItemView;
  previousOwner: OwnerRef;
  event: EventRow;
}

/**
 * Applies a one-click change for the person who clicked, if they may (its owner, its creator, the
 * SKO lead, admins, leaders), and re-plans its reminders; a refusal changes nothing. Done twice keeps
 * the first record; snoozing a done item is refused, since nothing would remind anyone.
 */
export function changeActionItem(db: Db, itemId: number, actorSlackId: string, change: ActionChange, now: Date): ChangeOutcome {
  return db.transaction(() => {
    const row = findItem(db, itemId);
    if (!row) throw new NotFoundError(ITEM_GONE);
    const event = eventOf(db, row);
    const before = itemView(db, row);
    const actor = actorFor(db, actorSlackId, event);
    const decision = changeDecision(actor, before);
    if (!decision.allowed || !actor) throw new NotAllowedError(decision.allowed ? NOT_MET : decision.reason);

    const stamp = now.toISOString();
    const patch = patchFor(db, row, change, actor, event, now);
    const updated = patch
      ? (db
          .update(actionItems)
          .set({ ...patch, updatedAt: stamp })
          .where(eq(actionItems.id, itemId))
          .returning()
          .get() as ActionItemRow)
      : row;
    planItemReminders(db, event, updated, now);
    return { item: itemView(db, updated), previousOwner: before.owner, event };
  });
}

function patchFor(db: Db, row: ActionItemRow, change: ActionChange, actor: Actor, event: EventRow, now: Date): Partial<ActionItemRow> | null {
  switch (change.kind) {
    case 'done':
      return row.status === 'done' ? null : { status: 'done', doneAt: now.toISOString(), doneBy: actor.personId, snoozedUntil: null };
    case 'reopen':
      return row.status === 'open' ? null : { status: 'open', doneAt: null, doneBy: null };
    case 'snooze':
      if (row.status === 'done') throw new InputError('This action item is done, so there is nothing to snooze. Reopen it first if it needs more work.');
      if (row.due === null) throw new InputError('This action item has no due date, so it sends no reminders to snooze.');
      return { snoozedUntil: snoozeUntil(localDate(now, event.timeZone), change.span) };
    case 'reassign': {
      const owner = ensurePeople(db, [change.ownerSlackId]).get(change.ownerSlackId) as Person;
      if (change.ownerProfile) rememberSlackProfile(db, change.ownerSlackId, change.ownerProfile);
      if (owner.id === row.ownerId) return null;
      // The new owner is chased afresh: an overdue item's reminders start again at the next reminder time, as after a snooze.
      const today = localDate(now, event.timeZone);
      const resume = weekdayOnOrAfter(now < atLocalTime(today, event.reminderTime, event.timeZone) ? today : addDays(today, 1));
      const overdue = row.status === 'open' && row.due !== null && row.due < today;
      return { ownerId: owner.id, ...(overdue && !(row.snoozedUntil && row.snoozedUntil > resume) ? { snoozedUntil: resume } : {}) };
    }
  }
}

// ── reading ──────────────────────────────────────────────────────────────────────────────────

export interface ActionList {
  event: EventRow;
  today: string;
  items: ActionItemView[];
  /** Open items that matched, of which `items` are the first. */
  total: number;
  /** Set when the reader may not see the items asked for. */
  refusal?: string;
}

/**
 * Open items in `scope` that the reader may see, overdue first, then by due date (undated last).
 * A rep sees their own and the ones they created; a manager also their reports'; the SKO lead,
 * admins and leaders everyone's.
 */
export function listActionItems(db: Db, event: EventRow, readerSlackId: string, scope: ActionsScope, now: Date, limit: number): ActionList {
  const today = localDate(now, event.timeZone);
  const actor = actorFor(db, readerSlackId, event);
  const empty: ActionList = { event, today, items: [], total: 0 };
  if (!actor) return empty;

  const conditions: SQL[] = [eq(actionItems.eventId, event.id), eq(actionItems.status, 'open')];
  let refusal: string | undefined;
  if (scope.kind === 'mine') conditions.push(eq(actionItems.ownerId, actor.personId));
  if (scope.kind === 'overdue') conditions.push(lt(actionItems.due, today));
  if (scope.kind === 'person') {
    // Looking someone up creates nobody: a person the app has not met owns nothing yet.
    const target = findPersonBySlackId(db, scope.slackUserId);
    if (!target) return empty;
    conditions.push(eq(actionItems.ownerId, target.id));
    const seen = decideSeeActionItem(actor, { ownerPersonId: target.id, creatorPersonId: -1 }, { managesOwner: reportsOf(db, actor.personId).has(target.id) });
    if (!seen.allowed) {
      conditions.push(eq(actionItems.creatorId, actor.personId));
      refusal = seen.reason;
    }
  } else if (scope.kind !== 'mine' && !seesEveryActionItem(actor)) {
    const visibleOwners = [actor.personId, ...reportsOf(db, actor.personId)];
    conditions.push(or(inArray(actionItems.ownerId, visibleOwners), eq(actionItems.creatorId, actor.personId)) as SQL);
  }

  const where = and(...conditions);
  const total = db.select({ n: sql<number>`count(*)` }).from(actionItems).where(where).get()?.n ?? 0;
  if (total === 0) return refusal ? { ...empty, refusal } : empty;
  const rows = db
    .select()
    .from(actionItems)
    .where(where)
    .orderBy(sql`${actionItems.due} IS NULL`, asc(actionItems.due), asc(actionItems.id))
    .limit(limit)
    .all();
  return { event, today, items: itemViews(db, rows), total };
}

/** These items as they stand now, in the order given, leaving out any the reader may not see or that are gone. */
export function itemsByIds(
  db: Db,
  readerSlackId: string,
  ids: readonly number[],
  now: Date,
): { event: EventRow; today: string; items: ActionItemView[] } | null {
  const first = ids.length
    ? db
        .select({ eventId: actionItems.eventId })
        .from(actionItems)
        .where(inArray(actionItems.id, [...ids]))
        .get()
    : undefined;
  const event = first ? eventById(db, first.eventId) : undefined;
  if (!event) return null;
  const actor = actorFor(db, readerSlackId, event);
  if (!actor) return null;
  const rows = db
    .select()
    .from(actionItems)
    .where(and(inArray(actionItems.id, [...ids]), eq(actionItems.eventId, event.id)))
    .all();
  const reports = seesEveryActionItem(actor) ? new Set<number>() : reportsOf(db, actor.personId);
  const visible = rows.filter(
    (r) => decideSeeActionItem(actor, { ownerPersonId: r.ownerId, creatorPersonId: r.creatorId }, { managesOwner: reports.has(r.ownerId) }).allowed,
  );
  const order = new Map(ids.map((id, i) => [id, i]));
  visible.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { event, today: localDate(now, event.timeZone), items: itemViews(db, visible) };
}

// ── counts and export ────────────────────────────────────────────────────────────────────────

/** Open, done and overdue items, in total, by owner and by team (people.team): what the weekly digest reads. */
export function actionItemCounts(db: Db, eventId: number, today: string): ActionSummary {
  return summarizeOwnerCounts(prepared(db, ownerCountsQuery).all({ eventId, today }) as OwnerItemCounts[], today);
}

/** Counted per owner by the database, as summarizeActionItems counts them (dates are YYYY-MM-DD, so earlier sorts first). */
const ownerCountsQuery = (db: Db) =>
  db.$client.prepare(
    `SELECT a.owner_id AS ownerPersonId, p.team AS team, SUM(a.status <> 'done') AS open, SUM(a.status = 'done') AS done,
            SUM(a.status = 'open' AND a.due IS NOT NULL AND a.due < @today) AS overdue, MIN(CASE WHEN a.status = 'open' AND a.due < @today THEN a.due END) AS oldestOverdueDue
       FROM action_items a JOIN people p ON p.id = a.owner_id
      WHERE a.event_id = @eventId GROUP BY a.owner_id`,
  );

/** Every item of the event, oldest first, as the CSV export writes them. */
/** Whether this person may take every action item of the SKO away as a file: whoever sees them all. */
export function mayExportActionItems(db: Db, slackUserId: string, event: EventRow): boolean {
  const actor = actorFor(db, slackUserId, event);
  return actor !== null && seesEveryActionItem(actor);
}

export function actionItemsForExport(db: Db, eventId: number): CsvActionItem[] {
  const rows = db.select().from(actionItems).where(eq(actionItems.eventId, eventId)).orderBy(asc(actionItems.id)).all();
  const ids = [...new Set(rows.flatMap((r) => [r.ownerId, r.creatorId]))];
  const byId = new Map(
    ids.length
      ? db
          .select()
          .from(people)
          .where(inArray(people.id, ids))
          .all()
          .map((p) => [p.id, p])
      : [],
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    ownerEmail: byId.get(row.ownerId)?.email ?? null,
    ownerName: byId.get(row.ownerId)?.name ?? null,
    creatorEmail: byId.get(row.creatorId)?.email ?? null,
    due: row.due,
    status: row.status,
    createdAt: new Date(row.createdAt),
    doneAt: row.doneAt ? new Date(row.doneAt) : null,
    link: row.link,
  }));
}

/** How many commitments each person has recorded for the event, by person id. */
export function commitmentCounts(db: Db, eventId: number): Map<number, number> {
  const rows = db
    .select({ ownerId: actionItems.ownerId, n: sql<number>`count(*)` })
    .from(actionItems)
    .where(and(eq(actionItems.eventId, eventId), eq(actionItems.source, 'commitment')))
    .groupBy(actionItems.ownerId)
    .all();
  return new Map(rows.map((r) => [r.ownerId, r.n]));
}

/** Stores a person's post-event commitments as their own action items: at most MAX_COMMITMENTS per event in all. */
export function recordCommitments(db: Db, event: EventRow, slackUserId: string, commitments: readonly Commitment[], now: Date): ActionItemView[] {
  return db.transaction(() => {
    const person = ensurePeople(db, [slackUserId]).get(slackUserId) as Person;
    const room = MAX_COMMITMENTS - (commitmentCounts(db, event.id).get(person.id) ?? 0);
    if (commitments.length > room) {
      throw new InputError(
        room > 0
          ? `You have room for ${room} more commitment${room === 1 ? '' : 's'}; remove ${commitments.length - room}.`
          : `You have already recorded your ${MAX_COMMITMENTS} commitments. \`/sko actions\` lists them.`,
      );
    }
    return commitments.map((c) =>
      createActionItem(db, event, slackUserId, { title: c.title, ownerSlackId: slackUserId, due: c.due, source: 'commitment' }, now),
    );
  });
}
