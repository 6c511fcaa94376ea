/**
 * The run of show on event days: how late a session started against its plan, the agenda adherence
 * it adds up to (seed: sessions on time, within 5 minutes of plan), and moving the rest of a day.
 */
import type { Recipient } from '../plan/reminders.js';

/** A session started more than this many minutes off its planned start is not on time. */
export const ON_TIME_MINUTES = 5;

/** A started session as the adherence measure needs it: its planned start and when it started. */
export interface StartedSession {
  plannedStartAt: Date;
  startedAt: Date;
}

/** Whole minutes a start was after its plan (negative when early). */
export function minutesLate(plannedStartAt: Date, startedAt: Date): number {
  return Math.round((startedAt.getTime() - plannedStartAt.getTime()) / 60_000);
}

const isOnTime = (late: number): boolean => Math.abs(late) <= ON_TIME_MINUTES;

export interface Adherence {
  started: number;
  onTime: number;
  /** The share started within 5 minutes of plan, in percent to one decimal. */
  percent: number;
  /** Minutes after plan summed over every start (an early start counts as none): the overrun. */
  lateMinutes: number;
  /** How many started more than 5 minutes late, and more than 5 minutes early. */
  late: number;
  early: number;
}

/** Nothing to say before any session has started. */
export function adherenceOf(sessions: readonly StartedSession[]): Adherence | null {
  if (sessions.length === 0) return null;
  const lateness = sessions.map((s) => minutesLate(s.plannedStartAt, s.startedAt));
  const onTime = lateness.filter(isOnTime).length;
  return {
    started: sessions.length,
    onTime,
    percent: Math.round((onTime * 1000) / sessions.length) / 10,
    lateMinutes: lateness.filter((m) => m > 0).reduce((sum, m) => sum + m, 0),
    late: lateness.filter((m) => m > ON_TIME_MINUTES).length,
    early: lateness.filter((m) => m < -ON_TIME_MINUTES).length,
  };
}

/** The basis line under the metric: what the share rests on, and the minutes lost to late starts. */
export function adherenceBasis(a: Adherence, shifts: readonly { day: number; minutes: number }[]): string {
  const average = Math.round((a.lateMinutes * 10) / a.started) / 10;
  const overrun = `starts ran ${a.lateMinutes} min behind plan in all (${average} min on average)`;
  const late = a.late === 0 ? 'none more than 5 minutes late' : `${a.late} more than 5 minutes late`;
  const early = a.early === 0 ? [] : [`${a.early} more than 5 minutes early`];
  const moved = shifts.map((s) => `the rest of day ${s.day} was moved ${s.minutes} min later`);
  return `${a.onTime} of ${a.started} sessions started within 5 minutes of plan; ${[overrun, late, ...early, ...moved].join('; ')}.`;
}

const TIME_RE = /^(\d{1,2}):(\d{2})$/;

/** 'HH:mm' moved by some minutes, or null when that leaves the day. */
export function shiftTime(time: string, minutes: number): string | null {
  const t = TIME_RE.exec(time);
  if (!t) return null;
  const total = Number(t[1]) * 60 + Number(t[2]) + minutes;
  if (total < 0 || total >= 24 * 60) return null;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Each event morning, by DM to the content lead: the day ahead, and a button opening the run of show. */
export interface RunOfShowNotice {
  type: 'run-of-show';
  to: Recipient;
  label: string;
  eventId: number;
  eventName: string;
  day: number;
  sessions: number;
  firstStart: string;
}
