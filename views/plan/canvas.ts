import type { PortalSession } from '../../src/agents/sales-ops.js';
import type { Deps } from '../../src/deps.js';
import { localDate } from '../../src/domain/dates.js';
import { PLAYBOOK } from '../../src/domain/plan/playbook.js';
import type { StatusTask } from '../../src/domain/plan/status.js';
import type { Timeline } from '../../src/domain/plan/timeline.js';
import { type StoredSession, sessionsOf } from '../../src/services/agenda/sessions.js';
import { planOf, saveCanvas } from '../../src/services/plan/event-store.js';
import { portal } from '../../src/services/sales/sales-ops.js';
import { formatDate } from '../kit/format.js';

interface CanvasInput {
  eventName: string;
  today: string;
  timeline: Timeline;
  tasks: readonly StatusTask[];
  sessions: readonly StoredSession[];
  materials: readonly PortalSession[];
}

/** Canvas markdown names a person as ![](@U…); someone the app knows only by name keeps their name. */
const owner = (t: StatusTask) => (t.owner?.slackUserId ? `![](@${t.owner.slackUserId})` : (t.owner?.name ?? 'no owner yet'));
const mark = (t: StatusTask, today: string) => (t.status === 'done' ? '✅' : t.status === 'scheduled' ? '📤' : t.dueDate < today ? '🔴' : '⚪');

/**
 * The SKO channel's one living page: the plan by phase with owners and progress, the agenda by
 * day, and the materials, rewritten whole whenever one of them changes.
 */
function buildChannelCanvas(input: CanvasInput): string {
  const done = input.tasks.filter((t) => t.status === 'done').length;
  const lines = [`# ${input.eventName}`, `${done} of ${input.tasks.length} tasks done · as of ${formatDate(input.today, { year: true })}`, '', '## The plan'];
  for (const phase of PLAYBOOK.phases) {
    const inPhase = input.tasks.filter((t) => t.phase === phase.number);
    if (inPhase.length === 0) continue;
    const first = input.timeline.weeks[phase.weeks.from - 1];
    const last = input.timeline.weeks[phase.weeks.to - 1];
    const span = first && last ? ` (${formatDate(first.start)} – ${formatDate(last.end)})` : '';
    const phaseDone = inPhase.filter((t) => t.status === 'done').length;
    lines.push(`### Phase ${phase.number}: ${phase.name}${span}`, `${phaseDone} of ${inPhase.length} done`, '');
    for (const t of inPhase) lines.push(`- ${mark(t, input.today)} ${t.title} · ${owner(t)} · due ${formatDate(t.dueDate)}`);
    lines.push('');
  }
  lines.push('## Agenda');
  if (input.sessions.length === 0) lines.push('No sessions yet: `/sko agenda add` adds one.');
  for (const day of [...new Set(input.sessions.map((s) => s.day))].sort((a, b) => a - b)) {
    lines.push(`### Day ${day}`);
    for (const s of input.sessions.filter((x) => x.day === day))
      lines.push(`- ${s.start}–${s.end} ${s.title}${s.speakers.length ? ` · ${s.speakers.join(', ')}` : ''}`);
    lines.push('');
  }
  lines.push('', '## Materials');
  if (input.materials.length === 0) lines.push('No materials yet: they are added with `/sko materials add`.');
  for (const m of input.materials) lines.push(`- ${m.session}: ${m.items.map((i) => `[${i.kind}](${i.url})`).join(' · ')}`);
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * Writes the SKO channel's canvas as things stand: made the first time, rewritten after. A canvas
 * that cannot be written only goes stale, so it is logged, never raised to whoever changed the plan.
 */
export async function refreshChannelCanvas(deps: Deps, eventId: number): Promise<void> {
  const plan = planOf(deps.db, eventId);
  if (!plan) return;
  const { event } = plan;
  const markdown = buildChannelCanvas({
    eventName: event.name,
    today: localDate(deps.clock.now(), event.timeZone),
    timeline: plan.timeline,
    tasks: plan.tasks,
    sessions: sessionsOf(deps.db, event.id),
    materials: portal(deps.db, event.id),
  });
  const content = { type: 'markdown' as const, markdown };
  try {
    if (event.canvasId && event.canvasChannelId === event.channelId) {
      await deps.slack.canvases.edit({ canvas_id: event.canvasId, changes: [{ operation: 'replace', document_content: content }] });
      return;
    }
    const made = await deps.slack.conversations.canvases.create({ channel_id: event.channelId, document_content: content });
    if (made.canvas_id) saveCanvas(deps.db, event.id, { channelId: event.channelId, canvasId: made.canvas_id });
  } catch (error) {
    deps.logger.warn(`canvas: could not write the SKO channel's canvas in ${event.channelId}:`, error);
  }
}
