import { PLAYBOOK } from '../../src/domain/plan/playbook.js';
import type { StatusTask } from '../../src/domain/plan/status.js';
import type { Timeline } from '../../src/domain/plan/timeline.js';
import { actions, type Blocks, button, context, escapeMrkdwn, header, SECTION_TEXT_LIMIT, type SlackMessage, section, truncate } from '../kit/blocks.js';
import { formatDate, plural } from '../kit/format.js';
import { TASKS } from '../kit/ids.js';
import { planLine } from './task-line.js';
import { encodeTaskRef } from './task-list.js';

function progressBar(done: number, total: number, width = 10): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `${'▰'.repeat(filled)}${'▱'.repeat(width - filled)}`;
}

/** Lines packed into as few sections as Slack's 3,000-character limit allows. */
function sections(title: string, lines: string[]): Blocks {
  const out: Blocks = [];
  let current = title;
  for (const line of lines) {
    if (current.length + line.length + 1 > SECTION_TEXT_LIMIT - 50) {
      out.push(section(current));
      current = line;
    } else current = `${current}\n${line}`;
  }
  out.push(section(current));
  return out;
}

/** `/sko plan`: every task by phase, with progress, for everyone; reassigning for those who may. */
export function buildPlanMessage(
  plan: { event: { id: number; name: string }; timeline: Timeline; tasks: readonly StatusTask[] },
  options: { today: string; mayReassign: boolean },
): SlackMessage {
  const { tasks, timeline } = plan;
  const done = tasks.filter((t) => t.status === 'done').length;
  const overdue = tasks.filter((t) => t.status === 'open' && t.dueDate < options.today).length;
  const blocks: Blocks = [
    header(truncate(`The plan: ${plan.event.name}`, 150)),
    section(`${progressBar(done, tasks.length)} *${done} of ${plural(tasks.length, 'task')} done*${overdue ? ` · :red_circle: ${overdue} overdue` : ''}`),
  ];
  for (const phase of PLAYBOOK.phases) {
    const inPhase = tasks.filter((t) => t.phase === phase.number);
    if (inPhase.length === 0) continue;
    const first = timeline.weeks[phase.weeks.from - 1];
    const last = timeline.weeks[phase.weeks.to - 1];
    const span = first && last ? ` · ${formatDate(first.start, { year: false })} – ${formatDate(last.end, { year: false })}` : '';
    const phaseDone = inPhase.filter((t) => t.status === 'done').length;
    const weeks = phase.weeks.from === phase.weeks.to ? `week ${phase.weeks.from}` : `weeks ${phase.weeks.from}–${phase.weeks.to}`;
    const title = `*Phase ${phase.number} · ${escapeMrkdwn(phase.name)}* (${weeks}${span})\n${progressBar(phaseDone, inPhase.length)} ${phaseDone} of ${inPhase.length} done`;
    blocks.push(
      ...sections(
        title,
        inPhase.map((t) => planLine(t, options.today)),
      ),
    );
  }
  if (options.mayReassign && done < tasks.length)
    blocks.push({ ...actions(button('Reassign a task…', TASKS.reassign, { value: encodeTaskRef({ event: plan.event.id }) })), block_id: TASKS.actionsBlock });
  blocks.push(
    context(
      ':white_check_mark: done · :white_circle: open · :red_circle: overdue · :outbox_tray: SKO Conductor sends it · `/sko tasks` shows your own tasks with Mark done buttons',
    ),
  );
  return { text: `The plan for ${plan.event.name}: ${done} of ${plural(tasks.length, 'task')} done`, blocks };
}
