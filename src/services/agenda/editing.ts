/**
 * Putting sessions on the agenda: one at a time from the modal (for those PRODUCT §3 lets change
 * it), or a whole CSV file from the command line. Either way the post-event survey follows.
 */
import type { Db } from '../../../db/client.js';
import type { EventRow } from '../../../db/schema.js';
import { type Decision, decideEditAgenda } from '../../domain/access.js';
import { agendaRowInput, mapAgendaHeader, parseAgendaRows, repeatedSession } from '../../domain/agenda/agenda-csv.js';
import { type SessionErrors, type SessionInput, validateSession } from '../../domain/agenda/sessions.js';
import { InputError } from '../../errors.js';
import { readCsvRows } from '../csv-rows.js';
import { actorFor, eventFor } from '../people/access.js';
import { followAgenda, type SurveyFollows } from './ratings.js';
import { addSession, type StoredSession, sessionsOf } from './sessions.js';

export function agendaEditDecision(db: Db, slackUserId: string, event: EventRow): Decision {
  return decideEditAgenda(actorFor(db, slackUserId, event));
}

/** The SKO, if this person may change its agenda; otherwise the reason, as an error. */
export function eventForAgendaEdit(db: Db, eventId: number, slackUserId: string): EventRow {
  return eventFor(db, eventId, slackUserId, decideEditAgenda);
}

export type AddSessionOutcome = { ok: true; session: StoredSession; survey: SurveyFollows } | { ok: false; errors: SessionErrors };

/** Adds one session from the modal; each problem comes back on its field and nothing is written. */
export function addSessionAs(db: Db, eventId: number, slackUserId: string, input: SessionInput, now: Date): AddSessionOutcome {
  return db.transaction(() => {
    const event = eventForAgendaEdit(db, eventId, slackUserId);
    const checked = validateSession(input, { days: event.days, hasDay0: event.hasDay0 });
    if (!checked.ok) return checked;
    const repeated = repeatedSession(checked.session, sessionsOf(db, event.id, checked.session.day));
    if (repeated) return { ok: false, errors: { title: repeated } };
    const added = addSession(db, event, input);
    if (!added.ok) return added;
    return { ok: true, session: added.session, survey: followAgenda(db, event, now) };
  });
}

const HEADER = 'day,start,end,title,kind,format,speakers,takeaways,next_steps';

/**
 * Imports an agenda CSV: every row or none. A file with any bad row, or a row repeating a session
 * already on the agenda, is refused with each bad row's line number and reasons.
 */
export function importAgenda(db: Db, event: EventRow, csv: string, now: Date): { imported: number; survey: SurveyFollows } {
  const { header, rows } = readCsvRows(csv, HEADER);
  if (!header) throw new InputError(`The file is empty; the first row must be: ${HEADER}.`);
  const mapped = mapAgendaHeader(header);
  if (!mapped.ok) throw new InputError(mapped.problem);
  if (rows.length === 0) throw new InputError('The file has a header row but no sessions below it.');
  const inputs = rows.map(({ line, cells }) => ({ line, input: agendaRowInput(mapped.columns, cells) }));
  return db.transaction(() => {
    const parsed = parseAgendaRows(inputs, { days: event.days, hasDay0: event.hasDay0 }, sessionsOf(db, event.id));
    if (!parsed.ok) {
      const lines = parsed.problems.map((p) => `line ${p.line}: ${p.messages.join(' ')}`);
      const n = parsed.problems.length;
      throw new InputError(
        `Nothing was imported: ${n} row${n === 1 ? ' has' : 's have'} problems. Fix ${n === 1 ? 'it' : 'them'} and import the file again.\n${lines.join('\n')}`,
      );
    }
    for (const session of parsed.sessions) addSession(db, event, session);
    return { imported: parsed.sessions.length, survey: followAgenda(db, event, now) };
  });
}
