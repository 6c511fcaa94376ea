/** Action items counted for the weekly digest and written out as CSV (issue 5, points 6 and 7). */

import { toCsv } from '../csv.js';
import { daysBetween } from '../dates.js';
import { getOrAdd } from '../maps.js';
import type { ActionStatus } from './reminders.js';

export interface SummaryItem {
  id: number;
  ownerPersonId: number;
  team: string | null;
  status: ActionStatus;
  due: string | null;
}

export interface ActionCounts {
  open: number;
  done: number;
  /** Open items whose due date is before today. */
  overdue: number;
}

interface OwnerSummary extends ActionCounts {
  personId: number;
  /** Calendar days the owner's oldest overdue item is past due; null with nothing overdue. */
  oldestOverdueDays: number | null;
}

interface TeamSummary extends ActionCounts {
  /** null gathers the owners with no team. */
  team: string | null;
}

export interface ActionSummary extends ActionCounts {
  byOwner: OwnerSummary[];
  byTeam: TeamSummary[];
}

/** One owner's items counted as of a day: open and done, those past due, and the oldest past-due date. */
export interface OwnerItemCounts extends ActionCounts {
  ownerPersonId: number;
  team: string | null;
  /** The earliest due date among the open items past due; null with none. */
  oldestOverdueDue: string | null;
}

/** Items counted per owner as of `today`: an open item is overdue from the day after its due date. */
function countPerOwner(items: readonly SummaryItem[], today: string): OwnerItemCounts[] {
  const owners = new Map<number, OwnerItemCounts>();
  for (const item of items) {
    const owner = getOrAdd(owners, item.ownerPersonId, () => ({
      ownerPersonId: item.ownerPersonId,
      team: item.team,
      open: 0,
      done: 0,
      overdue: 0,
      oldestOverdueDue: null,
    }));
    if (item.status === 'done') owner.done++;
    else owner.open++;
    if (item.status === 'open' && item.due !== null && daysBetween(item.due, today) > 0) {
      owner.overdue++;
      if (owner.oldestOverdueDue === null || item.due < owner.oldestOverdueDue) owner.oldestOverdueDue = item.due;
    }
  }
  return [...owners.values()];
}

/**
 * Counts as of `today` (the event's local date). Owners and teams are listed most overdue first,
 * then most open, so the digest's first lines are the ones that need a nudge.
 */
export function summarizeActionItems(items: readonly SummaryItem[], today: string): ActionSummary {
  return summarizeOwnerCounts(countPerOwner(items, today), today);
}

/** The summary from items already counted per owner (the database counts ten thousand of them faster than reading each). */
export function summarizeOwnerCounts(counted: readonly OwnerItemCounts[], today: string): ActionSummary {
  const total = { open: 0, done: 0, overdue: 0 };
  const teams = new Map<string | null, TeamSummary>();
  const owners = counted.map((c): OwnerSummary => {
    const team = getOrAdd(teams, c.team, () => ({ team: c.team, open: 0, done: 0, overdue: 0 }));
    for (const counts of [total, team]) {
      counts.open += c.open;
      counts.done += c.done;
      counts.overdue += c.overdue;
    }
    return {
      personId: c.ownerPersonId,
      open: c.open,
      done: c.done,
      overdue: c.overdue,
      oldestOverdueDays: c.oldestOverdueDue === null ? null : daysBetween(c.oldestOverdueDue, today),
    };
  });
  const needsNudge = (a: ActionCounts, b: ActionCounts) => b.overdue - a.overdue || b.open - a.open;
  return {
    ...total,
    byOwner: owners.sort((a, b) => needsNudge(a, b) || a.personId - b.personId),
    byTeam: [...teams.values()].sort((a, b) => needsNudge(a, b) || compareTeams(a.team, b.team)),
  };
}

function compareTeams(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b, 'en');
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────

/** The export's header, fixed by issue 5. */
const ACTION_ITEM_CSV_HEADER = ['id', 'title', 'owner_email', 'owner_name', 'creator_email', 'due', 'status', 'created_at', 'done_at', 'link'] as const;

export interface CsvActionItem {
  id: number;
  title: string;
  ownerEmail: string | null;
  ownerName: string | null;
  creatorEmail: string | null;
  due: string | null;
  status: ActionStatus;
  createdAt: Date;
  doneAt: Date | null;
  link: string | null;
}

/** The export as RFC 4180 CSV, formula-safe (domain/csv.ts), so an exported title can never execute. */
export function actionItemCsv(items: readonly CsvActionItem[]): string {
  const rows = items.map((item) => [
    String(item.id),
    item.title,
    item.ownerEmail ?? '',
    item.ownerName ?? '',
    item.creatorEmail ?? '',
    item.due ?? '',
    item.status,
    isoSeconds(item.createdAt),
    item.doneAt ? isoSeconds(item.doneAt) : '',
    item.link ?? '',
  ]);
  return toCsv([[...ACTION_ITEM_CSV_HEADER], ...rows]);
}

/** UTC, to the second: what spreadsheets and databases read without a format hint. */
function isoSeconds(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
