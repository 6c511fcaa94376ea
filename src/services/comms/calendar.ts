/**
 * The communications calendar of one event (PRODUCT §4) as stored data: what the communications
 * lead changed, planned into schedule rows beside the phase reminders. composers.ts composes each
 * message when it falls due, rsvps.ts records the RSVPs the save-the-date collects, overview.ts and
 * editing.ts are what the communications lead sees and changes. Everything leaves through the
 * dispatcher and the outbox; nothing here sends.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type CommunicationRow, communications, type EventRow } from '../../../db/schema.js';
import {
  type CommunicationOverride,
  CommunicationPlanError,
  DEFAULT_COMMUNICATIONS,
  moveOverrides,
  type PlannedCommunication,
  planCommunications,
  recapAskAt,
  rsvpReminderTimes,
  surveyReminderTimes,
} from '../../domain/comms/calendar.js';
import { COMMUNICATION_KINDS, isMessageKind } from '../../domain/comms/notices.js';
import { atLocalTime } from '../../domain/dates.js';
import type { ScheduleItem } from '../../domain/plan/reminders.js';
import type { Timeline } from '../../domain/plan/timeline.js';
import { type PlanOutcome, reconcile } from '../delivery/schedule.js';
import { timelineOf } from '../plan/event-store.js';
import { ensureSurveys, surveyOf } from '../surveys/surveys.js';

/** The calendar entries composed here; the digest and each morning's agenda are planned by their own services. */
export const COMMUNICATION_TEMPLATES = DEFAULT_COMMUNICATIONS.filter((t) => isMessageKind(t.key));

export function commKey(eventId: number, entryKey: string): string {
  return `comm:${eventId}:${entryKey}`;
}

export interface Calendar {
  event: EventRow;
  timeline: Timeline;
  rows: Map<string, CommunicationRow>;
  /** What will be sent, in time order. */
  planned: PlannedCommunication[];
  /** Every entry, cancelled ones placed where they would be. */
  all: PlannedCommunication[];
  hasQuiz: boolean;
}

export function overridesOf(rows: Iterable<CommunicationRow>, withCancellations: boolean): Record<string, CommunicationOverride> {
  const overrides: Record<string, CommunicationOverride> = {};
  for (const row of rows) {
    const o: CommunicationOverride = {};
    if (row.sendAt) o.at = new Date(row.sendAt);
    if (row.closesAt) o.closesAt = new Date(row.closesAt);
    if (withCancellations && row.cancelled) o.cancelled = true;
    if (Object.keys(o).length) overrides[row.key] = o;
  }
  return overrides;
}

/**
 * Plans the calendar; an edited time that the event's dates have since made impossible falls
 * back to the default rather than stopping every message. Returns the entries whose edits fell back.
 */
export function planLeniently(
  timeline: Timeline,
  hasQuiz: boolean,
  given: Record<string, CommunicationOverride>,
): { plan: PlannedCommunication[]; dropped: string[] } {
  const overrides = { ...given };
  const dropped: string[] = [];
  for (;;) {
    try {
      return { plan: planCommunications(timeline, { hasQuiz, hasAgenda: true, overrides, templates: COMMUNICATION_TEMPLATES }), dropped };
    } catch (error) {
      const key = error instanceof CommunicationPlanError ? error.key : undefined;
      const bad = key === undefined ? undefined : overrides[key];
      if (key === undefined || !bad || (!bad.at && !bad.closesAt)) throw error;
      overrides[key] = bad.cancelled ? { cancelled: true } : {};
      dropped.push(key);
    }
  }
}

export function loadCalendar(db: Db, event: EventRow): Calendar {
  const rows = new Map(
    db
      .select()
      .from(communications)
      .where(eq(communications.eventId, event.id))
      .all()
      .map((r) => [r.key, r]),
  );
  const timeline = timelineOf(event);
  const hasQuiz = surveyOf(db, event.id, 'quiz') !== undefined;
  return {
    event,
    timeline,
    rows,
    planned: planLeniently(timeline, hasQuiz, overridesOf(rows.values(), true)).plan,
    all: planLeniently(timeline, hasQuiz, overridesOf(rows.values(), false)).plan,
    hasQuiz,
  };
}

function endOfPlan(timeline: Timeline): Date {
  return (timeline.weeks[timeline.weeks.length - 1] as Timeline['weeks'][number]).endsAt;
}

function staleAtOf(entry: PlannedCommunication, timeline: Timeline): Date {
  if (entry.survey) return entry.survey.closesAt;
  // RSVPs and travel plans are for getting there: after day 1 begins they help nobody.
  if (entry.template === 'save-the-date' || entry.template === 'travel-instructions') return atLocalTime(timeline.dates.day1, '00:00', timeline.dates.timeZone);
  return endOfPlan(timeline);
}

/** The schedule rows the calendar calls for: each message, two RSVP reminders, two reminders per survey, and the ask for the recap's highlights. */
function communicationItems(calendar: Calendar): ScheduleItem<string>[] {
  const { event, timeline } = calendar;
  const items: ScheduleItem<string>[] = [];
  for (const entry of calendar.planned) {
    const key = commKey(event.id, entry.key);
    const staleAt = staleAtOf(entry, timeline);
    items.push({ key, kind: entry.template, dueAt: entry.at, staleAt, payload: { key: entry.key } });
    if (entry.template === 'thank-you-recap') {
      items.push({
        key: `${key}:ask`,
        kind: 'recap-ask',
        dueAt: recapAskAt(entry.at, timeline.dates.timeZone),
        staleAt: entry.at,
        payload: { key: entry.key },
      });
    }
    if (entry.template === 'save-the-date') {
      rsvpReminderTimes(timeline, entry.at).forEach((at, i) => {
        items.push({ key: `${key}:reminder-${i + 1}`, kind: 'rsvp-reminder', dueAt: at, staleAt, payload: { key: entry.key, reminder: i + 1 } });
      });
    }
    if (entry.survey) {
      const window = { survey: entry.survey.kind, key: entry.key, opensAt: entry.at, closesAt: entry.survey.closesAt, timeZone: timeline.dates.timeZone };
      surveyReminderTimes(window).forEach((at, i) => {
        items.push({ key: `${key}:reminder-${i + 1}`, kind: 'survey-reminder', dueAt: at, staleAt, payload: { key: entry.key, reminder: i + 1 } });
      });
    }
  }
  return items;
}

export function planCommunicationSchedule(db: Db, event: EventRow, now: Date): PlanOutcome {
  return reconcile(db, event.id, COMMUNICATION_KINDS, communicationItems(loadCalendar(db, event)), now);
}

function datesMoved(before: EventRow, after: EventRow): boolean {
  return before.day1 !== after.day1 || before.days !== after.days || before.hasDay0 !== after.hasDay0 || before.timeZone !== after.timeZone;
}

/**
 * At setup and every edit of it, inside its transaction: the event's surveys and calendar rows
 * exist, edited times move with the event's dates (and fall back to the defaults in a new time
 * zone, or where the new dates leave them impossible), and the schedule follows.
 */
export function setUpCommunications(db: Db, event: EventRow, previous: EventRow | undefined, now: Date): void {
  const stamp = now.toISOString();
  ensureSurveys(db, event.id);
  let rows = db.select().from(communications).where(eq(communications.eventId, event.id)).all();
  const setTimes = (key: string, o: CommunicationOverride) =>
    db
      .update(communications)
      .set({ sendAt: o.at?.toISOString() ?? null, closesAt: o.closesAt?.toISOString() ?? null, updatedAt: stamp })
      .where(and(eq(communications.eventId, event.id), eq(communications.key, key)))
      .run();
  if (previous && datesMoved(previous, event)) {
    const edited = overridesOf(rows, false);
    const moved = previous.timeZone === event.timeZone ? moveOverrides(timelineOf(previous), timelineOf(event), edited, COMMUNICATION_TEMPLATES) : {};
    for (const key of Object.keys(edited)) setTimes(key, moved[key] ?? {});
    rows = db.select().from(communications).where(eq(communications.eventId, event.id)).all();
  }
  const timeline = timelineOf(event);
  const hasQuiz = surveyOf(db, event.id, 'quiz') !== undefined;
  const { plan, dropped } = planLeniently(timeline, hasQuiz, overridesOf(rows, false));
  for (const key of dropped) setTimes(key, {});
  for (const entry of plan) db.insert(communications).values({ eventId: event.id, key: entry.key }).onConflictDoNothing().run();
  planCommunicationSchedule(db, event, now);
}
