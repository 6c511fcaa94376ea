import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { localDate } from '../../src/domain/dates.js';
import type { StatusTask } from '../../src/domain/plan/status.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { type EventPlan, loadPlan, planOf } from '../../src/services/plan/event-store.js';
import { reassignDecision, reassignTask, tasksByIds } from '../../src/services/plan/tasks.js';
import { whichSko } from '../../src/services/plan/which-sko.js';
import { context, escapeMrkdwn, mention, plain, type SlackMessage, section, truncate } from '../kit/blocks.js';
import { formatDate } from '../kit/format.js';
import { REASSIGN_MODAL } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { buildNoticeModal } from './setup-modal.js';
import { type ButtonArgs, parseTaskRef, taskSection } from './task-list.js';

const { blocks: B, actionId: A } = REASSIGN_MODAL;
/** A static select offers at most 100 options. */
const MAX_OPTIONS = 100;

/** Choose an open task and its new owner; the task is preselected when there is only one. */
function buildReassignModal(open: readonly StatusTask[]): ModalView {
  const options = open.slice(0, MAX_OPTIONS).map((t) => ({
    text: plain(truncate(`${t.title} (due ${formatDate(t.dueDate, { year: false })})`, 75)),
    value: String(t.id),
  }));
  return {
    type: 'modal',
    callback_id: REASSIGN_MODAL.callbackId,
    title: plain('Reassign a task'),
    submit: plain('Reassign'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: B.task,
        label: plain('Task'),
        element: {
          type: 'static_select',
          action_id: A,
          options,
          ...(options.length === 1 && options[0] ? { initial_option: options[0] } : {}),
          placeholder: plain('Choose a task'),
        },
      },
      {
        type: 'input',
        block_id: B.owner,
        label: plain('New owner'),
        element: { type: 'users_select', action_id: A, placeholder: plain('Choose a person') },
        hint: plain('They get a direct message with the task and its Mark done button.'),
      },
    ],
  };
}

/** Opens the modal on the open tasks among `ids` (all the SKO's open tasks when none are given). */
async function openReassignModal(deps: Deps, triggerId: string, plan: EventPlan, ids: readonly number[]): Promise<void> {
  const candidates = ids.length ? plan.tasks.filter((t) => ids.includes(t.id)) : plan.tasks;
  const open = candidates.filter((t) => t.status === 'open');
  const view = open.length ? buildReassignModal(open) : buildNoticeModal('Reassign a task', 'There are no open tasks to reassign.');
  await deps.slack.views.open({ trigger_id: triggerId, view });
}

/** The DM the new owner receives. */
function buildAssignedMessage(task: StatusTask, options: { bySlackId: string; eventName: string; today: string; timeZone: string }): SlackMessage {
  return {
    text: `${task.title}: you are now its owner (due ${formatDate(task.dueDate, { year: false })})`,
    blocks: [
      section(`${mention(options.bySlackId)} gave you a task in *${escapeMrkdwn(options.eventName)}*:`),
      taskSection(task, { today: options.today, timeZone: options.timeZone, viewerSlackId: task.owner?.slackUserId ?? undefined }),
      context('`/sko tasks` lists everything you own.'),
    ],
  };
}

/** A button posted before SKOs were several carries none: it is about the SKO its channel or its clicker is in, when that is one. */
function planFromBefore(deps: Deps, body: ButtonArgs['body']): EventPlan | undefined {
  const sko = whichSko(deps.db, { slackUserId: body.user.id, channelId: body.channel?.id });
  return sko.kind === 'found' ? loadPlan(deps.db, sko.event) : undefined;
}

/** Reassign a task…: the SKO lead and admins get the modal; anyone else is told who can. */
export function handleReassignButton(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = parseTaskRef(action.value);
    const plan = ref?.event ? planOf(deps.db, ref.event) : ref?.list?.length ? tasksByIds(deps.db, ref.list)?.plan : planFromBefore(deps, body);
    if (!plan) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That button belongs to an older message. Run `/sko plan` for a fresh one.' });
      return;
    }
    const decision = reassignDecision(deps.db, plan.event, body.user.id);
    if (!decision.allowed) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: decision.reason });
      return;
    }
    await openReassignModal(deps, body.trigger_id, plan, ref?.list ?? []);
  };
}

export function handleReassignSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const values = view.state.values;
    const taskId = Number(values[B.task]?.[A]?.selected_option?.value ?? NaN);
    const newOwner = values[B.owner]?.[A]?.selected_user ?? '';
    const errors: Record<string, string> = {};
    if (!Number.isInteger(taskId) || taskId <= 0) errors[B.task] = 'Choose the task to reassign.';
    if (!newOwner) errors[B.owner] = 'Choose who takes the task over.';
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const now = deps.clock.now();
    const result = await unlessRefused(
      () => reassignTask(deps.db, taskId, body.user.id, newOwner, now),
      (message) => ack({ response_action: 'update', view: buildNoticeModal('Not reassigned', message) }),
    );
    if (result === undefined) return;
    const { task, previous, event } = result;
    const unchanged = previous?.slackUserId === newOwner;
    await ack({
      response_action: 'update',
      view: buildNoticeModal(
        'Task reassigned',
        unchanged
          ? `${mention(newOwner)} already owns *${escapeMrkdwn(task.title)}*.`
          : `*${escapeMrkdwn(task.title)}* now belongs to ${mention(newOwner)}${newOwner === body.user.id ? '' : ', who has been told by direct message'}.`,
      ),
    });
    if (unchanged || newOwner === body.user.id || !task.owner) return;
    const message = buildAssignedMessage(task, {
      bySlackId: body.user.id,
      eventName: event.name,
      today: localDate(now, event.timeZone),
      timeZone: event.timeZone,
    });
    enqueue(deps.db, [
      {
        key: `assigned:${task.id}:${task.owner.personId}:${now.toISOString()}`,
        kind: 'task-assigned',
        label: `the news that “${task.title}” is theirs`,
        channel: newOwner,
        eventId: event.id,
        ...message,
      },
    ]);
    deps.outbox.kick();
  };
}
