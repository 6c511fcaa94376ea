import type { StatusTask } from '../../src/domain/plan/status.js';
import { roleInSentence } from '../../src/domain/roles.js';
import { escapeMrkdwn, mention } from '../kit/blocks.js';
import { formatDate, plural, taskMark } from '../kit/format.js';

/** A task in one line: mark, title, who (or SKO Conductor), due date, and why the app could not do it. */
export function planLine(task: StatusTask, today: string): string {
  const mark = taskMark(task, today);
  const due = `due ${formatDate(task.dueDate, { year: false })}`;
  if (task.status === 'scheduled') return `${mark} ${escapeMrkdwn(task.title)} · SKO Conductor sends it · ${due}`;
  if (task.status === 'done' && task.app?.delivered && !task.done?.by)
    return `${mark} ${escapeMrkdwn(task.title)} · done by SKO Conductor: sent to ${plural(task.app.delivered, 'person', 'people')}`;
  const owner = task.owner?.slackUserId ? mention(task.owner.slackUserId) : `_${roleInSentence(task.ownerRole)} (unassigned)_`;
  const failure = task.app?.failure ? ` · :warning: ${escapeMrkdwn(task.app.failure)}` : '';
  return `${mark} ${escapeMrkdwn(task.title)} · ${owner} · ${due}${failure}`;
}
