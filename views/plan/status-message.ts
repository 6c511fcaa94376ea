import type { KnownBlock } from '@slack/types';
import { daysBetween, localDate } from '../../src/domain/dates.js';
import { explainDeliveryError } from '../../src/domain/delivery.js';
import type { MetricResult } from '../../src/domain/insights/scorecard.js';
import { GTM_CHALLENGE_INFO, type GtmChallenge } from '../../src/domain/plan/gtm.js';
import { CHASE_AFTER_PLAN_MS } from '../../src/domain/plan/reminders.js';
import type { StatusReport, StatusTask } from '../../src/domain/plan/status.js';
import type { DeliveryProblems } from '../../src/services/delivery/delivery-problems.js';
import type { Pause } from '../../src/services/delivery/pauses.js';
import { formatMetricValue } from '../insights/scorecard-message.js';
import { type Blocks, channelMention, context, divider, escapeMrkdwn, header, mention, type SlackMessage, section } from '../kit/blocks.js';
import { formatDate, plural } from '../kit/format.js';
import { planLine } from './task-line.js';

const TASKS_SHOWN = 12;

export const NO_EVENT_TEXT = 'No SKO yet. Run `/sko setup` to plan your Sales Kickoff: it takes about two minutes.';

export function buildNoEventMessage(): SlackMessage {
  return { text: NO_EVENT_TEXT, blocks: [section(`:wave: ${NO_EVENT_TEXT}`)] };
}

/** What `/sko status` shows (and the App Home's top): where the SKO stands and what needs doing; delivery problems only for those allowed to see them. */
export function buildStatusMessage(
  report: StatusReport,
  options: { deliveryProblems?: DeliveryProblems | null; pauses?: readonly Pause[] | null; frozenScorecard?: readonly MetricResult[] | null } = {},
): SlackMessage {
  const { event } = report;
  const blocks: Blocks = [header(event.name), section(statusHeadline(report))];
  if (options.frozenScorecard) blocks.push(archivedSection(report, options.frozenScorecard));

  if (report.compression) {
    blocks.push(
      section(
        `:warning: *Compressed plan.* Planning started with ${report.compression.weeksAvailable} weeks to go, so weeks 1–9 of the playbook are squeezed into ${report.compression.weeksAvailable} weeks. A quality SKO needs 12 weeks of preparation: start earlier next time.`,
      ),
    );
  }

  if (report.focus) {
    const title = report.position.kind === 'before' ? `*Coming up in week 1:* ${report.focus.text}` : `*This week's focus:* ${report.focus.text}`;
    blocks.push(divider(), section(`${title}\n${taskLines(report.weekTasks, report.today)}`));
  }

  if (report.overdue.length) {
    blocks.push(section(`${overdueTitle(report)}\n${taskLines(report.overdue, report.today)}`));
  } else if (report.position.kind !== 'before') {
    blocks.push(section('*Overdue:* nothing :white_check_mark:'));
  }

  if (report.milestones.length) {
    blocks.push(section(`*Next milestones*\n${report.milestones.map((m) => `• ${formatDate(m.date)}: ${escapeMrkdwn(m.label)}`).join('\n')}`));
  }

  if (options.deliveryProblems) blocks.push(deliveryProblemsSection(options.deliveryProblems, report.timeZone));
  if (options.pauses?.length) blocks.push(pausesSection(options.pauses));

  blocks.push(
    context(
      `Plan progress: ${report.progress.done} of ${plural(report.progress.total, 'task')} done · Today is ${formatDate(report.today)} (${report.timeZone})`,
    ),
  );
  const archived = options.frozenScorecard ? ' It is archived.' : '';
  return { text: `${event.name}: ${countdownLine(report).replace(/\*/g, '')}${archived}`, blocks };
}

const FROZEN_MARK: Record<MetricResult['status'], string> = {
  met: ':white_check_mark:',
  'at risk': ':large_yellow_circle:',
  missed: ':red_circle:',
  'not measured': ':white_circle:',
};

/** An archived SKO: read-only, and the scorecard as it stood when its week 12 ended. */
function archivedSection(report: StatusReport, scorecard: readonly MetricResult[]): KnownBlock {
  const ended = report.position.kind === 'after' ? ` on ${formatDate(report.position.lastWeekEnded)}` : '';
  const lines = scorecard.map(
    (r) => `${FROZEN_MARK[r.status]} ${escapeMrkdwn(r.label)}: ${r.status === 'not measured' ? 'not measured' : formatMetricValue(r)}`,
  );
  return section(
    `:file_cabinet: *This SKO is archived.* Its 12 weeks ended${ended}, so it can be read but not changed; \`/sko setup new\` sets up the next one.\n*Its scorecard, kept as it stood then:*\n${lines.join('\n')}`,
  );
}

/** Overdue while owners are still chased; once the chase after week 12 is over, what was never done. */
function overdueTitle(report: StatusReport): string {
  const { position } = report;
  const n = report.overdue.length;
  if (position.kind === 'after' && daysBetween(position.lastWeekEnded, report.today) > CHASE_AFTER_PLAN_MS / 86_400_000)
    return `*Never done (${n})*: the plan ended ${formatDate(position.lastWeekEnded)} and the reminders have stopped.`;
  return `*Overdue (${n})*`;
}

export function gtmFocusLine(challenge: string): string {
  const info = GTM_CHALLENGE_INFO[challenge as GtmChallenge];
  return info ? `*${info.label}*: ${info.focus}` : challenge;
}

/** Where an SKO stands in two lines: its countdown, and its week and phase (App Home's section per SKO). */
export function statusHeadline(report: StatusReport): string {
  return `${countdownLine(report)}\n${whereLine(report)}`;
}

function countdownLine(report: StatusReport): string {
  const { event, countdown } = report;
  const where = event.location ? ` in ${escapeMrkdwn(event.location)}` : '';
  switch (countdown.kind) {
    case 'until':
      return `:calendar: *Day 1 is ${countdown.days === 1 ? 'tomorrow' : `in ${countdown.days} days`}*: ${formatDate(event.day1)}${where}, ${plural(event.days, 'day')}.`;
    case 'during':
      return `:tada: *Event day ${countdown.day} of ${countdown.of}* today${where}.`;
    case 'over':
      return `:checkered_flag: *The event ended ${countdown.daysAgo === 1 ? 'yesterday' : `${countdown.daysAgo} days ago`}.*`;
  }
}

function whereLine(report: StatusReport): string {
  const { position } = report;
  switch (position.kind) {
    case 'before':
      return `*Before week 1.* The 12-week plan starts ${formatDate(position.firstWeekStarts)}, in ${plural(position.daysUntil, 'day')}.`;
    case 'after':
      return `*After week 12.* The plan ended ${formatDate(position.lastWeekEnded)}.`;
    case 'week':
      return `*Week ${position.week} of 12* · Phase ${position.phase}: ${report.phase?.name ?? ''} (${formatDate(position.window.start, { year: false })} – ${formatDate(position.window.end, { year: false })})`;
  }
}

function taskLines(tasks: StatusTask[], today: string): string {
  if (tasks.length === 0) return '_No tasks._';
  const lines = tasks.slice(0, TASKS_SHOWN).map((t) => planLine(t, today));
  if (tasks.length > TASKS_SHOWN) lines.push(`…and ${tasks.length - TASKS_SHOWN} more`);
  return lines.join('\n');
}

/** Who did not get what, and why, with what to do about it. */
function deliveryProblemsSection(problems: DeliveryProblems, timeZone: string): KnownBlock {
  const lines = problems.failed.map((p) => {
    const isChannel = /^[CG]/.test(p.channel);
    const who = isChannel ? channelMention(p.channel) : mention(p.channel);
    const when = formatDate(localDate(new Date(p.at), timeZone), { year: false });
    return `• ${who} did not get ${escapeMrkdwn(p.label)} (${when}). ${explainDeliveryError(p.lastError, { kind: isChannel ? 'channel' : 'person', mention: who })}`;
  });
  if (problems.failedCount > problems.failed.length) lines.push(`…and ${problems.failedCount - problems.failed.length} more.`);
  if (problems.unreachable.length) {
    const who = problems.unreachable.map((p) => mention(p.slackUserId)).join(', ');
    lines.unshift(
      `• Not reachable in Slack (deactivated or gone): ${who}. Nothing more is sent to them. Remove them from the people file and import it again if they have left, or fix their Slack id or email there if it is wrong; they are tried again once an import or Slack shows them active.`,
    );
  }
  if (problems.retrying) lines.push(`${plural(problems.retrying, 'message')} waiting for Slack, to be tried again.`);
  return section(`:warning: *Delivery problems* (shown to the SKO lead and admins)\n${lines.join('\n')}`);
}

const PAUSES_SHOWN = 20;

/** Who will not get reminders for a while, so the SKO lead chases them another way. */
function pausesSection(pauses: readonly Pause[]): KnownBlock {
  const lines = pauses.slice(0, PAUSES_SHOWN).map((p) => `• ${mention(p.slackUserId)}: back on ${formatDate(p.resumes)}`);
  if (pauses.length > PAUSES_SHOWN) lines.push(`…and ${pauses.length - PAUSES_SHOWN} more.`);
  return section(
    `:double_vertical_bar: *Reminders paused* (shown to the SKO lead and admins): messages about the event itself still reach them.\n${lines.join('\n')}`,
  );
}
