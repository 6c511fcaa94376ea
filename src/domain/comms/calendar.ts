/**
 * The communications calendar of PRODUCT §4 as data, planned onto an event's timeline, with the
 * survey windows and their reminders. Re-planning after the event's dates move moves every entry;
 * `moveOverrides` carries hand-edited times along.
 *
 * Default days and times, all in the event's time zone:
 * - Messages to people go out at 10:00, after the morning's first meetings and inside every
 *   attendee's working day; each week-6 and week-11 message has its own weekday, so nobody gets
 *   four DMs at once and each has a day to be read before the next.
 * - Week 6: save-the-date Monday (RSVPs open first), pre-event survey Tuesday, travel booking
 *   Wednesday (two days of RSVPs in, since it goes only to those attending), agenda preview Thursday.
 * - Event days: the day's agenda at 07:30 in the event channel, before a typical 08:30 opening.
 * - Week 11: thank-you and recap Monday, feedback survey Tuesday, quiz Wednesday, Q1 kickoff
 *   reinforcement Thursday. Week 12: survey analysis to leaders Thursday, after surveys close.
 * - Weekly digest: Mondays at 08:00, before the week's work starts.
 *
 * Survey windows:
 * - Pre-event: opens with its DM (week 6), closes Friday of week 8 at 17:00. Topics and questions
 *   for leadership must reach the content team before week 9's rehearsals lock the sessions, and
 *   the baseline must be taken well before the event; two and a half weeks leave room for two
 *   reminders a week apart.
 * - Post-event feedback and quiz: open in week 11, close Tuesday of week 12 at 17:00. Feedback
 *   goes stale fast, and the week-12 analysis (Thursday) needs the surveys closed.
 * A compressed plan keeps each day's place within its shorter week (see `dayInWeek`).
 */

import { addDays, atLocalTime, daysBetween, isoWeekday, isWeekend, localDate, localTime } from '../dates.js';
import type { Timeline, WeekWindow } from '../plan/timeline.js';
import type { SurveyKind } from '../surveys/surveys.js';

export type Audience = 'all-attendees' | 'attending' | 'event-channel' | 'leaders-and-role-holders' | 'leaders';

/** Messages to people go out on working days only. */
type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri';
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

interface WeekDayTime {
  week: number;
  weekday: Weekday;
  /** 'HH:mm' local. */
  time: string;
}

type CommunicationWhen = WeekDayTime | { eventDay: 'each'; time: string } | { week: 'each-monday'; time: string };

export interface CommunicationTemplate {
  key: string;
  title: string;
  audience: Audience;
  when: CommunicationWhen;
  /** Planned only when the event has a certification quiz / an agenda. */
  requires?: 'quiz' | 'agenda';
  /** The survey this message opens, and when that survey closes. */
  survey?: { kind: SurveyKind; closes: WeekDayTime };
}

export const DEFAULT_COMMUNICATIONS: readonly CommunicationTemplate[] = [
  { key: 'weekly-digest', title: 'Weekly digest', audience: 'leaders-and-role-holders', when: { week: 'each-monday', time: '08:00' } },
  { key: 'save-the-date', title: 'Save the date (RSVP)', audience: 'all-attendees', when: { week: 6, weekday: 'mon', time: '10:00' } },
  {
    key: 'pre-event-survey',
    title: 'Pre-event survey',
    audience: 'all-attendees',
    when: { week: 6, weekday: 'tue', time: '10:00' },
    survey: { kind: 'pre', closes: { week: 8, weekday: 'fri', time: '17:00' } },
  },
  { key: 'travel-instructions', title: 'Travel booking instructions', audience: 'attending', when: { week: 6, weekday: 'wed', time: '10:00' } },
  { key: 'agenda-preview', title: 'Agenda preview', audience: 'all-attendees', when: { week: 6, weekday: 'thu', time: '10:00' }, requires: 'agenda' },
  { key: 'morning-agenda', title: 'Morning agenda', audience: 'event-channel', when: { eventDay: 'each', time: '07:30' }, requires: 'agenda' },
  { key: 'thank-you-recap', title: 'Thank-you and recap', audience: 'all-attendees', when: { week: 11, weekday: 'mon', time: '10:00' } },
  {
    key: 'post-event-survey',
    title: 'Post-event feedback survey',
    audience: 'attending',
    when: { week: 11, weekday: 'tue', time: '10:00' },
    survey: { kind: 'post', closes: { week: 12, weekday: 'tue', time: '17:00' } },
  },
  {
    key: 'certification-quiz',
    title: 'Certification quiz',
    audience: 'attending',
    when: { week: 11, weekday: 'wed', time: '10:00' },
    requires: 'quiz',
    survey: { kind: 'quiz', closes: { week: 12, weekday: 'tue', time: '17:00' } },
  },
  { key: 'q1-reinforcement', title: 'Q1 kickoff reinforcement', audience: 'attending', when: { week: 11, weekday: 'thu', time: '10:00' } },
  { key: 'survey-analysis', title: 'Survey analysis and lessons learned', audience: 'leaders', when: { week: 12, weekday: 'thu', time: '10:00' } },
];

export interface CommunicationOverride {
  at?: Date;
  cancelled?: boolean;
  /** Survey messages only: when the survey closes. */
  closesAt?: Date;
}

export interface PlanOptions {
  hasQuiz: boolean;
  hasAgenda: boolean;
  /** Keyed by the planned entry's key; keys the plan does not have are ignored. */
  overrides?: Readonly<Record<string, CommunicationOverride>>;
  templates?: readonly CommunicationTemplate[];
}

export interface PlannedCommunication {
  /** Unique within the event: the template key, with the day or the digest's number where it repeats. */
  key: string;
  template: string;
  title: string;
  audience: Audience;
  at: Date;
  localDate: string;
  localTime: string;
  /** The plan week it falls in. */
  week: number;
  eventDay?: number;
  survey?: { kind: SurveyKind; closesAt: Date };
}

export interface SurveyWindow {
  survey: SurveyKind;
  /** The planned message that opens it. */
  key: string;
  opensAt: Date;
  closesAt: Date;
  timeZone: string;
}

/** An edit that would make the calendar impossible; the message says what to change. */
export class CommunicationPlanError extends Error {
  override readonly name = 'CommunicationPlanError';
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
  }
}

const REMINDER_TIME = '10:00';
const MAX_SURVEY_REMINDERS = 2;

// ── placing entries on the timeline ──────────────────────────────────────────────────────────

function weekWindow(timeline: Timeline, week: number): WeekWindow {
  const found = timeline.weeks.find((w) => w.week === week);
  if (!found) throw new Error(`Week ${week} is not part of the plan (weeks run from 1 to 12).`);
  return found;
}

/**
 * The date of a weekday in a plan week. A full week has every weekday; a compressed week (3 to
 * 6 days, not always from a Monday) maps Monday…Friday proportionally onto its own working days,
 * so the order of the week's messages and a Friday close at the week's end both survive.
 */
function dayInWeek(window: WeekWindow, weekday: Weekday): string {
  const days: string[] = [];
  for (let d = window.start; d <= window.end; d = addDays(d, 1)) days.push(d);
  const workdays = days.filter((d) => !isWeekend(d));
  const pool = workdays.length > 0 ? workdays : days;
  return pool[Math.floor((WEEKDAYS.indexOf(weekday) * pool.length) / WEEKDAYS.length)] as string;
}

function weekOf(timeline: Timeline, date: string): number | null {
  return timeline.weeks.find((w) => w.start <= date && date <= w.end)?.week ?? null;
}

interface Instance {
  key: string;
  template: CommunicationTemplate;
  order: number;
  date: string;
  time: string;
  eventDay?: number;
}

/** Every entry the templates produce on this timeline, at its default date and time. */
function instances(timeline: Timeline, templates: readonly CommunicationTemplate[]): Instance[] {
  const result: Instance[] = [];
  templates.forEach((template, order) => {
    const when = template.when;
    if ('eventDay' in when) {
      for (const { day, date } of timeline.eventDays) {
        result.push({ key: `${template.key}-day-${day}`, template, order, date, time: when.time, eventDay: day });
      }
    } else if (when.week === 'each-monday') {
      const first = weekWindow(timeline, 1).start;
      const last = weekWindow(timeline, 12).end;
      let n = 1;
      for (let d = addDays(first, (8 - isoWeekday(first)) % 7); d <= last; d = addDays(d, 7), n++) {
        result.push({ key: `${template.key}-${n}`, template, order, date: d, time: when.time });
      }
    } else {
      result.push({ key: template.key, template, order, date: dayInWeek(weekWindow(timeline, when.week), when.weekday), time: when.time });
    }
  });
  return result;
}

function closesAt(timeline: Timeline, closes: WeekDayTime): Date {
  return atLocalTime(dayInWeek(weekWindow(timeline, closes.week), closes.weekday), closes.time, timeline.dates.timeZone);
}

function wallTime(instant: Date, timeZone: string): string {
  return `${localDate(instant, timeZone)} ${localTime(instant, timeZone)}`;
}

/**
 * The event's communications in time order (ties keep the calendar's order). Cancelled entries,
 * and entries for a quiz or an agenda the event does not have, are left out.
 */
export function planCommunications(timeline: Timeline, options: PlanOptions): PlannedCommunication[] {
  const tz = timeline.dates.timeZone;
  const planned: (PlannedCommunication & { order: number })[] = [];
  for (const inst of instances(timeline, options.templates ?? DEFAULT_COMMUNICATIONS)) {
    const { template } = inst;
    if (template.requires === 'quiz' && !options.hasQuiz) continue;
    if (template.requires === 'agenda' && !options.hasAgenda) continue;
    const override = options.overrides?.[inst.key];
    if (override?.cancelled) continue;
    const at = override?.at ?? atLocalTime(inst.date, inst.time, tz);
    const week = Number.isNaN(at.getTime()) ? null : weekOf(timeline, localDate(at, tz));
    if (week === null) {
      const first = weekWindow(timeline, 1).start;
      const last = weekWindow(timeline, 12).end;
      throw new CommunicationPlanError(`Choose a time for "${template.title}" between ${first} and ${last}, the plan's 12 weeks.`, inst.key);
    }
    const entry: PlannedCommunication & { order: number } = {
      key: inst.key,
      template: template.key,
      title: inst.eventDay === undefined ? template.title : `Day ${inst.eventDay} ${template.title.toLowerCase()}`,
      audience: template.audience,
      at,
      localDate: localDate(at, tz),
      localTime: localTime(at, tz),
      week,
      order: inst.order,
      ...(inst.eventDay === undefined ? {} : { eventDay: inst.eventDay }),
    };
    if (template.survey) {
      const close = override?.closesAt ?? closesAt(timeline, template.survey.closes);
      if (Number.isNaN(close.getTime()) || close <= at) {
        throw new CommunicationPlanError(
          `"${template.title}" would go out (${wallTime(at, tz)}) after its survey closes (${wallTime(close, tz)}); send it earlier or close the survey later.`,
          inst.key,
        );
      }
      entry.survey = { kind: template.survey.kind, closesAt: close };
    }
    planned.push(entry);
  }
  planned.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  return planned.map(({ order: _order, ...entry }) => entry);
}

/** The open and close instants of each survey the plan sends. */
export function surveyWindows(timeline: Timeline, options: PlanOptions): SurveyWindow[] {
  const windows: SurveyWindow[] = [];
  for (const entry of planCommunications(timeline, options)) {
    if (entry.survey) {
      windows.push({ survey: entry.survey.kind, key: entry.key, opensAt: entry.at, closesAt: entry.survey.closesAt, timeZone: timeline.dates.timeZone });
    }
  }
  return windows;
}

function previousWorkday(date: string): string {
  let d = date;
  while (isWeekend(d)) d = addDays(d, -1);
  return d;
}

/**
 * When to remind people who have not answered, at most twice and always inside the window: at
 * 10:00 on the last working day before the closing day ("closes tomorrow"), and at 10:00 on the
 * working day at or before the midpoint between the opening day and that last reminder. A reminder
 * that would fall on the opening day, or on the same day as the other, is dropped.
 */
export function surveyReminderTimes(window: SurveyWindow): Date[] {
  const tz = window.timeZone;
  const openDay = localDate(window.opensAt, tz);
  const last = previousWorkday(addDays(localDate(window.closesAt, tz), -1));
  const middle = previousWorkday(addDays(openDay, Math.floor(daysBetween(openDay, last) / 2)));
  const days = [...new Set([middle, last])].filter((d) => d > openDay);
  return days
    .map((d) => atLocalTime(d, REMINDER_TIME, tz))
    .filter((at) => at > window.opensAt && at < window.closesAt)
    .slice(0, MAX_SURVEY_REMINDERS);
}

function shift(instant: Date, days: number, timeZone: string): Date {
  return atLocalTime(addDays(localDate(instant, timeZone), days), localTime(instant, timeZone), timeZone);
}

/**
 * Overrides carried to a moved timeline: an edited time moves by as many days as its entry's
 * default moved and keeps its local wall-clock time; entries the new plan lacks are dropped.
 * Cancellations stay. Both timelines must share a time zone.
 */
export function moveOverrides(
  from: Timeline,
  to: Timeline,
  overrides: Readonly<Record<string, CommunicationOverride>>,
  templates: readonly CommunicationTemplate[] = DEFAULT_COMMUNICATIONS,
): Record<string, CommunicationOverride> {
  const tz = to.dates.timeZone;
  if (from.dates.timeZone !== tz) throw new Error('Move overrides between timelines in the same time zone.');
  const before = new Map(instances(from, templates).map((i) => [i.key, i]));
  const after = new Map(instances(to, templates).map((i) => [i.key, i]));
  const moved: Record<string, CommunicationOverride> = {};
  for (const [key, override] of Object.entries(overrides)) {
    const a = before.get(key);
    const b = after.get(key);
    if (!a || !b) continue;
    const next: CommunicationOverride = { ...override };
    if (override.at) next.at = shift(override.at, daysBetween(a.date, b.date), tz);
    const survey = a.template.survey;
    if (override.closesAt && survey) {
      const days = daysBetween(localDate(closesAt(from, survey.closes), tz), localDate(closesAt(to, survey.closes), tz));
      next.closesAt = shift(override.closesAt, days, tz);
    }
    moved[key] = next;
  }
  return moved;
}

/** Attendees are asked to answer the save-the-date by Friday of week 7, so logistics can confirm numbers in week 8. */
const RSVP_BY: WeekDayTime = { week: 7, weekday: 'fri', time: '17:00' };

/**
 * When to remind attendees who have not answered the save-the-date: the same two moments a
 * survey uses, in the window from the save-the-date to the RSVP-by date. A save-the-date sent
 * after that date gets no reminders.
 */
export function rsvpReminderTimes(timeline: Timeline, saveTheDateAt: Date): Date[] {
  const by = closesAt(timeline, RSVP_BY);
  if (by <= saveTheDateAt) return [];
  return surveyReminderTimes({ survey: 'pre', key: 'save-the-date', opensAt: saveTheDateAt, closesAt: by, timeZone: timeline.dates.timeZone });
}

/** The instant attendees are asked to answer the save-the-date by. */
export function rsvpBy(timeline: Timeline): Date {
  return closesAt(timeline, RSVP_BY);
}

/**
 * When to ask the communications lead for the recap's highlights and links: two working days
 * before it goes out, at the same time of day, so there is a day to gather them and a day to spare.
 */
export function recapAskAt(recapAt: Date, timeZone: string): Date {
  let day = localDate(recapAt, timeZone);
  for (let left = 2; left > 0; ) {
    day = addDays(day, -1);
    if (!isWeekend(day)) left -= 1;
  }
  return atLocalTime(day, localTime(recapAt, timeZone), timeZone);
}
