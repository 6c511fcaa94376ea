/**
 * The run of show: sessions marked started and ended as they happen, a late start moving the rest of
 * its day, and the agenda adherence the scorecard reads from them.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { agendaSessions, type EventRow, sessionRuns } from '../../../db/schema.js';
import { decideRunTheShow } from '../../domain/access.js';
import {
  adherenceBasis,
  adherenceOf,
  minutesLate,
  ON_TIME_MINUTES,
  type RunOfShowNotice,
  type StartedSession,
  shiftTime,
} from '../../domain/agenda/run-of-show.js';
import { addDays, atLocalTime, localDate } from '../../domain/dates.js';
import { InputError, NotFoundError } from '../../errors.js';
import { eventFor } from '../people/access.js';
import { roleHolders } from '../plan/event-store.js';
import { type StoredSession, sessionsOf } from './sessions.js';

export interface RunSession extends StoredSession {
  startedAt: Date | null;
  endedAt: Date | null;
  /** Minutes after its planned start it started; null until started. */
  late: number | null;
  /** The minutes the rest of the day could move, while this late start has not moved it and nothing after it has started. */
  shiftOffer: number | null;
  /** The agenda's start before a shift moved it. */
  originalStart: string | null;
}

export interface RunOfShow {
  event: EventRow;
  day: number;
  date: string;
  sessions: RunSession[];
}

const dateOfDay = (event: EventRow, day: number): string => addDays(event.day1, day - 1);

/** Today's event day in the SKO's time zone, or null when today is not one. */
export function eventDayOn(event: EventRow, now: Date): number | null {
  const today = localDate(now, event.timeZone);
  for (let day = event.hasDay0 ? 0 : 1; day <= event.days; day++) if (dateOfDay(event, day) === today) return day;
  return null;
}

/** The run of show of a day, for someone who may run it; otherwise the reason, as an error. */
export function runOfShowFor(db: Db, eventId: number, slackUserId: string, day: number): RunOfShow {
  return runOfShow(db, eventFor(db, eventId, slackUserId, decideRunTheShow), day);
}

/**
 * With the morning agenda (the same schedule row), the content lead's DM pointing to the day's run
 * of show; nothing on a day without sessions or without a content lead in Slack.
 */
export function composeRunOfShowDm(db: Db, event: EventRow, payload: Record<string, unknown>): RunOfShowNotice[] {
  const day = Number(payload.day);
  const sessions = sessionsOf(db, event.id, day);
  const lead = roleHolders(db, event.id).find((h) => h.role === 'content_lead')?.person;
  if (!sessions[0] || !lead?.slackUserId) return [];
  return [
    {
      type: 'run-of-show',
      to: { kind: 'person', person: { personId: lead.id, slackUserId: lead.slackUserId, name: lead.name }, mayReassign: false },
      label: `day ${day} run of show`,
      eventId: event.id,
      eventName: event.name,
      day,
      sessions: sessions.length,
      firstStart: sessions[0].start,
    },
  ];
}

function runOfShow(db: Db, event: EventRow, day: number): RunOfShow {
  const date = dateOfDay(event, day);
  const sessions = sessionsOf(db, event.id, day);
  const runs = new Map(
    (sessions.length
      ? db
          .select()
          .from(sessionRuns)
          .where(
            inArray(
              sessionRuns.sessionId,
              sessions.map((s) => s.id),
            ),
          )
          .all()
      : []
    ).map((r) => [r.sessionId, r]),
  );
  const shown: RunSession[] = sessions.map((s) => {
    const run = runs.get(s.id);
    const startedAt = run?.startedAt ? new Date(run.startedAt) : null;
    const late = startedAt && run?.plannedStart ? minutesLate(atLocalTime(date, run.plannedStart, event.timeZone), startedAt) : null;
    return {
      ...s,
      startedAt,
      endedAt: run?.endedAt ? new Date(run.endedAt) : null,
      late,
      shiftOffer: null,
      originalStart: run?.originalStart ?? null,
    };
  });
  for (const s of shown) {
    if (s.late === null || s.late <= ON_TIME_MINUTES || runs.get(s.id)?.shiftedRestBy != null) continue;
    const rest = laterThan(shown, s);
    if (rest.length > 0 && rest.every((r) => r.startedAt === null)) s.shiftOffer = s.late;
  }
  return { event, day, date, sessions: shown };
}

/** The sessions of a day after this one's planned start: the ones a late start pushes back. */
function laterThan<T extends StoredSession>(sessions: readonly T[], session: StoredSession): T[] {
  return sessions.filter((s) => s.id !== session.id && s.start > session.start);
}

/** The session and its SKO, if this person may run the show; otherwise the reason, as an error. */
function sessionFor(db: Db, eventId: number, sessionId: number, slackUserId: string): { event: EventRow; session: StoredSession } {
  const event = eventFor(db, eventId, slackUserId, decideRunTheShow);
  const session = sessionsOf(db, event.id).find((s) => s.id === sessionId);
  if (!session) throw new NotFoundError('That session is no longer on the agenda. Run `/sko runofshow` again for a fresh list.');
  return { event, session };
}

/** Records that a session started or ended now; each is recorded once, and ended only after started. */
export function markSession(db: Db, eventId: number, sessionId: number, slackUserId: string, what: 'started' | 'ended', now: Date): RunOfShow {
  return db.transaction(() => {
    const { event, session } = sessionFor(db, eventId, sessionId, slackUserId);
    const run = db.select().from(sessionRuns).where(eq(sessionRuns.sessionId, session.id)).get();
    const at = now.toISOString();
    if (what === 'started') {
      if (run?.startedAt) throw new InputError(`"${session.title}" was already marked started.`);
      db.insert(sessionRuns)
        .values({ sessionId: session.id, eventId: event.id, plannedStart: session.start, startedAt: at, startedBy: slackUserId })
        .onConflictDoUpdate({ target: sessionRuns.sessionId, set: { plannedStart: session.start, startedAt: at, startedBy: slackUserId } })
        .run();
    } else {
      if (!run?.startedAt) throw new InputError(`"${session.title}" has not been marked started yet: press Started first.`);
      if (run.endedAt) throw new InputError(`"${session.title}" was already marked ended.`);
      db.update(sessionRuns).set({ endedAt: at, endedBy: slackUserId }).where(eq(sessionRuns.sessionId, session.id)).run();
    }
    return runOfShow(db, event, session.day);
  });
}

export interface DayShift {
  show: RunOfShow;
  minutes: number;
  moved: RunSession[];
}

/**
 * Moves the planned times of the sessions after a late-started one, on its day, by how late it
 * started: once per late start, and only while none of them has started. The agenda's own times
 * change (so the agenda, the morning agenda and the run of show all show them); each moved
 * session keeps its first planned start.
 */
export function shiftRestOfDay(db: Db, eventId: number, sessionId: number, slackUserId: string): DayShift {
  return db.transaction(() => {
    const { event, session } = sessionFor(db, eventId, sessionId, slackUserId);
    const before = runOfShow(db, event, session.day);
    const late = before.sessions.find((s) => s.id === session.id);
    const minutes = late?.shiftOffer;
    if (!late || minutes == null) {
      throw new InputError(
        `The rest of day ${session.day} can no longer be moved for "${session.title}": it was moved already, or a later session has started.`,
      );
    }
    const rest = laterThan(before.sessions, late);
    const moved = rest.map((s) => ({ session: s, start: shiftTime(s.start, minutes), end: shiftTime(s.end, minutes) }));
    const past = moved.find((m) => m.start === null || m.end === null);
    if (past) {
      throw new InputError(`Moving the rest of day ${session.day} by ${minutes} minutes would push "${past.session.title}" past midnight. Nothing was moved.`);
    }
    for (const m of moved) {
      db.update(agendaSessions)
        .set({ start: m.start as string, end: m.end as string })
        .where(eq(agendaSessions.id, m.session.id))
        .run();
      db.insert(sessionRuns).values({ sessionId: m.session.id, eventId: event.id, originalStart: m.session.start }).onConflictDoNothing().run();
    }
    db.update(sessionRuns).set({ shiftedRestBy: minutes }).where(eq(sessionRuns.sessionId, session.id)).run();
    const show = runOfShow(db, event, session.day);
    const ids = new Set(rest.map((s) => s.id));
    return { show, minutes, moved: show.sessions.filter((s) => ids.has(s.id)) };
  });
}

/**
 * Agenda adherence once any session has started: the share started within 5 minutes of plan.
 * A session a late start moved is judged against its moved time, not its first one: the room was
 * told the new time, so starting then is on time; the late start that caused the move is counted
 * late itself, and the basis line names each move, so moving a day cannot hide the lateness.
 */
export function agendaAdherence(db: Db, event: EventRow): { percent: number; basis: string } | null {
  const rows = db
    .select({ run: sessionRuns, day: agendaSessions.day })
    .from(sessionRuns)
    .innerJoin(agendaSessions, eq(agendaSessions.id, sessionRuns.sessionId))
    .where(eq(sessionRuns.eventId, event.id))
    .all();
  const started: StartedSession[] = rows.flatMap(({ run, day }) =>
    run.startedAt && run.plannedStart
      ? [{ plannedStartAt: atLocalTime(dateOfDay(event, day), run.plannedStart, event.timeZone), startedAt: new Date(run.startedAt) }]
      : [],
  );
  const adherence = adherenceOf(started);
  if (!adherence) return null;
  const shifts = rows.flatMap(({ run, day }) => (run.shiftedRestBy ? [{ day, minutes: run.shiftedRestBy }] : []));
  return { percent: adherence.percent, basis: adherenceBasis(adherence, shifts) };
}
