/**
 * The event agenda's sessions (PRODUCT §5): what a session is, and how one entered in a modal or
 * imported from a file is checked. Times are 'HH:mm' local to the event; agenda-checks.ts runs the
 * design checks on the whole agenda.
 */
export const SESSION_KINDS = ['strategy', 'planning', 'training', 'recognition', 'product', 'social'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_FORMATS = ['interactive', 'workshop', 'role-play', 'panel', 'lecture'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export interface Session {
  /** Event day; 0 is the optional day 0. */
  day: number;
  start: string;
  end: string;
  title: string;
  kind: SessionKind;
  format: SessionFormat;
  speakers: string[];
  takeaways: string[];
  nextSteps: string[];
}

/** A modal's fields or an imported row, as given; a list may be one text with one item per line. */
export interface SessionInput {
  day?: number | string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  title?: string | undefined;
  kind?: string | undefined;
  format?: string | undefined;
  speakers?: string[] | string | undefined;
  takeaways?: string[] | string | undefined;
  nextSteps?: string[] | string | undefined;
}

export type SessionField = keyof SessionInput;
export type SessionErrors = Partial<Record<SessionField, string>>;
export type SessionResult = { ok: true; session: Session } | { ok: false; errors: SessionErrors };

/** The event's days, to check a session's day against. */
export interface AgendaContext {
  days: number;
  hasDay0: boolean;
}

const TIME_RE = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const MAX_TITLE = 150;
const MAX_ITEM = 300;
const MAX_ITEMS = 20;

const LIST_FIELDS = { speakers: 'speakers', takeaways: 'takeaways', nextSteps: 'next steps' } as const;

export function validateSession(input: SessionInput, context: AgendaContext): SessionResult {
  const errors: SessionErrors = {};
  const firstDay = context.hasDay0 ? 0 : 1;

  const dayText = String(input.day ?? '').trim();
  const day = Number(dayText);
  if (!/^\d+$/.test(dayText) || day < firstDay || day > context.days) {
    errors.day = `Choose an event day from ${firstDay} to ${context.days}.`;
  }

  const start = parseTime(input.start);
  const end = parseTime(input.end);
  if (start === null) errors.start = 'Give the start time as HH:mm on a 24-hour clock, such as 09:00.';
  if (end === null) errors.end = 'Give the end time as HH:mm on a 24-hour clock, such as 10:30.';
  else if (start !== null && end.minutes <= start.minutes) {
    errors.end =
      end.minutes === start.minutes
        ? `The session ends when it starts (${start.text}); give it an end time after ${start.text}.`
        : `The session ends (${end.text}) before it starts (${start.text}); a session starts and ends on the same day, so split one that runs past midnight in two.`;
  }

  const title = input.title?.trim() ?? '';
  if (!title) errors.title = 'Give the session a title, such as "Discovery role-plays".';
  else if (title.length > MAX_TITLE) errors.title = `Keep the title to ${MAX_TITLE} characters or fewer (it has ${title.length}).`;

  const kind = matchOption(input.kind, SESSION_KINDS);
  if (!kind) errors.kind = optionProblem(input.kind, 'kind', SESSION_KINDS);
  const format = matchOption(input.format, SESSION_FORMATS);
  if (!format) errors.format = optionProblem(input.format, 'format', SESSION_FORMATS);

  const lists = {} as Record<keyof typeof LIST_FIELDS, string[]>;
  for (const [field, name] of Object.entries(LIST_FIELDS) as [keyof typeof LIST_FIELDS, string][]) {
    const items = toList(input[field]);
    const long = items.findIndex((item) => item.length > MAX_ITEM);
    if (items.length > MAX_ITEMS) errors[field] = `List at most ${MAX_ITEMS} ${name} (there are ${items.length}).`;
    else if (long >= 0) errors[field] = `Keep each of the ${name} to ${MAX_ITEM} characters or fewer (number ${long + 1} has ${items[long]?.length}).`;
    lists[field] = items;
  }

  if (Object.keys(errors).length > 0 || !start || !end || !kind || !format) return { ok: false, errors };
  return { ok: true, session: { day, start: start.text, end: end.text, title, kind, format, ...lists } };
}

function parseTime(raw: string | undefined): { text: string; minutes: number } | null {
  const m = TIME_RE.exec(raw?.trim() ?? '');
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return { text: `${String(h).padStart(2, '0')}:${m[2]}`, minutes: h * 60 + min };
}

/** "Role play", "ROLE_PLAY" and "roleplay" all mean role-play. */
function matchOption<T extends string>(raw: string | undefined, options: readonly T[]): T | null {
  const wanted = (raw ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  return options.find((o) => o.replace(/-/g, '') === wanted) ?? null;
}

function optionProblem(raw: string | undefined, what: string, options: readonly string[]): string {
  const text = raw?.trim() ?? '';
  const choices = options.join(', ');
  return text ? `"${text}" is not a session ${what}; choose one of: ${choices}.` : `Choose the session's ${what}: ${choices}.`;
}

function toList(raw: string[] | string | undefined): string[] {
  const items = typeof raw === 'string' ? raw.split(/\r?\n/) : (raw ?? []);
  return items.map((item) => item.trim()).filter(Boolean);
}

/** Length of a valid session in minutes. */
export function sessionMinutes(session: Pick<Session, 'start' | 'end'>): number {
  const start = parseTime(session.start);
  const end = parseTime(session.end);
  if (!start || !end || end.minutes <= start.minutes) {
    throw new Error(`A session must run from an earlier to a later HH:mm time; got ${session.start}–${session.end}.`);
  }
  return end.minutes - start.minutes;
}
