/**
 * The dispatcher: turns schedule rows that have fallen due into outbox messages. Each row is
 * handled in one transaction (its messages stored, the row marked done), and messages are keyed
 * by row and recipient, so running it again after a crash, or twice at once, sends nothing twice.
 */
import { and, eq } from 'drizzle-orm';
import type { KnownBlock } from '@slack/types';
import type { Db } from '../../db/client.js';
import { events, schedule, type ScheduleRow } from '../../db/schema.js';
import { DIGEST_KIND, type DigestNotice } from '../domain/digest.js';
import { MORNING_AGENDA_KIND, type MorningAgendaNotice } from '../domain/morning-agenda.js';
import { REMINDER_COMPOSERS, type DueContext, type Notice, type Recipient } from '../domain/reminders.js';
import type { Logger } from '../logger.js';
import { composeMorningAgenda } from './agenda.js';
import { composeDigests } from './digest.js';
import { DIGEST_SOURCES } from './digest-sources.js';
import { currentPlan, loadPlan, type EventPlan } from './events.js';
import { enqueue, type MessageAttachment, type NewMessage } from './outbox.js';
import { findDue, planSchedule, reminderPlanOf } from './schedule.js';
import { reassignRule } from './tasks.js';

/** Everything the dispatcher can send: phase and task reminders, and the weekly digest. */
export type DispatchNotice = Notice | DigestNotice | MorningAgendaNotice;

/** What a composer has to hand: the reminder plan, and for composers that read more than the plan, the database and the whole plan. */
export interface ComposeContext extends DueContext {
  db: Db;
  eventPlan: EventPlan;
}

/** Each kind of schedule row and what it becomes when due; later kinds (communications) join here. */
const COMPOSERS: Record<string, (payload: Record<string, unknown>, context: ComposeContext) => DispatchNotice[]> = {
  ...REMINDER_COMPOSERS,
  [DIGEST_KIND]: (payload, context) => composeDigests(context.db, context.eventPlan, payload, context.now, DIGEST_SOURCES),
  [MORNING_AGENDA_KIND]: (payload, context) => composeMorningAgenda(context.db, context.eventPlan.event, payload),
};

/** Block Kit (and any chart to attach) for a notice; views/ provides it, so this layer stays free of presentation. */
export type NoticeRenderer = (notice: DispatchNotice) => { text: string; blocks: KnownBlock[]; attachments?: MessageAttachment[] | undefined };

export interface DispatchReport {
  dispatched: number;
  skipped: number;
  messages: number;
}

const BATCH = 100;

/** Works through every due row; stale ones are recorded as skipped, not sent. */
export function dispatchDue(db: Db, now: Date, render: NoticeRenderer, logger: Logger): DispatchReport {
  const report: DispatchReport = { dispatched: 0, skipped: 0, messages: 0 };
  for (;;) {
    const due = findDue(db, now, BATCH);
    for (const row of due) {
      const outcome = db.transaction(() => dispatchOne(db, row, now, render, logger));
      if (outcome === null) continue;
      if (outcome.skipped) report.skipped += 1;
      else report.dispatched += 1;
      report.messages += outcome.messages;
    }
    if (due.length < BATCH) return report;
  }
}

function dispatchOne(db: Db, row: ScheduleRow, now: Date, render: NoticeRenderer, logger: Logger): { skipped: boolean; messages: number } | null {
  const stamp = now.toISOString();
  const finish = (status: 'done' | 'skipped', note: string) =>
    db.update(schedule).set({ status, note, dispatchedAt: stamp, updatedAt: stamp }).where(and(eq(schedule.id, row.id), eq(schedule.status, 'pending'))).run().changes;

  if (row.staleAt && row.staleAt <= stamp) {
    return finish('skipped', `stale: due ${row.dueAt}, no longer useful after ${row.staleAt}`) ? { skipped: true, messages: 0 } : null;
  }
  const compose = COMPOSERS[row.kind];
  const event = row.eventId === null ? undefined : db.select().from(events).where(eq(events.id, row.eventId)).get();
  if (!compose || !event) {
    logger.warn(`schedule: ${row.key} cannot be dispatched (${compose ? 'its event is gone' : `unknown kind ${row.kind}`})`);
    return finish('skipped', compose ? 'event gone' : `unknown kind ${row.kind}`) ? { skipped: true, messages: 0 } : null;
  }
  const eventPlan = loadPlan(db, event);
  const notices = compose(row.payload, { plan: reminderPlanOf(eventPlan), now, mayReassign: reassignRule(db, event), db, eventPlan });
  const messages: NewMessage[] = [];
  for (const notice of notices) {
    const channel = channelOf(notice.to);
    if (!channel) continue;
    const { text, blocks, attachments } = render(notice);
    messages.push({ key: `${row.key}:${recipientKey(notice.to)}`, kind: row.kind, label: notice.label, channel, text, blocks, attachments, eventId: event.id, staleAt: row.staleAt ? new Date(row.staleAt) : null });
  }
  enqueue(db, messages);
  const note = messages.length ? `${messages.length} message${messages.length === 1 ? '' : 's'}` : 'nothing to send';
  return finish('done', note) ? { skipped: false, messages: messages.length } : null;
}

function channelOf(to: Recipient): string | null {
  return to.kind === 'channel' ? to.channelId : to.person.slackUserId;
}

function recipientKey(to: Recipient): string {
  return to.kind === 'channel' ? 'channel' : `p${to.person.personId}`;
}

/** Plans the current event's reminders if they are missing (a database from before scheduling existed). */
export function ensureSchedule(db: Db, now: Date): void {
  const plan = currentPlan(db);
  if (plan) planSchedule(db, plan, now);
}
