import type { ActionsBlock, KnownBlock, SectionBlock } from '@slack/types';
import { z } from 'zod';
import { MAX_COMMITMENTS } from '../../src/domain/action-items/commitments.js';
import {
  type ActionEscalationNotice,
  type ActionItemView,
  type ActionReminderNotice,
  actionItemState,
  type CommitmentInviteNotice,
} from '../../src/domain/action-items/notices.js';
import { weekdaysOverdue } from '../../src/domain/action-items/reminders.js';
import { localDate } from '../../src/domain/dates.js';
import { actions, type Blocks, button, context, escapeMrkdwn, header, mention, type SlackMessage, section, truncate } from '../kit/blocks.js';
import { formatDate, formatDateTime, plural, readerDate, readerDay, relativeDay } from '../kit/format.js';
import { ACTION_ITEMS, COMMITMENTS, EXPORTS } from '../kit/ids.js';
import { skoRef } from '../kit/sko-ref.js';

/**
 * What an item's button carries: the item, and for ephemeral lists (which Slack does not send back)
 * every item listed and the list's scope ('mine', 'all', 'overdue' or a user id), to redraw it.
 */
export interface ItemRef {
  item?: number | undefined;
  list?: number[] | undefined;
  scope?: string | undefined;
}

const refSchema = z.object({
  i: z.number().int().positive().optional(),
  l: z.array(z.number().int().positive()).max(50).optional(),
  s: z.string().max(20).optional(),
});

function encodeItemRef(ref: ItemRef): string {
  return JSON.stringify({ ...(ref.item ? { i: ref.item } : {}), ...(ref.list ? { l: ref.list } : {}), ...(ref.scope ? { s: ref.scope } : {}) });
}

export function parseItemRef(value: string | undefined): ItemRef | null {
  try {
    const parsed = refSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? { item: parsed.data.i, list: parsed.data.l, scope: parsed.data.s } : null;
  } catch {
    return null;
  }
}

export interface ItemViewOptions {
  /** Today in the event's time zone. */
  today: string;
  timeZone: string;
  /** The reader: their own items do not name them. */
  viewerSlackId?: string | undefined;
  /** Whether the reader may change the item; only then are buttons shown. */
  mayChange: boolean;
  /** For ephemeral lists: every item listed, and the list's scope. */
  list?: number[] | undefined;
  scope?: string | undefined;
}

const MARKS = { done: ':white_check_mark:', overdue: ':red_circle:', snoozed: ':zzz:', open: ':white_circle:' } as const;
const NOTES_SHOWN = 300;

function itemText(item: ActionItemView, options: ItemViewOptions): string {
  const state = actionItemState(item, options.today);
  const title = state === 'done' ? `~${escapeMrkdwn(item.title)}~` : `*${escapeMrkdwn(item.title)}*`;
  const parts: string[] = [];
  if (state === 'done' && item.done) {
    parts.push(
      `Done${item.done.by?.slackUserId ? ` by ${mention(item.done.by.slackUserId)}` : ''} ${formatDate(localDate(new Date(item.done.at), options.timeZone), { year: false })}`,
    );
  } else if (item.due === null) parts.push('No due date');
  else if (item.due < options.today) parts.push(`Overdue since ${readerDate(item.due, { year: false })}`);
  else parts.push(`Due ${readerDay(item.due, `${formatDate(item.due, { year: false })} (${relativeDay(options.today, item.due)})`)}`);
  if (state === 'snoozed' && item.snoozedUntil) parts.push(`reminders resume ${formatDate(item.snoozedUntil, { year: false })}`);
  if (item.owner.slackUserId && item.owner.slackUserId !== options.viewerSlackId) parts.push(mention(item.owner.slackUserId));
  if (item.creator.personId !== item.owner.personId && item.creator.slackUserId && item.creator.slackUserId !== options.viewerSlackId)
    parts.push(`added by ${mention(item.creator.slackUserId)}`);
  if (item.link) parts.push(`<${item.link}|${item.source === 'shortcut' ? 'the message' : 'link'}>`);
  if (item.task) parts.push(`plan task: ${escapeMrkdwn(truncate(item.task.title, 80))}`);
  const notes = item.notes ? `\n_${escapeMrkdwn(truncate(item.notes.replace(/\s+/g, ' '), NOTES_SHOWN))}_` : '';
  return `${MARKS[state]} ${title}\n${parts.join(' · ')}${notes}`;
}

/** The buttons for an item the reader may change: Done, Snooze (when it has a date to remind of) and Reassign while open; Reopen once done. */
function itemButtons(item: ActionItemView, options: ItemViewOptions): ActionsBlock | null {
  if (!options.mayChange) return null;
  const value = encodeItemRef({ item: item.id, list: options.list, scope: options.scope });
  const elements =
    item.status === 'done'
      ? [button('Reopen', ACTION_ITEMS.reopen, { value })]
      : [
          button('Done', ACTION_ITEMS.done, { value, style: 'primary' }),
          ...(item.due === null
            ? []
            : [button('Snooze 1 day', ACTION_ITEMS.snoozeDay, { value }), button('Snooze 1 week', ACTION_ITEMS.snoozeWeek, { value })]),
          button('Reassign…', ACTION_ITEMS.reassign, { value }),
        ];
  return { ...actions(...elements), block_id: `${ACTION_ITEMS.buttonsPrefix}${item.id}` };
}

/** One item: its section, and its buttons for a reader who may use them. */
export function itemBlocks(item: ActionItemView, options: ItemViewOptions): Blocks {
  const card: SectionBlock = { ...section(itemText(item, options)), block_id: `${ACTION_ITEMS.blockPrefix}${item.id}` };
  const buttons = itemButtons(item, options);
  return buttons ? [card, buttons] : [card];
}

export function itemIdOfBlock(block: KnownBlock): number | null {
  const match = new RegExp(`^(?:${ACTION_ITEMS.blockPrefix}|${ACTION_ITEMS.buttonsPrefix})(\\d+)$`).exec(block.block_id ?? '');
  return match ? Number(match[1]) : null;
}

/** A posted message with the given items redrawn as they now stand; every other block stays. */
export function refreshItemBlocks(
  blocks: readonly KnownBlock[],
  current: ReadonlyMap<number, ActionItemView>,
  options: (item: ActionItemView) => ItemViewOptions,
): KnownBlock[] {
  return blocks.flatMap((block) => {
    const id = itemIdOfBlock(block);
    const item = id === null ? undefined : current.get(id);
    if (!item) return [block];
    return block.block_id?.startsWith(ACTION_ITEMS.buttonsPrefix) ? [] : itemBlocks(item, options(item));
  });
}

// ── lists ────────────────────────────────────────────────────────────────────────────────────

/** An ephemeral list (each item is two blocks; a message holds 50). */
export const MAX_ITEMS_LISTED = 20;

const HINT =
  'Add one: `/sko action &lt;what&gt; @owner due:&lt;date&gt;`, or `/sko action` alone for a form · `/sko actions` shows yours; `all`, `overdue` or `@someone` for more';

function scopeHeading(scope: string): string {
  if (scope === 'mine') return 'Your action items';
  if (scope === 'all') return 'Action items you can see';
  if (scope === 'overdue') return 'Overdue action items';
  return `Action items owned by ${mention(scope)}`;
}

export interface ListOptions {
  today: string;
  timeZone: string;
  viewerSlackId: string;
  scope: string;
  total: number;
  mayChange: (item: ActionItemView) => boolean;
  /** Whether the reader may take every item away as CSV (they see them all). */
  mayExport?: boolean;
  refusal?: string | undefined;
  /** The SKO listed: New action item adds to it. */
  eventId: number;
}

/** `/sko actions`: the items in scope with their buttons, and a button for a new one. */
export function buildActionListMessage(items: readonly ActionItemView[], options: ListOptions): SlackMessage {
  const heading = scopeHeading(options.scope);
  const newButton = {
    ...actions(
      button('New action item', ACTION_ITEMS.create, { value: skoRef(options.eventId) }),
      ...(options.mayExport ? [button('Send all as CSV', EXPORTS.actionItems, { value: skoRef(options.eventId) })] : []),
    ),
    block_id: ACTION_ITEMS.listActions,
  };
  if (items.length === 0) {
    const text = options.refusal ?? (options.scope === 'mine' ? 'You have no open action items.' : `${heading}: none open.`);
    return { text: text.replace(/\*/g, ''), blocks: [section(options.refusal ? text : `:white_check_mark: ${text}`), newButton, context(HINT)] };
  }
  const shown = items.slice(0, MAX_ITEMS_LISTED);
  const list = shown.map((i) => i.id);
  const overdue = shown.filter((i) => i.status === 'open' && i.due !== null && i.due < options.today).length;
  const summary = `${plural(options.total, 'open item')}${overdue ? `, ${overdue} overdue` : ''}`;
  return {
    text: `${heading.replace(/<@(\w+)>/, '@$1')}: ${summary}`,
    blocks: [
      section(`*${heading}* · ${summary}`),
      ...shown.flatMap((item) =>
        itemBlocks(item, {
          today: options.today,
          timeZone: options.timeZone,
          viewerSlackId: options.viewerSlackId,
          mayChange: options.mayChange(item),
          list,
          scope: options.scope,
        }),
      ),
      ...(options.total > shown.length ? [context(`…and ${options.total - shown.length} more, due later.`)] : []),
      newButton,
      context(HINT),
    ],
  };
}

// ── messages ─────────────────────────────────────────────────────────────────────────────────

function reminderLead(notice: ActionReminderNotice): { text: string; lead: string } {
  const { item, today } = notice;
  const due = item.due ?? today;
  const when = formatDate(due, { year: false });
  if (notice.kind === 'day-before')
    return { text: `Due ${relativeDay(today, due)}: ${item.title}`, lead: `:alarm_clock: *Due ${readerDay(due, `${relativeDay(today, due)} (${when})`)}*` };
  if (notice.kind === 'due-day') return { text: `Due today: ${item.title}`, lead: `:alarm_clock: *Due ${readerDay(due, `today (${when})`)}*` };
  const late = plural(notice.overdueWeekday ?? weekdaysOverdue(due, today), 'weekday');
  return {
    text: `Overdue by ${late}: ${item.title}`,
    lead: `:red_circle: *Overdue by ${late}* (it was due ${readerDate(due, { year: false })})\nMark it done if it is, snooze it, or hand it to whoever should do it.`,
  };
}

const footer = (eventName: string) => context(`${escapeMrkdwn(eventName)} · \`/sko actions\` lists everything you own`);

/** The owner's reminder: the day before, on the day, and on overdue weekdays. */
export function buildActionReminderMessage(notice: ActionReminderNotice): SlackMessage {
  const { text, lead } = reminderLead(notice);
  return {
    text: truncate(text, 3000),
    blocks: [
      section(lead),
      ...itemBlocks(notice.item, { today: notice.today, timeZone: notice.timeZone, viewerSlackId: notice.to.person.slackUserId ?? undefined, mayChange: true }),
      footer(notice.eventName),
    ],
  };
}

/** To the owner's manager (or the SKO lead): once, when an item is some weekdays overdue. */
export function buildEscalationMessage(notice: ActionEscalationNotice): SlackMessage {
  const owner = notice.item.owner.slackUserId ? mention(notice.item.owner.slackUserId) : (notice.item.owner.name ?? 'Someone');
  const why =
    notice.as === 'manager'
      ? 'You are hearing about it as their manager, once: a word from you may be all it needs.'
      : 'You are hearing about it as the SKO lead, once, because nobody is recorded as their manager.';
  const late = plural(notice.overdueWeekday, 'weekday');
  return {
    text: truncate(`${owner}'s action item is overdue by ${late}: ${notice.item.title}`, 3000),
    blocks: [
      section(`:warning: *${owner}'s action item is overdue by ${late}*\n${why}`),
      ...itemBlocks(notice.item, {
        today: notice.today,
        timeZone: notice.timeZone,
        viewerSlackId: notice.to.person.slackUserId ?? undefined,
        mayChange: notice.mayChange,
      }),
      context(`${escapeMrkdwn(notice.eventName)} · ${owner} has been reminded each weekday since it was due`),
    ],
  };
}

/** Week 11: record up to three personal commitments from the SKO. */
export function buildCommitmentInviteMessage(notice: CommitmentInviteNotice): SlackMessage {
  const left = MAX_COMMITMENTS - notice.recorded;
  const already = notice.recorded ? `\nYou have recorded ${plural(notice.recorded, 'commitment')}; there is room for ${left} more.` : '';
  return {
    text: `${notice.eventName} is over: what will you do differently? Record up to ${MAX_COMMITMENTS} commitments.`,
    blocks: [
      header('Your SKO commitments'),
      section(
        `*${escapeMrkdwn(notice.eventName)}* is behind us. What will you do differently, starting Monday? Write down up to ${MAX_COMMITMENTS} commitments from the SKO, each with a date. Each becomes one of your action items: I will remind you as it comes due, and your manager can see them.${already}`,
      ),
      { ...actions(button('Record my commitments', COMMITMENTS.open, { style: 'primary', value: skoRef(notice.eventId) })), block_id: 'commitments_actions' },
      context(`${escapeMrkdwn(notice.eventName)} · \`/sko actions\` lists them afterwards`),
    ],
  };
}

/** The DM a new owner gets when someone else gives them an item. */
export function buildAssignedMessage(
  item: ActionItemView,
  options: { bySlackId: string; eventName: string; today: string; timeZone: string; nextReminder: Date | null },
): SlackMessage {
  const owner = item.owner.slackUserId ?? undefined;
  return {
    text: truncate(`New action item from ${mention(options.bySlackId)}: ${item.title}`, 3000),
    blocks: [
      section(`${mention(options.bySlackId)} gave you an action item in *${escapeMrkdwn(options.eventName)}*:`),
      ...itemBlocks(item, { today: options.today, timeZone: options.timeZone, viewerSlackId: owner, mayChange: true }),
      context(reminderNote(item, options.nextReminder, options.timeZone)),
    ],
  };
}

/** When the item will next chase its owner, in words. */
export function reminderNote(item: ActionItemView, next: Date | null, timeZone: string): string {
  if (item.status === 'done') return 'Done: no more reminders.';
  if (item.due === null) return 'No due date, so no reminders. `/sko actions` lists it.';
  return next ? `Next reminder: ${formatDateTime(next, timeZone)}.` : 'No more reminders are due for it.';
}

/** The private reply to `/sko action …` and the form: what was added, with its buttons. */
export function buildCreatedReply(
  item: ActionItemView,
  options: { viewerSlackId: string; today: string; timeZone: string; nextReminder: Date | null },
): SlackMessage {
  const mine = item.owner.slackUserId === options.viewerSlackId;
  const forWhom = mine ? 'for you' : `for ${mention(item.owner.slackUserId ?? '')}, who has been told by direct message`;
  return {
    text: truncate(`Added an action item ${forWhom}: ${item.title}`, 3000),
    blocks: [
      section(`:white_check_mark: Added an action item ${forWhom}:`),
      ...itemBlocks(item, {
        today: options.today,
        timeZone: options.timeZone,
        viewerSlackId: options.viewerSlackId,
        mayChange: true,
        list: [item.id],
        scope: mine ? 'mine' : (item.owner.slackUserId ?? 'all'),
      }),
      context(reminderNote(item, options.nextReminder, options.timeZone)),
    ],
  };
}
