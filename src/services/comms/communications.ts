/**
 * The communications calendar of one event (PRODUCT §4) as stored data: what the communications
 * lead changed, planned into schedule rows beside the phase reminders, composed when each falls
 * due, and the RSVPs the save-the-date collects. Everything leaves through the dispatcher and the
 * outbox; nothing here sends.
 */
import { and, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type CommunicationRow, communications, type EventRow, outbox, rsvps, type ScheduleRow, schedule } from '../../../db/schema.js';
import { type Decision, decideEditCommunications, decideSeeCommunications } from '../../domain/access.js';
import { type AttendanceTally, audienceOf, isAttendee, type RosterPerson, type RsvpAnswer, tallyAttendance } from '../../domain/comms/audience.js';
import {
  type CommunicationOverride,
  CommunicationPlanError,
  DEFAULT_COMMUNICATIONS,
  moveOverrides,
  type PlannedCommunication,
  planCommunications,
  rsvpBy,
  rsvpReminderTimes,
  surveyReminderTimes,
} from '../../domain/comms/calendar.js';
import {
  COMMUNICATION_KINDS,
  type CommsContext,
  type CommunicationNotice,
  composeAgendaPreview,
  composeAnalysis,
  composeRecap,
  composeReinforcement,
  composeSaveTheDate,
  composeSurveyInvite,
  composeTravel,
  DEFAULT_BODIES,
  type EventFacts,
  isMessageKind,
  type MessageKind,
  SURVEY_OF,
  type SurveyAnalysis,
  type TravelNotice,
} from '../../domain/comms/notices.js';
import type { ScheduleItem } from '../../domain/plan/reminders.js';
import { atLocalTime, type Timeline } from '../../domain/plan/timeline.js';
import type { SurveyKind } from '../../domain/surveys/surveys.js';
import { InputError, NotAllowedError, NotFoundError } from '../../errors.js';
import { sessionsOf } from '../agenda/sessions.js';
import type { ComposeContext } from '../delivery/schedule.js';
import { type PlanOutcome, reconcile } from '../delivery/schedule.js';
import { actorFor } from '../people/access.js';
import { rsvpsOf } from '../people/attendees.js';
import { eventRoster, findPersonBySlackId } from '../people/people.js';
import { currentEvent, roleHolders, timelineOf } from '../plan/event-store.js';
import {
  answeredPersonIds,
  ensureSurveys,
  eventSeedMetrics,
  invitedPersonIds,
  recordInvitations,
  responseCount,
  setQuizSurvey,
  summaryOf,
  surveyOf,
} from '../surveys/surveys.js';

/** The calendar entries composed here; the digest and each morning's agenda are planned by their own services. */
const COMMUNICATION_TEMPLATES = DEFAULT_COMMUNICATIONS.filter((t) => isMessageKind(t.key));

export const MAX_BODY_LENGTH = 2000;
const MAX_LINKS = 10;

function commKey(eventId: number, entryKey: string): string {
  return `comm:${eventId}:${entryKey}`;
}

// ── the calendar as stored ───────────────────────────────────────────────────────────────────

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

function overridesOf(rows: Iterable<CommunicationRow>, withCancellations: boolean): Record<string, CommunicationOverride> {
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
function planLeniently(
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

/** The schedule rows the calendar calls for: each message, two RSVP reminders, and two reminders per survey. */
function communicationItems(calendar: Calendar): ScheduleItem<string>[] {
  const { event, timeline } = calendar;
  const items: ScheduleItem<string>[] = [];
  for (const entry of calendar.planned) {
    const key = commKey(event.id, entry.key);
    const staleAt = staleAtOf(entry, timeline);
    items.push({ key, kind: entry.template, dueAt: entry.at, staleAt, payload: { key: entry.key } });
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

function planCommunicationSchedule(db: Db, event: EventRow, now: Date): PlanOutcome {
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

// ── composing what falls due ─────────────────────────────────────────────────────────────────

function eventFacts(event: EventRow, timeline: Timeline): EventFacts {
  const days = timeline.eventDays;
  return {
    name: event.name,
    day1: event.day1,
    lastDay: (days[days.length - 1] ?? { date: event.day1 }).date,
    day0: event.hasDay0 ? (days[0]?.date ?? null) : null,
    location: event.location,
    timeZone: event.timeZone,
  };
}

function contextOf(db: Db, calendar: Calendar): CommsContext {
  return {
    eventId: calendar.event.id,
    event: eventFacts(calendar.event, calendar.timeline),
    roster: eventRoster(db, calendar.event.id),
    rsvps: rsvpsOf(db, calendar.event.id),
  };
}

function bodyOf(db: Db, calendar: Calendar, kind: MessageKind): string {
  const custom = calendar.rows.get(kind)?.body;
  if (custom) return custom;
  const survey = SURVEY_OF[kind];
  if (survey) return surveyOf(db, calendar.event.id, survey)?.definition.intro ?? '';
  return DEFAULT_BODIES[kind as keyof typeof DEFAULT_BODIES];
}

function logisticsLead(db: Db, eventId: number): string | null {
  return roleHolders(db, eventId).find((h) => h.role === 'logistics_lead')?.person.slackUserId ?? null;
}

function surveyAnalysis(db: Db, eventId: number): SurveyAnalysis {
  const stored = (['pre', 'post', 'quiz'] as const).map((kind) => surveyOf(db, eventId, kind)).filter((r) => r !== undefined);
  const summaries = stored.map((row) => ({ row, summary: summaryOf(db, row) }));
  const post = summaries.find((s) => s.row.kind === 'post')?.summary;
  return {
    surveys: summaries.map(({ row, summary }) => ({
      kind: row.kind,
      title: row.definition.title,
      responses: summary.responses,
      invited: summary.invited,
      rate: summary.responseRate,
    })),
    metrics: eventSeedMetrics(db, eventId, Object.fromEntries(summaries.map(({ row, summary }) => [row.kind, summary]))),
    top: post?.topSessions ?? [],
    bottom: post?.bottomSessions ?? [],
  };
}

function surveyFacts(db: Db, calendar: Calendar, entry: PlannedCommunication) {
  const row = entry.survey ? surveyOf(db, calendar.event.id, entry.survey.kind) : undefined;
  if (!row || !entry.survey) return null;
  return {
    row,
    facts: {
      id: row.id,
      kind: row.kind,
      title: row.definition.title,
      anonymous: row.definition.anonymous,
      questions: row.definition.questions.length,
      closesAt: entry.survey.closesAt,
    },
  };
}

/** The notices one calendar entry (or its reminder) becomes, for the roster in `ctx`. */
function composeEntry(
  db: Db,
  calendar: Calendar,
  ctx: CommsContext,
  entry: PlannedCommunication,
  reminder: number | null,
  surveyKey: string | null,
): CommunicationNotice[] {
  const kind = entry.template as MessageKind;
  const body = bodyOf(db, calendar, kind);
  switch (kind) {
    case 'save-the-date':
      return composeSaveTheDate(ctx, { body, rsvpBy: rsvpBy(calendar.timeline), reminder });
    case 'travel-instructions':
      return composeTravel(ctx, { body, contact: logisticsLead(db, calendar.event.id) });
    case 'pre-event-survey':
    case 'post-event-survey':
    case 'certification-quiz': {
      const found = surveyFacts(db, calendar, entry);
      if (!found) return [];
      if (reminder === null) return composeSurveyInvite(ctx, { kind, audience: entry.audience, body, survey: found.facts, reminder });
      const invited = invitedPersonIds(db, found.row.id);
      const answered = answeredPersonIds(
        db,
        surveyKey,
        found.row,
        ctx.roster.filter((p) => invited.has(p.personId)),
      );
      return composeSurveyInvite(ctx, { kind, audience: entry.audience, body, survey: found.facts, reminder, invited, answered });
    }
    case 'thank-you-recap': {
      const details = calendar.rows.get(kind)?.details;
      return composeRecap(ctx, { audience: entry.audience, body, highlights: details?.highlights ?? null, links: details?.links ?? [] });
    }
    case 'agenda-preview': {
      const sessions = sessionsOf(db, calendar.event.id);
      const days = calendar.timeline.eventDays.map((d) => ({ day: d.day, date: d.date, sessions: sessions.filter((s) => s.day === d.day) }));
      return composeAgendaPreview(ctx, { audience: entry.audience, body, days });
    }
    case 'q1-reinforcement':
      return composeReinforcement(ctx, { audience: entry.audience, body });
    case 'survey-analysis':
      return composeAnalysis(ctx, { audience: entry.audience, body, analysis: surveyAnalysis(db, calendar.event.id) });
  }
}

function composeDue({ db, row, event, now, surveyKey }: ComposeContext): CommunicationNotice[] {
  const calendar = loadCalendar(db, event);
  const entry = calendar.planned.find((e) => e.key === row.payload.key);
  if (!entry) return [];
  const reminder = typeof row.payload.reminder === 'number' ? row.payload.reminder : null;
  const notices = composeEntry(db, calendar, contextOf(db, calendar), entry, reminder, surveyKey);
  const survey = reminder === null && entry.survey ? surveyOf(db, event.id, entry.survey.kind) : undefined;
  if (survey)
    recordInvitations(
      db,
      survey.id,
      notices.flatMap((n) => (n.to.kind === 'person' ? [n.to.person.personId] : [])),
      now,
    );
  return notices;
}

/** The dispatcher's composers for the calendar's schedule kinds. */
export const COMMUNICATION_COMPOSERS: Record<string, (context: ComposeContext) => CommunicationNotice[]> = Object.fromEntries(
  COMMUNICATION_KINDS.map((kind) => [kind, composeDue]),
);

// ── RSVPs ────────────────────────────────────────────────────────────────────────────────────

export interface RsvpOutcome {
  person: RosterPerson;
  previous: RsvpAnswer | null;
  /** Travel instructions for someone who says yes after they went out; sent once, under the same key as the others. */
  travel: { key: string; notice: TravelNotice } | null;
}

/** Records (or changes) a person's answer to the save-the-date. */
export function recordRsvp(db: Db, eventId: number, slackUserId: string, answer: RsvpAnswer, now: Date): RsvpOutcome {
  return db.transaction(() => {
    const event = currentEvent(db);
    if (!event || event.id !== eventId) throw new NotFoundError('That SKO is no longer the current one, so its RSVP is closed.');
    const calendar = loadCalendar(db, event);
    const ctx = contextOf(db, calendar);
    const person = ctx.roster.find((p) => p.slackUserId === slackUserId);
    if (!person || !isAttendee(person)) throw new NotFoundError('You are not on this SKO’s attendee list; ask the SKO lead to add you.');
    if (now >= atLocalTime(event.day1, '00:00', event.timeZone)) throw new InputError('The SKO has started, so RSVPs are closed.');
    const previous = ctx.rsvps.get(person.personId) ?? null;
    db.insert(rsvps)
      .values({ eventId, personId: person.personId, answer, answeredAt: now.toISOString() })
      .onConflictDoUpdate({ target: [rsvps.eventId, rsvps.personId], set: { answer, answeredAt: now.toISOString() } })
      .run();
    let travel: RsvpOutcome['travel'] = null;
    const travelKey = commKey(eventId, 'travel-instructions');
    const sent = db.select({ status: schedule.status }).from(schedule).where(eq(schedule.key, travelKey)).get();
    if (answer === 'attending' && sent?.status === 'done') {
      const withAnswer = { ...ctx, rsvps: new Map([...ctx.rsvps, [person.personId, answer]]) };
      const [notice] = composeTravel(withAnswer, {
        body: bodyOf(db, calendar, 'travel-instructions'),
        contact: logisticsLead(db, eventId),
        only: person.personId,
      });
      if (notice) travel = { key: travelKey, notice };
    }
    return { person, previous, travel };
  });
}

// ── what the communications lead sees and changes ────────────────────────────────────────────

export interface DeliveryCounts {
  sent: number;
  failed: number;
  waiting: number;
  failures: { channel: string; error: string }[];
}

type EntryState = 'scheduled' | 'sent' | 'skipped' | 'cancelled' | 'missed';

export interface CalendarEntry {
  key: string;
  kind: MessageKind;
  title: string;
  audience: PlannedCommunication['audience'];
  at: Date;
  closesAt: Date | null;
  state: EntryState;
  /** Why a row was skipped. */
  note: string | null;
  edited: { time: boolean; text: boolean };
  delivery: DeliveryCounts;
  reminders: { at: Date; state: EntryState; delivery: DeliveryCounts }[];
  body: string;
  details: CommunicationRow['details'];
  /** How many people it would reach if it went out now. */
  recipients: number;
}

export interface CommunicationsOverview {
  event: EventRow;
  entries: CalendarEntry[];
  attendance: AttendanceTally;
  surveys: { kind: SurveyKind; id: number; title: string; invited: number; responses: number }[];
  hasQuiz: boolean;
}

const FAILURES_SHOWN = 3;

function deliveryOf(db: Db, prefix: string, scheduleKeys: readonly string[]): Map<string, DeliveryCounts> {
  const counts = new Map<string, DeliveryCounts>(scheduleKeys.map((k) => [k, { sent: 0, failed: 0, waiting: 0, failures: [] }]));
  const rows = db
    .select({ key: outbox.key, status: outbox.status, channel: outbox.channel, lastError: outbox.lastError })
    .from(outbox)
    .where(like(outbox.key, `${prefix}%`))
    .all();
  for (const r of rows) {
    const owner = r.key.slice(0, r.key.lastIndexOf(':'));
    const c = counts.get(owner);
    if (!c) continue;
    if (r.status === 'sent') c.sent += 1;
    else if (r.status === 'failed' || r.status === 'skipped') {
      c.failed += 1;
      if (c.failures.length < FAILURES_SHOWN) c.failures.push({ channel: r.channel, error: r.lastError ?? 'unknown' });
    } else c.waiting += 1;
  }
  return counts;
}

function stateOf(row: ScheduleRow | undefined): EntryState {
  if (!row) return 'missed';
  return row.status === 'pending' ? 'scheduled' : row.status === 'done' ? 'sent' : 'skipped';
}

/** `/sko comms`: every entry with its time, state and delivery counts, the RSVPs against headcount, and the surveys' answers. */
export function communicationsOverview(db: Db, event: EventRow): CommunicationsOverview {
  const calendar = loadCalendar(db, event);
  const prefix = `comm:${event.id}:`;
  const rows = new Map(
    db
      .select()
      .from(schedule)
      .where(and(eq(schedule.eventId, event.id), inArray(schedule.kind, [...COMMUNICATION_KINDS])))
      .all()
      .map((r) => [r.key, r]),
  );
  const delivery = deliveryOf(db, prefix, [...rows.keys()]);
  const planned = new Set(calendar.planned.map((e) => e.key));
  const roster = eventRoster(db, event.id);
  const answers = rsvpsOf(db, event.id);
  const none: DeliveryCounts = { sent: 0, failed: 0, waiting: 0, failures: [] };
  const entries = calendar.all.map((entry): CalendarEntry => {
    const key = commKey(event.id, entry.key);
    const stored = calendar.rows.get(entry.key);
    const reminders = [...rows.values()]
      .filter((r) => r.key.startsWith(`${key}:reminder-`))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
      .map((r) => ({ at: new Date(r.dueAt), state: stateOf(r), delivery: delivery.get(r.key) ?? none }));
    const row = rows.get(key);
    return {
      key: entry.key,
      kind: entry.template as MessageKind,
      title: entry.title,
      audience: entry.audience,
      at: entry.at,
      closesAt: entry.survey?.closesAt ?? null,
      state: planned.has(entry.key) ? stateOf(row) : 'cancelled',
      note: row?.status === 'skipped' ? row.note : null,
      edited: { time: Boolean(stored?.sendAt || stored?.closesAt), text: Boolean(stored?.body) },
      delivery: delivery.get(key) ?? none,
      reminders,
      body: bodyOf(db, calendar, entry.template as MessageKind),
      details: stored?.details ?? null,
      recipients: audienceOf(entry.audience, roster, answers).length,
    };
  });
  const surveyRows = (['pre', 'post', 'quiz'] as const).map((kind) => surveyOf(db, event.id, kind)).filter((r) => r !== undefined);
  return {
    event,
    entries,
    attendance: tallyAttendance(roster, answers, event.headcount),
    surveys: surveyRows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.definition.title,
      invited: invitedPersonIds(db, r.id).size,
      responses: responseCount(db, r.id),
    })),
    hasQuiz: calendar.hasQuiz,
  };
}

export function seeCommunicationsDecision(db: Db, slackUserId: string): Decision {
  return decideSeeCommunications(actorFor(db, slackUserId, currentEvent(db)));
}

export function editCommunicationsDecision(db: Db, slackUserId: string): Decision {
  return decideEditCommunications(actorFor(db, slackUserId, currentEvent(db)));
}

function assertMayEdit(db: Db, slackUserId: string): EventRow {
  const event = currentEvent(db);
  if (!event) throw new NotFoundError('No SKO yet. Run `/sko setup` first.');
  const decision = decideEditCommunications(actorFor(db, slackUserId, event));
  if (!decision.allowed) throw new NotAllowedError(decision.reason);
  return event;
}

/** One pending entry, for the edit modal; refuses one that has gone out or is unknown. */
export function pendingEntry(db: Db, slackUserId: string, key: string): CalendarEntry {
  const event = assertMayEdit(db, slackUserId);
  const entry = communicationsOverview(db, event).entries.find((e) => e.key === key);
  if (!entry) throw new NotFoundError('That message is no longer in the calendar; run `/sko comms` again.');
  if (entry.state === 'sent' || entry.state === 'skipped') throw new InputError(`${entry.title} has already gone out, so it can no longer be changed.`);
  if (entry.state === 'missed') throw new InputError(`${entry.title}'s time had passed when it was planned, so it will not be sent.`);
  return entry;
}

export interface CommunicationEdit {
  sendAt: Date;
  closesAt?: Date | null | undefined;
  body: string;
  highlights?: string | undefined;
  links?: { label: string; url: string }[] | undefined;
}

/**
 * Saves a new time and text for a pending entry. Times must lie ahead and inside the plan's 12
 * weeks, and a survey must close after its message goes out; each problem names its field.
 * A time or text set back to the default is stored as the default, so it keeps following the event.
 */
export function editCommunication(db: Db, slackUserId: string, key: string, edit: CommunicationEdit, now: Date): CalendarEntry {
  return db.transaction(() => {
    const entry = pendingEntry(db, slackUserId, key);
    const event = currentEvent(db) as EventRow;
    if (entry.state === 'cancelled') throw new InputError(`${entry.title} is cancelled; restore it before changing it.`);
    if (edit.sendAt <= now) throw new InputError('Choose a time that is still ahead.', 'sendAt');
    if (edit.closesAt && edit.closesAt <= now) throw new InputError('Choose a closing time that is still ahead.', 'closesAt');
    const body = edit.body.trim();
    if (!body) throw new InputError('Write the message, or put back the default text.', 'body');
    if (body.length > MAX_BODY_LENGTH) throw new InputError(`Keep the message to ${MAX_BODY_LENGTH} characters (it has ${body.length}).`, 'body');
    if ((edit.links?.length ?? 0) > MAX_LINKS) throw new InputError(`List at most ${MAX_LINKS} links.`, 'links');

    const calendar = loadCalendar(db, event);
    const defaults = planLeniently(calendar.timeline, calendar.hasQuiz, {}).plan.find((e) => e.key === key);
    const sendAt = defaults && defaults.at.getTime() === edit.sendAt.getTime() ? null : edit.sendAt;
    const closesAt = !edit.closesAt || defaults?.survey?.closesAt.getTime() === edit.closesAt.getTime() ? null : edit.closesAt;
    const overrides = overridesOf(calendar.rows.values(), true);
    overrides[key] = { ...(sendAt ? { at: sendAt } : {}), ...(closesAt ? { closesAt } : {}) };
    try {
      planCommunications(calendar.timeline, { hasQuiz: calendar.hasQuiz, hasAgenda: false, overrides, templates: COMMUNICATION_TEMPLATES });
    } catch (error) {
      if (!(error instanceof CommunicationPlanError)) throw error;
      throw new InputError(error.message, /closes/.test(error.message) && edit.closesAt ? 'closesAt' : 'sendAt');
    }
    const person = findPersonBySlackId(db, slackUserId);
    const details = entry.kind === 'thank-you-recap' ? { highlights: edit.highlights?.trim() || undefined, links: edit.links ?? [] } : entry.details;
    db.update(communications)
      .set({
        sendAt: sendAt?.toISOString() ?? null,
        closesAt: closesAt?.toISOString() ?? null,
        body: body === defaultBody(db, event, entry.kind) ? null : body,
        details,
        updatedBy: person?.id ?? null,
        updatedAt: now.toISOString(),
      })
      .where(and(eq(communications.eventId, event.id), eq(communications.key, key)))
      .run();
    planCommunicationSchedule(db, event, now);
    return communicationsOverview(db, event).entries.find((e) => e.key === key) as CalendarEntry;
  });
}

function defaultBody(db: Db, event: EventRow, kind: MessageKind): string {
  return bodyOf(db, { ...loadCalendar(db, event), rows: new Map() }, kind);
}

/** Cancels a pending entry (and its reminders), or restores a cancelled one. */
export function setCancelled(db: Db, slackUserId: string, key: string, cancelled: boolean, now: Date): CalendarEntry {
  return db.transaction(() => {
    const entry = pendingEntry(db, slackUserId, key);
    const event = currentEvent(db) as EventRow;
    db.update(communications)
      .set({ cancelled, updatedAt: now.toISOString() })
      .where(and(eq(communications.eventId, event.id), eq(communications.key, key)))
      .run();
    planCommunicationSchedule(db, event, now);
    return { ...entry, state: cancelled ? 'cancelled' : 'scheduled' };
  });
}

/** Adds or removes the certification quiz, and plans (or drops) its message and reminders. */
export function setQuiz(db: Db, slackUserId: string, on: boolean, now: Date): boolean {
  return db.transaction(() => {
    const event = assertMayEdit(db, slackUserId);
    const changed = setQuizSurvey(db, event.id, on);
    setUpCommunications(db, event, undefined, now);
    return changed;
  });
}

/** The entry as one person would receive it, addressed to the person asking: for the communications lead's preview. */
export function previewNotice(db: Db, slackUserId: string, key: string): CommunicationNotice {
  const entry = pendingEntry(db, slackUserId, key);
  const event = currentEvent(db) as EventRow;
  const calendar = loadCalendar(db, event);
  const planned = calendar.all.find((e) => e.key === entry.key) as PlannedCommunication;
  const ctx = contextOf(db, calendar);
  const me = ctx.roster.find((p) => p.slackUserId === slackUserId) as RosterPerson;
  // The requester stands in for a recipient: an attending leader fits every audience.
  const stand = {
    ...ctx,
    roster: [{ ...me, role: 'leader' as const }],
    rsvps: new Map<number, RsvpAnswer>(entry.kind === 'save-the-date' ? [] : [[me.personId, 'attending']]),
  };
  const [notice] = composeEntry(db, calendar, stand, planned, null, null);
  if (!notice) throw new NotFoundError(`${entry.title} has nothing to preview yet.`);
  return { ...notice, preview: true };
}
