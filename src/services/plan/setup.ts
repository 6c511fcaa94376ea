/** Setting up an SKO, or changing its setup: who may, and storing it with everything it plans. */
import { and, eq, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type EventRow, eventRoles, events, type Person, tasks } from '../../../db/schema.js';
import { type Decision, decideChangeSetup } from '../../domain/access.js';
import { localDate } from '../../domain/dates.js';
import { handleFromName, uniqueHandle } from '../../domain/plan/handles.js';
import { PLAYBOOK, taskInstances, tasksForEvent } from '../../domain/plan/playbook.js';
import type { SetupInput } from '../../domain/plan/setup.js';
import { taskSchedule } from '../../domain/plan/timeline.js';
import { LEAD_ROLES, type PeopleRole } from '../../domain/roles.js';
import { InputError, NotAllowedError, NotFoundError } from '../../errors.js';
import { planAllItemReminders, planCommitmentInvite } from '../action-items/reminders.js';
import { setUpCommunications } from '../comms/calendar.js';
import { planSchedule } from '../delivery/schedule.js';
import { actorFor, assertNotArchived } from '../people/access.js';
import { isAdmin, listAdmins } from '../people/admins.js';
import { ensurePeople } from '../people/people.js';
import { changeRole } from '../people/role-changes.js';
import { type CopySummary, copyInto, copySource, rolesFor } from './copy.js';
import { activeEvents, allEvents, eventById, loadPlan, roleHolders, timelineOf } from './event-store.js';
import { lessonTaskInstances } from './lessons.js';

export interface SetupOutcome {
  event: EventRow;
  created: boolean;
  tasksCreated: number;
  tasksMoved: number;
  tasksRemoved: number;
  /** The event as it was before this edit (null when it was just set up), and whether anyone's role changed. */
  previous: EventRow | null;
  rolesChanged: boolean;
  /** What a new SKO took from the past SKO it started from; null when it started empty. */
  copied: CopySummary | null;
}

/**
 * May this person change this SKO's setup (PRODUCT §3: admins and its SKO lead), or, with no SKO
 * given, set up a new one (admins)?
 */
export function setupDecision(db: Db, slackUserId: string, event: EventRow | undefined): Decision {
  const skoLead = event ? roleHolders(db, event.id).find((h) => h.role === 'sko_lead') : undefined;
  const admins = listAdmins(db);
  return decideChangeSetup(actorFor(db, slackUserId, event), {
    eventExists: event !== undefined || allEvents(db).length > 0,
    adminMentions: [...new Set([...admins.workspace, ...admins.added, ...admins.setting])].slice(0, 5).map((id) => `<@${id}>`),
    skoLeadMention: skoLead?.person.slackUserId ? `<@${skoLead.person.slackUserId}>` : undefined,
  });
}

/** Throws NotAllowedError, saying who may, unless this person may change this SKO's setup (or make a new one). */
function assertMayChangeSetup(db: Db, slackUserId: string, event: EventRow | undefined): void {
  const decision = setupDecision(db, slackUserId, event);
  if (!decision.allowed) throw new NotAllowedError(decision.reason);
}

/**
 * The SKO setup is about (none: a new one), once this person may change it: it must still be
 * there, and not archived. Throws NotFoundError or NotAllowedError, in words saying why.
 */
export function setupTarget(db: Db, slackUserId: string, eventId: number | null): EventRow | undefined {
  const event = eventId === null ? undefined : eventById(db, eventId);
  if (eventId !== null && !event) throw new NotFoundError('That SKO is no longer there. Run `/sko setup` again.');
  assertMayChangeSetup(db, slackUserId, event);
  if (event) assertNotArchived(event);
  return event;
}

/** A new SKO's handle: from its name, made unique among every SKO's, archived ones included. */
function newHandle(db: Db, name: string): string {
  return uniqueHandle(handleFromName(name), new Set(allEvents(db).map((e) => e.handle)));
}

/** An SKO's channel says which SKO a command there is about, so two running SKOs never share one. */
function assertOwnChannel(db: Db, channelId: string, eventId: number | null): void {
  const other = activeEvents(db).find((e) => e.channelId === channelId && e.id !== eventId);
  if (other) throw new InputError(`<#${channelId}> is the channel of ${other.name}. Pick a channel of this SKO's own.`, 'channelId');
}

/** People roles that may be named sales leaders of an SKO as they are. */
const LEADING_ROLES: readonly PeopleRole[] = ['leader', 'admin'];

/**
 * An SKO's sales leaders see the company's sales data, so naming one is granting that: only an
 * admin may name someone who is not a leader already (the change is recorded for admins to see);
 * anyone else who may change setup can only pick among the leaders.
 */
function nameSalesLeaders(db: Db, leaders: readonly Person[], actorSlackId: string, now: Date): void {
  const others = leaders.filter((p) => !LEADING_ROLES.includes(p.role));
  if (others.length === 0) return;
  if (!isAdmin(db, actorSlackId)) {
    throw new InputError(
      `${others.map((p) => `<@${p.slackUserId}>`).join(', ')} ${others.length === 1 ? 'is not a sales leader' : 'are not sales leaders'} in the people data, and naming them would let them see everyone's figures. Pick leaders, or ask an admin to name them.`,
      'salesLeaders',
    );
  }
  for (const p of others) changeRole(db, { personId: p.id, from: p.role, to: 'leader', source: 'setup', by: actorSlackId, at: now });
}

/**
 * Stores the setup in one transaction: the event, its role holders, the playbook as tasks, the
 * reminders the plan calls for (action items' too: they follow the time zone and reminder time),
 * and the communications calendar with its surveys. Editing moves the due dates of open tasks (and
 * their reminders) and the communications not yet sent, and leaves done ones as they were.
 */
export function saveSetup(db: Db, input: SetupInput, actorSlackId: string, now: Date, eventId: number | null): SetupOutcome {
  // better-sqlite3 is synchronous on one connection, so every `db` call below runs inside this transaction.
  return db.transaction(() => {
    const stamp = now.toISOString();
    // Starting from a past SKO: its role holders fill the roles the form left empty.
    const source = copySource(db, input, eventId);
    const { leads, salesLeaders, copied: rolesCopied } = rolesFor(db, input, source);
    // People first, so an admin the app has not met yet is someone to check; a refusal rolls it all back.
    const everyone = ensurePeople(db, [actorSlackId, ...Object.values(leads), ...salesLeaders]);
    const existing = setupTarget(db, actorSlackId, eventId);
    assertOwnChannel(db, input.channelId, existing?.id ?? null);
    const actor = everyone.get(actorSlackId) as Person;

    nameSalesLeaders(
      db,
      salesLeaders.map((slackId) => everyone.get(slackId) as Person),
      actorSlackId,
      now,
    );

    const fields = {
      name: input.name,
      day1: input.day1,
      days: input.days,
      hasDay0: input.hasDay0,
      timeZone: input.timeZone,
      location: input.location,
      headcount: input.headcount,
      budgetCents: input.budgetCents,
      channelId: input.channelId,
      gtmChallenge: input.gtmChallenge,
      ...(input.roster !== undefined ? { roster: input.roster } : {}),
      ...(input.reminderTime ? { reminderTime: input.reminderTime } : {}),
    };
    const event = existing
      ? (db
          .update(events)
          .set({ ...fields, updatedAt: stamp })
          .where(eq(events.id, existing.id))
          .returning()
          .get() as EventRow)
      : (db
          .insert(events)
          .values({ ...fields, handle: newHandle(db, input.name), planStart: localDate(now, input.timeZone), createdBy: actor.id })
          .returning()
          .get() as EventRow);

    const rolesBefore = db.select().from(eventRoles).where(eq(eventRoles.eventId, event.id)).all();
    db.delete(eventRoles).where(eq(eventRoles.eventId, event.id)).run();
    const roleRows = [
      ...LEAD_ROLES.map((role) => ({ eventId: event.id, role, personId: (everyone.get(leads[role]) as Person).id, position: 0 })),
      ...salesLeaders.map((slackId, position) => ({
        eventId: event.id,
        role: 'sales_leader' as const,
        personId: (everyone.get(slackId) as Person).id,
        position,
      })),
    ];
    db.insert(eventRoles).values(roleRows).run();
    const roleKey = (r: { role: string; personId: number; position: number }) => `${r.role}:${r.personId}:${r.position}`;
    const rolesChanged = rolesBefore.map(roleKey).sort().join() !== roleRows.map(roleKey).sort().join();

    const timeline = timelineOf(event);
    const leaderIds = roleRows.filter((r) => r.role === 'sales_leader').map((r) => r.personId);
    const instances = [...taskInstances(tasksForEvent(PLAYBOOK, event), leaderIds), ...lessonTaskInstances(db, event)];
    const current = new Map(
      db
        .select()
        .from(tasks)
        .where(eq(tasks.eventId, event.id))
        .all()
        .map((t) => [t.key, t]),
    );
    let tasksCreated = 0;
    let tasksMoved = 0;
    for (const { key, template, ownerId } of instances) {
      const { start, due } = taskSchedule(timeline, template);
      const row = current.get(key);
      if (!row) {
        db.insert(tasks)
          .values({
            eventId: event.id,
            key,
            title: template.title,
            phase: template.phase,
            workstream: template.workstream,
            weekFrom: template.weeks.from,
            weekTo: template.weeks.to,
            eventDay: template.eventDay ?? null,
            ownerRole: template.ownerRole,
            ownerId,
            agent: template.agent ?? null,
            output: template.output ?? null,
            milestone: template.milestone ?? false,
            startDate: start,
            dueDate: due,
          })
          .run();
        tasksCreated += 1;
      } else if (row.status === 'open' && (row.dueDate !== due || row.startDate !== start || row.eventDay !== (template.eventDay ?? null))) {
        db.update(tasks)
          .set({ startDate: start, dueDate: due, eventDay: template.eventDay ?? null, updatedAt: stamp })
          .where(eq(tasks.id, row.id))
          .run();
        tasksMoved += 1;
      }
    }
    // A task the event no longer has (day 0 dropped) goes, unless someone already did it.
    const keep = instances.map((t) => t.key);
    const removed = db
      .delete(tasks)
      .where(and(eq(tasks.eventId, event.id), eq(tasks.status, 'open'), notInArray(tasks.key, keep)))
      .run();

    // Before the calendar is set up, so the copied texts and surveys are what it plans with.
    const copied = source ? copyInto(db, source, event, rolesCopied, now) : null;

    planSchedule(db, loadPlan(db, event), now);
    planAllItemReminders(db, event, now);
    planCommitmentInvite(db, event, timeline, now);
    setUpCommunications(db, event, existing, now);

    return { event, created: !existing, tasksCreated, tasksMoved, tasksRemoved: removed.changes, previous: existing ?? null, rolesChanged, copied };
  });
}
