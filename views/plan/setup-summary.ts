import type { KnownBlock } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import type { PreviousLessonsView } from '../../src/domain/plan/lessons.js';
import { EVENT_ROLE_LABELS, EVENT_ROLES, roleInSentence } from '../../src/domain/roles.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { rememberSlackProfile } from '../../src/services/people/people.js';
import type { CopySummary } from '../../src/services/plan/copy.js';
import type { EventPlan, EventRow } from '../../src/services/plan/event-store.js';
import { loadPlan } from '../../src/services/plan/event-store.js';
import { previousLessonsView } from '../../src/services/plan/lessons.js';
import type { SetupOutcome } from '../../src/services/plan/setup.js';
import { context, escapeMrkdwn, header, mention, type SlackMessage, section, truncate } from '../kit/blocks.js';
import { formatDate, formatMoney, plural } from '../kit/format.js';
import { gtmFocusLine } from './status-message.js';

/** The message posted in the event channel when the SKO is set up or changed. */
export function buildSetupSummary(
  plan: EventPlan,
  outcome: Pick<SetupOutcome, 'created' | 'tasksMoved' | 'tasksCreated' | 'tasksRemoved'> & Partial<Pick<SetupOutcome, 'copied'>>,
  actorSlackId: string,
  lessons: PreviousLessonsView | null = null,
): SlackMessage {
  const { event, timeline } = plan;
  const week1 = timeline.weeks[0];
  const day0 = event.hasDay0 ? ' plus day 0' : '';
  const lines = [
    `:calendar: *Day 1:* ${formatDate(event.day1)} · ${plural(event.days, 'day')}${day0}${event.location ? ` · ${escapeMrkdwn(event.location)}` : ''} · ${event.timeZone}`,
    `:busts_in_silhouette: *Expected headcount:* ${event.headcount.toLocaleString('en-US')} · :moneybag: *Budget:* ${formatMoney(event.budgetCents)}`,
    `:dart: *Core challenge:* ${gtmFocusLine(event.gtmChallenge)}`,
  ];
  const planLine = timeline.compression
    ? `:warning: *Compressed plan:* weeks 1–9 of the playbook run in ${timeline.compression.weeksAvailable} weeks from ${formatDate(week1?.start ?? event.planStart)}; a quality SKO needs 12.`
    : `:spiral_calendar_pad: *The plan:* 12 weeks, week 1 starts ${formatDate(week1?.start ?? event.planStart)}; ${plural(plan.tasks.length, 'task')} with owners and due dates.`;

  const owners = EVENT_ROLES.flatMap((role) =>
    plan.holders
      .filter((h) => h.role === role)
      .map((h) => {
        const who = h.person.slackUserId ? mention(h.person.slackUserId) : escapeMrkdwn(h.person.name ?? 'someone');
        const owned = plan.tasks.filter((t) => t.ownerRole === role && t.owner?.personId === h.person.id).length;
        return `• ${EVENT_ROLE_LABELS[role]}: ${who}${owned ? ` · ${plural(owned, 'task')}` : ''}`;
      }),
  );

  const changes = outcome.created
    ? `Set up by ${mention(actorSlackId)}.`
    : `Updated by ${mention(actorSlackId)}${outcome.tasksMoved ? `: due dates of ${plural(outcome.tasksMoved, 'open task')} moved` : ''}${outcome.tasksCreated ? `, ${plural(outcome.tasksCreated, 'task')} added` : ''}${outcome.tasksRemoved ? `, ${plural(outcome.tasksRemoved, 'task')} removed` : ''}.`;

  return {
    text: `${outcome.created ? 'SKO set up' : 'SKO updated'}: ${event.name}, day 1 ${formatDate(event.day1)}`,
    blocks: [
      header(`${outcome.created ? 'SKO set up' : 'SKO updated'}: ${event.name}`),
      section(lines.join('\n')),
      section(planLine),
      section(`*Who owns what*\n${owners.join('\n')}`),
      ...(outcome.copied ? [section(copiedLine(outcome.copied))] : []),
      ...(lessons ? [previousLessonsSection(lessons)] : []),
      context(`${changes} Run \`/sko status\` any time to see this week's focus.`),
    ],
  };
}

/** "Started from FY26 Sales Kickoff: its 12 agenda sessions, …", so the channel knows what is already in place. */
function copiedLine(copied: CopySummary): string {
  const parts = [
    copied.sessions ? `${plural(copied.sessions, 'agenda session')} (on this SKO's days)` : '',
    copied.budgetCategories ? `the budget split (${plural(copied.budgetCategories, 'category', 'categories')} set by hand)` : '',
    copied.texts ? `${plural(copied.texts, 'message text')} written for it` : '',
    copied.times ? `${plural(copied.times, 'edited send or closing time')} (at the same point of this SKO's plan)` : '',
    copied.surveys ? `the questions of ${plural(copied.surveys, 'survey')}` : '',
    copied.roles.length ? `who held its roles (${copied.roles.map(roleInSentence).join(', ')})` : '',
  ].filter(Boolean);
  const leftOut = copied.sessionsLeftOut ? ` ${plural(copied.sessionsLeftOut, 'session')} on days this SKO does not have stayed behind.` : '';
  return `♻️ *Started from ${escapeMrkdwn(copied.from)}:* ${joinWords(parts)}. No answers, RSVPs, expenses or action items came along.${leftOut}`;
}

const joinWords = (parts: string[]): string => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);

const SETTINGS: readonly (keyof EventRow)[] = [
  'name',
  'day1',
  'days',
  'hasDay0',
  'timeZone',
  'location',
  'headcount',
  'budgetCents',
  'channelId',
  'gtmChallenge',
];

function onlyReminderTimeChanged(outcome: Pick<SetupOutcome, 'event' | 'previous' | 'rolesChanged'>): boolean {
  const { previous, event } = outcome;
  return !!previous && !outcome.rolesChanged && previous.reminderTime !== event.reminderTime && SETTINGS.every((key) => previous[key] === event[key]);
}

/** An edit that changed only the reminder time says just that, rather than posting the whole summary again. */
function buildReminderTimeChange(outcome: Pick<SetupOutcome, 'event' | 'previous'>, actorSlackId: string): SlackMessage {
  const { event, previous } = outcome;
  const text = `Reminders for ${event.name} now go out at ${event.reminderTime} (${event.timeZone}), instead of ${previous?.reminderTime ?? ''}.`;
  return { text, blocks: [section(`:alarm_clock: ${escapeMrkdwn(text)}`), context(`Changed by ${mention(actorSlackId)}. Nothing else in the setup changed.`)] };
}

/**
 * After the modal closes: the summary goes to the event channel through the outbox, and if Slack
 * refuses it there (the app is not in a private channel, say), the person who set it up is told
 * how to fix that. `submission` identifies this save, so a summary is posted once per save.
 */
export async function announceSetup(deps: Deps, outcome: SetupOutcome, actorSlackId: string, submission: string): Promise<void> {
  const plan = loadPlan(deps.db, outcome.event);
  const message = onlyReminderTimeChanged(outcome)
    ? buildReminderTimeChange(outcome, actorSlackId)
    : buildSetupSummary(plan, outcome, actorSlackId, previousLessonsView(deps.db, outcome.event));
  enqueue(deps.db, [
    {
      key: `setup-summary:${outcome.event.id}:${submission}`,
      kind: 'setup-summary',
      label: 'the SKO summary',
      channel: outcome.event.channelId,
      eventId: outcome.event.id,
      notifyOnFailure: actorSlackId,
      ...message,
    },
  ]);
  deps.outbox.kick();
  await learnNames(deps, plan);
}

/** Names and time zones from Slack make the terminal views and digests readable; a failure here costs nothing. */
async function learnNames(deps: Deps, plan: EventPlan): Promise<void> {
  for (const holder of plan.holders) {
    const slackId = holder.person.slackUserId;
    if (!slackId || holder.person.name) continue;
    try {
      const info = await deps.slack.users.info({ user: slackId });
      rememberSlackProfile(deps.db, slackId, { name: info.user?.real_name || info.user?.name, timeZone: info.user?.tz, active: info.user?.deleted === false });
    } catch (error) {
      deps.logger.debug(`users.info ${slackId} failed:`, error);
    }
  }
}

/** Slack's limit for a section's text. */
const SECTION_MAX = 3000;

/** The previous SKO's lessons, for the next SKO's setup summary and its week-1 digest. */
export function previousLessonsSection(lessons: PreviousLessonsView): KnownBlock {
  const list = (items: readonly string[]) => items.map((l) => `• ${escapeMrkdwn(l)}`).join('\n');
  const owner = lessons.ownerSlackId ? mention(lessons.ownerSlackId) : 'the SKO lead';
  const parts = [`💡 *Lessons from ${escapeMrkdwn(lessons.eventName)}* (${formatDate(lessons.day1)})`];
  if (lessons.worked.length) parts.push(`*What worked*\n${list(lessons.worked)}`);
  if (lessons.toChange.length) parts.push(`*What to change* (each is a week-1 task for ${owner})\n${list(lessons.toChange)}`);
  return section(truncate(parts.join('\n'), SECTION_MAX));
}
