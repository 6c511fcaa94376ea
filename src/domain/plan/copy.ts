/**
 * "Start from a past SKO": what a new SKO takes from an earlier one. Its agenda (without dates: a
 * session keeps its day number and times, and lands on the new SKO's days), its budget split,
 * the message texts its communications lead wrote, its surveys' questions and its role holders.
 * Nothing that happened there comes along: no answers, RSVPs, expenses, action items or sends.
 */
import type { Session } from '../agenda/sessions.js';
import { BUDGET_CATEGORIES, type BudgetCategoryKey } from '../budget/budget.js';
import { type CommunicationOverride, type CommunicationTemplate, moveOverrides } from '../comms/calendar.js';
import { atLocalTime, localDate, localTime } from '../dates.js';
import type { Survey, SurveyKind } from '../surveys/surveys.js';
import type { Timeline } from './timeline.js';

interface CommunicationText {
  key: string;
  body: string | null;
  /** Edited send and closing times (UTC instants); null keeps the calendar's default. */
  sendAt: string | null;
  closesAt: string | null;
}

export interface SkoToCopy {
  name: string;
  timeZone: string;
  /** The past SKO's dates laid out in the new SKO's time zone: its messages move from these days to the new ones. */
  timelineInNewZone: Timeline;
  budgetCents: number;
  sessions: readonly Session[];
  budget: readonly { category: BudgetCategoryKey; amountCents: number }[];
  communications: readonly CommunicationText[];
  surveys: readonly { kind: SurveyKind; definition: Survey }[];
}

export interface NewSko {
  timeline: Timeline;
  budgetCents: number;
}

export interface CopyPlan {
  sessions: Session[];
  /** Sessions on days the new SKO does not have (a 3-day agenda into a 2-day SKO, or day 0). */
  sessionsLeftOut: number;
  budget: { category: BudgetCategoryKey; amountCents: number }[];
  communications: CommunicationText[];
  surveys: { kind: SurveyKind; definition: Survey }[];
}

export function planCopy(from: SkoToCopy, to: NewSko, templates: readonly CommunicationTemplate[]): CopyPlan {
  const days = new Set(to.timeline.eventDays.map((d) => d.day));
  const sessions = from.sessions.filter((s) => days.has(s.day)).map((s) => ({ ...s }));
  return {
    sessions,
    sessionsLeftOut: from.sessions.length - sessions.length,
    budget: scaleSplit(from.budget, from.budgetCents, to.budgetCents),
    communications: movedTexts(from, to.timeline, templates),
    surveys: from.surveys.map((s) => ({ kind: s.kind, definition: structuredClone(s.definition) })),
  };
}

/**
 * The split is shares of the total: each category set by hand keeps its share of the new total.
 * Rounded down, so the set categories never add up to more than the total; when every category is
 * set they must add up to it exactly, so the cents rounded away go to the largest.
 */
function scaleSplit(split: SkoToCopy['budget'], fromTotal: number, toTotal: number): CopyPlan['budget'] {
  const scaled = split.map((c) => ({
    category: c.category,
    amountCents: fromTotal === toTotal ? c.amountCents : Math.floor((c.amountCents * toTotal) / fromTotal),
  }));
  const sum = scaled.reduce((total, c) => total + c.amountCents, 0);
  const largest = [...scaled].sort((a, b) => b.amountCents - a.amountCents)[0];
  if (largest && scaled.length === BUDGET_CATEGORIES.length && sum < toTotal) largest.amountCents += toTotal - sum;
  return scaled;
}

/**
 * A message's edited time keeps its place in the plan (as many days from its default as before, at
 * the same local wall-clock time) on the new SKO's days. The past SKO's times are first read as
 * local times of the new SKO's zone, so a Berlin kickoff copied to New York sends at 10:00 there too.
 */
function movedTexts(from: SkoToCopy, to: Timeline, templates: readonly CommunicationTemplate[]): CommunicationText[] {
  const zone = to.dates.timeZone;
  const sameWallClock = (iso: string) => {
    const instant = new Date(iso);
    return atLocalTime(localDate(instant, from.timeZone), localTime(instant, from.timeZone), zone);
  };
  const edited: Record<string, CommunicationOverride> = {};
  for (const c of from.communications) {
    edited[c.key] = { ...(c.sendAt ? { at: sameWallClock(c.sendAt) } : {}), ...(c.closesAt ? { closesAt: sameWallClock(c.closesAt) } : {}) };
  }
  const moved = moveOverrides(from.timelineInNewZone, to, edited, templates);
  return from.communications
    .filter((c) => c.key in moved && (c.body !== null || c.sendAt !== null || c.closesAt !== null))
    .map((c) => ({
      key: c.key,
      body: c.body,
      sendAt: moved[c.key]?.at?.toISOString() ?? null,
      closesAt: moved[c.key]?.closesAt?.toISOString() ?? null,
    }));
}
