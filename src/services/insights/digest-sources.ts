/**
 * What the digest, the scorecard and App Home read from the communications, surveys and action-item
 * services. A source answers null while there is nothing to measure yet (no survey sent, no
 * save-the-date out), and the reader then shows "not measured yet" with what will measure it.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type EventRow, schedule } from '../../../db/schema.js';
import type { ActionSummary } from '../../domain/action-items/reports.js';
import { isAttendee, type RosterPerson, type RsvpAnswer, tallyAttendance } from '../../domain/comms/audience.js';
import { localDate } from '../../domain/dates.js';
import type { MetricKey } from '../../domain/insights/scorecard.js';
import type { SeedMetric } from '../../domain/surveys/results.js';
import { actionItemCounts } from '../action-items/items.js';
import { loadCalendar } from '../comms/calendar.js';
import { communicationEntries } from '../comms/overview.js';
import { rsvpsOf } from '../people/attendees.js';
import { eventRoster } from '../people/people.js';
import { qaParticipants } from '../qa/questions.js';
import { answeredPersonIds, eventSeedMetrics, invitedPersonIds, responseCount, surveyOf } from '../surveys/surveys.js';

interface SurveyRate {
  name: string;
  sent: number;
  answered: number;
}

export interface PendingSurvey {
  title: string;
  /** The local date it closes on. */
  closes: string;
}

export interface SurveyFigures {
  rates: SurveyRate[];
  /** Scorecard figures the survey answers give (plan clarity, satisfaction, …), by metric key; reads every answer. */
  measures(): Partial<Record<MetricKey, number>>;
  /** Open surveys a person was sent and has not answered yet, for their App Home. */
  pendingFor(personId: number): PendingSurvey[];
}

export type RsvpShown = 'attending' | 'not attending' | 'maybe';

export interface RsvpFigures {
  attending: number;
  notAttending: number;
  maybe: number;
  /** A person's own answer, for their App Home; null when they have not answered. */
  answerOf(personId: number): RsvpShown | null;
}

export interface CommunicationFigures {
  sent: { label: string; on: string }[];
  next: { label: string; on: string }[];
}

export interface DigestSources {
  actionItems(db: Db, eventId: number, today: string): ActionSummary;
  surveys(db: Db, event: EventRow, now: Date): SurveyFigures | null;
  rsvps(db: Db, event: EventRow): RsvpFigures | null;
  communications(db: Db, event: EventRow, now: Date): CommunicationFigures | null;
  /** The share of attendees who answered a survey, asked a question or voted for one (percent); null before anyone has. */
  engagement(db: Db, event: EventRow): number | null;
}

/** What will measure each source, for the "not measured yet" lines. */
export const SOURCE_NEEDS = {
  surveys: 'Response rates appear once the pre-event survey (week 6) goes out through the app.',
  rsvps: 'RSVPs are counted from the save-the-date buttons (week 6).',
  communications: 'Communications are listed once the communication calendar sends through the app.',
} as const;

/** The digest lists this many upcoming communications. */
const NEXT_SHOWN = 3;

const SHOWN_ANSWER: Record<RsvpAnswer, RsvpShown> = { attending: 'attending', 'not-attending': 'not attending', maybe: 'maybe' };

/**
 * The survey seed metrics in the scorecard's units: shares and changes as percentages, and the
 * weaker of confidence and motivation for their joint metric (both must reach +20%).
 */
export function scorecardMeasures(metrics: readonly SeedMetric[]): Partial<Record<MetricKey, number>> {
  const value = (key: SeedMetric['metric']) => metrics.find((m) => m.metric === key)?.value ?? null;
  const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const measures: Partial<Record<MetricKey, number>> = {};
  const set = (key: MetricKey, v: number | null) => {
    if (v !== null) measures[key] = v;
  };
  set('plan-clarity', percent(value('clarity')));
  set('territory-quota-understanding', percent(value('territory-quota')));
  set('logistics-rating', value('logistics'));
  set('satisfaction', value('satisfaction'));
  set('certification-pass', percent(value('quiz-pass-rate')));
  const confidence = value('confidence');
  const motivation = value('motivation');
  if (confidence !== null && motivation !== null) set('confidence-motivation', percent(Math.min(confidence, motivation)));
  return measures;
}

function surveysSent(db: Db, eventId: number) {
  const rows = (['pre', 'post', 'quiz'] as const).map((kind) => surveyOf(db, eventId, kind)).filter((r) => r !== undefined);
  return rows.map((row) => ({ row, invited: invitedPersonIds(db, row.id) })).filter((s) => s.invited.size > 0);
}

function surveyFigures(db: Db, event: EventRow, now: Date, surveyKey: string | null): SurveyFigures | null {
  const sent = surveysSent(db, event.id);
  if (sent.length === 0) return null;
  const closesAt = new Map(loadCalendar(db, event).planned.flatMap((e) => (e.survey ? [[e.survey.kind, e.survey.closesAt] as const] : [])));
  const roster = eventRoster(db, event.id);
  // Who answered is only knowable with the key (each invitee's keyed hash is looked for); without it,
  // in a preview, engagement and pending surveys stay unknown.
  const answeredBy = (candidates: (p: RosterPerson) => boolean) =>
    surveyKey === null
      ? null
      : sent.map((s) => ({
          ...s,
          answered: answeredPersonIds(
            db,
            surveyKey,
            s.row,
            roster.filter((p) => s.invited.has(p.personId) && candidates(p)),
          ),
        }));
  return {
    rates: sent.map(({ row, invited }) => ({ name: row.definition.title, sent: invited.size, answered: responseCount(db, row.id) })),
    measures: () => scorecardMeasures(eventSeedMetrics(db, event.id)),
    pendingFor: (personId) =>
      (answeredBy((p) => p.personId === personId) ?? [])
        .filter((s) => s.invited.has(personId) && !s.answered.has(personId) && (closesAt.get(s.row.kind)?.getTime() ?? 0) > now.getTime())
        .map((s) => ({ title: s.row.definition.title, closes: localDate(closesAt.get(s.row.kind) as Date, event.timeZone) })),
  };
}

/**
 * Engagement (PRODUCT §5): attendees who answered any survey, asked a question or voted for one.
 * Who answered an anonymous survey, or asked or voted anonymously, is only knowable with the key.
 */
function engagementOf(db: Db, event: EventRow, surveyKey: string | null): number | null {
  // Without the key only named questions could be counted: a figure far below the truth.
  if (surveyKey === null) return null;
  const attendees = eventRoster(db, event.id).filter(isAttendee);
  const answered = surveysSent(db, event.id).flatMap((s) => [
    ...answeredPersonIds(
      db,
      surveyKey,
      s.row,
      attendees.filter((p) => s.invited.has(p.personId)),
    ),
  ]);
  const engaged = new Set([...answered, ...qaParticipants(db, event.id, surveyKey, attendees)]);
  if (attendees.length === 0 || engaged.size === 0) return null;
  return Math.round((attendees.filter((p) => engaged.has(p.personId)).length * 1000) / attendees.length) / 10;
}

function saveTheDateSent(db: Db, eventId: number): boolean {
  const row = db
    .select({ status: schedule.status })
    .from(schedule)
    .where(and(eq(schedule.eventId, eventId), eq(schedule.key, `comm:${eventId}:save-the-date`)))
    .get();
  return row !== undefined && row.status !== 'pending';
}

function rsvpFigures(db: Db, event: EventRow): RsvpFigures | null {
  const answers = rsvpsOf(db, event.id);
  if (answers.size === 0 && !saveTheDateSent(db, event.id)) return null;
  const tally = tallyAttendance(eventRoster(db, event.id), answers, event.headcount);
  return {
    attending: tally.attending,
    notAttending: tally.notAttending,
    maybe: tally.maybe,
    answerOf: (personId) => {
      const answer = answers.get(personId);
      return answer ? SHOWN_ANSWER[answer] : null;
    },
  };
}

function communicationFigures(db: Db, event: EventRow, now: Date): CommunicationFigures {
  const entries = communicationEntries(db, event);
  const on = (at: Date) => localDate(at, event.timeZone);
  return {
    // An entry whose audience was empty when it fell due (travel before anyone said yes) reached nobody: not listed.
    sent: entries.filter((e) => e.state === 'sent' && e.delivery.sent > 0).map((e) => ({ label: e.title, on: on(e.at) })),
    next: entries
      .filter((e) => e.state === 'scheduled' && e.at.getTime() > now.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .slice(0, NEXT_SHOWN)
      .map((e) => ({ label: e.title, on: on(e.at) })),
  };
}

/**
 * The services behind the digest. `surveyKey` is the app's SURVEY_KEY_SECRET: without it, who has
 * answered an anonymous survey cannot be told, so pending surveys and engagement are left out.
 */
export function digestSources(surveyKey: string | null): DigestSources {
  return {
    actionItems: (db, eventId, today) => actionItemCounts(db, eventId, today),
    surveys: (db, event, now) => surveyFigures(db, event, now, surveyKey),
    rsvps: (db, event) => rsvpFigures(db, event),
    communications: (db, event, now) => communicationFigures(db, event, now),
    engagement: (db, event) => engagementOf(db, event, surveyKey),
  };
}
