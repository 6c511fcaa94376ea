/**
 * Reading `/sko action <text> @owner due:<date>` (issue 5). The text arrives as Slack sends it
 * with `should_escape: true`: people as `<@U123>` or `<@U123|name>`, and `&`, `<`, `>` as
 * entities. Titles are kept as plain text, the form a modal returns and a CSV wants; every
 * renderer escapes them again for mrkdwn.
 */
import { addDays, daysBetween, isCalendarDate, isoWeekday, isoWeekStart } from '../dates.js';

/**
 * Block Kit caps a section's text at 3,000 characters (and a plain_text_input at 3,000). The item
 * card puts the title in one section with the owner, due date and link, and escaping `&`, `<`, `>`
 * for mrkdwn lengthens it, so the title keeps 1,000 characters of headroom.
 */
export const MAX_TITLE_LENGTH = 2000;

/** A due date further out is almost always a mistyped year (2062 for 2026). */
const MAX_DUE_DAYS_AHEAD = 731;

const ACTION_COMMAND_EXAMPLE = "For example: `/sko action Send the pricing deck to finance @Maria due:fri` (pick @Maria from Slack's list)";

const DUE_FORMS = 'a date such as 2026-12-01, or today, tomorrow, a weekday (fri or friday), in 3 days, in 2 weeks or next week';

/** Where an action item was made: `/sko action`, the modal, the message shortcut, or the week-11 commitments. */
export const ACTION_ITEM_SOURCES = ['command', 'modal', 'shortcut', 'commitment'] as const;
export type ActionItemSource = (typeof ACTION_ITEM_SOURCES)[number];

export type DueDateResult = { ok: true; date: string } | { ok: false; error: string };

export interface ActionCommandContext {
  callerSlackId: string;
  /** Today in the event's time zone. */
  today: string;
  timeZone: string;
}

interface ParsedActionItem {
  title: string;
  ownerSlackId: string;
  due: string | null;
}

export type ActionCommandResult = { ok: true; item: ParsedActionItem } | { ok: false; error: string };

// ISO weekdays (1 = Monday). A Map, not an object literal, so that "due:constructor" is not found on Object.prototype.
const WEEKDAYS = new Map<string, number>([
  ['monday', 1],
  ['mon', 1],
  ['tuesday', 2],
  ['tue', 2],
  ['tues', 2],
  ['wednesday', 3],
  ['wed', 3],
  ['thursday', 4],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['friday', 5],
  ['fri', 5],
  ['saturday', 6],
  ['sat', 6],
  ['sunday', 7],
  ['sun', 7],
]);

/**
 * A due date from what a person typed, relative to `today` (a local date). A weekday name means
 * the next such day after today, so "fri" said on a Friday is a week away: "today" already names
 * today, and someone who writes a weekday on that same day is planning ahead. "next week" is the
 * coming Monday.
 */
export function parseDueDate(text: string, today: string, timeZone?: string): DueDateResult {
  const phrase = text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.,;!]+$/, '');
  if (!phrase) return { ok: false, error: `Give a due date: ${DUE_FORMS}.` };
  const date = resolveDuePhrase(phrase, today);
  if (date === undefined) return { ok: false, error: `"${text.trim()}" is not a due date I can read. Use ${DUE_FORMS}.` };
  if (date === null) return { ok: false, error: `${phrase} is not a real date; check the month and day (YYYY-MM-DD).` };

  const ahead = daysBetween(today, date);
  if (ahead < 0) {
    const where = timeZone ? ` in ${timeZone}` : '';
    return { ok: false, error: `${date} is in the past (today is ${today}${where}). Pick today or a later date.` };
  }
  if (ahead > MAX_DUE_DAYS_AHEAD) {
    return { ok: false, error: `${date} is more than two years away; check the year. The latest due date is ${addDays(today, MAX_DUE_DAYS_AHEAD)}.` };
  }
  return { ok: true, date };
}

/** undefined: not a form we know; null: shaped like a date but not a real one. */
function resolveDuePhrase(phrase: string, today: string): string | null | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(phrase)) return isCalendarDate(phrase) ? phrase : null;
  if (phrase === 'today') return today;
  if (phrase === 'tomorrow') return addDays(today, 1);
  if (phrase === 'next week') return addDays(isoWeekStart(today), 7);
  const weekday = WEEKDAYS.get(phrase);
  if (weekday !== undefined) return addDays(today, ((weekday - isoWeekday(today) + 6) % 7) + 1);
  // Four digits keep "in 9999 weeks" inside the calendar, so the too-far message can name the date.
  const span = /^in (\d{1,4}|a|an|one) (day|days|week|weeks)$/.exec(phrase);
  if (span) {
    const n = /^\d/.test(span[1] ?? '') ? Number(span[1]) : 1;
    return addDays(today, span[2]?.startsWith('week') ? n * 7 : n);
  }
  return undefined;
}

// ── the slash command ────────────────────────────────────────────────────────────────────────

const USER_RE = /^@([UW][A-Z0-9]+)(?:\|.*)?$/;
const GROUP_RE = /^!(subteam\^[A-Z0-9]+|here|channel|everyone)(?:\|(.*))?$/;
const CHANNEL_RE = /^#([CG][A-Z0-9]+)(?:\|(.*))?$/;
// A due phrase runs to the end of "in 3 days" / "next week", otherwise to the next space.
const DUE_RE = /(^|\s)due:\s*(in\s+\S+\s+\S+|next\s+\S+|\S*)/gi;
// Marks where a mention or due phrase was taken out, so tidy() can close the gap.
const CUT = '\0';
const LOOSE_AT_RE = /(?:^|[\s(])@([\p{L}\p{N}._-]+)/gu;

interface Pieces {
  text: string[];
  owners: string[];
  groups: string[];
  dues: string[];
  looseNames: string[];
}

/** Parses the text after `/sko action`; a failure says what to fix and ends with an example. */
export function parseActionCommand(text: string, context: ActionCommandContext): ActionCommandResult {
  const pieces = splitCommandText(text);
  const problems: string[] = [];

  for (const name of pieces.looseNames) {
    problems.push(
      `Slack did not recognise @${name} as a person in this workspace. Pick the owner from the list that opens as you type @, so the name becomes a mention (or drop the @ if it is not a person).`,
    );
  }
  for (const group of pieces.groups) {
    problems.push(`An action item has one owner, and ${group} is a group. Mention one person.`);
  }
  const owners = [...new Set(pieces.owners)];
  if (owners.length > 1) {
    const listed = owners.map((id) => `<@${id}>`);
    problems.push(
      `An action item has one owner; you mentioned ${listed.slice(0, -1).join(', ')} and ${listed.at(-1) ?? ''}. Keep one mention and write the other names without @.`,
    );
  }

  let due: string | null = null;
  if (pieces.dues.length > 1) problems.push(`Give one due date; you wrote due: ${pieces.dues.length} times.`);
  else if (pieces.dues[0] !== undefined) {
    const parsed = parseDueDate(pieces.dues[0], context.today, context.timeZone);
    if (parsed.ok) due = parsed.date;
    else problems.push(parsed.error);
  }

  const title = tidy(pieces.text.join(''));
  if (!title) problems.push('Say what needs doing, then the owner and the due date.');
  else if (title.length > MAX_TITLE_LENGTH) {
    problems.push(
      `The title has ${title.length.toLocaleString('en-US')} characters; an action item's title can have at most ${MAX_TITLE_LENGTH.toLocaleString('en-US')} so Slack can show it. Shorten it.`,
    );
  }

  if (problems.length > 0) return { ok: false, error: [...problems, ACTION_COMMAND_EXAMPLE].join('\n') };
  return { ok: true, item: { title, ownerSlackId: owners[0] ?? context.callerSlackId, due } };
}

function splitCommandText(text: string): Pieces {
  const pieces: Pieces = { text: [], owners: [], groups: [], dues: [], looseNames: [] };
  // With a capturing group, split() alternates: plain text at even indexes, the inside of <…> at odd ones.
  text.split(/<([^<>]*)>/).forEach((part, i) => {
    if (i % 2 === 0) pieces.text.push(readPlain(part, pieces));
    else pieces.text.push(readReference(part, pieces));
  });
  return pieces;
}

function readPlain(part: string, pieces: Pieces): string {
  const withoutDue = part.replace(DUE_RE, (_match, lead: string, phrase: string) => {
    pieces.dues.push(unescapeSlack(phrase));
    return `${lead}${CUT}`;
  });
  for (const m of withoutDue.matchAll(LOOSE_AT_RE)) pieces.looseNames.push(unescapeSlack(m[1] ?? ''));
  return unescapeSlack(withoutDue);
}

/** The plain-text form of a `<…>` reference; people and groups are taken out of the title. */
function readReference(inner: string, pieces: Pieces): string {
  const user = USER_RE.exec(inner);
  if (user) {
    pieces.owners.push(user[1] ?? '');
    return CUT;
  }
  const group = GROUP_RE.exec(inner);
  if (group) {
    const [, kind = '', label] = group;
    const name = label ? unescapeSlack(label).replace(/^@?/, '@') : kind.startsWith('subteam') ? 'that user group' : `@${kind}`;
    pieces.groups.push(name);
    return CUT;
  }
  const channel = CHANNEL_RE.exec(inner);
  if (channel) return `#${channel[2] ? unescapeSlack(channel[2]) : (channel[1] ?? '')}`;
  const bar = inner.indexOf('|');
  if (inner.startsWith('!')) return bar >= 0 ? unescapeSlack(inner.slice(bar + 1)) : '';
  const url = unescapeSlack(bar >= 0 ? inner.slice(0, bar) : inner);
  const label = bar >= 0 ? unescapeSlack(inner.slice(bar + 1)) : '';
  const bare = url.replace(/^(mailto:|https?:\/\/)/, '');
  if (!label || label === url || label === bare) return url.startsWith('mailto:') ? bare : url;
  return `${label} (${url})`;
}

function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** One line, with no gap or stray comma left where the owner and due date were taken out. */
function tidy(text: string): string {
  return text
    .replace(/\s*\0[\s\0]*(?=[,;:.!?])/g, '')
    .replace(/[\s\0]+/g, ' ')
    .replace(/^[\s,;:]+|[\s,;:]+$/g, '');
}

// ── /sko actions ─────────────────────────────────────────────────────────────────────────────

export type ActionsScope = { kind: 'mine' } | { kind: 'all' } | { kind: 'overdue' } | { kind: 'person'; slackUserId: string };

const ACTIONS_FORMS = '`/sko actions` (yours), `/sko actions all`, `/sko actions overdue` or `/sko actions @someone`';

/** Reads the text after `/sko actions`: nothing or `mine`, `all`, `overdue`, or one person mentioned. */
export function parseActionsScope(text: string): { ok: true; scope: ActionsScope } | { ok: false; error: string } {
  const word = text.trim().replace(/\s+/g, ' ');
  const lower = word.toLowerCase();
  if (lower === '' || lower === 'mine') return { ok: true, scope: { kind: 'mine' } };
  if (lower === 'all' || lower === 'overdue') return { ok: true, scope: { kind: lower } };
  const user = /^<(@[UW][A-Z0-9]+(?:\|[^<>]*)?)>$/.exec(word);
  const id = user ? USER_RE.exec(user[1] ?? '')?.[1] : undefined;
  if (id) return { ok: true, scope: { kind: 'person', slackUserId: id } };
  if (word.startsWith('@'))
    return { ok: false, error: `Slack did not recognise ${word} as a person. Pick them from the list that opens as you type @. Use ${ACTIONS_FORMS}.` };
  return { ok: false, error: `I don't know \`/sko actions ${word}\`. Use ${ACTIONS_FORMS}.` };
}

// ── the form ─────────────────────────────────────────────────────────────────────────────────

/** Slack's limit for a plain_text_input, which the notes field uses in full. */
export const MAX_NOTES_LENGTH = 3000;

export interface ActionForm {
  title?: string | null | undefined;
  ownerSlackId?: string | null | undefined;
  /** 'YYYY-MM-DD' from a date picker. */
  due?: string | null | undefined;
  notes?: string | null | undefined;
}

export type ActionFormField = 'title' | 'owner' | 'due' | 'notes';

export type ActionFormResult =
  | { ok: true; item: ParsedActionItem & { notes: string | null } }
  | { ok: false; errors: Partial<Record<ActionFormField, string>> };

/** The new-item form, with the command's rules: a title within the limit, an owner, a due date not in the past (or none). */
export function validateActionForm(form: ActionForm, context: { today: string; timeZone: string }): ActionFormResult {
  const errors: Partial<Record<ActionFormField, string>> = {};
  const title = (form.title ?? '').replace(/\s+/g, ' ').trim();
  if (!title) errors.title = 'Say what needs doing.';
  else if (title.length > MAX_TITLE_LENGTH)
    errors.title = `Keep it to ${MAX_TITLE_LENGTH.toLocaleString('en-US')} characters; this has ${title.length.toLocaleString('en-US')}. Put the detail in the notes.`;
  if (!form.ownerSlackId) errors.owner = 'Choose who owns it.';
  let due: string | null = null;
  if (form.due) {
    const parsed = parseDueDate(form.due, context.today, context.timeZone);
    if (parsed.ok) due = parsed.date;
    else errors.due = parsed.error;
  }
  const notes = (form.notes ?? '').trim();
  if (notes.length > MAX_NOTES_LENGTH)
    errors.notes = `Notes can have at most ${MAX_NOTES_LENGTH.toLocaleString('en-US')} characters; these have ${notes.length.toLocaleString('en-US')}.`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, item: { title, ownerSlackId: form.ownerSlackId as string, due, notes: notes || null } };
}

// ── the message shortcut ─────────────────────────────────────────────────────────────────────

/**
 * A Slack message's text as an action item's title, for "Create action item": one line, people as
 * @name (`nameOf`, else the id) rather than taken out as the command does, since in a message they
 * are part of the sentence; cut to the title limit. `mentioned` lists the people, in order.
 */
export function messageAsTitle(text: string, nameOf: (slackUserId: string) => string | undefined): { title: string; mentioned: string[] } {
  const mentioned: string[] = [];
  const scratch: Pieces = { text: [], owners: [], groups: [], dues: [], looseNames: [] };
  const joined = text
    .split(/<([^<>]*)>/)
    .map((part, i) => {
      if (i % 2 === 0) return unescapeSlack(part);
      const user = USER_RE.exec(part);
      if (user) {
        const id = user[1] ?? '';
        mentioned.push(id);
        return `@${nameOf(id) ?? id}`;
      }
      const plain = readReference(part, scratch);
      return plain === CUT ? (scratch.groups.at(-1) ?? '') : plain;
    })
    .join('');
  const title = joined.replace(/\s+/g, ' ').trim();
  return { title: title.length > MAX_TITLE_LENGTH ? `${title.slice(0, MAX_TITLE_LENGTH - 1)}…` : title, mentioned };
}
