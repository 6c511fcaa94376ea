import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import type { Deps } from '../src/deps.js';
import type { StatusReport } from '../src/domain/status.js';
import type { DeliveryProblems } from '../src/services/outbox.js';
import { isUserFacing } from '../src/errors.js';
import { assertMayChangeSetup, setupDecision } from '../src/services/events.js';
import { enqueue } from '../src/services/outbox.js';
import { deliveryProblemsFor, statusNow } from '../src/services/status.js';
import { DIGEST_SOURCES } from '../src/services/digest-sources.js';
import { homeFor, type HomeData } from '../src/services/home.js';
import { scorecardHighlights } from '../src/domain/scorecard.js';
import { actions, button, context, divider, escapeMrkdwn, mention, section, type Blocks } from './blocks.js';
import { formatDate, plural, taskMark } from './format.js';
import { metricLine } from './scorecard-message.js';
import { HOME } from './ids.js';
import { buildSetupDefaults, buildSetupModal } from './setup-modal.js';
import { buildNoEventMessage, buildStatusMessage } from './status-message.js';

const notYet = (m: { needs: string }) => `_Not measured yet._ ${m.needs}`;

/** The person's own work, and for leaders the scorecard, for the SKO lead the overdue work. */
export function buildMyHomeBlocks(home: HomeData): Blocks {
  const tasks = home.myTasks.slice(0, 8).map((t) => `${taskMark(t, home.today)} ${escapeMrkdwn(t.title)} · due ${formatDate(t.dueDate, { year: false })}`);
  const more = home.myTasks.length > 8 ? `\n…and ${home.myTasks.length - 8} more: \`/sko tasks\`` : '';
  const actions = 'needs' in home.myActionItems ? notYet(home.myActionItems) : `${home.myActionItems.value.open} open · ${home.myActionItems.value.overdue} overdue`;
  const surveys = 'needs' in home.myPendingSurveys ? notYet(home.myPendingSurveys) : home.myPendingSurveys.value.length ? home.myPendingSurveys.value.map((s) => `• ${escapeMrkdwn(s)}`).join('\n') : 'None waiting for you.';
  const rsvp = 'needs' in home.myRsvp ? notYet(home.myRsvp) : (home.myRsvp.value ?? 'You have not answered the save-the-date yet.');
  const blocks: Blocks = [
    divider(),
    section(`*My tasks* (${home.myTasks.length} open)\n${tasks.join('\n') || 'Nothing open: nice.'}${more}`),
    section(`*My action items*\n${actions}`),
    section(`*My pending surveys*\n${surveys}`),
    section(`*My RSVP*\n${rsvp}`),
  ];
  if (home.scorecard) {
    const count = (s: string) => home.scorecard?.filter((r) => r.status === s).length ?? 0;
    const top = scorecardHighlights(home.scorecard, 3).map(metricLine).join('\n');
    blocks.push(section(`*Scorecard:* ${count('met')} met · ${count('at risk')} at risk · ${count('missed')} missed · ${count('not measured')} not measured${top ? `\n${top}` : ''}\n\`/sko metrics\` shows every metric.`));
  }
  if (home.overdueWork) {
    const lines = home.overdueWork.map((o) => `• ${o.owner?.slackUserId ? mention(o.owner.slackUserId) : '_no owner_'}: ${plural(o.tasks, 'overdue task')}`);
    blocks.push(section(`*Overdue work*\n${lines.join('\n') || 'Nothing overdue.'}`));
  }
  return blocks;
}

/** The App Home tab: the SKO's status for everyone, the person's own work, and the setup button. */
export function buildHome(report: StatusReport | null, options: { maySetUp: boolean; deliveryProblems?: DeliveryProblems | null; home?: HomeData | null }): HomeView {
  const body = report ? buildStatusMessage(report, { deliveryProblems: options.deliveryProblems ?? null }).blocks : buildNoEventMessage().blocks;
  return {
    type: 'home',
    blocks: [
      ...body,
      ...(options.home ? buildMyHomeBlocks(options.home) : []),
      ...(options.maySetUp ? [actions(button(report ? 'Edit the SKO setup' : 'Set up the SKO', HOME.openSetup, report ? {} : { style: 'primary' }))] : []),
      context('Use `/sko help` in any channel for every command.'),
    ],
  };
}

/** Publishes the person's App Home as it stands now: when they open it, and when their items change. */
export async function publishHome(deps: Deps, slackUserId: string): Promise<void> {
  const now = deps.clock.now();
  const view = buildHome(statusNow(deps.db, now), { maySetUp: setupDecision(deps.db, slackUserId).allowed, deliveryProblems: deliveryProblemsFor(deps.db, slackUserId), home: homeFor(deps.db, slackUserId, now, DIGEST_SOURCES) });
  await deps.slack.views.publish({ user_id: slackUserId, view });
}

export function handleAppHomeOpened(deps: Deps) {
  return async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await publishHome(deps, event.user);
  };
}

export function handleOpenSetupFromHome(deps: Deps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      assertMayChangeSetup(deps.db, body.user.id);
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      enqueue(deps.db, [{ key: `home-refusal:${body.user.id}:${body.actions[0]?.action_ts ?? body.trigger_id}`, kind: 'notice', label: 'a note on who may set up the SKO', channel: body.user.id, text: error.message, blocks: [section(error.message)] }]);
      deps.outbox.kick();
      return;
    }
    await deps.slack.views.open({ trigger_id: body.trigger_id, view: buildSetupModal(buildSetupDefaults(deps)) });
  };
}
