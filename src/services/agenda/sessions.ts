/** The agenda as stored, its design checks, and the sessions of one event day. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { agendaSessions, type EventRow } from '../../../db/schema.js';
import { type AgendaReview, agendaChecks } from '../../domain/agenda/agenda-checks.js';
import type { MorningAgendaNotice } from '../../domain/agenda/morning.js';
import { sessionRating } from '../../domain/agenda/ratings.js';
import { type Session, type SessionErrors, type SessionInput, validateSession } from '../../domain/agenda/sessions.js';

export interface StoredSession extends Session {
  id: number;
  rating: number | null;
  ratingCount: number;
}

function toSession(row: typeof agendaSessions.$inferSelect): StoredSession {
  return {
    id: row.id,
    day: row.day,
    start: row.start,
    end: row.end,
    title: row.title,
    kind: row.kind,
    format: row.format,
    speakers: row.speakers,
    takeaways: row.takeaways,
    nextSteps: row.nextSteps,
    rating: row.rating,
    ratingCount: row.ratingCount,
  };
}

export function sessionsOf(db: Db, eventId: number, day?: number): StoredSession[] {
  return db
    .select()
    .from(agendaSessions)
    .where(day === undefined ? eq(agendaSessions.eventId, eventId) : and(eq(agendaSessions.eventId, eventId), eq(agendaSessions.day, day)))
    .orderBy(asc(agendaSessions.day), asc(agendaSessions.start), asc(agendaSessions.title))
    .all()
    .map(toSession);
}

/** Adds a session from a modal's or a file's fields; the errors say which field to fix. */
export function addSession(db: Db, event: EventRow, input: SessionInput): { ok: true; session: StoredSession } | { ok: false; errors: SessionErrors } {
  const result = validateSession(input, { days: event.days, hasDay0: event.hasDay0 });
  if (!result.ok) return result;
  const row = db
    .insert(agendaSessions)
    .values({ eventId: event.id, ...result.session })
    .returning()
    .get();
  return { ok: true, session: toSession(row) };
}

/**
 * Attaches the post-event survey's ratings to a session (session-ratings.ts calls this as answers
 * come in): how many there were, and their average once there are 5 or more.
 */
export function rateSession(db: Db, sessionId: number, ratings: readonly number[]): void {
  const { average, count } = sessionRating(ratings);
  db.update(agendaSessions).set({ rating: average, ratingCount: count }).where(eq(agendaSessions.id, sessionId)).run();
}

export function agendaReviewOf(db: Db, eventId: number): { sessions: StoredSession[]; review: AgendaReview } {
  const sessions = sessionsOf(db, eventId);
  return { sessions, review: agendaChecks(sessions) };
}

/** The event channel's agenda for one event morning; nothing when the day has no sessions. */
export function composeMorningAgenda(db: Db, event: EventRow, payload: Record<string, unknown>): MorningAgendaNotice[] {
  const day = Number(payload.day);
  const sessions = sessionsOf(db, event.id, day);
  if (sessions.length === 0) return [];
  return [
    {
      type: 'morning-agenda',
      to: { kind: 'channel', channelId: event.channelId },
      label: `day ${day} agenda`,
      eventId: event.id,
      eventName: event.name,
      day,
      date: String(payload.date),
      sessions,
    },
  ];
}
