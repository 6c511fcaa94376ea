/**
 * Post-event commitments (issue 5, point 5): in week 11 each attendee is asked for up to three
 * personal commitments from the SKO, each of which becomes their own action item with a due date.
 * Seed 000's day 3 ends with "individual commitments made"; this is where they are written down.
 */

import { addDays, atLocalTime, weekdayOnOrAfter } from '../dates.js';
import type { Timeline, WeekWindow } from '../plan/timeline.js';
import { MAX_TITLE_LENGTH, parseDueDate } from './items.js';

export const MAX_COMMITMENTS = 3;

export const COMMITMENT_INVITE_KIND = 'commitments-invite';

/**
 * The invitation goes out on Friday of week 11 at the event's reminder time: Monday to Thursday of
 * that week carry the recap, the feedback survey, the quiz and the Q1 reinforcement (PRODUCT §4), so
 * each DM has its own day. A long event that runs into week 11 moves it to the first weekday after.
 * It stays useful until the end of week 12, the last week of the plan.
 */
export function commitmentInvite(event: { id: number; day1: string; days: number; reminderTime: string }, timeline: Timeline) {
  const week11 = timeline.weeks[10] as WeekWindow;
  const week12 = timeline.weeks[11] as WeekWindow;
  const friday = addDays(week11.start, 4);
  const afterEvent = weekdayOnOrAfter(addDays(event.day1, event.days));
  const date = afterEvent > friday ? afterEvent : friday;
  const zone = timeline.dates.timeZone;
  return {
    key: `${COMMITMENT_INVITE_KIND}:${event.id}:${date}`,
    kind: COMMITMENT_INVITE_KIND,
    dueAt: atLocalTime(date, event.reminderTime, zone),
    staleAt: week12.endsAt,
    payload: { date },
  };
}

export interface CommitmentEntry {
  text?: string | null | undefined;
  /** 'YYYY-MM-DD' from a date picker. */
  due?: string | null | undefined;
}

export interface Commitment {
  title: string;
  due: string;
}

/** Errors by entry index (0-based) and field. */
type CommitmentErrors = Record<number, { text?: string; due?: string }>;

export type CommitmentsResult = { ok: true; commitments: Commitment[] } | { ok: false; errors: CommitmentErrors };

/**
 * Reads the commitments form: blank rows are skipped, a row needs both what and by when, and a
 * due date must be today or later (in the event's time zone). At least one row is needed.
 */
export function validateCommitments(entries: readonly CommitmentEntry[], context: { today: string; timeZone: string }): CommitmentsResult {
  const errors: CommitmentErrors = {};
  const commitments: Commitment[] = [];
  entries.forEach((entry, i) => {
    const text = (entry.text ?? '').replace(/\s+/g, ' ').trim();
    const due = entry.due ?? '';
    if (!text && !due) return;
    const problems: { text?: string; due?: string } = {};
    if (!text) problems.text = 'Write what you will do, or clear the date beside it.';
    else if (text.length > MAX_TITLE_LENGTH)
      problems.text = `Keep it to ${MAX_TITLE_LENGTH.toLocaleString('en-US')} characters; this has ${text.length.toLocaleString('en-US')}.`;
    if (!due) problems.due = 'Pick the date you will have done it by.';
    else {
      const parsed = parseDueDate(due, context.today, context.timeZone);
      if (!parsed.ok) problems.due = parsed.error;
    }
    if (problems.text || problems.due) errors[i] = problems;
    else commitments.push({ title: text, due });
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  if (commitments.length === 0)
    return { ok: false, errors: { 0: { text: 'Write at least one commitment: one thing you will do differently after the SKO.' } } };
  return { ok: true, commitments };
}
