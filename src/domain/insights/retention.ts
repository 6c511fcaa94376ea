import { addDays, formatCalendarDate } from '../dates.js';

/**
 * Rep retention after the SKO: the attendees whose leaving date (from the people file) falls on day 1
 * or in the 90 days after it. The app cannot tell why someone left, so it counts and names them, and
 * leaders judge whether any departure was SKO-related.
 */

const RETENTION_DAYS = 90;

export interface Leaver {
  name: string;
  leftOn: string;
}

export interface Retention {
  from: string;
  to: string;
  attendees: number;
  leavers: Leaver[];
}

export function retentionAfter(day1: string, attendees: readonly { name: string | null; leftOn: string | null }[]): Retention {
  const to = addDays(day1, RETENTION_DAYS);
  const leavers = attendees
    .filter((a): a is { name: string | null; leftOn: string } => a.leftOn !== null && a.leftOn >= day1 && a.leftOn <= to)
    .map((a) => ({ name: a.name ?? 'someone without a name', leftOn: a.leftOn }))
    .sort((a, b) => a.leftOn.localeCompare(b.leftOn) || a.name.localeCompare(b.name));
  return { from: day1, to, attendees: attendees.length, leavers };
}

const shown = (date: string) => formatCalendarDate(date, 'D MMM YYYY');

/** What the count rests on; no names, since everyone who sees the scorecard reads it. */
export function retentionBasis(r: Retention, today: string): string {
  const until = today < r.to ? `so far (the 90 days run until ${shown(r.to)})` : `by ${shown(r.to)}`;
  return `${r.leavers.length} of ${r.attendees} attendee${r.attendees === 1 ? '' : 's'} left between day 1 (${shown(r.from)}) and 90 days after it, ${until}.`;
}

/** For leaders and admins only: who left and when. */
export function leaversLine(leavers: readonly Leaver[]): string {
  return `Who left: ${leavers.map((l) => `${l.name} (${shown(l.leftOn)})`).join(', ')}.`;
}
