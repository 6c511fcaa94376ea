import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { InputBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import type { Deps } from '../../src/deps.js';
import { type ActionFormField, MAX_NOTES_LENGTH, MAX_TITLE_LENGTH, messageAsTitle, validateActionForm } from '../../src/domain/action-items/items.js';
import type { ActionItemView } from '../../src/domain/action-items/notices.js';
import { localDate } from '../../src/domain/dates.js';
import type { StatusTask } from '../../src/domain/plan/status.js';
import { InputError } from '../../src/errors.js';
import { changeActionItem, changeDecisionFor, createActionItem, findItem, ITEM_GONE, itemView } from '../../src/services/action-items/items.js';
import { nextItemReminder } from '../../src/services/action-items/reminders.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { findPersonBySlackId } from '../../src/services/people/people.js';
import { checkOwner } from '../../src/services/people/slack-people.js';
import type { EventRow } from '../../src/services/plan/event-store.js';
import { loadPlan } from '../../src/services/plan/event-store.js';
import { whichSko } from '../../src/services/plan/which-sko.js';
import { context, escapeMrkdwn, mention, plain, section, truncate } from '../kit/blocks.js';
import { formatDate } from '../kit/format.js';
import { ACTION_MODAL, ACTION_REASSIGN_MODAL } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { eventOfButton } from '../kit/sko-ref.js';
import { tellClicker } from '../kit/tell.js';
import { buildNoticeModal } from '../plan/setup-modal.js';
import { NO_EVENT_TEXT } from '../plan/status-message.js';
import { skoChoicesText } from '../plan/which-sko-message.js';
import { ABOUT_ITEM, type ItemButtonArgs, redraw, type Surface, surfaceOf } from './buttons.js';
import { buildAssignedMessage, parseItemRef, reminderNote } from './messages.js';

const { blocks: B, actionId: A } = ACTION_MODAL;
/** A static select offers at most 100 options. */
const MAX_TASK_OPTIONS = 100;

export interface ActionModalDefaults {
  title?: string | undefined;
  ownerSlackId: string;
  /** The message it came from (the shortcut). */
  link?: string | null | undefined;
  /** Open plan tasks it may be linked to, soonest due first. */
  tasks: readonly StatusTask[];
  /** The SKO the item is for: it travels in the modal's private_metadata. */
  eventId: number;
}

const metadataSchema = z.object({ link: z.string().max(2000).nullable(), event: z.number().int().positive().optional() });

/** The new-item form: what, who, by when, notes, and optionally the plan task it serves. */
function buildActionModal(defaults: ActionModalDefaults): ModalView {
  const taskOptions = defaults.tasks
    .slice(0, MAX_TASK_OPTIONS)
    .map((t) => ({ text: plain(truncate(`${t.title} (due ${formatDate(t.dueDate, { year: false })})`, 75)), value: String(t.id) }));
  const blocks: (InputBlock | ReturnType<typeof context>)[] = [
    ...(defaults.link ? [context(`From <${defaults.link}|this message>; the item will link back to it.`)] : []),
    input(B.title, 'What needs doing', {
      type: 'plain_text_input',
      action_id: A,
      max_length: MAX_TITLE_LENGTH,
      placeholder: plain('Send the pricing deck to finance'),
      ...(defaults.title ? { initial_value: defaults.title } : {}),
    }),
    input(B.owner, 'Owner', { type: 'users_select', action_id: A, initial_user: defaults.ownerSlackId }),
    input(
      B.due,
      'Due date',
      { type: 'datepicker', action_id: A },
      { optional: true, hint: "Reminders go out the day before, on the day, and on weekdays while it is overdue, at the event's reminder time." },
    ),
    input(B.notes, 'Notes', { type: 'plain_text_input', action_id: A, multiline: true, max_length: MAX_NOTES_LENGTH }, { optional: true }),
    ...(taskOptions.length
      ? [input(B.task, 'Plan task it serves', { type: 'static_select', action_id: A, options: taskOptions, placeholder: plain('None') }, { optional: true })]
      : []),
  ];
  return {
    type: 'modal',
    callback_id: ACTION_MODAL.callbackId,
    title: plain('New action item'),
    submit: plain('Add'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ link: defaults.link ?? null, event: defaults.eventId }),
    blocks,
  };
}

function input(blockId: string, label: string, element: InputBlock['element'], options: { optional?: boolean; hint?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element,
    optional: options.optional ?? false,
    ...(options.hint ? { hint: plain(options.hint) } : {}),
  };
}

/** Opens the form for an SKO's new item; an SKO that is gone or not found says why instead. */
export async function openActionModal(
  deps: Deps,
  triggerId: string,
  sko: EventRow | string,
  prefill: Omit<ActionModalDefaults, 'tasks' | 'eventId'>,
): Promise<void> {
  const plan = typeof sko === 'string' ? null : loadPlan(deps.db, sko);
  const view = plan
    ? buildActionModal({ ...prefill, eventId: plan.event.id, tasks: plan.tasks.filter((t) => t.status === 'open') })
    : buildNoticeModal('New action item', typeof sko === 'string' ? sko : NO_EVENT_TEXT);
  await deps.slack.views.open({ trigger_id: triggerId, view });
}

/** "New action item" in `/sko actions` and on the Home tab: for the SKO the button came with. */
export function handleCreateButton(deps: Deps) {
  return async ({ ack, body, action }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const event = eventOfButton(action.value, { db: deps.db, userId: body.user.id, channelId: body.channel?.id });
    await openActionModal(deps, body.trigger_id, event ?? 'That button belongs to an older message. Run `/sko actions` for a fresh one.', {
      ownerSlackId: body.user.id,
    });
  };
}

/**
 * The message's permalink, built from the shortcut's payload rather than asked of chat.getPermalink:
 * no call stands between Slack's 3-second trigger and the modal, and it works in conversations the
 * app is not a member of (see docs/decisions/005-action-items.md).
 */
function permalinkOf(shortcut: Pick<MessageShortcut, 'team' | 'channel' | 'message'>): string | null {
  if (!shortcut.team?.domain) return null;
  const base = `https://${shortcut.team.domain}.slack.com/archives/${shortcut.channel.id}/p${shortcut.message.ts.replace('.', '')}`;
  const thread = typeof shortcut.message.thread_ts === 'string' && shortcut.message.thread_ts !== shortcut.message.ts ? shortcut.message.thread_ts : null;
  return thread ? `${base}?thread_ts=${thread}&cid=${shortcut.channel.id}` : base;
}

/** "Create action item" on a message: the form, filled in with the message's text and a link back to it. */
export function handleActionShortcut(deps: Deps) {
  return async ({ ack, shortcut }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const { title, mentioned } = messageAsTitle(shortcut.message.text ?? '', (id) => findPersonBySlackId(deps.db, id)?.name ?? undefined);
    // A message that names one person is usually asking that person to do it.
    const people = [...new Set(mentioned)];
    // The SKO of the channel the message is in, else the person's own; several possible, they are listed.
    const sko = whichSko(deps.db, { slackUserId: shortcut.user.id, channelId: shortcut.channel.id });
    await openActionModal(deps, shortcut.trigger_id, sko.kind === 'found' ? sko.event : skoChoicesText(sko), {
      title,
      ownerSlackId: people.length === 1 && people[0] ? people[0] : shortcut.user.id,
      link: permalinkOf(shortcut),
    });
  };
}

const BLOCK_OF: Record<ActionFormField | 'task', string> = { title: B.title, owner: B.owner, due: B.due, notes: B.notes, task: B.task };

/** Validates (the owner with Slack too) before acknowledging, so nothing is written unless all of it is right. */
export function handleActionSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const opened = metadataSchema.safeParse(safeJson(view.private_metadata));
    // A form opened before SKOs were several carries none: the person's own SKO, when that is one.
    const event = eventOfButton(opened.success && opened.data.event ? String(opened.data.event) : undefined, { db: deps.db, userId: body.user.id });
    if (!event) {
      await ack({ response_action: 'update', view: buildNoticeModal('Not added', NO_EVENT_TEXT) });
      return;
    }
    const values = view.state.values;
    const now = deps.clock.now();
    const today = localDate(now, event.timeZone);
    const form = validateActionForm(
      {
        title: values[B.title]?.[A]?.value,
        ownerSlackId: values[B.owner]?.[A]?.selected_user,
        due: values[B.due]?.[A]?.selected_date,
        notes: values[B.notes]?.[A]?.value,
      },
      { today, timeZone: event.timeZone },
    );
    if (!form.ok) {
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(Object.entries(form.errors).map(([field, message]) => [BLOCK_OF[field as ActionFormField], message])),
      });
      return;
    }
    const owner = await checkOwner(deps.db, deps.slack, form.item.ownerSlackId, body.user.id);
    if (!owner.ok) {
      await ack({ response_action: 'errors', errors: { [B.owner]: owner.error } });
      return;
    }
    const link = opened.success ? opened.data.link : null;
    const taskValue = values[B.task]?.[A]?.selected_option?.value;
    let item: ActionItemView;
    try {
      item = createActionItem(
        deps.db,
        event,
        body.user.id,
        { ...form.item, link, taskId: taskValue ? Number(taskValue) : null, source: link ? 'shortcut' : 'modal', ownerProfile: owner.profile },
        now,
      );
    } catch (error) {
      if (error instanceof InputError && error.field === 'task') {
        await ack({ response_action: 'errors', errors: { [B.task]: error.message } });
        return;
      }
      throw error;
    }
    const next = nextItemReminder(deps.db, item.id);
    const forOwner = item.owner.slackUserId === body.user.id ? '' : ` for ${mention(item.owner.slackUserId ?? '')}, who has been told by direct message`;
    await ack({
      response_action: 'update',
      view: buildNoticeModal(
        'Action item added',
        `Added${forOwner}: *${escapeMrkdwn(truncate(item.title, 2000))}*\n${reminderNote(item, next, event.timeZone)} \`/sko actions\` lists your items.`,
      ),
    });
    tellNewOwner(deps, item, body.user.id, event, now);
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A DM to the owner when someone else gave them the item, through the outbox. */
export function tellNewOwner(deps: Deps, item: ActionItemView, bySlackId: string, event: EventRow, now: Date): void {
  const owner = item.owner.slackUserId;
  if (!owner || owner === bySlackId) return;
  const message = buildAssignedMessage(item, {
    bySlackId,
    eventName: event.name,
    today: localDate(now, event.timeZone),
    timeZone: event.timeZone,
    nextReminder: nextItemReminder(deps.db, item.id),
  });
  enqueue(deps.db, [
    {
      key: `action-assigned:${item.id}:${item.owner.personId}:${now.toISOString()}`,
      kind: 'action-assigned',
      label: `the news that “${truncate(item.title, 60)}” is theirs`,
      channel: owner,
      eventId: event.id,
      ...message,
    },
  ]);
  deps.outbox.kick();
}

// ── reassigning ──────────────────────────────────────────────────────────────────────────────

const surfaceSchema = z.union([
  z.object({ kind: z.literal('home') }),
  z.object({ kind: z.literal('ephemeral'), responseUrl: z.string().url(), list: z.array(z.number().int().positive()).max(50), scope: z.string().max(20) }),
  z.object({ kind: z.literal('message'), channel: z.string().max(30), ts: z.string().max(30) }),
]);
const reassignMetadata = z.object({ item: z.number().int().positive(), surface: surfaceSchema.nullable() });

function buildReassignItemModal(item: ActionItemView, surface: Surface | null): ModalView {
  const owner = item.owner.slackUserId ? mention(item.owner.slackUserId) : 'nobody in Slack';
  return {
    type: 'modal',
    callback_id: ACTION_REASSIGN_MODAL.callbackId,
    title: plain('Reassign action item'),
    submit: plain('Reassign'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ item: item.id, surface }),
    blocks: [
      section(`*${escapeMrkdwn(truncate(item.title, 2000))}*\nOwned by ${owner}${item.due ? ` · due ${formatDate(item.due, { year: false })}` : ''}`),
      {
        type: 'input',
        block_id: ACTION_REASSIGN_MODAL.blocks.owner,
        label: plain('New owner'),
        element: { type: 'users_select', action_id: ACTION_REASSIGN_MODAL.actionId, placeholder: plain('Choose a person') },
        hint: plain('They get a direct message with the item and its buttons; reminders go to them from now on.'),
      },
    ],
  };
}

/** Reassign…: the modal for those who may change the item; anyone else is told who can. */
export function handleReassignItemButton(deps: Deps) {
  return async ({ ack, body, action, respond }: ItemButtonArgs): Promise<void> => {
    await ack();
    const ref = parseItemRef(action.value);
    const row = ref?.item ? findItem(deps.db, ref.item) : undefined;
    const decision = row ? changeDecisionFor(deps.db, row.id, body.user.id) : null;
    if (!row || !ref || !decision?.allowed) {
      await tellClicker(deps, body, respond, decision && !decision.allowed ? decision.reason : ITEM_GONE, ABOUT_ITEM);
      return;
    }
    await deps.slack.views.open({ trigger_id: body.trigger_id, view: buildReassignItemModal(itemView(deps.db, row), surfaceOf(body, ref)) });
  };
}

export function handleReassignItemSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const newOwner = view.state.values[ACTION_REASSIGN_MODAL.blocks.owner]?.[ACTION_REASSIGN_MODAL.actionId]?.selected_user ?? '';
    if (!newOwner) {
      await ack({ response_action: 'errors', errors: { [ACTION_REASSIGN_MODAL.blocks.owner]: 'Choose who takes it over.' } });
      return;
    }
    const metadata = reassignMetadata.safeParse(safeJson(view.private_metadata));
    if (!metadata.success) {
      await ack({ response_action: 'update', view: buildNoticeModal('Not reassigned', 'This form is out of date. Run `/sko actions` and try again.') });
      return;
    }
    const owner = await checkOwner(deps.db, deps.slack, newOwner, body.user.id);
    if (!owner.ok) {
      await ack({ response_action: 'errors', errors: { [ACTION_REASSIGN_MODAL.blocks.owner]: owner.error } });
      return;
    }
    const now = deps.clock.now();
    const outcome = await unlessRefused(
      () => changeActionItem(deps.db, metadata.data.item, body.user.id, { kind: 'reassign', ownerSlackId: newOwner, ownerProfile: owner.profile }, now),
      (message) => ack({ response_action: 'update', view: buildNoticeModal('Not reassigned', message) }),
    );
    if (outcome === undefined) return;
    const { item, previousOwner, event } = outcome;
    const unchanged = previousOwner.personId === item.owner.personId;
    const title = `*${escapeMrkdwn(truncate(item.title, 2000))}*`;
    await ack({
      response_action: 'update',
      view: buildNoticeModal(
        'Reassigned',
        unchanged
          ? `${mention(newOwner)} already owns ${title}.`
          : `${title} now belongs to ${mention(newOwner)}${newOwner === body.user.id ? '' : ', who has been told by direct message'}.`,
      ),
    });
    if (unchanged) return;
    tellNewOwner(deps, item, body.user.id, event, now);
    if (metadata.data.surface) await redraw(deps, metadata.data.surface, body.user.id, item);
  };
}
