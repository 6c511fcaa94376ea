/**
 * What the app tells people about action items, as data: the services fill these in from the
 * database when a reminder falls due, and views/ renders them.
 */

import type { OwnerRef } from '../plan/status.js';
import type { ActionItemSource } from './items.js';

/** An action item as every surface shows it: people resolved, the linked plan task by title. */
export interface ActionItemView {
  id: number;
  title: string;
  notes: string | null;
  owner: OwnerRef;
  creator: OwnerRef;
  due: string | null;
  status: 'open' | 'done';
  snoozedUntil: string | null;
  done: { at: string; by: OwnerRef | null } | null;
  link: string | null;
  task: { id: number; title: string } | null;
  source: ActionItemSource;
}

/** How an item reads at a glance on `today`. */
export type ActionItemState = 'done' | 'overdue' | 'snoozed' | 'open';

export function actionItemState(item: Pick<ActionItemView, 'status' | 'due' | 'snoozedUntil'>, today: string): ActionItemState {
  if (item.status === 'done') return 'done';
  if (item.snoozedUntil !== null && item.snoozedUntil > today) return 'snoozed';
  return item.due !== null && item.due < today ? 'overdue' : 'open';
}

interface PersonNotice {
  to: { kind: 'person'; person: OwnerRef };
  /** What this is, in a few words, for delivery reports. */
  label: string;
  eventName: string;
  today: string;
  timeZone: string;
}

/** To the owner: the day before, on the day, and on overdue weekdays. */
export interface ActionReminderNotice extends PersonNotice {
  type: 'action-reminder';
  kind: 'day-before' | 'due-day' | 'overdue';
  item: ActionItemView;
  /** For overdue reminders: weekdays past the due date. */
  overdueWeekday: number | null;
}

/** To the owner's manager, or the SKO lead: once, when the item is some weekdays overdue. */
export interface ActionEscalationNotice extends PersonNotice {
  type: 'action-escalation';
  item: ActionItemView;
  overdueWeekday: number;
  as: 'manager' | 'sko-lead';
  /** Whether the reader may act on the item, so the message offers the buttons only then. */
  mayChange: boolean;
}

/** In week 11, to each attendee: record up to three commitments. */
export interface CommitmentInviteNotice extends PersonNotice {
  type: 'commitments-invite';
  /** The SKO whose commitments they are: its button carries it. */
  eventId: number;
  /** Commitments this person has already recorded. */
  recorded: number;
}

export type ActionNotice = ActionReminderNotice | ActionEscalationNotice | CommitmentInviteNotice;
