/** Composing what falls due: the notices each calendar entry (or its reminder) becomes, for the dispatcher to send. */
import type { Db } from '../../../db/client.js';
import type { EventRow } from '../../../db/schema.js';
import { type PlannedCommunication, rsvpBy } from '../../domain/comms/calendar.js';
import {
  COMMUNICATION_KINDS,
  type CommsContext,
  type CommunicationNotice,
  composeAgendaPreview,
  composeAnalysis,
  composeRecap,
  composeRecapAsk,
  composeReinforcement,
  composeSaveTheDate,
  composeSurveyInvite,
  composeTravel,
  DEFAULT_BODIES,
  type EventFacts,
  type MessageKind,
  SURVEY_OF,
  type SurveyAnalysis,
} from '../../domain/comms/notices.js';
import type { Timeline } from '../../domain/plan/timeline.js';
import { surveyLength } from '../../domain/surveys/surveys.js';
import { sessionsOf } from '../agenda/sessions.js';
import type { ComposeContext } from '../delivery/schedule.js';
import { rsvpsOf } from '../people/attendees.js';
import { eventRoster } from '../people/people.js';
import { roleHolders } from '../plan/event-store.js';
import { answeredPersonIds, eventSeedMetrics, invitedPersonIds, recordInvitations, summaryOf, surveyOf } from '../surveys/surveys.js';
import { type Calendar, loadCalendar } from './calendar.js';

function eventFacts(event: EventRow, timeline: Timeline): EventFacts {
  const days = timeline.eventDays;
  return {
    id: event.id,
    name: event.name,
    day1: event.day1,
    lastDay: (days[days.length - 1] ?? { date: event.day1 }).date,
    day0: event.hasDay0 ? (days[0]?.date ?? null) : null,
    location: event.location,
    timeZone: event.timeZone,
  };
}

export function contextOf(db: Db, calendar: Calendar): CommsContext {
  return {
    eventId: calendar.event.id,
    event: eventFacts(calendar.event, calendar.timeline),
    roster: eventRoster(db, calendar.event.id),
    rsvps: rsvpsOf(db, calendar.event.id),
  };
}

export function bodyOf(db: Db, calendar: Calendar, kind: MessageKind): string {
  const custom = calendar.rows.get(kind)?.body;
  if (custom) return custom;
  const survey = SURVEY_OF[kind];
  if (survey) return surveyOf(db, calendar.event.id, survey)?.definition.intro ?? '';
  return DEFAULT_BODIES[kind as keyof typeof DEFAULT_BODIES];
}

export function logisticsLead(db: Db, eventId: number): string | null {
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
      ...surveyLength(row.definition),
      closesAt: entry.survey.closesAt,
    },
  };
}

/** The notices one calendar entry (or its reminder) becomes, for the roster in `ctx`. */
export function composeEntry(
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
  if (row.kind === 'recap-ask') return composeAsk(db, calendar, entry);
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

function composeAsk(db: Db, calendar: Calendar, entry: PlannedCommunication): CommunicationNotice[] {
  const ctx = contextOf(db, calendar);
  const holder = roleHolders(db, calendar.event.id).find((h) => h.role === 'communications_lead');
  const lead = holder ? (ctx.roster.find((p) => p.personId === holder.person.id) ?? null) : null;
  const details = calendar.rows.get('thank-you-recap')?.details;
  return composeRecapAsk(ctx, { lead, recapAt: entry.at, highlights: details?.highlights ?? null, links: details?.links ?? [] });
}

/** The dispatcher's composers for the calendar's schedule kinds. */
export const COMMUNICATION_COMPOSERS: Record<string, (context: ComposeContext) => CommunicationNotice[]> = Object.fromEntries(
  COMMUNICATION_KINDS.map((kind) => [kind, composeDue]),
);
