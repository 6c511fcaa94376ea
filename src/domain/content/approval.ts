/**
 * Session content and its approval by leadership (seed 000: "Content approval from leadership"):
 * where a session's content stands, what a valid link is, and the share approved by the end of
 * week 9, when the content should be final (PRODUCT §2: weeks 7–9 are content development).
 */
import type { SessionKind } from '../agenda/sessions.js';

const CONTENT_STATES = ['draft', 'submitted', 'approved', 'changes-requested'] as const;
export type ContentState = (typeof CONTENT_STATES)[number];

export const CONTENT_STATE_LABELS: Record<ContentState, string> = {
  draft: 'not submitted yet',
  submitted: 'waiting for approval',
  approved: 'approved',
  'changes-requested': 'changes asked for',
};

/** The week whose end the metric is measured at. */
export const CONTENT_DEADLINE_WEEK = 9;

const MAX_LINK = 1000;
const MAX_NOTE = 1500;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A link a leader can open: http(s), with a host, and no spaces (a pasted sentence is not a link). */
export function checkContentLink(raw: string | null | undefined): Checked<string> {
  const text = raw?.trim() ?? '';
  if (!text) return { ok: false, error: 'Paste the link to the session content (the deck, document or folder), such as https://docs.example.com/deck.' };
  if (text.length > MAX_LINK) return { ok: false, error: `Keep the link to ${MAX_LINK} characters or fewer (it has ${text.length}).` };
  let url: URL | null = null;
  try {
    url = /\s/.test(text) ? null : new URL(text);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname.includes('.')) {
    return { ok: false, error: `"${text.slice(0, 80)}" is not a web link; paste the whole address, starting with https://.` };
  }
  // Slack's link markup ends at > and splits at |, so neither may stay raw in the stored link.
  return { ok: true, value: url.toString().replace(/\|/g, '%7C').replace(/>/g, '%3E') };
}

/** What a leader asks to change: the owner needs to know what, so it cannot be empty. */
export function checkChangesNote(raw: string | null | undefined): Checked<string> {
  const text = raw?.trim() ?? '';
  if (!text) return { ok: false, error: 'Say what should change, so the owner knows what to fix.' };
  if (text.length > MAX_NOTE) return { ok: false, error: `Keep the note to ${MAX_NOTE} characters or fewer (it has ${text.length}).` };
  return { ok: true, value: text };
}

export interface ContentStanding {
  kind: SessionKind;
  state: ContentState;
  /** ISO instant of the first approval, if any. */
  firstApprovedAt: string | null;
}

/** Social time (dinners, team building) has no content to approve, so it is neither counted nor listed. */
export const needsApproval = (session: { kind: SessionKind }): boolean => session.kind !== 'social';

/**
 * Sessions approved out of those needing approval. Until week 9 ends it is the approvals standing
 * now; from then on it is frozen to the sessions approved before that week's end.
 */
export function contentApproval(sessions: readonly ContentStanding[], now: Date, deadline: Date): { approved: number; total: number; frozen: boolean } {
  const counted = sessions.filter(needsApproval);
  const frozen = now >= deadline;
  const approved = counted.filter((s) =>
    frozen ? s.firstApprovedAt !== null && Date.parse(s.firstApprovedAt) < deadline.getTime() : s.state === 'approved',
  ).length;
  return { approved, total: counted.length, frozen };
}

/** The week-9 digest's list: sessions whose content is not approved, the first few, and how many more. */
export interface UnapprovedContent {
  sessions: { day: number; start: string; title: string; state: Exclude<ContentState, 'approved'> }[];
  more: number;
}
