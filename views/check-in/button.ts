import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ActionsBlock } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { checkInSelf } from '../../src/services/check-in/check-in.js';
import { actions, button } from '../kit/blocks.js';
import { CHECK_IN } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { skoIdFrom, skoRef } from '../kit/sko-ref.js';

/** "I'm here" under each morning's agenda: whoever clicks it is checked in for that day. */
export function checkInBlock(eventId: number): ActionsBlock {
  return { ...actions(button("I'm here", CHECK_IN.here, { style: 'primary', value: skoRef(eventId) })), block_id: CHECK_IN.block };
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Checks the clicker in for today and tells them so privately; a second click says they already are. */
export function handleCheckInButton(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const outcome = await unlessRefused(
      () => checkInSelf(deps.db, skoIdFrom(action.value), body.user.id, deps.clock.now()),
      (message) => tell(message),
    );
    if (!outcome) return;
    await tell(
      outcome.already
        ? `You are already checked in for day ${outcome.day}. Nothing more to do.`
        : `:white_check_mark: You are checked in for day ${outcome.day} of ${outcome.eventName}. Welcome!`,
    );
  };
}
