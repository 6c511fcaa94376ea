/**
 * Phase reminders (PRODUCT §2, §7): what the plan will say and when, and, once a moment comes,
 * who hears what. Planning yields schedule items (a key, an instant, a payload); composing turns a
 * due item into notices for people or the event channel from the plan as it stands then, so work
 * already done drops out. Pure: the scheduler stores the items, views render the notices.
 */

import { addDays, atLocalTime, daysBetween, isWeekend, localDate, weekdayOnOrAfter } from '../dates.js';
import { type PhaseNumber, PLAYBOOK } from './playbook.js';
import { isAppWork, type OwnerRef, type StatusTask } from './status.js';
import type { Timeline, WeekWindow } from './timeline.js';

export const REMINDER_KINDS = ['phase-start', 'week-start', 'due-soon', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const DEFAULT_REMINDER_TIME = '09:00';

/** Something the app will do at `dueAt`; `key` names it uniquely, so planning twice finds the same item. */
export interface ScheduleItem<K extends string = ReminderKind> {
  key: string;
  kind: K;
  dueAt: Date;
  /** After this instant it no longer helps anyone, and is skipped rather than sent late. */
  staleAt: Date | null;
  payload: Record<string, unknown>;
}

interface ReminderEvent {
  id: number;
  name: string;
  day1: string;
  channelId: string;
  reminderTime: string;
}

export interface ReminderPlan {
  event: ReminderEvent;
  timeline: Timeline;
  tasks: readonly StatusTask[];
}

/** A person (who may be offered the reassign button) or the event channel. */
export type Recipient = { kind: 'person'; person: OwnerRef; mayReassign: boolean } | { kind: 'channel'; channelId: string };

interface NoticeBase {
  to: Recipient;
  /** What this is, in a few words, for delivery reports: "week 3 tasks". */
  label: string;
  eventName: string;
  today: string;
  timeZone: string;
  daysToDay1: number;
}

export interface WeekStartNotice extends NoticeBase {
  type: 'week-start';
  week: number;
  weeks: number;
  phase: { number: PhaseNumber; name: string };
  window: { start: string; end: string };
  focus: string;
  tasks: StatusTask[];
}

export interface PhaseStartNotice extends NoticeBase {
  type: 'phase-start';
  phase: { number: PhaseNumber; name: string; firstWeek: number; lastWeek: number };
  window: { start: string; end: string };
  weekFocus: { week: number; focus: string }[];
  owners: { owner: OwnerRef | null; role: StatusTask['ownerRole']; tasks: number }[];
  taskCount: number;
  progress: { done: number; total: number };
}

export interface TaskReminderNotice extends NoticeBase {
  type: 'due-soon' | 'overdue';
  dueDate: string;
  tasks: StatusTask[];
}

export type Notice = WeekStartNotice | PhaseStartNotice | TaskReminderNotice;

// ── planning ─────────────────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;
/** An overdue reminder that could not go out within a week is overtaken by the next week's news. */
const OVERDUE_RELEVANT_MS = 7 * DAY_MS;
/** Overdue notices still go this long after week 12 ends; after that the status lists what was never done. */
export const CHASE_AFTER_PLAN_MS = 14 * DAY_MS;

/** Reminders go out on working days: the first one in [start, end], or `start` if the span has none. */
function firstWorkingDay(start: string, end: string): string {
  for (let d = start; d <= end; d = addDays(d, 1)) if (!isWeekend(d)) return d;
  return start;
}

function workingDayOnOrBefore(date: string): string {
  return isWeekend(date) ? workingDayOnOrBefore(addDays(date, -1)) : date;
}

/**
 * Every reminder the plan calls for, from the start of week 1 to two weeks after week 12:
 * - a phase announcement in the event channel on the first working day of each phase;
 * - on the first working day of each plan week, a DM to each owner of that week's open tasks;
 * - two days before each due date (moved back to a working day), a DM to owners of tasks due then;
 * - on the first working day after each due date, a DM to owners of tasks still open, week 12's
 *   included (up to two weeks after the plan ends).
 * Due-date items are keyed by the date, so moving a task's date plans a new reminder.
 */
export function planReminders(plan: ReminderPlan): ScheduleItem[] {
  const { event, timeline } = plan;
  const zone = timeline.dates.timeZone;
  const at = (date: string) => atLocalTime(date, event.reminderTime, zone);
  const planEnds = (timeline.weeks[timeline.weeks.length - 1] as WeekWindow).endsAt;
  const chaseEnds = new Date(planEnds.getTime() + CHASE_AFTER_PLAN_MS);
  const items: ScheduleItem[] = [];

  for (const phase of PLAYBOOK.phases) {
    const first = timeline.weeks[phase.weeks.from - 1] as WeekWindow;
    const day = firstWorkingDay(first.start, first.end);
    items.push({
      key: `phase-start:${event.id}:${phase.number}:${day}`,
      kind: 'phase-start',
      dueAt: at(day),
      staleAt: first.endsAt,
      payload: { phase: phase.number },
    });
  }
  for (const week of timeline.weeks) {
    const day = firstWorkingDay(week.start, week.end);
    items.push({ key: `week-start:${event.id}:${week.week}:${day}`, kind: 'week-start', dueAt: at(day), staleAt: week.endsAt, payload: { week: week.week } });
  }
  const dueDates = [...new Set(plan.tasks.map((t) => t.dueDate))].sort();
  for (const dueDate of dueDates) {
    const soon = workingDayOnOrBefore(addDays(dueDate, -2));
    // "Due in two days" stops being a heads-up once the day itself begins.
    items.push({
      key: `due-soon:${event.id}:${dueDate}`,
      kind: 'due-soon',
      dueAt: at(soon),
      staleAt: atLocalTime(dueDate, '00:00', zone),
      payload: { dueDate },
    });
    // Week 12's tasks fall due at the plan's end: their overdue notice still goes, up to two weeks after it.
    const overdueAt = at(weekdayOnOrAfter(addDays(dueDate, 1)));
    if (overdueAt < chaseEnds) {
      items.push({
        key: `overdue:${event.id}:${dueDate}`,
        kind: 'overdue',
        dueAt: overdueAt,
        staleAt: new Date(overdueAt.getTime() + OVERDUE_RELEVANT_MS),
        payload: { dueDate },
      });
    }
  }
  return items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.key.localeCompare(b.key));
}

/** At the same instant the channel hears of a new phase before owners hear of their week. */
const KIND_ORDER: Record<ReminderKind, number> = { 'phase-start': 0, 'week-start': 1, overdue: 2, 'due-soon': 3 };

// ── composing what is due ────────────────────────────────────────────────────────────────────

interface DueContext {
  plan: ReminderPlan;
  now: Date;
  /** The access rule for reassigning, applied by the caller (who knows people's roles). */
  mayReassign: (personId: number) => boolean;
}

type Composer = (payload: Record<string, unknown>, context: DueContext) => Notice[];

/** Which notices each kind of schedule item becomes when it falls due. */
export const REMINDER_COMPOSERS: Record<ReminderKind, Composer> = {
  'phase-start': (payload, context) => composePhaseStart(Number(payload.phase), context),
  'week-start': (payload, context) => composeWeekStart(Number(payload.week), context),
  'due-soon': (payload, context) => composeTaskReminders('due-soon', String(payload.dueDate), context),
  overdue: (payload, context) => composeTaskReminders('overdue', String(payload.dueDate), context),
};

function base(context: DueContext, to: Recipient, label: string): NoticeBase {
  const { event, timeline } = context.plan;
  const timeZone = timeline.dates.timeZone;
  const today = localDate(context.now, timeZone);
  return { to, label, eventName: event.name, today, timeZone, daysToDay1: daysBetween(today, event.day1) };
}

/** Open tasks grouped by the person who owns them now; tasks with no owner have nobody to remind. */
function byOwner(tasks: readonly StatusTask[]): { owner: OwnerRef; tasks: StatusTask[] }[] {
  const groups = new Map<number, { owner: OwnerRef; tasks: StatusTask[] }>();
  for (const task of tasks) {
    if (task.status !== 'open' || !task.owner) continue;
    const group = groups.get(task.owner.personId) ?? { owner: task.owner, tasks: [] };
    group.tasks.push(task);
    groups.set(task.owner.personId, group);
  }
  return [...groups.values()].sort((a, b) => a.owner.personId - b.owner.personId);
}

function byDueThenTitle(a: StatusTask, b: StatusTask): number {
  return a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title);
}

function composeWeekStart(week: number, context: DueContext): Notice[] {
  const { timeline, tasks } = context.plan;
  const window = timeline.weeks[week - 1];
  const template = PLAYBOOK.weeks.find((w) => w.week === week);
  const phase = PLAYBOOK.phases.find((p) => p.number === window?.phase);
  if (!window || !template || !phase) return [];
  const thisWeek = tasks.filter((t) => t.weekFrom <= week && week <= t.weekTo);
  return byOwner(thisWeek).map(({ owner, tasks: owned }) => ({
    ...base(context, { kind: 'person', person: owner, mayReassign: context.mayReassign(owner.personId) }, `week ${week} tasks`),
    type: 'week-start',
    week,
    weeks: timeline.weeks.length,
    phase: { number: phase.number, name: phase.name },
    window: { start: window.start, end: window.end },
    focus: template.focus,
    tasks: owned.sort(byDueThenTitle),
  }));
}

function composePhaseStart(number: number, context: DueContext): Notice[] {
  const { event, timeline, tasks } = context.plan;
  const phase = PLAYBOOK.phases.find((p) => p.number === number);
  if (!phase) return [];
  const first = timeline.weeks[phase.weeks.from - 1];
  const last = timeline.weeks[phase.weeks.to - 1];
  if (!first || !last) return [];
  const inPhase = tasks.filter((t) => t.phase === number);
  const owners = new Map<string, PhaseStartNotice['owners'][number]>();
  for (const task of inPhase.filter((t) => !isAppWork(t))) {
    const id = task.owner ? `p${task.owner.personId}` : `r${task.ownerRole}`;
    const entry = owners.get(id) ?? { owner: task.owner, role: task.ownerRole, tasks: 0 };
    entry.tasks += 1;
    owners.set(id, entry);
  }
  return [
    {
      ...base(context, { kind: 'channel', channelId: event.channelId }, `phase ${number} announcement`),
      type: 'phase-start',
      phase: { number: phase.number, name: phase.name, firstWeek: phase.weeks.from, lastWeek: phase.weeks.to },
      window: { start: first.start, end: last.end },
      weekFocus: PLAYBOOK.weeks.filter((w) => w.phase === number).map((w) => ({ week: w.week, focus: w.focus })),
      owners: [...owners.values()].sort((a, b) => b.tasks - a.tasks),
      taskCount: inPhase.length,
      progress: { done: tasks.filter((t) => t.status === 'done').length, total: tasks.length },
    },
  ];
}

function composeTaskReminders(type: 'due-soon' | 'overdue', dueDate: string, context: DueContext): Notice[] {
  const due = context.plan.tasks.filter((t) => t.dueDate === dueDate);
  return byOwner(due).map(({ owner, tasks: owned }) => ({
    ...base(context, { kind: 'person', person: owner, mayReassign: context.mayReassign(owner.personId) }, `${type} reminder (due ${dueDate})`),
    type,
    dueDate,
    tasks: owned.sort(byDueThenTitle),
  }));
}
