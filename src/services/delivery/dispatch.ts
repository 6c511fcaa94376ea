/**
 * The dispatcher: turns schedule rows that have fallen due into outbox messages. Each row is
 * handled in one transaction (its messages stored, the row marked done), except a row reaching
 * many people (the Monday digest), handled a batch of people per transaction. Messages are keyed
 * by row and recipient, so running it again after a crash, or twice at once, sends nothing twice.
 */

import type { KnownBlock } from '@slack/types';
import { and, eq, gte, lt } from 'drizzle-orm';
import { type Db, outboxWrite } from '../../../db/client.js';
import { type EventRow, events, outbox, type ScheduleRow, schedule } from '../../../db/schema.js';
import { MORNING_AGENDA_KIND } from '../../domain/agenda/morning.js';
import { DIGEST_KIND } from '../../domain/insights/digest.js';
import { REMINDER_COMPOSERS } from '../../domain/plan/reminders.js';
import type { OwnerRef } from '../../domain/plan/status.js';
import { natureOf } from '../../domain/send-times/send-time.js';
import { TRAVEL_REMINDER_KIND } from '../../domain/travel/details.js';
import type { Logger } from '../../logger.js';
import { ACTION_COMPOSERS } from '../action-items/notices.js';
import { planCommitmentInvite } from '../action-items/reminders.js';
import { composeRunOfShowDm } from '../agenda/run-of-show.js';
import { composeMorningAgenda } from '../agenda/sessions.js';
import { setUpCommunications } from '../comms/calendar.js';
import { COMMUNICATION_COMPOSERS } from '../comms/composers.js';
import { withPauses, yieldToEventLoop } from '../in-parts.js';
import { digestFanout } from '../insights/digest.js';
import { digestSources } from '../insights/digest-sources.js';
import { activeEvents, loadPlan } from '../plan/event-store.js';
import { reassignRule } from '../plan/tasks.js';
import { composeTravelReminders } from '../travel/details.js';
import { enqueueDms, settleCombined } from './combine.js';
import { enqueue, type MessageAttachment, type NewMessage } from './enqueue.js';
import {
  type ComposeContext,
  type Composer,
  type DispatchNotice,
  type Fanout,
  type FanoutComposer,
  findDue,
  keyPrefixEnd,
  messageKey,
  planSchedule,
  readersLeadMs,
  reminderPlanOf,
} from './schedule.js';
import { eventDaysOf, holdMissedDms, type SendClock, sendClock, sendClockInParts } from './send-times.js';

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
  [MORNING_AGENDA_KIND]: ({ db, row, event }) => [...composeMorningAgenda(db, event, row.payload), ...composeRunOfShowDm(db, event, row.payload)],
  [TRAVEL_REMINDER_KIND]: ({ db, row, event }) => composeTravelReminders(db, event, row.payload),
};

/** Kinds that reach many people at once, composed a batch of people at a time. */
const FANOUTS: Record<string, FanoutComposer> = {
  [DIGEST_KIND]: ({ db, row, event, now, surveyKey }) => digestFanout(db, loadPlan(db, event), row.payload, now, digestSources(surveyKey)),
};

/** Block Kit (and any chart to attach) for a notice; views/ provides it, so this layer stays free of presentation. */
export type NoticeRenderer = (notice: DispatchNotice) => { text: string; blocks: KnownBlock[]; attachments?: MessageAttachment[] | undefined };

export interface DispatchReport {
  dispatched: number;
  skipped: number;
  messages: number;
}

const BATCH = 100;
/**
 * How much of a fan-out is composed between two yields to the event loop, and then stored in one
 * transaction: at most this many people, and no longer than this many milliseconds of composing.
 */
export interface FanoutBatch {
  people: number;
  ms: number;
}

/**
 * On the event loop a Slack request arriving meanwhile waits for the batch in hand, so a batch is
 * kept to a few milliseconds whatever each person costs. Off it (the dispatch worker) batches may be
 * longer: see WORKER_BATCH.
 */
export const PEOPLE_PER_BATCH = 250;
const EVENT_LOOP_BATCH: FanoutBatch = { people: PEOPLE_PER_BATCH, ms: 2 };
/** People are composed this many at a time within a batch. */
const STEP = 1;

type Outcome = { skipped: boolean; messages: number } | null;

/**
 * Works through every due row; stale ones are recorded as skipped, not sent. It yields to the event
 * loop between rows and between a fan-out's batches. Once `signal` is aborted it stops at the next
 * such point: whatever is stored stays stored, and the next run composes only what is missing.
 */
export async function dispatchDue(
  db: Db,
  now: Date,
  render: NoticeRenderer,
  logger: Logger,
  surveyKey: string | null,
  signal?: AbortSignal,
  batch = EVENT_LOOP_BATCH,
): Promise<DispatchReport> {
  const report: DispatchReport = { dispatched: 0, skipped: 0, messages: 0 };
  settleCombined(db);
  holdMissedDms(db, now);
  const lead = readersLeadMs(db, now);
  const context = { db, now, render, logger, surveyKey, signal, batch };
  for (;;) {
    const due = findDue(db, now, BATCH, lead);
    for (const row of due) {
      if (signal?.aborted) return report;
      const outcome = await dispatchOne(context, row);
      await yieldToEventLoop();
      if (outcome === null) continue;
      if (outcome.skipped) report.skipped += 1;
      else report.dispatched += 1;
      report.messages += outcome.messages;
    }
    if (due.length < BATCH) return report;
  }
}

interface DispatchContext {
  db: Db;
  now: Date;
  render: NoticeRenderer;
  logger: Logger;
  surveyKey: string | null;
  signal: AbortSignal | undefined;
  batch: FanoutBatch;
}

/** Marks the row done or skipped, unless another run already did: then null, and it is not counted twice. */
function finish(db: Db, row: ScheduleRow, now: Date, status: 'done' | 'skipped', note: string, messages: number): Outcome {
  const stamp = now.toISOString();
  const changed = db
    .update(schedule)
    .set({ status, note, dispatchedAt: stamp, updatedAt: stamp })
    .where(and(eq(schedule.id, row.id), eq(schedule.status, 'pending')))
    .run().changes;
  return changed ? { skipped: status === 'skipped', messages } : null;
}

async function dispatchOne(context: DispatchContext, row: ScheduleRow): Promise<Outcome> {
  const { db, now, logger } = context;
  if (row.staleAt && row.staleAt <= now.toISOString())
    return db.transaction(() => finish(db, row, now, 'skipped', `stale: due ${row.dueAt}, no longer useful after ${row.staleAt}`, 0));
  const compose = COMPOSERS[row.kind];
  const fanout = FANOUTS[row.kind];
  const event = row.eventId === null ? undefined : db.select().from(events).where(eq(events.id, row.eventId)).get();
  if (!(compose || fanout) || !event) {
    logger.warn(`schedule: ${row.key} cannot be dispatched (${compose || fanout ? 'its event is gone' : `unknown kind ${row.kind}`})`);
    return db.transaction(() => finish(db, row, now, 'skipped', compose || fanout ? 'event gone' : `unknown kind ${row.kind}`, 0));
  }
  // A row looked at early (for readers east of the event) is composed as of its own moment.
  const asOf = new Date(Math.max(Date.parse(row.dueAt), now.getTime()));
  const composeContext: ComposeContext = { db, row, event, now: asOf, surveyKey: context.surveyKey };
  if (fanout) return dispatchFanout(context, row, event, await fanout(composeContext));
  return db.transaction(() => {
    const { messages, next } = store(context, row, event, (compose as Composer)(composeContext));
    return next === null ? finish(db, row, now, 'done', noteOf(storedKeys(db, row.key).size), messages) : waitForWave(db, row, now, next, messages);
  });
}

/**
 * Some readers' moment is still to come: the row stays due and is looked at again at the next one,
 * when their DMs are composed as things then stand. A change to anyone's zone, country or pause, or
 * to the SKO's working hours, clears the moment (database triggers, migration 0020), so it is
 * worked out again on the next run.
 */
function waitForWave(db: Db, row: ScheduleRow, now: Date, next: number, messages: number): Outcome {
  db.update(schedule)
    .set({ nextAt: new Date(next).toISOString(), updatedAt: now.toISOString() })
    .where(eq(schedule.id, row.id))
    .run();
  return messages ? { skipped: false, messages } : null;
}

/**
 * A fan-out row, a batch of people per transaction. Messages are keyed by row and person and the
 * row is marked done only after the last batch, so after a crash or a stop the next run finds the
 * row still due, skips everyone whose message is stored, and composes the rest: nobody gets two.
 */
async function dispatchFanout(context: DispatchContext, row: ScheduleRow, event: EventRow, fanout: Fanout): Promise<Outcome> {
  const { db, now, logger, signal } = context;
  const stored = storedKeys(db, row.key);
  const missing = fanout.personIds.filter((personId) => !stored.has(messageKey(row.key, { kind: 'person', person: { personId } })));
  // Only the people whose moment has come are composed now; the others at theirs.
  const clock = await withPauses(sendClockInParts(db, event, missing, now));
  const nature = natureOf(row.kind, row.payload, eventDaysOf(event));
  const nominal = new Date(row.dueAt);
  let next: number | null = null;
  const todo = missing.filter((personId) => {
    const at = clock.at(personId, nominal, nature).getTime();
    if (at <= now.getTime()) return true;
    next = Math.min(next ?? at, at);
    return false;
  });
  let messages = fanout.personIds.length - missing.length;
  let done = 0;
  while (done < todo.length) {
    if (done > 0) {
      await yieldToEventLoop();
      if (signal?.aborted) return null;
    }
    // A scheduling budget in real time, not the app's clock: it measures the event loop, not the SKO's day.
    const started = performance.now();
    const from = done;
    const batch: StoredMessages = { messages: [], dms: new Set() };
    while (done < todo.length && done - from < context.batch.people && performance.now() - started < context.batch.ms) {
      const step = todo.slice(done, Math.min(done + STEP, from + context.batch.people));
      const composed = composeMessages(context, row, event, fanout.compose(step), clock);
      batch.messages.push(...composed.messages);
      for (const dm of composed.dms) batch.dms.add(dm);
      done += step.length;
    }
    // Composed before the transaction: the write lock is held only while the batch is stored.
    messages += outboxWrite(db, () => db.transaction(() => storeMessages(db, batch, now)));
    logger.debug(`dispatch: ${row.key}: ${done} of ${todo.length} people composed`);
  }
  const wave = next;
  const earlier = fanout.personIds.length - missing.length;
  return db.transaction(() => (wave === null ? finish(db, row, now, 'done', noteOf(messages), messages) : waitForWave(db, row, now, wave, messages - earlier)));
}

/** The outbox keys already stored for a row's messages (each is `<row key>:<recipient>`). */
function storedKeys(db: Db, rowKey: string): Set<string> {
  const prefix = `${rowKey}:`;
  return new Set(
    db
      .select({ key: outbox.key })
      .from(outbox)
      .where(and(gte(outbox.key, prefix), lt(outbox.key, keyPrefixEnd(prefix))))
      .all()
      .map((r) => r.key),
  );
}

const noteOf = (messages: number) => (messages ? `${messages} message${messages === 1 ? '' : 's'}` : 'nothing to send');

/**
 * Renders and stores a row's notices whose moment has come: a DM waits for its reader's moment,
 * unrendered, and `next` says the soonest such. Runs in the caller's transaction. A fan-out passes
 * the clock it read once for all its people, rather than reading theirs again for every step.
 */
function store(
  context: DispatchContext,
  row: ScheduleRow,
  event: EventRow,
  notices: DispatchNotice[],
  known?: SendClock,
): { messages: number; next: number | null } {
  const composed = composeMessages(context, row, event, notices, known);
  return { messages: storeMessages(context.db, composed, context.now), next: composed.next };
}

interface StoredMessages {
  messages: NewMessage[];
  /** Which of the messages are DMs, sent at their readers' moments. */
  dms: Set<NewMessage>;
}

interface ComposedMessages extends StoredMessages {
  /** The soonest moment of a reader whose notice waits, unrendered. */
  next: number | null;
}

/** The outbox messages of the notices whose moment has come, rendered; nothing is written. */
function composeMessages(context: DispatchContext, row: ScheduleRow, event: EventRow, notices: DispatchNotice[], known?: SendClock): ComposedMessages {
  const { db, now, render } = context;
  const nominal = new Date(row.dueAt);
  const asOf = nominal > now ? nominal : now;
  const clock =
    known ??
    sendClock(
      db,
      event,
      notices.flatMap((n) => (n.to.kind === 'person' ? [n.to.person.personId] : [])),
      now,
    );
  const nature = natureOf(row.kind, row.payload, eventDaysOf(event));
  const messages: NewMessage[] = [];
  const dms = new Set<NewMessage>();
  let next: number | null = null;
  for (const notice of notices) {
    const channel = channelOf(notice.to);
    if (!channel) continue;
    const at = notice.to.kind === 'person' ? clock.at(notice.to.person.personId, nominal, nature) : asOf;
    if (notice.to.kind === 'person' && at > now) {
      next = Math.min(next ?? at.getTime(), at.getTime());
      continue;
    }
    const { text, blocks, attachments } = render(notice);
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
  return { messages, dms, next };
}

/** Stores composed messages in the outbox (in the caller's transaction); how many there were. */
function storeMessages(db: Db, { messages, dms }: StoredMessages, now: Date): number {
  enqueue(
    db,
    messages.filter((m) => !dms.has(m)),
  );
  enqueueDms(
    db,
    messages.filter((m) => dms.has(m)),
    now,
  );
  return messages.length;
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
