/**
 * When a DM reaches its reader (issue 14): at the wall-clock time the plan names, read in the
 * reader's own zone, inside their working hours, on a working day of their calendar, never during
 * the event unless it is about the event, and not while they have paused reminders. Channel posts
 * and due dates stay in the event's zone; only the moment a DM is delivered moves.
 */
import { COMMITMENT_INVITE_KIND } from '../action-items/commitments.js';
import { MORNING_AGENDA_KIND } from '../agenda/morning.js';
import { COMMUNICATION_KINDS } from '../comms/notices.js';
import { addDays, atLocalTime, isoWeekday, localDate, localTime } from '../dates.js';

/** Working hours in the reader's zone: DMs outside them wait for the next working morning. */
export interface WorkingHours {
  /** 'HH:mm', inclusive. */
  start: string;
  /** 'HH:mm', exclusive. */
  end: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday). */
  days: readonly number[];
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] };

/** What a DM is, for the rules that may hold it back. */
export type DmNature =
  /** Event communications and event-day tasks: sent during the event, and on its days even outside hours. */
  | { eventDay: true }
  /** Everything else: waits out the event, and may be paused by its reader. */
  | { eventDay: false };

export interface Reader {
  timeZone: string;
  /** Local dates (YYYY-MM-DD) off work in the reader's calendar. */
  isHoliday: (date: string) => boolean;
  pausedUntil: Date | null;
}

export interface EventClock {
  timeZone: string;
  /** The event's days, as local dates in its zone, in order. */
  eventDays: readonly string[];
  hours: WorkingHours;
}

/**
 * The instant a DM planned for `nominal` (an instant whose wall clock in the event's zone is what
 * the reader should see on theirs) may be delivered, at or after `now`.
 */
export function sendAt(nominal: Date, nature: DmNature, reader: Reader, event: EventClock, now: Date): Date {
  const wallDate = localDate(nominal, event.timeZone);
  const own = atLocalTime(wallDate, localTime(nominal, event.timeZone), reader.timeZone);
  if (nature.eventDay && event.eventDays.includes(wallDate)) {
    // An event-day message for that day goes on the event's clock, even at 07:00, while that day lasts.
    if (localDate(now, event.timeZone) <= wallDate) return nominal > now ? nominal : now;
  }
  // A catch-up after downtime goes now if that is in the reader's working hours, else at their next working morning (below).
  let at = own > now ? own : now;
  const lastDay = event.eventDays[event.eventDays.length - 1];
  const firstDay = event.eventDays[0];
  if (!nature.eventDay) {
    if (firstDay && lastDay && localDate(at, event.timeZone) >= firstDay && localDate(at, event.timeZone) <= lastDay) {
      const after = atLocalTime(addDays(lastDay, 1), event.hours.start, reader.timeZone);
      if (after > at) at = after;
    }
    if (reader.pausedUntil && reader.pausedUntil > at) at = reader.pausedUntil;
  }
  return nextWorkingMoment(at, reader, event.hours);
}

/** The `start` of working hours today if that is still to come on a working day, else on the next working day. */
function nextWorkingMorning(at: Date, reader: Pick<Reader, 'timeZone' | 'isHoliday'>, hours: WorkingHours): Date {
  const date = localDate(at, reader.timeZone);
  if (isWorking(date, reader, hours) && localTime(at, reader.timeZone) < hours.start) return atLocalTime(date, hours.start, reader.timeZone);
  return atLocalTime(nextWorkingDay(date, reader, hours), hours.start, reader.timeZone);
}

function isWorking(date: string, reader: Pick<Reader, 'isHoliday'>, hours: WorkingHours): boolean {
  return hours.days.includes(isoWeekday(date)) && !reader.isHoliday(date);
}

function nextWorkingDay(date: string, reader: Pick<Reader, 'isHoliday'>, hours: WorkingHours): string {
  let next = addDays(date, 1);
  // A year without a working day is a misconfiguration; stop there rather than loop.
  for (let i = 0; i < 366 && !isWorking(next, reader, hours); i += 1) next = addDays(next, 1);
  return next;
}

/** `at` if it falls in working hours on a working day in the reader's zone, else the next working morning. */
export function nextWorkingMoment(at: Date, reader: Pick<Reader, 'timeZone' | 'isHoliday'>, hours: WorkingHours): Date {
  const date = localDate(at, reader.timeZone);
  const time = localTime(at, reader.timeZone);
  if (isWorking(date, reader, hours) && time >= hours.start && time < hours.end) return at;
  return nextWorkingMorning(at, reader, hours);
}

/** Schedule kinds about the event itself: sent during it, and on its days whatever the hour. */
const EVENT_KINDS = new Set<string>([...COMMUNICATION_KINDS, COMMITMENT_INVITE_KIND, MORNING_AGENDA_KIND]);

/** Event communications, and reminders of tasks due on an event day, are event-day messages; the rest wait out the event. */
export function natureOf(kind: string, payload: Record<string, unknown>, eventDays: readonly string[]): DmNature {
  if (EVENT_KINDS.has(kind)) return { eventDay: true };
  const dueDate = typeof payload.dueDate === 'string' ? payload.dueDate : null;
  return { eventDay: dueDate !== null && eventDays.includes(dueDate) };
}
