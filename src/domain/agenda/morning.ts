/** Each event morning the event channel gets that day's agenda (PRODUCT §4, "event days"). */

import { atLocalTime } from '../dates.js';
import type { Recipient } from '../plan/reminders.js';
import type { Timeline } from '../plan/timeline.js';
import type { Session } from './sessions.js';

export const MORNING_AGENDA_KIND = 'morning-agenda';
/** Early enough to read over breakfast, before a typical 08:30 opening. */
const MORNING_AGENDA_TIME = '07:00';
/** Past midday the morning's agenda is news nobody needs. */
const STALE_TIME = '12:00';

export function planMorningAgendas(
  eventId: number,
  timeline: Timeline,
): { key: string; kind: string; dueAt: Date; staleAt: Date; payload: Record<string, unknown> }[] {
  const zone = timeline.dates.timeZone;
  return timeline.eventDays.map(({ day, date }) => ({
    key: `${MORNING_AGENDA_KIND}:${eventId}:${day}:${date}`,
    kind: MORNING_AGENDA_KIND,
    dueAt: atLocalTime(date, MORNING_AGENDA_TIME, zone),
    staleAt: atLocalTime(date, STALE_TIME, zone),
    payload: { day, date },
  }));
}

export interface MorningAgendaNotice {
  type: 'morning-agenda';
  to: Recipient;
  /** The SKO whose agenda it is: the buttons under it (I'm here, Ask a question) carry it. */
  eventId: number;
  label: string;
  eventName: string;
  day: number;
  date: string;
  sessions: (Session & { rating: number | null; ratingCount: number; id: number })[];
}
