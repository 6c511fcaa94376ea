/**
 * When an open action item chases its owner (issue 5, point 4). Every reminder falls on a weekday
 * at the set hour in the event's time zone:
 * - day-before: the last weekday before the due date, so an item due Monday is announced on Friday;
 * - due-day: on the due date, unless that is a weekend (Friday's reminder already said it, and
 *   Monday is the first overdue day);
 * - overdue: each weekday after the due date, at most `maxOverdueReminders` times;
 * - escalation: once, on the `escalateAfterWeekdays`-th overdue weekday, after that day's reminder.
 * A snooze restarts the chase on its date: nothing is sent before it, and the overdue count and the
 * escalation start again from it, because a person who asked to be reminded later expects to be.
 */
import { addDays, atLocalTime, isValidTimeZone, isWeekend, weekdayBefore, weekdayOnOrAfter, weekdaysAfter } from '../dates.js';

export type ActionStatus = 'open' | 'done';
export type ReminderKind = 'day-before' | 'due-day' | 'overdue' | 'escalation';

export interface ReminderItem {
  /** Local date in the event's time zone; an item with no due date is never chased. */
  due: string | null;
  createdAt: Date;
  snoozedUntil?: string | null | undefined;
  status: ActionStatus;
  /** When the escalation went out; the manager hears about an item once. */
  escalatedAt?: Date | null | undefined;
}

export interface ReminderSettings {
  timeZone: string;
  /** 'HH:mm', local to the event. */
  hour: string;
  maxOverdueReminders: number;
  escalateAfterWeekdays: number;
}

/** Three overdue reminders and escalation after three weekdays come from issue 5; 09:00 is the start of the working day, when a rep plans it. */
export const REMINDER_DEFAULTS: Omit<ReminderSettings, 'timeZone'> = Object.freeze({
  hour: '09:00',
  maxOverdueReminders: 3,
  escalateAfterWeekdays: 3,
});

export interface PlannedReminder {
  kind: ReminderKind;
  date: string;
  at: Date;
  /** For overdue and escalation: how many weekdays past the due date `date` is (1 = the first). */
  overdueWeekday?: number;
}

/** The item's reminders in order, each strictly after the item was created. */
export function planActionReminders(item: ReminderItem, settings: ReminderSettings): PlannedReminder[] {
  checkSettings(settings);
  if (item.status === 'done' || item.due === null) return [];
  const due = item.due;
  const resume = item.snoozedUntil ?? null;
  const notSnoozed = (date: string) => resume === null || date >= resume;
  const at = (date: string) => atLocalTime(date, settings.hour, settings.timeZone);

  const plan: PlannedReminder[] = [];
  const dayBefore = weekdayBefore(due);
  if (notSnoozed(dayBefore)) plan.push({ kind: 'day-before', date: dayBefore, at: at(dayBefore) });
  if (!isWeekend(due) && notSnoozed(due)) plan.push({ kind: 'due-day', date: due, at: at(due) });

  const chaseFrom = weekdayOnOrAfter(resume !== null && resume > due ? resume : addDays(due, 1));
  const escalate = item.escalatedAt ? 0 : settings.escalateAfterWeekdays;
  const days = Math.max(settings.maxOverdueReminders, escalate);
  let date = chaseFrom;
  for (let n = 1; n <= days; n++, date = weekdayOnOrAfter(addDays(date, 1))) {
    const overdueWeekday = weekdaysOverdue(due, date);
    if (n <= settings.maxOverdueReminders) plan.push({ kind: 'overdue', date, at: at(date), overdueWeekday });
    if (n === escalate) plan.push({ kind: 'escalation', date, at: at(date), overdueWeekday });
  }

  const created = item.createdAt.getTime();
  return plan.filter((r) => r.at.getTime() > created);
}

/** The first planned reminder after `after`: what a dispatcher arms next, e.g. after a reopen. */
export function nextActionReminder(item: ReminderItem, settings: ReminderSettings, after: Date): PlannedReminder | null {
  return planActionReminders(item, settings).find((r) => r.at.getTime() > after.getTime()) ?? null;
}

/** The date a snooze resumes on: a day or a week later, moved off a weekend to the Monday. */
export function snoozeUntil(today: string, span: '1d' | '1w'): string {
  return weekdayOnOrAfter(addDays(today, span === '1d' ? 1 : 7));
}

/** Weekdays after the due date up to and including today; 0 until the first weekday past due. */
export function weekdaysOverdue(due: string, today: string): number {
  return weekdaysAfter(due, today).length;
}

/** Settings are checked even for an item that needs no reminder, so a bad value fails on the first item. */
function checkSettings(settings: ReminderSettings): void {
  const { timeZone, hour, maxOverdueReminders: max, escalateAfterWeekdays: after } = settings;
  if (!isValidTimeZone(timeZone)) throw new Error(`"${timeZone}" is not an IANA time zone such as America/New_York.`);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(hour)) throw new Error(`The reminder hour "${hour}" is not a time in the form HH:mm.`);
  if (!Number.isInteger(max) || max < 0) throw new Error(`maxOverdueReminders must be a whole number of 0 or more; got ${String(max)}.`);
  if (!Number.isInteger(after) || after < 1) throw new Error(`escalateAfterWeekdays must be a whole number of 1 or more; got ${String(after)}.`);
}
