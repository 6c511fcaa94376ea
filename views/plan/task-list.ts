import type { AllMiddlewareArgs, BlockAction, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock, SectionBlock } from '@slack/types';
import { z } from 'zod';
import type { Deps } from '../../src/deps.js';
import { localDate } from '../../src/domain/dates.js';
import { LESSONS_TASK_KEY } from '../../src/domain/plan/lessons.js';
import type { StatusTask } from '../../src/domain/plan/status.js';
import { isUserFacing } from '../../src/errors.js';
import type { EventRow } from '../../src/services/plan/event-store.js';
import { openTasksOf, reassignDecision, setTaskStatus, tasksByIds } from '../../src/services/plan/tasks.js';
import { refreshHome } from '../home/home.js';
import { actions, type Blocks, button, context, escapeMrkdwn, header, mention, type SlackMessage, section, truncate } from '../kit/blocks.js';
import { formatDate, plural, readerDate, taskMark } from '../kit/format.js';
import { TASKS } from '../kit/ids.js';
import { refreshChannelCanvas } from './canvas.js';

/**
 * What a task button carries: the task, for `/sko tasks` (ephemeral, so Slack sends no copy back)
 * every task listed, and for a button about no task in particular the SKO it belongs to.
 */
export interface TaskRef {
  task?: number | undefined;
  list?: number[] | undefined;
  event?: number | undefined;
}

const refSchema = z.object({
  t: z.number().int().positive().optional(),
  l: z.array(z.number().int().positive()).max(100).optional(),
  e: z.number().int().positive().optional(),
});

export function encodeTaskRef(ref: TaskRef): string {
  return JSON.stringify({ ...(ref.task ? { t: ref.task } : {}), ...(ref.list ? { l: ref.list } : {}), ...(ref.event ? { e: ref.event } : {}) });
}

export function parseTaskRef(value: string | undefined): TaskRef | null {
  try {
    const parsed = refSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? { task: parsed.data.t, list: parsed.data.l, event: parsed.data.e } : null;
  } catch {
    return null;
  }
}

const STALE_BUTTON = 'That button is out of date. Run `/sko tasks` for your current tasks.';
/** A message holds at most 50 blocks; the rest of the list is a command away. */
const MAX_TASKS_SHOWN = 40;

export interface TaskViewOptions {
  /** Today in the event's time zone: what is overdue. */
  today: string;
  timeZone: string;
  /** The person reading: their own tasks do not name their owner. */
  viewerSlackId?: string | undefined;
  /** The tasks listed alongside, for lists Slack will not send back (ephemeral replies). */
  list?: number[] | undefined;
}

function taskLine(task: StatusTask, options: TaskViewOptions): string {
  const overdue = task.status === 'open' && task.dueDate < options.today;
  const mark = taskMark(task, options.today);
  const title = task.status === 'done' ? `~${escapeMrkdwn(task.title)}~` : `*${escapeMrkdwn(task.title)}*`;
  const parts: string[] = [];
  if (task.status === 'done' && task.done) parts.push(doneLine(task, task.done, options.timeZone));
  else if (task.status === 'scheduled') parts.push(scheduledLine(task, options.timeZone));
  else parts.push(`${overdue ? 'Was due' : 'Due'} ${readerDate(task.dueDate, { year: false })}`);
  const ownerId = task.owner?.slackUserId;
  if (task.status === 'scheduled') {
    // Nobody is asked to do it, so nobody is named.
  } else if (ownerId && ownerId !== options.viewerSlackId) parts.push(mention(ownerId));
  else if (!task.owner) parts.push('_no owner_');
  const failure = task.status === 'open' && task.app?.failure ? `\n:warning: SKO Conductor could not do it: ${task.app.failure}` : '';
  return `${mark} ${title}\n${parts.join(' · ')}${failure}`;
}

function doneLine(task: StatusTask, done: NonNullable<StatusTask['done']>, timeZone: string): string {
  const on = formatDate(localDate(new Date(done.at), timeZone), { year: false });
  if (done.by?.slackUserId) return `Done by ${mention(done.by.slackUserId)} ${on}`;
  if (task.app?.delivered) return `Done by SKO Conductor ${on}: sent to ${plural(task.app.delivered, 'person', 'people')}`;
  return `Done ${on}`;
}

function scheduledLine(task: StatusTask, timeZone: string): string {
  const at = task.app?.sendsAt;
  const when = at ? ` ${formatDate(localDate(new Date(at), timeZone), { year: false })}` : '';
  return `SKO Conductor sends it${when}: nothing to do`;
}

/** One task as a section with its button: Mark done while open, Undo once done. */
export function taskSection(task: StatusTask, options: TaskViewOptions): SectionBlock {
  const accessory = accessoryOf(task, encodeTaskRef({ task: task.id, list: options.list }));
  return { ...section(taskLine(task, options)), block_id: `${TASKS.blockPrefix}${task.id}`, ...(accessory ? { accessory } : {}) };
}

/** Undo once done by a person, Mark done while open (for the lessons task, its form, which reopens with what was saved); nothing on what SKO Conductor does or did. */
function accessoryOf(task: StatusTask, value: string) {
  if (task.status === 'scheduled' || (task.status === 'done' && !task.done?.by)) return undefined;
  if (task.key === LESSONS_TASK_KEY && task.status === 'open') return button('Capture lessons', TASKS.lessons, { value, style: 'primary' });
  return task.status === 'done' ? button('Undo', TASKS.undo, { value }) : button('Mark done', TASKS.markDone, { value, style: 'primary' });
}

/** Task sections, capped to fit a message, with a reassign button for those who may reassign. */
export function taskBlocks(list: readonly StatusTask[], options: TaskViewOptions & { mayReassign: boolean }): Blocks {
  const shown = list.slice(0, MAX_TASKS_SHOWN);
  const blocks: Blocks = shown.map((t) => taskSection(t, options));
  if (list.length > shown.length) blocks.push(context(`…and ${list.length - shown.length} more: \`/sko plan\` shows every task.`));
  if (options.mayReassign && shown.some((t) => t.status === 'open')) {
    blocks.push({
      ...actions(button('Reassign a task…', TASKS.reassign, { value: encodeTaskRef({ list: shown.filter((t) => t.status === 'open').map((t) => t.id) }) })),
      block_id: TASKS.actionsBlock,
    });
  }
  return blocks;
}

/** `/sko tasks`: the caller's open tasks, each with a button. */
function buildMyTasksMessage(
  list: readonly StatusTask[],
  options: { today: string; timeZone: string; viewerSlackId: string; mayReassign: boolean; eventName: string },
): SlackMessage {
  if (list.length === 0) {
    const text = 'You have no open tasks in the SKO plan. `/sko plan` shows the whole plan.';
    return { text, blocks: [section(`:white_check_mark: ${text}`)] };
  }
  const open = list.filter((t) => t.status === 'open').length;
  const ids = list.slice(0, MAX_TASKS_SHOWN).map((t) => t.id);
  return {
    text: `Your tasks for ${options.eventName}: ${plural(open, 'open task')}`,
    blocks: [
      header(truncate(`Your tasks: ${options.eventName}`, 150)),
      ...taskBlocks(list, { ...options, list: ids }),
      context('Mark done records who and when; Undo reopens a task. `/sko plan` shows the whole plan.'),
    ],
  };
}

/** Replaces the task sections of a posted message with the tasks as they now stand; everything else stays. */
function refreshTaskBlocks(blocks: readonly KnownBlock[], current: ReadonlyMap<number, StatusTask>, options: TaskViewOptions): KnownBlock[] {
  return blocks.map((block) => {
    const id = taskIdOfBlock(block);
    const task = id === null ? undefined : current.get(id);
    return task ? taskSection(task, options) : block;
  });
}

function taskIdOfBlock(block: KnownBlock): number | null {
  const match = new RegExp(`^${TASKS.blockPrefix}(\\d+)$`).exec(block.block_id ?? '');
  return match ? Number(match[1]) : null;
}

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Mark done (status 'done') and Undo (status 'open'): record it, then show it in place. */
export function handleTaskButton(deps: Deps, status: 'done' | 'open') {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = parseTaskRef(action.value);
    if (!ref?.task) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: STALE_BUTTON });
      return;
    }
    try {
      setTaskStatus(deps.db, ref.task, body.user.id, status, deps.clock.now());
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await respond({ response_type: 'ephemeral', replace_original: false, text: error.message });
      return;
    }
    await showInPlace(deps, body, respond, ref);
    // The owner's App Home lists their open tasks; a home never opened has nothing to refresh.
    const plan = tasksByIds(deps.db, [ref.task]);
    const owner = plan?.tasks[0]?.owner?.slackUserId;
    if (owner) await refreshHome(deps, owner);
    if (plan) await refreshChannelCanvas(deps, plan.plan.event.id);
  };
}

/**
 * Ephemeral replies cannot be edited with chat.update, and Slack does not send them back, so they
 * are redrawn from the listed ids through the response_url; posted messages are edited task by task.
 */
async function showInPlace(deps: Deps, body: BlockAction, respond: RespondFn, ref: TaskRef): Promise<void> {
  const ids = ref.list ?? (ref.task ? [ref.task] : []);
  if (body.container.is_ephemeral || !body.message || !body.channel) {
    const found = tasksByIds(deps.db, ids);
    if (!found) return;
    const timeZone = found.plan.timeline.dates.timeZone;
    const message = buildMyTasksMessage(found.tasks, {
      today: localDate(deps.clock.now(), timeZone),
      timeZone,
      viewerSlackId: body.user.id,
      mayReassign: reassignDecision(deps.db, found.plan.event, body.user.id).allowed,
      eventName: found.plan.event.name,
    });
    await respond({ replace_original: true, ...message });
    return;
  }
  const blocks = (body.message.blocks ?? []) as KnownBlock[];
  const found = tasksByIds(
    deps.db,
    blocks.map(taskIdOfBlock).filter((id): id is number => id !== null),
  );
  if (!found) return;
  const timeZone = found.plan.timeline.dates.timeZone;
  await deps.slack.chat.update({
    channel: body.channel.id,
    ts: body.message.ts,
    text: body.message.text ?? '',
    blocks: refreshTaskBlocks(blocks, new Map(found.tasks.map((t) => [t.id, t])), {
      today: localDate(deps.clock.now(), timeZone),
      timeZone,
      viewerSlackId: body.user.id,
    }),
  });
}

/** `/sko tasks` as a reply: the caller's open tasks. */
export function myTasksReply(deps: Deps, event: EventRow, slackUserId: string): SlackMessage {
  const mine = openTasksOf(deps.db, event, slackUserId);
  const timeZone = mine.plan.timeline.dates.timeZone;
  return buildMyTasksMessage(mine.tasks, {
    today: localDate(deps.clock.now(), timeZone),
    timeZone,
    viewerSlackId: slackUserId,
    mayReassign: reassignDecision(deps.db, event, slackUserId).allowed,
    eventName: mine.plan.event.name,
  });
}
