/**
 * What due action-item rows become (the dispatcher's registry, services/dispatch.ts). Each composer
 * reads the item as it stands when the row falls due, inside the row's transaction, so an item done
 * or snoozed since the row was planned says nothing, and the escalation is recorded once.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type ActionItemRow, actionItems, type EventRow, type Person, people } from '../../../db/schema.js';
import { COMMITMENT_INVITE_KIND, MAX_COMMITMENTS } from '../../domain/action-items/commitments.js';
import type { ActionReminderNotice } from '../../domain/action-items/notices.js';
import { localDate } from '../../domain/dates.js';
import type { OwnerRef } from '../../domain/plan/status.js';
import type { Composer } from '../delivery/schedule.js';
import { attendees } from '../people/attendees.js';
import { roleHolders } from '../plan/event-store.js';
import { changeRule, commitmentCounts, findItem, itemView } from './items.js';
import { ACTION_SCHEDULE_KINDS, type ActionReminderPayload } from './reminders.js';

const refOf = (person: Person): OwnerRef => ({ personId: person.id, slackUserId: person.slackUserId, name: person.name });

function shortTitle(title: string): string {
  return title.length > 60 ? `${title.slice(0, 59)}…` : title;
}

function common(event: EventRow, now: Date) {
  return { eventName: event.name, today: localDate(now, event.timeZone), timeZone: event.timeZone };
}

/** The row's plan still holds: the item is open, due when it was, and not snoozed past this day. */
function stillDue(row: ActionItemRow | undefined, payload: ActionReminderPayload): row is ActionItemRow {
  return row !== undefined && row.status === 'open' && row.due === payload.due && (row.snoozedUntil === null || payload.date >= row.snoozedUntil);
}

const LABELS: Record<ActionReminderNotice['kind'], string> = {
  'day-before': 'the day-before reminder',
  'due-day': 'the due-day reminder',
  overdue: 'the overdue reminder',
};

function ownerReminder(kind: ActionReminderNotice['kind']): Composer {
  return ({ row: due, db, event, now }) => {
    const p = due.payload as unknown as ActionReminderPayload;
    const row = findItem(db, p.item);
    if (!stillDue(row, p)) return [];
    const item = itemView(db, row);
    if (!item.owner.slackUserId) return [];
    return [
      {
        type: 'action-reminder',
        kind,
        to: { kind: 'person', person: item.owner },
        label: `${LABELS[kind]} for “${shortTitle(item.title)}”`,
        ...common(event, now),
        item,
        overdueWeekday: p.overdueWeekday ?? null,
      },
    ];
  };
}

/** The owner's manager if Slack can reach them, else the SKO lead; nobody when that is the owner. */
function escalationTarget(db: Db, event: EventRow, ownerId: number): { person: Person; as: 'manager' | 'sko-lead' } | null {
  const owner = db.select().from(people).where(eq(people.id, ownerId)).get();
  const manager = owner?.managerId == null ? undefined : db.select().from(people).where(eq(people.id, owner.managerId)).get();
  if (manager?.slackUserId) return { person: manager, as: 'manager' };
  const lead = roleHolders(db, event.id).find((h) => h.role === 'sko_lead');
  return lead?.person.slackUserId ? { person: lead.person, as: 'sko-lead' } : null;
}

const escalation: Composer = ({ row: due, db, event, now }) => {
  const p = due.payload as unknown as ActionReminderPayload;
  const row = findItem(db, p.item);
  if (!stillDue(row, p) || row.escalatedAt) return [];
  db.update(actionItems).set({ escalatedAt: now.toISOString(), updatedAt: now.toISOString() }).where(eq(actionItems.id, row.id)).run();
  const target = escalationTarget(db, event, row.ownerId);
  if (!target || target.person.id === row.ownerId) return [];
  const item = itemView(db, row);
  return [
    {
      type: 'action-escalation',
      to: { kind: 'person', person: refOf(target.person) },
      label: `the escalation of “${shortTitle(item.title)}”`,
      ...common(event, now),
      item,
      overdueWeekday: p.overdueWeekday ?? 0,
      as: target.as,
      mayChange: changeRule(db, target.person.slackUserId, event)(item),
    },
  ];
};

/** Every attendee who has not yet recorded all their commitments. */
const commitmentsInvite: Composer = ({ db, event, now }) => {
  const recorded = commitmentCounts(db, event.id);
  return attendees(db, event)
    .filter((person) => (recorded.get(person.id) ?? 0) < MAX_COMMITMENTS)
    .map((person) => ({
      type: 'commitments-invite' as const,
      to: { kind: 'person' as const, person: refOf(person) },
      label: 'the invitation to record SKO commitments',
      eventId: event.id,
      ...common(event, now),
      recorded: recorded.get(person.id) ?? 0,
    }));
};

export const ACTION_COMPOSERS: Record<string, Composer> = {
  [ACTION_SCHEDULE_KINDS['day-before']]: ownerReminder('day-before'),
  [ACTION_SCHEDULE_KINDS['due-day']]: ownerReminder('due-day'),
  [ACTION_SCHEDULE_KINDS.overdue]: ownerReminder('overdue'),
  [ACTION_SCHEDULE_KINDS.escalation]: escalation,
  [COMMITMENT_INVITE_KIND]: commitmentsInvite,
};
