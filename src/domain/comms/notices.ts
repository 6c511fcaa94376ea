/**
 * What each communication of the calendar (PRODUCT §4) says, and to whom, once its moment comes.
 * Pure: the dispatcher loads the roster, RSVPs and survey state, these decide the notices, and
 * views/ renders them. The texts here are defaults; the communications lead may rewrite any of them.
 */
import type { Session } from '../agenda/sessions.js';
import type { Recipient } from '../plan/reminders.js';
import type { SeedMetric, SessionScore } from '../surveys/results.js';
import type { SurveyKind } from '../surveys/surveys.js';
import { audienceOf, type RosterPerson, type RsvpAnswer } from './audience.js';
import type { Audience } from './calendar.js';

/** The schedule kinds of the calendar's messages that this module composes, beside their reminders. */
const MESSAGE_KINDS = [
  'save-the-date',
  'travel-instructions',
  'pre-event-survey',
  'agenda-preview',
  'thank-you-recap',
  'post-event-survey',
  'certification-quiz',
  'q1-reinforcement',
  'survey-analysis',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const COMMUNICATION_KINDS = [...MESSAGE_KINDS, 'rsvp-reminder', 'survey-reminder', 'recap-ask'] as const;

/** The recap with no highlights or links set: a thank-you that promises nothing it does not carry. */
const PLAIN_THANK_YOU = 'Thank you for making the SKO what it was. Now the work starts: carry your commitments and your team’s priorities into Q1.';

export function isMessageKind(key: string): key is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(key);
}

/** The survey each survey message opens. */
export const SURVEY_OF: Partial<Record<MessageKind, SurveyKind>> = {
  'pre-event-survey': 'pre',
  'post-event-survey': 'post',
  'certification-quiz': 'quiz',
};

/** Default message texts; a survey message's default is its survey's introduction. */
export const DEFAULT_BODIES: Record<Exclude<MessageKind, 'pre-event-survey' | 'post-event-survey' | 'certification-quiz'>, string> = {
  'save-the-date':
    'Save the date! Our Sales Kickoff sets next year’s plan, the standards we sell by, and the territories and quotas behind them. Tell us now whether you will be there, so travel and seating can be planned. You can change your answer later.',
  'travel-instructions':
    'Thanks for confirming you will be at the SKO. Please book your travel now: arrive by the evening before day 1 and leave after the closing session on the last day. Book through the company travel tool, use the event’s hotel block, and keep receipts for your expense report.',
  'thank-you-recap': 'Thank you for making the SKO what it was. Here are the highlights, and everything you need to keep the momentum going into Q1.',
  'agenda-preview':
    'Here is the SKO agenda. Every session ends with takeaways and next steps, so come with your questions, your deals and your team’s priorities for next year.',
  'q1-reinforcement':
    'Q1 starts now. Put what you committed to at the SKO into your first weeks: your Q1 priorities, the execution standards we installed, and the action items you took away. Your manager will follow up in your next one-on-one.',
  'survey-analysis':
    'The SKO surveys have closed. Here is what they say against our success metrics: bring it to the lessons-learned review so the next SKO starts from it.',
};

export interface EventFacts {
  /** Which SKO: buttons in its messages carry it. */
  id: number;
  name: string;
  day1: string;
  lastDay: string;
  /** The optional arrival day before day 1. */
  day0: string | null;
  location: string | null;
  timeZone: string;
}

export interface SurveyFacts {
  id: number;
  kind: SurveyKind;
  title: string;
  anonymous: boolean;
  /** Questions everyone answers; the optional per-session ratings are counted apart. */
  questions: number;
  sessionRatings: number;
  minutes: number;
  closesAt: Date;
}

export interface SurveyAnalysis {
  surveys: { kind: SurveyKind; title: string; responses: number; invited: number; rate: number | null }[];
  metrics: SeedMetric[];
  top: SessionScore[];
  bottom: SessionScore[];
}

interface NoticeBase {
  to: Recipient;
  /** For delivery reports: "the save-the-date". */
  label: string;
  event: EventFacts;
  body: string;
  /** Sent to the communications lead as a preview: its buttons record nothing. */
  preview?: boolean;
}

export interface SaveTheDateNotice extends NoticeBase {
  type: 'save-the-date';
  eventId: number;
  rsvp: RsvpAnswer | null;
  rsvpBy: Date | null;
  /** 1 or 2 for the reminders to those who have not answered. */
  reminder: number | null;
}

export interface TravelNotice extends NoticeBase {
  type: 'travel-instructions';
  /** The logistics lead's Slack id, for questions. */
  contact: string | null;
}

export interface SurveyInviteNotice extends NoticeBase {
  type: 'survey-invite';
  survey: SurveyFacts;
  reminder: number | null;
}

export interface RecapNotice extends NoticeBase {
  type: 'thank-you-recap';
  highlights: string | null;
  links: { label: string; url: string }[];
}

/** Two working days before the recap, to the communications lead while it has no highlights or links. */
export interface RecapAskNotice extends NoticeBase {
  type: 'recap-ask';
  recapAt: Date;
}

export interface AgendaPreviewNotice extends NoticeBase {
  type: 'agenda-preview';
  /** Each event day with its date and sessions, in order. */
  days: { day: number; date: string; sessions: Session[] }[];
}

export interface ReinforcementNotice extends NoticeBase {
  type: 'q1-reinforcement';
}

export interface SurveyAnalysisNotice extends NoticeBase {
  type: 'survey-analysis';
  analysis: SurveyAnalysis;
}

export type CommunicationNotice =
  | SaveTheDateNotice
  | TravelNotice
  | SurveyInviteNotice
  | AgendaPreviewNotice
  | RecapNotice
  | RecapAskNotice
  | ReinforcementNotice
  | SurveyAnalysisNotice;

function personRecipient(person: RosterPerson): Recipient {
  return { kind: 'person', person: { personId: person.personId, slackUserId: person.slackUserId, name: person.name }, mayReassign: false };
}

/** Everything composing needs, loaded by the dispatcher when a message falls due. */
export interface CommsContext {
  eventId: number;
  event: EventFacts;
  roster: readonly RosterPerson[];
  rsvps: ReadonlyMap<number, RsvpAnswer>;
}

const LABELS: Record<MessageKind, string> = {
  'save-the-date': 'the save-the-date',
  'travel-instructions': 'the travel booking instructions',
  'pre-event-survey': 'the pre-event survey',
  'agenda-preview': 'the agenda preview',
  'thank-you-recap': 'the thank-you and recap',
  'post-event-survey': 'the post-event feedback survey',
  'certification-quiz': 'the certification quiz',
  'q1-reinforcement': 'the Q1 kickoff reinforcement',
  'survey-analysis': 'the survey analysis',
};

function messageLabel(kind: MessageKind, reminder: number | null = null): string {
  return reminder === null ? LABELS[kind] : `reminder ${reminder} of ${LABELS[kind]}`;
}

function to(ctx: CommsContext, audience: Audience): RosterPerson[] {
  return audienceOf(audience, ctx.roster, ctx.rsvps).filter((p) => p.slackUserId !== null);
}

/**
 * The save-the-date to every attendee, each with their own RSVP state; as a reminder (`reminder`
 * 1 or 2) only to attendees who have not answered.
 */
export function composeSaveTheDate(ctx: CommsContext, options: { body: string; rsvpBy: Date | null; reminder: number | null }): SaveTheDateNotice[] {
  const people = to(ctx, 'all-attendees').filter((p) => options.reminder === null || !ctx.rsvps.has(p.personId));
  return people.map((p) => ({
    type: 'save-the-date',
    to: personRecipient(p),
    label: messageLabel('save-the-date', options.reminder),
    event: ctx.event,
    eventId: ctx.eventId,
    body: options.body,
    rsvp: ctx.rsvps.get(p.personId) ?? null,
    rsvpBy: options.rsvpBy,
    reminder: options.reminder,
  }));
}

/** Travel booking instructions: only to those whose RSVP is attending (or to the one person who just said so). */
export function composeTravel(ctx: CommsContext, options: { body: string; contact: string | null; only?: number }): TravelNotice[] {
  return to(ctx, 'attending')
    .filter((p) => options.only === undefined || p.personId === options.only)
    .map((p) => ({
      type: 'travel-instructions',
      to: personRecipient(p),
      label: messageLabel('travel-instructions'),
      event: ctx.event,
      body: options.body,
      contact: options.contact,
    }));
}

/**
 * A survey's invitation to its audience; as a reminder, only to people invited earlier who have
 * not answered (`answered` holds their person ids).
 */
export function composeSurveyInvite(
  ctx: CommsContext,
  options: {
    kind: MessageKind;
    audience: Audience;
    body: string;
    survey: SurveyFacts;
    reminder: number | null;
    invited?: ReadonlySet<number>;
    answered?: ReadonlySet<number>;
  },
): SurveyInviteNotice[] {
  let people = to(ctx, options.audience);
  if (options.reminder !== null) people = people.filter((p) => options.invited?.has(p.personId) && !options.answered?.has(p.personId));
  return people.map((p) => ({
    type: 'survey-invite',
    to: personRecipient(p),
    label: messageLabel(options.kind, options.reminder),
    event: ctx.event,
    body: options.body,
    survey: options.survey,
    reminder: options.reminder,
  }));
}

export function composeRecap(
  ctx: CommsContext,
  options: { audience: Audience; body: string; highlights: string | null; links: { label: string; url: string }[] },
): RecapNotice[] {
  const bare = !options.highlights && options.links.length === 0;
  const body = bare && options.body === DEFAULT_BODIES['thank-you-recap'] ? PLAIN_THANK_YOU : options.body;
  return to(ctx, options.audience).map((p) => ({
    type: 'thank-you-recap',
    to: personRecipient(p),
    label: messageLabel('thank-you-recap'),
    event: ctx.event,
    body,
    highlights: options.highlights,
    links: options.links,
  }));
}

/** Asks the communications lead for the recap's highlights and links, unless they are set (or there is no lead to ask). */
export function composeRecapAsk(
  ctx: CommsContext,
  options: { lead: RosterPerson | null; recapAt: Date; highlights: string | null; links: readonly unknown[] },
): RecapAskNotice[] {
  if (!options.lead || options.highlights || options.links.length > 0) return [];
  return [
    {
      type: 'recap-ask',
      to: personRecipient(options.lead),
      label: 'the request for the recap’s highlights',
      event: ctx.event,
      body: '',
      recapAt: options.recapAt,
    },
  ];
}

/** The agenda to its audience; nothing while the agenda has no sessions (the entry then goes out empty-handed to nobody). */
export function composeAgendaPreview(
  ctx: CommsContext,
  options: { audience: Audience; body: string; days: AgendaPreviewNotice['days'] },
): AgendaPreviewNotice[] {
  const days = options.days.filter((d) => d.sessions.length > 0);
  if (days.length === 0) return [];
  return to(ctx, options.audience).map((p) => ({
    type: 'agenda-preview',
    to: personRecipient(p),
    label: messageLabel('agenda-preview'),
    event: ctx.event,
    body: options.body,
    days,
  }));
}

export function composeReinforcement(ctx: CommsContext, options: { audience: Audience; body: string }): ReinforcementNotice[] {
  return to(ctx, options.audience).map((p) => ({
    type: 'q1-reinforcement',
    to: personRecipient(p),
    label: messageLabel('q1-reinforcement'),
    event: ctx.event,
    body: options.body,
  }));
}

export function composeAnalysis(ctx: CommsContext, options: { audience: Audience; body: string; analysis: SurveyAnalysis }): SurveyAnalysisNotice[] {
  return to(ctx, options.audience).map((p) => ({
    type: 'survey-analysis',
    to: personRecipient(p),
    label: messageLabel('survey-analysis'),
    event: ctx.event,
    body: options.body,
    analysis: options.analysis,
  }));
}

export interface MaterialsLink {
  label: string;
  url: string;
}

/**
 * The recap's materials links as the communications lead types them, one per line: a label and
 * the link ("Slides https://…", "Recordings | https://…"), or the link alone.
 */
export function parseMaterialsLinks(text: string): { ok: true; links: MaterialsLink[] } | { ok: false; error: string } {
  const links: MaterialsLink[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const match = /(https?:\/\/\S+)/.exec(line);
    if (!match?.[1])
      return { ok: false, error: `Line ${i + 1} has no link: write a label and a web address starting with https://, such as "Slides https://…".` };
    const url = match[1];
    try {
      new URL(url);
    } catch {
      return { ok: false, error: `Line ${i + 1}: "${url}" is not a web address.` };
    }
    const label = line
      .replace(url, '')
      .replace(/[\s|:–—-]+$/u, '')
      .replace(/^[\s|:–—-]+/u, '')
      .trim();
    links.push({ label: label || url.replace(/^https?:\/\//, ''), url });
  }
  return { ok: true, links };
}
