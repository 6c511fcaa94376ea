import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { assertMayManageAdmins } from '../../src/services/people/access.js';
import { type AdminList, adminsToAsk, askAdminsForSetup, setAddedAdmins } from '../../src/services/people/admins.js';
import { actions, button, context, plain, type SlackMessage, section } from '../kit/blocks.js';
import { ADMINS } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';

const mentions = (ids: readonly string[]) => ids.map((id) => `<@${id}>`).join(', ');

/** A setup refused before there is an SKO: who can set it up, and one button to ask them. */
export function buildAskAdminsMessage(reason: string, adminIds: readonly string[]): SlackMessage {
  if (adminIds.length === 0) {
    const text = `${reason} I could not find one in this workspace: ask whoever manages Slack here.`;
    return { text, blocks: [section(text)] };
  }
  return {
    text: reason,
    blocks: [section(reason), { ...actions(button('Ask them to set it up', ADMINS.askSetup, { style: 'primary' })), block_id: ADMINS.askSetup }],
  };
}

export function buildAdminsModal(list: AdminList): ModalView {
  const fixed = [
    list.workspace.length
      ? `*Workspace owners and admins:* ${mentions(list.workspace)}`
      : '*Workspace owners and admins:* none met yet; Slack decides who they are.',
    ...(list.setting.length ? [`*Named in the app's settings:* ${mentions(list.setting)}`] : []),
  ];
  return {
    type: 'modal',
    callback_id: ADMINS.callbackId,
    title: plain('Admins'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      section('Admins set up the SKO, import sales data and see everyone’s figures. Slack’s workspace owners and admins always are; add anyone else here.'),
      context(...fixed),
      {
        type: 'input',
        block_id: ADMINS.blocks.added,
        optional: true,
        label: plain('Also admins'),
        element: { type: 'multi_users_select', action_id: ADMINS.actionId, initial_users: list.added, placeholder: plain('Choose people') },
        hint: plain('Remove someone to take their admin rights away. Workspace owners and admins stay admins.'),
      },
    ],
  };
}

/** `/sko admins` saved: who is added and who removed is said to the person who saved it. */
export function handleAdminsSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const chosen = view.state.values[ADMINS.blocks.added]?.[ADMINS.actionId]?.selected_users ?? [];
    const result = await unlessRefused(
      () => {
        assertMayManageAdmins(deps.db, body.user.id);
        return setAddedAdmins(deps.db, chosen, body.user.id);
      },
      (message) => ack({ response_action: 'errors', errors: { [ADMINS.blocks.added]: message } }),
    );
    if (!result) return;
    await ack();
    deps.logger.info(`admins changed by ${body.user.id}: added ${result.added.join(',') || 'nobody'}, removed ${result.removed.join(',') || 'nobody'}`);
  };
}

/** The button under a refused setup: DMs the admins that this person asks for an SKO. */
export function handleAskAdminsButton(deps: Deps) {
  return async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const admins = await adminsToAsk(deps.db, deps.slack, deps.clock.now());
    askAdminsForSetup(deps.db, body.user.id, admins, deps.clock.now());
    deps.outbox.kick();
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      text: `:white_check_mark: I asked ${mentions(admins)} to set up the SKO. You will hear from the app once it is set up.`,
    });
  };
}
