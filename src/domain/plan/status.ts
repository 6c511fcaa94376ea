import { daysBetween, localDate } from '../dates.js';
import type { EventRole } from '../roles.js';
import { type PhaseNumber, PLAYBOOK } from './playbook.js';
import { type Compression, locate, type Position, type Timeline } from './timeline.js';

/** A task as the status needs it: its owner already resolved to a person (or nobody). */
export interface StatusTask {
  id: number;
  key: string;
  title: string;
  phase: number;
  weekFrom: number;
  weekTo: number;
  eventDay: number | null;
  ownerRole: EventRole;
  owner: OwnerRef | null;
  dueDate: string;
  /** 'scheduled': SKO Conductor does it by sending its message, so nobody is asked to. */
  status: 'open' | 'done' | 'scheduled';
  milestone: boolean;
  /** Who marked it done, and when (ISO instant); `by` is null when SKO Conductor did it. */
  done?: { at: string; by: OwnerRef | null } | null;
  /** A task SKO Conductor performs: when its message goes out, how many it reached, or why it reached nobody. */
  app?: AppPerformance | null;
}

export interface AppPerformance {
  /** ISO instant the message is planned for, while it is. */
  sendsAt: string | null;
  delivered: number | null;
  /** Why the message reached nobody: the task is its owner's again. */
  failure: string | null;
}

/** What SKO Conductor does (or did) itself: nobody's work, so lists of people's work leave it out. */
export function isAppWork(task: Pick<StatusTask, 'status' | 'app' | 'done'>): boolean {
  return task.status === 'scheduled' || (task.status === 'done' && !!task.app && !task.done?.by);
}

export interface OwnerRef {
  personId: number;
  slackUserId: string | null;
  name: string | null;
}

export interface StatusEvent {
  name: string;
  day1: string;
  days: number;
  hasDay0: boolean;
  location: string | null;
}

type Countdown = { kind: 'until'; days: number } | { kind: 'during'; day: number; of: number } | { kind: 'over'; daysAgo: number };

interface Milestone {
  date: string;
  label: string;
}

export interface StatusReport {
  event: StatusEvent;
  today: string;
  timeZone: string;
  countdown: Countdown;
  position: Position;
  phase: { number: PhaseNumber; name: string } | null;
  /** What the current week (or, before the plan starts, week 1) is about, per the playbook. */
  focus: { week: number; text: string } | null;
  weekTasks: StatusTask[];
  overdue: StatusTask[];
  milestones: Milestone[];
  compression: Compression | null;
  progress: { done: number; total: number };
}

const MILESTONES_SHOWN = 3;

export function buildStatusReport(input: { event: StatusEvent; timeline: Timeline; tasks: StatusTask[] }, now: Date): StatusReport {
  const { event, timeline, tasks } = input;
  const timeZone = timeline.dates.timeZone;
  const today = localDate(now, timeZone);
  const position = locate(timeline, now);

  const focusWeek = position.kind === 'week' ? position.week : position.kind === 'before' ? 1 : null;
  const weekTemplate = focusWeek === null ? undefined : PLAYBOOK.weeks.find((w) => w.week === focusWeek);
  const phaseNumber = position.kind === 'week' ? position.phase : null;
  const phase = phaseNumber === null ? null : (PLAYBOOK.phases.find((p) => p.number === phaseNumber) ?? null);

  const peoplesWork = tasks.filter((t) => !isAppWork(t));
  const weekTasks = focusWeek === null ? [] : peoplesWork.filter((t) => t.weekFrom <= focusWeek && focusWeek <= t.weekTo).sort(byDueThenTitle);
  const overdue = tasks.filter((t) => t.status === 'open' && t.dueDate < today).sort(byDueThenTitle);

  return {
    event,
    today,
    timeZone,
    countdown: countdown(event, today),
    position,
    phase: phase ? { number: phase.number, name: phase.name } : null,
    focus: weekTemplate ? { week: weekTemplate.week, text: weekTemplate.focus } : null,
    weekTasks,
    overdue,
    milestones: upcomingMilestones(timeline, tasks, today),
    compression: timeline.compression,
    progress: { done: tasks.filter((t) => t.status === 'done').length, total: tasks.length },
  };
}

function countdown(event: StatusEvent, today: string): Countdown {
  const offset = daysBetween(event.day1, today);
  if (offset < 0) return { kind: 'until', days: -offset };
  if (offset < event.days) return { kind: 'during', day: offset + 1, of: event.days };
  return { kind: 'over', daysAgo: offset - event.days + 1 };
}

function upcomingMilestones(timeline: Timeline, tasks: StatusTask[], today: string): Milestone[] {
  const candidates: Milestone[] = [];
  for (const phase of PLAYBOOK.phases) {
    const firstWeek = timeline.weeks.find((w) => w.week === phase.weeks.from);
    if (firstWeek) candidates.push({ date: firstWeek.start, label: `Phase ${phase.number} begins: ${phase.name}` });
  }
  for (const day of timeline.eventDays) {
    candidates.push({ date: day.date, label: day.day === 0 ? 'Day 0: early arrivals' : `Event day ${day.day}` });
  }
  for (const task of tasks) {
    if (task.milestone && task.status === 'open') candidates.push({ date: task.dueDate, label: task.title });
  }
  const lastWeek = timeline.weeks[timeline.weeks.length - 1];
  if (lastWeek) candidates.push({ date: lastWeek.end, label: 'End of week 12: plan complete' });
  return candidates
    .filter((m) => m.date > today)
    .sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label))
    .slice(0, MILESTONES_SHOWN);
}

function byDueThenTitle(a: StatusTask, b: StatusTask): number {
  return a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title);
}
