/**
 * The dispatcher: turns schedule rows that have fallen due into outbox messages. Each row is
 * handled in one transaction (its messages stored, the row marked done), and messages are keyed
 * by row and recipient, so running it again after a crash, or twice at once, sends nothing twice.
 */

import type { KnownBlock } from '@slack/types';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { events, type ScheduleRow, schedule } from '../../../db/schema.js';
import { MORNING_AGENDA_KIND } from '../../domain/agenda/morning.js';
import { DIGEST_KIND } from '../../domain/insights/digest.js';
import { REMINDER_COMPOSERS } from '../../domain/plan/reminders.js';
import type { OwnerRef } from '../../domain/plan/status.js';
import { natureOf } from '../../domain/send-times/send-time.js';
import type { Logger } from '../../logger.js';
import { ACTION_COMPOSERS } from '../action-items/notices.js';
import { planCommitmentInvite } from '../action-items/reminders.js';
import { composeMorningAgenda } from '../agenda/sessions.js';
import { setUpCommunications } from '../comms/calendar.js';
import { COMMUNICATION_COMPOSERS } from '../comms/composers.js';
import { composeDigests } from '../insights/digest.js';
import { digestSources } from '../insights/digest-sources.js';
import { activeEvents, loadPlan } from '../plan/event-store.js';
import { reassignRule } from '../plan/tasks.js';
import { enqueueDms, settleCombined } from './combine.js';
import { enqueue, type MessageAttachment, type NewMessage } from './enqueue.js';
import { type ComposeContext, type Composer, type DispatchNotice, findDue, messageKey, planSchedule, readersLeadMs, reminderPlanOf } from './schedule.js';
import { eventDaysOf, holdMissedDms, sendClock } from './send-times.js';

const reminderComposers: Record<string, Composer> = Object.fromEntries(
  Object.entries(REMINDER_COMPOSERS).map(([kind, compose]) => [
    kind,
    ({ db, row, event, now }: ComposeContext) => compose(row.payload, { plan: reminderPlanOf(loadPlan(db, event)), now, mayReassign: reassignRule(db, event) }),
  ]),
);

/** Each kind of schedule row and what it becomes when due. */
const COMPOSERS: Record<string, Composer> = {
  ...reminderComposers,
  ...ACTION_COMPOSERS,
  ...COMMUNICATION_COMPOSERS,
  [DIGEST_KIND]: ({ db, row, event, now, surveyKey }) => composeDigests(db, loadPlan(db, event), row.payload, now, digestSources(surveyKey)),
  [MORNING_AGENDA_KIND]: ({ db, row, event }) => composeMorningAgenda(db, event, row.payload),
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
export function dispatchDue(db: Db, now: Date, render: NoticeRenderer, logger: Logger, surveyKey: string | null): DispatchReport {
  const report: DispatchReport = { dispatched: 0, skipped: 0, messages: 0 };
  settleCombined(db);
  holdMissedDms(db, now);
  const lead = readersLeadMs(db, now);
  for (;;) {
    const due = findDue(db, now, BATCH, lead);
    for (const row of due) {
      const outcome = db.transaction(() => dispatchOne(db, row, now, render, logger, surveyKey));
      if (outcome === null) continue;
      if (outcome.skipped) report.skipped += 1;
      else report.dispatched += 1;
      report.messages += outcome.messages;
    }
    if (due.length < BATCH) return report;
  }
}

function dispatchOne(
  db: Db,
  row: ScheduleRow,
  now: Date,
  render: NoticeRenderer,
  logger: Logger,
  surveyKey: string | null,
): { skipped: boolean; messages: number } | null {
  const stamp = now.toISOString();
  const finish = (status: 'done' | 'skipped', note: string) =>
    db
      .update(schedule)
      .set({ status, note, dispatchedAt: stamp, updatedAt: stamp })
      .where(and(eq(schedule.id, row.id), eq(schedule.status, 'pending')))
      .run().changes;

  if (row.staleAt && row.staleAt <= stamp) {
    return finish('skipped', `stale: due ${row.dueAt}, no longer useful after ${row.staleAt}`) ? { skipped: true, messages: 0 } : null;
  }
  const compose = COMPOSERS[row.kind];
  const event = row.eventId === null ? undefined : db.select().from(events).where(eq(events.id, row.eventId)).get();
  if (!compose || !event) {
    logger.warn(`schedule: ${row.key} cannot be dispatched (${compose ? 'its event is gone' : `unknown kind ${row.kind}`})`);
    return finish('skipped', compose ? 'event gone' : `unknown kind ${row.kind}`) ? { skipped: true, messages: 0 } : null;
  }
  // A row looked at early (for readers east of the event) is composed as of its own moment.
  const nominal = new Date(row.dueAt);
  const asOf = nominal > now ? nominal : now;
  const notices = compose({ db, row, event, now: asOf, surveyKey });
  const clock = sendClock(
    db,
    event,
    notices.flatMap((n) => (n.to.kind === 'person' ? [n.to.person.personId] : [])),
    now,
  );
  const nature = natureOf(row.kind, row.payload, eventDaysOf(event));
  const messages: NewMessage[] = [];
  const dms = new Set<NewMessage>();
  for (const notice of notices) {
    const channel = channelOf(notice.to);
    if (!channel) continue;
    const { text, blocks, attachments } = render(notice);
    const at = notice.to.kind === 'person' ? clock.at(notice.to.person.personId, nominal, nature) : asOf;
    const message: NewMessage = {
      key: messageKey(row.key, notice.to),
      kind: row.kind,
      label: notice.label,
      channel,
      text,
      blocks,
      attachments,
      eventId: event.id,
      staleAt: row.staleAt ? new Date(row.staleAt) : null,
      // A DM keeps its moment even when due now, so one left unsent by a crash is held to working hours on restart.
      notBefore: notice.to.kind === 'person' || at > now ? at : null,
    };
    messages.push(message);
    if (notice.to.kind === 'person') dms.add(message);
  }
  enqueue(
    db,
    messages.filter((m) => !dms.has(m)),
  );
  enqueueDms(
    db,
    messages.filter((m) => dms.has(m)),
  );
  const note = messages.length ? `${messages.length} message${messages.length === 1 ? '' : 's'}` : 'nothing to send';
  return finish('done', note) ? { skipped: false, messages: messages.length } : null;
}

type To = { kind: 'person'; person: OwnerRef } | { kind: 'channel'; channelId: string };

function channelOf(to: To): string | null {
  return to.kind === 'channel' ? to.channelId : to.person.slackUserId;
}

/**
 * Plans each running SKO's reminders, commitments invitation and communications if they are
 * missing (a database from before they existed). Action items plan their own reminders whenever
 * they change.
 */
export function ensureSchedule(db: Db, now: Date): void {
  for (const event of activeEvents(db)) {
    const plan = loadPlan(db, event);
    db.transaction(() => {
      planSchedule(db, plan, now);
      planCommitmentInvite(db, plan.event, plan.timeline, now);
      setUpCommunications(db, plan.event, undefined, now);
    });
  }
}
