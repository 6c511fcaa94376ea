/** The content-approval metric and the week-9 digest's list of sessions whose content is not approved yet. */
import type { Db } from '../../../db/client.js';
import { CONTENT_DEADLINE_WEEK, contentApproval, needsApproval, type UnapprovedContent } from '../../domain/content/approval.js';
import { formatCalendarDate } from '../../domain/dates.js';
import type { EventPlan } from '../plan/event-store.js';
import { contentOf } from './approval.js';

export type ContentMeasure = { value: number; basis: string } | { value: null; reason: string };

/** The share of sessions approved by the end of week 9 (so far, until it ends), with the counts it rests on. */
export function contentApprovalMeasure(db: Db, plan: EventPlan, now: Date): ContentMeasure {
  const items = contentOf(db, plan.event.id);
  const deadline = plan.timeline.weeks[CONTENT_DEADLINE_WEEK - 1];
  if (!deadline) throw new Error('The plan has no week 9.');
  const { approved, total, frozen } = contentApproval(items, now, deadline.endsAt);
  if (total === 0) return { value: null, reason: 'The agenda has no sessions with content to approve yet.' };
  if (!frozen && !items.some((i) => i.state !== 'draft')) return { value: null, reason: 'No session has been put up for approval yet.' };
  const end = formatCalendarDate(deadline.end, 'D MMM YYYY');
  const when = frozen ? `by the end of week ${CONTENT_DEADLINE_WEEK} (${end})` : `so far; final when week ${CONTENT_DEADLINE_WEEK} ends on ${end}`;
  return {
    value: Math.round((approved * 1000) / total) / 10,
    basis: `${approved} of ${total} sessions approved ${when} (social time not counted)`,
  };
}

/** The sessions whose content is not approved, in agenda order, the first `limit` of them; null when every one is. */
export function unapprovedContent(db: Db, eventId: number, limit: number): UnapprovedContent | null {
  const open = contentOf(db, eventId).flatMap((i) =>
    needsApproval(i) && i.state !== 'approved' ? [{ day: i.day, start: i.start, title: i.title, state: i.state }] : [],
  );
  if (open.length === 0) return null;
  return { sessions: open.slice(0, limit), more: Math.max(0, open.length - limit) };
}
