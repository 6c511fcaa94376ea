/**
 * Check-in (issue 20): who is at the SKO on each event day, and the seed's "attendance above 95% of
 * the team" measured from it once the event starts (PRODUCT §5: "RSVPs, then check-in").
 */
import { formatCalendarDate } from '../dates.js';

interface EventDay {
  day: number;
  date: string;
}

/** The event day `date` falls on, or why nobody can check in then. */
export function checkInDay(date: string, eventDays: readonly EventDay[]): { ok: true; day: number } | { ok: false; reason: string } {
  const today = eventDays.find((d) => d.date === date);
  if (today) return { ok: true, day: today.day };
  const first = eventDays[0];
  if (first && date < first.date) {
    return { ok: false, reason: `Check-in opens on the first day of the SKO, ${formatCalendarDate(first.date, 'ddd D MMM')}.` };
  }
  return { ok: false, reason: 'The SKO is over, so check-in is closed.' };
}

export interface CheckInTally {
  /** People checked in on at least one event day. */
  checkedIn: number;
  /** The expected headcount from setup: the team the seed measures against, as the RSVP figure is. */
  headcount: number;
  /** Event days that have begun, up to today. */
  daysSoFar: number;
  /** Attending RSVPs, for the reader to compare. */
  attendingRsvps: number;
}

/** The attendance figure from check-ins, 0–100 to one decimal, and what it rests on. */
export function checkInAttendance(tally: CheckInTally): { value: number; basis: string } {
  // Setup requires a headcount of at least 1.
  const value = Math.round((tally.checkedIn * 1000) / tally.headcount) / 10;
  const days = tally.daysSoFar === 1 ? 'on day 1' : `on at least one of the first ${tally.daysSoFar} days`;
  return {
    value,
    basis: `${tally.checkedIn} people checked in ${days}, of ${tally.headcount} expected; ${tally.attendingRsvps} had RSVPed attending.`,
  };
}

/** Why attendance is still RSVPs on an event day: nobody has checked in yet, and 0% would say nobody came. */
export const NO_CHECK_INS_YET = 'RSVPs until the first check-in: nobody has checked in yet.';
