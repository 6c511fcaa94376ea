/**
 * Anonymity that holds (PRODUCT §3, issue 4): answers to an anonymous survey are stored under a
 * keyed hash instead of a Slack id, and every report hides any group with fewer than 5 answers.
 */
import { createHmac } from 'node:crypto';

export const MIN_GROUP_SIZE = 5;
export const HIDDEN_SMALL = `hidden: fewer than ${MIN_GROUP_SIZE} answers`;
export const HIDDEN_COMPLEMENT = `hidden: it would reveal a group with fewer than ${MIN_GROUP_SIZE} answers`;
/** A key shorter than this could be guessed, and with a workspace's member list every hash undone. */
export const MIN_SECRET_LENGTH = 16;
export const RESPONDENT_KEY_RE = /^[0-9a-f]{64}$/;

/**
 * HMAC-SHA256 of (survey, person) under a secret kept outside the database: one answer set per
 * person per survey without storing who. Pass the stored survey's own id, so the same person's
 * keys differ between surveys and events and cannot be joined across them.
 */
export function respondentKey(secret: string, surveyId: string, slackUserId: string): string {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`The survey key must be at least ${MIN_SECRET_LENGTH} characters; set a long random secret.`);
  }
  if (!surveyId || !slackUserId) throw new Error('A respondent key needs both a survey id and a Slack user id.');
  // JSON keeps the two parts apart, so ("a-b", "c") and ("a", "b-c") never collide.
  return createHmac('sha256', secret)
    .update(JSON.stringify([surveyId, slackUserId]))
    .digest('hex');
}

export interface CountedGroup {
  group: string;
  count: number;
}

export type SuppressedGroup<T extends CountedGroup> = (T & { hidden: false }) | { group: string; hidden: true; note: string };

/**
 * Hides every group with fewer than 5 answers, and no figure of it: not even its count. When a
 * `total` is also reported, total minus the shown groups would give the hidden ones away, so the
 * smallest shown groups are hidden too until that remainder is 0 or at least 5. Groups come back
 * sorted by name.
 */
export function suppressSmallGroups<T extends CountedGroup>(groups: readonly T[], total?: number): SuppressedGroup<T>[] {
  const sum = groups.reduce((s, g) => s + g.count, 0);
  const whole = total ?? sum;
  if (whole < sum) throw new Error(`The total (${whole}) cannot be smaller than its groups (${sum}).`);
  const hidden = new Map<string, string>();
  for (const g of groups) if (g.count < MIN_GROUP_SIZE) hidden.set(g.group, HIDDEN_SMALL);
  const bySize = groups.filter((g) => !hidden.has(g.group)).sort((a, b) => a.count - b.count || a.group.localeCompare(b.group, 'en'));
  let shown = bySize.reduce((s, g) => s + g.count, 0);
  for (const g of bySize) {
    const remainder = whole - shown;
    if (remainder === 0 || remainder >= MIN_GROUP_SIZE) break;
    hidden.set(g.group, HIDDEN_COMPLEMENT);
    shown -= g.count;
  }
  return [...groups]
    .sort((a, b) => a.group.localeCompare(b.group, 'en'))
    .map((g): SuppressedGroup<T> => {
      const note = hidden.get(g.group);
      return note === undefined ? { ...g, hidden: false } : { group: g.group, hidden: true, note };
    });
}

/**
 * The group to store beside an anonymous answer: the person's team, unless the team itself has
 * fewer than 5 people. Such a team can never be shown (it can never reach 5 answers), so storing
 * its name would only let someone reading the database narrow an answer down to a handful.
 */
export function groupLabelFor(team: string | null, teamSize: number): string | null {
  return team !== null && teamSize >= MIN_GROUP_SIZE ? team : null;
}

export interface HeldAnswer {
  id: number;
  group: string | null;
}

/**
 * Which held answers the results may count now: every group (answers with no team are one group)
 * holding at least 5. Counted only in such batches, no figure, overall or by team, ever changes by
 * fewer than 5 answers, so comparing results before and after one person answers tells nothing.
 */
export function answersToRelease(held: readonly HeldAnswer[]): number[] {
  const byGroup = new Map<string | null, number[]>();
  for (const answer of held) byGroup.set(answer.group, [...(byGroup.get(answer.group) ?? []), answer.id]);
  return [...byGroup.values()].filter((ids) => ids.length >= MIN_GROUP_SIZE).flat();
}
