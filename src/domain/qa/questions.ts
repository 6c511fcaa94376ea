/**
 * Live Q&A during the event (issue 20, point 4): which session a question goes under, what a
 * question may say, and the keyed hashes that count askers and voters without naming them.
 */
import { addDays, formatCalendarDate, localDate, localTime } from '../dates.js';
import { respondentKey } from '../surveys/anonymity.js';

const MAX_QUESTION_LENGTH = 500;

/** What this needs of a session: when it runs, and who speaks. */
export interface QaSession {
  id: number;
  day: number;
  start: string;
  end: string;
  title: string;
  speakers: readonly string[];
}

/**
 * Where a question asked now goes: the session running now; between sessions, the next one that day;
 * after the day's last, that last one (questions often come after a talk). Outside event days there is
 * no session to ask in, and the reason says when questions open.
 */
export type Placement = { kind: 'running' | 'next' | 'last'; session: QaSession } | { kind: 'none'; reason: string };

export function placeQuestion(sessions: readonly QaSession[], event: { day1: string; timeZone: string }, now: Date): Placement {
  const today = localDate(now, event.timeZone);
  const time = localTime(now, event.timeZone);
  const todays = sessions.filter((s) => addDays(event.day1, s.day - 1) === today).sort((a, b) => a.start.localeCompare(b.start));
  const running = todays.find((s) => s.start <= time && time < s.end);
  if (running) return { kind: 'running', session: running };
  const next = todays.find((s) => s.start > time);
  if (next) return { kind: 'next', session: next };
  const last = todays[todays.length - 1];
  if (last) return { kind: 'last', session: last };
  const days = [...new Set(sessions.map((s) => addDays(event.day1, s.day - 1)))].sort();
  const first = days[0];
  if (first === undefined) return { kind: 'none', reason: 'The agenda has no sessions yet, so there is no session to ask in.' };
  if (today < first) return { kind: 'none', reason: `Questions open with the first session, on ${formatCalendarDate(first, 'dddd D MMMM')}.` };
  return { kind: 'none', reason: 'No session is on the agenda today, so there is no session to ask in.' };
}

/** The question as it will be posted, or what to fix. */
export function checkQuestion(raw: string | undefined): { ok: true; text: string } | { ok: false; problem: string } {
  const text = (raw ?? '').trim();
  if (!text) return { ok: false, problem: 'Write your question, such as "How will territories change in Q2?".' };
  if (text.length > MAX_QUESTION_LENGTH)
    return { ok: false, problem: `Keep the question to ${MAX_QUESTION_LENGTH} characters or fewer (it has ${text.length}).` };
  return { ok: true, text };
}

/** Whether this person (by their name on the roster) is one of the session's speakers. */
export function speaksIn(session: Pick<QaSession, 'speakers'>, name: string | null): boolean {
  const wanted = name?.trim().toLowerCase();
  return Boolean(wanted) && session.speakers.some((s) => s.trim().toLowerCase() === wanted);
}

/**
 * Keyed hashes of (SKO, person), one namespace each, so an anonymous asker's key matches neither
 * their votes nor their named questions: a copy of the database cannot join them back to a name.
 */
export function anonymousAskerKey(secret: string, eventId: number, slackUserId: string): string {
  return respondentKey(secret, `qa-anonymous:${eventId}`, slackUserId);
}

export function voterKey(secret: string, eventId: number, slackUserId: string): string {
  return respondentKey(secret, `qa-vote:${eventId}`, slackUserId);
}
