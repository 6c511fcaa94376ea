/** What the communications lead sees: every calendar entry with its state and delivery, the RSVPs and the surveys. */
import { and, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type CommunicationRow, type EventRow, outbox, type ScheduleRow, schedule } from '../../../db/schema.js';
import { type Decision, decideSeeCommunications } from '../../domain/access.js';
import { type AttendanceTally, audienceOf, tallyAttendance } from '../../domain/comms/audience.js';
import type { PlannedCommunication } from '../../domain/comms/calendar.js';
import { COMMUNICATION_KINDS, type MessageKind } from '../../domain/comms/notices.js';
import type { SurveyKind } from '../../domain/surveys/surveys.js';
import { actorFor } from '../people/access.js';
import { rsvpsOf } from '../people/attendees.js';
import { eventRoster } from '../people/people.js';
import { invitedPersonIds, responseCount, surveyOf } from '../surveys/surveys.js';
import { commKey, loadCalendar } from './calendar.js';
import { bodyOf } from './composers.js';

export interface DeliveryCounts {
  sent: number;
  failed: number;
  waiting: number;
  failures: { channel: string; error: string }[];
}

type EntryState = 'scheduled' | 'sent' | 'skipped' | 'cancelled' | 'missed';

export interface CalendarEntry {
  key: string;
  kind: MessageKind;
  title: string;
  audience: PlannedCommunication['audience'];
  at: Date;
  closesAt: Date | null;
  state: EntryState;
  /** Why a row was skipped. */
  note: string | null;
  edited: { time: boolean; text: boolean };
  delivery: DeliveryCounts;
  reminders: { at: Date; state: EntryState; delivery: DeliveryCounts }[];
  body: string;
  details: CommunicationRow['details'];
  /** How many people it would reach if it went out now. */
  recipients: number;
}

export interface CommunicationsOverview {
  event: EventRow;
  entries: CalendarEntry[];
  attendance: AttendanceTally;
  surveys: { kind: SurveyKind; id: number; title: string; invited: number; responses: number }[];
  hasQuiz: boolean;
}

const FAILURES_SHOWN = 3;

function deliveryOf(db: Db, prefix: string, scheduleKeys: readonly string[]): Map<string, DeliveryCounts> {
  const counts = new Map<string, DeliveryCounts>(scheduleKeys.map((k) => [k, { sent: 0, failed: 0, waiting: 0, failures: [] }]));
  const rows = db
    .select({ key: outbox.key, status: outbox.status, channel: outbox.channel, lastError: outbox.lastError })
    .from(outbox)
    .where(like(outbox.key, `${prefix}%`))
    .all();
  for (const r of rows) {
    const owner = r.key.slice(0, r.key.lastIndexOf(':'));
    const c = counts.get(owner);
    if (!c) continue;
    if (r.status === 'sent') c.sent += 1;
    else if (r.status === 'failed' || r.status === 'skipped') {
      c.failed += 1;
      if (c.failures.length < FAILURES_SHOWN) c.failures.push({ channel: r.channel, error: r.lastError ?? 'unknown' });
    } else c.waiting += 1;
  }
  return counts;
}

function stateOf(row: ScheduleRow | undefined): EntryState {
  if (!row) return 'missed';
  return row.status === 'pending' ? 'scheduled' : row.status === 'done' ? 'sent' : 'skipped';
}

/** Each calendar entry with its time, state and delivery counts, and the calendar they come from. */
function entriesOf(db: Db, event: EventRow): { calendar: ReturnType<typeof loadCalendar>; entries: Omit<CalendarEntry, 'recipients'>[] } {
  const calendar = loadCalendar(db, event);
  const prefix = `comm:${event.id}:`;
  const rows = new Map(
    db
      .select()
      .from(schedule)
      .where(and(eq(schedule.eventId, event.id), inArray(schedule.kind, [...COMMUNICATION_KINDS])))
      .all()
      .map((r) => [r.key, r]),
  );
  const delivery = deliveryOf(db, prefix, [...rows.keys()]);
  const planned = new Set(calendar.planned.map((e) => e.key));
  const none: DeliveryCounts = { sent: 0, failed: 0, waiting: 0, failures: [] };
  const entries = calendar.all.map((entry): Omit<CalendarEntry, 'recipients'> => {
    const key = commKey(event.id, entry.key);
    const stored = calendar.rows.get(entry.key);
    const reminders = [...rows.values()]
      .filter((r) => r.key.startsWith(`${key}:reminder-`))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
      .map((r) => ({ at: new Date(r.dueAt), state: stateOf(r), delivery: delivery.get(r.key) ?? none }));
    const row = rows.get(key);
    return {
      key: entry.key,
      kind: entry.template as MessageKind,
      title: entry.title,
      audience: entry.audience,
      at: entry.at,
      closesAt: entry.survey?.closesAt ?? null,
      state: planned.has(entry.key) ? stateOf(row) : 'cancelled',
      note: row?.status === 'skipped' ? row.note : null,
      edited: { time: Boolean(stored?.sendAt || stored?.closesAt), text: Boolean(stored?.body) },
      delivery: delivery.get(key) ?? none,
      reminders,
      body: bodyOf(db, calendar, entry.template as MessageKind),
      details: stored?.details ?? null,
    };
  });
  return { calendar, entries };
}

/** The calendar's entries with their state and delivery, without who each would reach (that reads the whole roster): what the digest lists. */
export function communicationEntries(db: Db, event: EventRow): Omit<CalendarEntry, 'recipients'>[] {
  return entriesOf(db, event).entries;
}

/** `/sko comms`: every entry with its time, state and delivery counts, the RSVPs against headcount, and the surveys' answers. */
export function communicationsOverview(db: Db, event: EventRow): CommunicationsOverview {
  const { calendar, entries } = entriesOf(db, event);
  const roster = eventRoster(db, event.id);
  const answers = rsvpsOf(db, event.id);
  const surveyRows = (['pre', 'post', 'quiz'] as const).map((kind) => surveyOf(db, event.id, kind)).filter((r) => r !== undefined);
  return {
    event,
    entries: entries.map((entry) => ({ ...entry, recipients: audienceOf(entry.audience, roster, answers).length })),
    attendance: tallyAttendance(roster, answers, event.headcount),
    surveys: surveyRows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.definition.title,
      invited: invitedPersonIds(db, r.id).size,
      responses: responseCount(db, r.id),
    })),
    hasQuiz: calendar.hasQuiz,
  };
}

export function seeCommunicationsDecision(db: Db, event: EventRow, slackUserId: string): Decision {
  return decideSeeCommunications(actorFor(db, slackUserId, event));
}
