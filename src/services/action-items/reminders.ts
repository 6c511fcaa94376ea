/**
 * Action-item reminders as schedule rows (docs/decisions/002): each open item's planned reminders
 * (domain/action-reminders.ts) become rows keyed by item, kind and date, re-planned whenever the item
 * changes, so a snooze moves them and done removes them; the week-11 commitments invitation is one
 * row per event. The dispatcher sends them (services/action-notices.ts composes what they say).
 */
import { and, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type ActionItemRow, actionItems, type EventRow, schedule } from '../../../db/schema.js';
import { COMMITMENT_INVITE_KIND, commitmentInvite } from '../../domain/action-items/commitments.js';
import { type PlannedReminder, planActionReminders, REMINDER_DEFAULTS, type ReminderKind, type ReminderSettings } from '../../domain/action-items/reminders.js';
import { addDays, atLocalTime } from '../../domain/dates.js';
import type { Timeline } from '../../domain/plan/timeline.js';
import { keyPrefixEnd, type PlanOutcome, reconcile, type ScheduleEntry } from '../delivery/schedule.js';

/** The schedule kind of each action-item reminder. */
export const ACTION_SCHEDULE_KINDS: Record<ReminderKind, string> = {
  'day-before': 'action-day-before',
  'due-day': 'action-due-day',
  overdue: 'action-overdue',
  escalation: 'action-escalation',
};
const KINDS = Object.values(ACTION_SCHEDULE_KINDS);

/** What a due action-item row carries; the composer checks it against the item as it stands. */
export interface ActionReminderPayload {
  item: number;
  due: string;
  date: string;
  overdueWeekday?: number;
}

/** Reminders go out at the event's reminder time, the hour every other reminder uses. */
function actionReminderSettings(event: Pick<EventRow, 'timeZone' | 'reminderTime'>): ReminderSettings {
  return { ...REMINDER_DEFAULTS, timeZone: event.timeZone, hour: event.reminderTime };
}

const keyPrefix = (itemId: number) => `action:${itemId}:`;

function entriesFor(item: ActionItemRow, settings: ReminderSettings): ScheduleEntry[] {
  const planned = planActionReminders(
    {
      due: item.due,
      createdAt: new Date(item.createdAt),
      snoozedUntil: item.snoozedUntil,
      status: item.status,
      escalatedAt: item.escalatedAt ? new Date(item.escalatedAt) : null,
    },
    settings,
  );
  return planned.map((r) => ({
    key: `${keyPrefix(item.id)}${r.kind}:${r.date}`,
    kind: ACTION_SCHEDULE_KINDS[r.kind],
    dueAt: r.at,
    staleAt: staleAt(r, settings.timeZone),
    payload: { item: item.id, due: item.due, date: r.date, ...(r.overdueWeekday ? { overdueWeekday: r.overdueWeekday } : {}) },
  }));
}

/**
 * A reminder missed while the app was down helps only on its own day (the next day brings its own),
 * so it goes stale at midnight; the escalation goes out late rather than never, since the manager
 * hears of the item only once.
 */
function staleAt(reminder: PlannedReminder, timeZone: string): Date | null {
  return reminder.kind === 'escalation' ? null : atLocalTime(addDays(reminder.date, 1), '00:00', timeZone);
}

/** Brings one item's reminder rows in line with the item as it now stands. */
export function planItemReminders(db: Db, event: EventRow, item: ActionItemRow, now: Date): PlanOutcome {
  return reconcile(db, event.id, KINDS, entriesFor(item, actionReminderSettings(event)), now, { keyPrefix: keyPrefix(item.id) });
}

/** Every open item's reminders, after the event's time zone or reminder time change. */
export function planAllItemReminders(db: Db, event: EventRow, now: Date): void {
  const settings = actionReminderSettings(event);
  const open = db
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.eventId, event.id), eq(actionItems.status, 'open')))
    .all();
  reconcile(
    db,
    event.id,
    KINDS,
    open.flatMap((item) => entriesFor(item, settings)),
    now,
  );
}

/** The week-11 invitation to record commitments, moved with the event's dates. */
export function planCommitmentInvite(db: Db, event: EventRow, timeline: Timeline, now: Date): void {
  reconcile(db, event.id, [COMMITMENT_INVITE_KIND], [commitmentInvite(event, timeline)], now);
}

/** When the item will next chase its owner, from the schedule as it stands; null when nothing is planned. */
export function nextItemReminder(db: Db, itemId: number): Date | null {
  const prefix = keyPrefix(itemId);
  // The item's few rows by key range, then the earliest pending one: asking SQLite for both at once sends it down the status index instead.
  const rows = db
    .select({ dueAt: schedule.dueAt, status: schedule.status })
    .from(schedule)
    .where(and(gte(schedule.key, prefix), lt(schedule.key, keyPrefixEnd(prefix))))
    .all();
  const next = rows.filter((r) => r.status === 'pending').sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  return next ? new Date(next.dueAt) : null;
}
