import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import type { Deps } from '../src/deps.js';
import type { StatusReport } from '../src/domain/status.js';
import type { DeliveryProblems } from '../src/services/outbox.js';
import { isUserFacing } from '../src/errors.js';
import { assertMayChangeSetup, setupDecision } from '../src/services/events.js';
import { enqueue } from '../src/services/outbox.js';
import { deliveryProblemsFor, statusNow } from '../src/services/status.js';
import { actions, button, context, section } from './blocks.js';
import { HOME } from './ids.js';
import { buildSetupDefaults, buildSetupModal } from './setup-modal.js';
import { buildNoEventMessage, buildStatusMessage } from './status-message.js';

/** The App Home tab: the SKO's status for everyone, with the setup button beside it. */
export function buildHome(report: StatusReport | null, options: { maySetUp: boolean; deliveryProblems?: DeliveryProblems | null }): HomeView {
  const body = report ? buildStatusMessage(report, { deliveryProblems: options.deliveryProblems ?? null }).blocks : buildNoEventMessage().blocks;
  return {
    type: 'home',
    blocks: [
      ...body,
      ...(options.maySetUp ? [actions(button(report ? 'Edit the SKO setup' : 'Set up the SKO', HOME.openSetup, report ? {} : { style: 'primary' }))] : []),
      context('Use `/sko help` in any channel for every command.'),
    ],
  };
}

export function handleAppHomeOpened(deps: Deps) {
  return async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await deps.slack.views.publish({ user_id: event.user, view: buildHome(statusNow(deps.db, deps.clock.now()), { maySetUp: setupDecision(deps.db, event.user).allowed, deliveryProblems: deliveryProblemsFor(deps.db, event.user) }) });
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
