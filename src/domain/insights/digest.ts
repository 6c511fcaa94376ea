/**
 * The leaders' weekly digest (PRODUCT §4): Mondays at 08:00 in the event's time zone, weeks 1–12.
 * Planning is pure; the service fills in each reader's figures when the Monday comes.
 */
import type { ActionCounts } from '../action-items/reports.js';
import type { Adherence } from '../budget/budget.js';
import type { UnapprovedContent } from '../content/approval.js';
import { addDays, atLocalTime, isoWeekday } from '../dates.js';
import type { PreviousLessonsView } from '../plan/lessons.js';
import type { Recipient } from '../plan/reminders.js';
import type { Timeline } from '../plan/timeline.js';
import type { MetricResult } from './scorecard.js';

export const DIGEST_KIND = 'digest';
const DIGEST_TIME = '08:00';

export interface DigestItem {
  key: string;
  kind: typeof DIGEST_KIND;
  dueAt: Date;
  staleAt: Date | null;
  payload: Record<string, unknown>;
}

/** One digest per plan week, on its Monday (or its first day, when compression starts a week mid-week); stale once the week is over. */
export function planDigests(eventId: number, timeline: Timeline): DigestItem[] {
  return timeline.weeks.map((week) => {
    let day = week.start;
    for (let d = week.start; d <= week.end; d = addDays(d, 1)) {
      if (isoWeekday(d) === 1) {
        day = d;
        break;
      }
    }
    return {
      key: `digest:${eventId}:${week.week}:${day}`,
      kind: DIGEST_KIND,
      dueAt: atLocalTime(day, DIGEST_TIME, timeline.dates.timeZone),
      staleAt: week.endsAt,
      payload: { week: week.week },
    };
  });
}

interface WorkstreamProgress {
  workstream: string;
  done: number;
  total: number;
  overdue: number;
}

export interface PersonLine {
  slackUserId: string | null;
  name: string | null;
  overdue: number;
  oldestOverdueDays: number | null;
}

/** A figure the app measures, or null with what would measure it. */
export type Measured<T> = { value: T } | { value: null; needs: string };

export interface BurnPoint {
  week: number;
  /** Open tasks at the end of that week; null for weeks still to come. */
  open: number | null;
  /** Tasks the plan says should still be open then (those due later). */
  planned: number;
}

export interface DigestReport {
  eventName: string;
  today: string;
  week: number;
  /** Whether today is in the plan's weeks, or before week 1 or after week 12 (then `week` is 1 or 12): as the status says it. */
  when: 'before' | 'during' | 'after';
  weeks: number;
  phase: { number: number; name: string };
  window: { start: string; end: string };
  daysToDay1: number;
  scope: 'event' | 'organisation' | 'aggregate';
  plan: { done: number; total: number; overdue: number; byWorkstream: WorkstreamProgress[]; mine: { open: number; overdue: number } };
  burn: BurnPoint[];
  actionItems: Measured<ActionCounts & { owners: PersonLine[]; scopeLabel: string }>;
  communications: Measured<{ sent: { label: string; on: string }[]; next: { label: string; on: string }[] }>;
  surveys: Measured<{ name: string; sent: number; answered: number }[]>;
  rsvps: Measured<{ attending: number; notAttending: number; maybe: number; headcount: number }>;
  budget: {
    plannedCents: number;
    actualCents: number;
    committedCents: number;
    projectedCents: number;
    projectedVariancePct: number | null;
    adherence: Adherence;
    categories: { label: string; plannedCents: number; actualCents: number; committedCents: number }[];
  };
  highlights: MetricResult[];
  /** In the week-1 digest: the previous SKO's lessons learned; null otherwise, or when it left none. */
  lessons: PreviousLessonsView | null;
  /** In the week-9 digest: the sessions whose content is not approved yet; null otherwise, and when every one is. */
  unapprovedContent: UnapprovedContent | null;
  /** Only for the SKO lead and admins; null for others, and when nothing failed. */
  delivery: { failedCount: number; retrying: number; failed: { label: string; lastError: string }[] } | null;
}

export interface DigestNotice {
  type: 'digest';
  to: Recipient;
  label: string;
  report: DigestReport;
}
