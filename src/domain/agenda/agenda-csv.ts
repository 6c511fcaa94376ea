/**
 * The agenda as a CSV file (`sko import agenda FILE`): one session per row under the header
 * day,start,end,title,kind,format,speakers,takeaways,next_steps, lists separated by ";". Each row
 * goes through the same validation as the modal; a file with any bad row is refused whole.
 */

import { normalizeHeader } from '../sales/import-formats.js';
import { type AgendaContext, type Session, type SessionField, type SessionInput, validateSession } from './sessions.js';

/** The header row, in order (the contract); the three lists may be left out. */
export const AGENDA_CSV_COLUMNS = ['day', 'start', 'end', 'title', 'kind', 'format', 'speakers', 'takeaways', 'next_steps'] as const;
export type AgendaColumn = (typeof AGENDA_CSV_COLUMNS)[number];
const OPTIONAL: readonly AgendaColumn[] = ['speakers', 'takeaways', 'next_steps'];
const HEADER_TEXT = `${AGENDA_CSV_COLUMNS.join(',')} (speakers, takeaways and next_steps may be left out)`;

const FIELD_ORDER: readonly SessionField[] = ['day', 'start', 'end', 'title', 'kind', 'format', 'speakers', 'takeaways', 'nextSteps'];

/** The column each header cell holds ("Next Steps" and "next-steps" are next_steps), or what is wrong with the row. */
export function mapAgendaHeader(header: readonly string[]): { ok: true; columns: (AgendaColumn | null)[] } | { ok: false; problem: string } {
  const known = new Map(AGENDA_CSV_COLUMNS.map((c) => [normalizeHeader(c), c]));
  const columns = header.map((h) => known.get(normalizeHeader(h)) ?? null);
  const problems: string[] = [];
  header.forEach((h, i) => {
    if (columns[i] === null && h.trim()) problems.push(`"${h.trim()}" is not a column this file can have`);
  });
  for (const c of AGENDA_CSV_COLUMNS) {
    const count = columns.filter((x) => x === c).length;
    if (count === 0 && !OPTIONAL.includes(c)) problems.push(`the "${c}" column is missing`);
    if (count > 1) problems.push(`the "${c}" column appears more than once`);
  }
  if (problems.length) return { ok: false, problem: `The header row is wrong: ${problems.join('; ')}. The first row must be: ${HEADER_TEXT}.` };
  return { ok: true, columns };
}

/** One row's cells as the session form's fields; a list cell holds its items separated by ";". */
export function agendaRowInput(columns: readonly (AgendaColumn | null)[], cells: readonly string[]): SessionInput {
  const cell = (c: AgendaColumn) => {
    const i = columns.indexOf(c);
    return i >= 0 ? (cells[i] ?? '') : '';
  };
  const list = (c: AgendaColumn) => cell(c).split(';');
  return {
    day: cell('day'),
    start: cell('start'),
    end: cell('end'),
    title: cell('title'),
    kind: cell('kind'),
    format: cell('format'),
    speakers: list('speakers'),
    takeaways: list('takeaways'),
    nextSteps: list('next_steps'),
  };
}

/** What makes a session the same one again: its day, its start and its title, whatever the case. */
function sameKey(s: Pick<Session, 'day' | 'start' | 'title'>): string {
  return `${s.day}|${s.start}|${s.title.trim().toLowerCase()}`;
}

/** Why `session` would repeat one already on the agenda, or null. */
export function repeatedSession(
  session: Pick<Session, 'day' | 'start' | 'title'>,
  existing: readonly Pick<Session, 'day' | 'start' | 'title'>[],
): string | null {
  const key = sameKey(session);
  return existing.some((s) => sameKey(s) === key)
    ? `Day ${session.day} already has “${session.title}” at ${session.start}; change the title or the time, or leave it out.`
    : null;
}

export interface AgendaRowProblem {
  /** The file's line number (the header is line 1). */
  line: number;
  messages: string[];
}

/** Every row as a session, or every bad row with its line and reasons: a file with any bad row is rejected whole. */
export function parseAgendaRows(
  rows: readonly { line: number; input: SessionInput }[],
  context: AgendaContext,
  existing: readonly Pick<Session, 'day' | 'start' | 'title'>[],
): { ok: true; sessions: Session[] } | { ok: false; problems: AgendaRowProblem[] } {
  const sessions: Session[] = [];
  const problems: AgendaRowProblem[] = [];
  const seen = [...existing];
  const firstLine = new Map<string, number>();
  for (const { line, input } of rows) {
    const result = validateSession(input, context);
    if (!result.ok) {
      problems.push({ line, messages: FIELD_ORDER.flatMap((f) => result.errors[f] ?? []) });
      continue;
    }
    const earlier = firstLine.get(sameKey(result.session));
    const repeated =
      earlier !== undefined
        ? `It repeats line ${earlier} (day ${result.session.day}, ${result.session.start}, “${result.session.title}”); keep one of them.`
        : repeatedSession(result.session, seen);
    if (repeated) {
      problems.push({ line, messages: [repeated] });
      continue;
    }
    firstLine.set(sameKey(result.session), line);
    seen.push(result.session);
    sessions.push(result.session);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, sessions };
}
