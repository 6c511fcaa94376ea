/**
 * The 12-week SKO timeline (PRODUCT §2) over local calendar dates ('YYYY-MM-DD') in the event's
 * IANA time zone. Calendar arithmetic is done on plain dates; only the conversion to instants
 * (window starts/ends, "now") touches the time zone, so DST changes never shift a week.
 */
import { addDays, assertCalendarDate, assertTimeZone, atLocalTime, daysBetween, isoWeekStart, isWeekend, localDate } from '../dates.js';
import { type PhaseNumber, phaseOfWeek, type TaskTemplate } from './playbook.js';

// The zone and day helpers live with the rest of the date code; the app reads them through the plan.

export interface EventDates {
  day1: string;
  days: number;
  hasDay0: boolean;
  timeZone: string;
}

export interface WeekWindow {
  week: number;
  phase: PhaseNumber;
  /** First local date of the window. */
  start: string;
  /** Last local date of the window (inclusive). */
  end: string;
  /** 00:00 local on `start`. */
  startsAt: Date;
  /** Exclusive: 00:00 local on the day after `end`. */
  endsAt: Date;
}

/** Weeks 1–9 squeezed into this many calendar weeks. */
export interface Compression {
  weeksAvailable: number;
}

export interface Timeline {
  dates: EventDates;
  planStart: string;
  /** The 12 plan weeks, in order. */
  weeks: WeekWindow[];
  compression: Compression | null;
  /** Includes day 0 when the event has one. */
  eventDays: { day: number; date: string }[];
}

export type PlanCheck = { ok: true; timeline: Timeline } | { ok: false; reason: string; weeksAvailable: number; earliestDay1: string };

export type Position =
  | { kind: 'before'; firstWeekStarts: string; daysUntil: number }
  | { kind: 'week'; week: number; phase: PhaseNumber; window: WeekWindow }
  | { kind: 'after'; lastWeekEnded: string };

/** Seed lesson 1: 12 weeks is the norm; below this many weeks the plan cannot be compressed. */
const MIN_PLAN_WEEKS = 4;
/** Weeks 1–9 come before the event week. */
const PRE_EVENT_WEEKS = 9;
const TOTAL_WEEKS = 12;
const EVENT_WEEK = 10;
export const MAX_EVENT_DAYS = 7;

export class PlanTooShortError extends Error {
  readonly weeksAvailable: number;
  readonly earliestDay1: string;

  constructor(reason: string, weeksAvailable: number, earliestDay1: string) {
    super(reason);
    this.name = 'PlanTooShortError';
    this.weeksAvailable = weeksAvailable;
    this.earliestDay1 = earliestDay1;
  }
}

// ── the plan ─────────────────────────────────────────────────────────────────────────────────

function validateDates(dates: EventDates, planStart: string): void {
  assertCalendarDate(dates.day1, 'day 1 date');
  assertCalendarDate(planStart, 'planning start date');
  if (!Number.isInteger(dates.days) || dates.days < 1 || dates.days > MAX_EVENT_DAYS) {
    throw new Error(`An SKO lasts from 1 to ${MAX_EVENT_DAYS} days; got ${String(dates.days)}.`);
  }
  assertTimeZone(dates.timeZone);
}

function tooShortReason(weeks: number, day1: string, planStart: string, earliest: string): string {
  const fix = `Move day 1 to ${earliest} or later.`;
  const norm = `a good SKO needs 12 weeks and SKO Conductor can compress the plan to no fewer than ${MIN_PLAN_WEEKS}.`;
  if (weeks < 0) {
    return `Day 1 (${day1}) is before the start of planning (${planStart}); ${norm} ${fix}`;
  }
  if (weeks === 0) return `Day 1 is in the same week planning starts; ${norm} ${fix}`;
  return `Day 1 is only ${weeks} week${weeks === 1 ? '' : 's'} from the start of planning; ${norm} ${fix}`;
}

function makeWindow(week: number, start: string, endExclusive: string, tz: string): WeekWindow {
  return {
    week,
    phase: phaseOfWeek(week),
    start,
    end: addDays(endExclusive, -1),
    startsAt: atLocalTime(start, '00:00', tz),
    endsAt: atLocalTime(endExclusive, '00:00', tz),
  };
}

// Every status read rebuilds the same few timelines; each costs ~100 Intl look-ups, so keep them.
const planCache = new Map<string, PlanCheck>();
const PLAN_CACHE_SIZE = 64;

/** Timelines are shared between callers through this cache, so they are frozen all the way down. */
export function checkPlan(dates: EventDates, planStart: string): PlanCheck {
  const key = `${dates.day1}|${dates.days}|${dates.hasDay0}|${dates.timeZone}|${planStart}`;
  const cached = planCache.get(key);
  if (cached) return cached;
  const result = deepFreeze(computePlan(dates, planStart));
  if (planCache.size >= PLAN_CACHE_SIZE) planCache.delete(planCache.keys().next().value as string);
  planCache.set(key, result);
  return result;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function computePlan(dates: EventDates, planStart: string): PlanCheck {
  validateDates(dates, planStart);
  const tz = dates.timeZone;
  const eventMonday = isoWeekStart(dates.day1);
  const planMonday = isoWeekStart(planStart);
  const weeksAvailable = daysBetween(planMonday, eventMonday) / 7;

  if (weeksAvailable < MIN_PLAN_WEEKS) {
    const earliestDay1 = addDays(planMonday, MIN_PLAN_WEEKS * 7);
    return {
      ok: false,
      reason: tooShortReason(weeksAvailable, dates.day1, planStart, earliestDay1),
      weeksAvailable: Math.max(0, weeksAvailable),
      earliestDay1,
    };
  }

  const compressed = weeksAvailable < PRE_EVENT_WEEKS;
  const weeks: WeekWindow[] = [];
  for (let w = 1; w <= TOTAL_WEEKS; w++) {
    if (compressed && w <= PRE_EVENT_WEEKS) {
      // Proportional split of D days; D·k/9 is never exactly x.5 (D = 7n), so rounding is unambiguous.
      const span = weeksAvailable * 7;
      const from = Math.round(((w - 1) * span) / PRE_EVENT_WEEKS);
      const to = Math.round((w * span) / PRE_EVENT_WEEKS);
      weeks.push(makeWindow(w, addDays(planMonday, from), addDays(planMonday, to), tz));
    } else {
      const start = addDays(eventMonday, (w - EVENT_WEEK) * 7);
      weeks.push(makeWindow(w, start, addDays(start, 7), tz));
    }
  }

  const eventDays: { day: number; date: string }[] = [];
  for (let d = dates.hasDay0 ? 0 : 1; d <= dates.days; d++) {
    eventDays.push({ day: d, date: addDays(dates.day1, d - 1) });
  }

  return {
    ok: true,
    timeline: {
      dates: { ...dates },
      planStart,
      weeks,
      compression: compressed ? { weeksAvailable } : null,
      eventDays,
    },
  };
}

export function buildTimeline(dates: EventDates, planStart: string): Timeline {
  const check = checkPlan(dates, planStart);
  if (!check.ok) throw new PlanTooShortError(check.reason, check.weeksAvailable, check.earliestDay1);
  return check.timeline;
}

function weekWindow(timeline: Timeline, week: number): WeekWindow {
  const found = timeline.weeks[week - 1];
  if (!found || found.week !== week) throw new Error(`Week ${week} is not part of the plan (weeks run from 1 to 12).`);
  return found;
}

/** Where `now` falls in the plan, judged by the local date in the event's time zone. */
export function locate(timeline: Timeline, now: Date): Position {
  const today = localDate(now, timeline.dates.timeZone);
  const first = weekWindow(timeline, 1);
  const last = weekWindow(timeline, TOTAL_WEEKS);
  if (today < first.start) {
    return { kind: 'before', firstWeekStarts: first.start, daysUntil: daysBetween(today, first.start) };
  }
  if (today > last.end) return { kind: 'after', lastWeekEnded: last.end };
  const current = timeline.weeks.find((w) => w.start <= today && today <= w.end);
  // Windows are contiguous, so this only fails on a hand-built, inconsistent timeline.
  if (!current) throw new Error(`No plan week contains ${today}.`);
  return { kind: 'week', week: current.week, phase: current.phase, window: current };
}

/** The date of an event day; a day the event does not have moves to its last day. */
function eventDayDate(timeline: Timeline, day: number): string {
  const d = Math.min(day, timeline.dates.days);
  return addDays(timeline.dates.day1, d - 1);
}

/**
 * Start and due date of a task: event-day tasks happen on their day; others start on the first day
 * of week `weeks.from` and are due on the last weekday of week `weeks.to` (or its last day if it
 * has no weekday).
 */
export function taskSchedule(timeline: Timeline, task: Pick<TaskTemplate, 'weeks' | 'eventDay'>): { start: string; due: string } {
  if (task.eventDay !== undefined) {
    const date = eventDayDate(timeline, task.eventDay);
    return { start: date, due: date };
  }
  if (task.weeks.from > task.weeks.to) {
    throw new Error(`A task cannot end (week ${task.weeks.to}) before it starts (week ${task.weeks.from}).`);
  }
  const first = weekWindow(timeline, task.weeks.from);
  const last = weekWindow(timeline, task.weeks.to);
  let due = last.end;
  while (due > last.start && isWeekend(due)) due = addDays(due, -1);
  if (isWeekend(due)) due = last.end;
  return { start: first.start, due };
}
