import { PLAYBOOK } from '../src/domain/plan/playbook.js';
import type { Notice, PhaseStartNotice, TaskReminderNotice, WeekStartNotice } from '../src/domain/plan/reminders.js';
import { roleInSentence } from '../src/domain/roles.js';
import type { MessageAttachment } from '../src/services/delivery/enqueue.js';
import type { DispatchNotice } from '../src/services/delivery/schedule.js';
import { buildActionReminderMessage, buildCommitmentInviteMessage, buildEscalationMessage } from './action-items/messages.js';
import { buildMorningAgendaMessage } from './agenda/message.js';
import { buildRunOfShowDm } from './agenda/run-of-show.js';
import { renderCommunication } from './comms/messages.js';
import { renderDigest } from './insights/digest-message.js';
import { context, escapeMrkdwn, header, mention, type SlackMessage, section, truncate } from './kit/blocks.js';
import { countdownText, formatDate, plural, readerDate, readerDay, relativeDay } from './kit/format.js';
import { taskBlocks } from './plan/task-list.js';
import { buildTravelReminderMessage } from './travel/message.js';

const countdown = (notice: Notice): string => countdownText(notice.daysToDay1);

function viewer(notice: Notice): { viewerSlackId: string | undefined; mayReassign: boolean } {
  return notice.to.kind === 'person'
    ? { viewerSlackId: notice.to.person.slackUserId ?? undefined, mayReassign: notice.to.mayReassign }
    : { viewerSlackId: undefined, mayReassign: false };
}

const footer = (notice: Notice) => context(`${escapeMrkdwn(notice.eventName)} · \`/sko tasks\` lists everything you own · \`/sko plan\` shows the whole plan`);

/** Monday's DM: this plan week's open tasks for one owner, each with Mark done. */
function buildWeekStartMessage(notice: WeekStartNotice): SlackMessage {
  const open = plural(notice.tasks.length, 'open task');
  return {
    text: `Week ${notice.week} of ${notice.weeks} (${notice.focus}): you have ${open} this week.`,
    blocks: [
      header(truncate(`Week ${notice.week} of ${notice.weeks}: ${notice.focus}`, 150)),
      section(
        `*Phase ${notice.phase.number} · ${escapeMrkdwn(notice.phase.name)}* · ${formatDate(notice.window.start, { year: false })} – ${formatDate(notice.window.end, { year: false })}\nYou have ${open} this week. ${countdown(notice)}`,
      ),
      ...taskBlocks(notice.tasks, { today: notice.today, timeZone: notice.timeZone, ...viewer(notice) }),
      footer(notice),
    ],
  };
}

/** In the event channel when a phase begins: what it is about and who carries it. */
function buildPhaseStartMessage(notice: PhaseStartNotice): SlackMessage {
  const { phase } = notice;
  const weeks = phase.firstWeek === phase.lastWeek ? `Week ${phase.firstWeek}` : `Weeks ${phase.firstWeek}–${phase.lastWeek}`;
  const owners = notice.owners.map(
    (o) => `• ${o.owner?.slackUserId ? mention(o.owner.slackUserId) : `_${roleInSentence(o.role)} (unassigned)_`}: ${plural(o.tasks, 'task')}`,
  );
  return {
    text: `Phase ${phase.number} of ${PLAYBOOK.phases.length} begins: ${phase.name} (${weeks.toLowerCase()})`,
    blocks: [
      header(truncate(`Phase ${phase.number} begins: ${phase.name}`, 150)),
      section(`*${weeks}* · ${formatDate(notice.window.start, { year: false })} – ${formatDate(notice.window.end, { year: false })} · ${countdown(notice)}`),
      section(`*Focus*\n${notice.weekFocus.map((w) => `• Week ${w.week}: ${escapeMrkdwn(w.focus)}`).join('\n')}`),
      section(`*Who owns what (${plural(notice.taskCount, 'task')})*\n${owners.join('\n')}`),
      context(
        `Plan progress: ${notice.progress.done} of ${plural(notice.progress.total, 'task')} done · Owners get their tasks by DM each week · \`/sko plan\` shows every task`,
      ),
    ],
  };
}

/** Two days before a due date, and the working day after it: the owner's tasks due then and still open. */
function buildTaskReminderMessage(notice: TaskReminderNotice): SlackMessage {
  const when = formatDate(notice.dueDate, { year: false });
  const count = plural(notice.tasks.length, 'task');
  const [text, lead] =
    notice.type === 'due-soon'
      ? [
          `Reminder: ${count} due ${relativeDay(notice.today, notice.dueDate)} (${when})`,
          `:alarm_clock: *Due ${readerDay(notice.dueDate, `${relativeDay(notice.today, notice.dueDate)}: ${when}`)}*`,
        ]
      : [
          `Overdue: ${count} due ${when} ${notice.tasks.length === 1 ? 'is' : 'are'} still open`,
          `:red_circle: *Overdue since ${readerDate(notice.dueDate, { year: false })}*\nMark ${notice.tasks.length === 1 ? 'it' : 'them'} done if finished, or tell the SKO lead if ${notice.tasks.length === 1 ? 'it needs' : 'they need'} a new owner or date.`,
        ];
  return {
    text,
    blocks: [section(lead), ...taskBlocks(notice.tasks, { today: notice.today, timeZone: notice.timeZone, ...viewer(notice) }), footer(notice)],
  };
}

/** The Block Kit for each kind of notice the dispatcher produces (and the charts a digest carries). */
export function renderNotice(notice: DispatchNotice): SlackMessage & { attachments?: MessageAttachment[] } {
  switch (notice.type) {
    case 'digest':
      return renderDigest(notice);
    case 'morning-agenda':
      return buildMorningAgendaMessage(notice);
    case 'run-of-show':
      return buildRunOfShowDm(notice);
    case 'action-reminder':
      return buildActionReminderMessage(notice);
    case 'action-escalation':
      return buildEscalationMessage(notice);
    case 'commitments-invite':
      return buildCommitmentInviteMessage(notice);
    case 'week-start':
      return buildWeekStartMessage(notice);
    case 'phase-start':
      return buildPhaseStartMessage(notice);
    case 'due-soon':
    case 'overdue':
      return buildTaskReminderMessage(notice);
    case 'travel-reminder':
      return buildTravelReminderMessage(notice);
    default:
      return renderCommunication(notice);
  }
}
