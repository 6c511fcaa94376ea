import type { PeopleRole } from '../roles.js';

/**
 * A rep quota is what a seller must close; an overlay quota is a manager's or leader's number for
 * the organisation below them, which the reps' quotas already add up to. Adding an overlay to a
 * team's or the company's quota counts the same revenue twice.
 */
export const QUOTA_KINDS = ['rep', 'overlay'] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

/** The kind a quota row gave, or when it gave none: an overlay for managers and leaders, a rep quota for anyone else. */
export function quotaKindOf(given: QuotaKind | null | undefined, role: PeopleRole): QuotaKind {
  if (given) return given;
  return role === 'manager' || role === 'leader' ? 'overlay' : 'rep';
}
