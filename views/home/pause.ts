import type { AllMiddlewareArgs, BlockAction, BlockButtonAction, DatepickerAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ActionsBlock } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { isUserFacing } from '../../src/errors.js';
import { type Pause, setPause } from '../../src/services/delivery/pauses.js';
import { type Blocks, button, context, divider, plain, section } from '../kit/blocks.js';
import { formatDate } from '../kit/format.js';
import { HOME } from '../kit/ids.js';

/** "My reminders" on the Home tab: whether they are paused, the day to pause them until, and "Resume now" while paused. */
export function pauseBlocks(pause: Pause | null, note: string | null): Blocks {
  const state = pause
    ? `*My reminders* · paused: they start again on ${formatDate(pause.resumes)}. Messages about the event itself still reach you.`
    : '*My reminders* · on. Taking time off? Choose the day they start again; messages about the event itself still reach you.';
  const controls: ActionsBlock = {
    type: 'actions',
    block_id: HOME.pauseBlock,
    elements: [
      {
        type: 'datepicker',
        action_id: HOME.pauseUntil,
        placeholder: plain('Pause my reminders until…'),
        ...(pause ? { initial_date: pause.resumes } : {}),
      },
      ...(pause ? [button('Resume now', HOME.resume)] : []),
    ],
  };
  return [divider(), section(state), controls, ...(note ? [context(`:warning: ${note}`)] : [])];
}

type Redraw = (deps: Deps, userId: string, pauseNote?: string) => Promise<void>;

/** Sets or ends the pause, then redraws the Home tab: with what to choose instead when the day is not ahead. */
async function changePause(deps: Deps, redraw: Redraw, userId: string, resumeOn: string | null): Promise<void> {
  try {
    setPause(deps.db, userId, resumeOn, deps.clock.now());
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    await redraw(deps, userId, error.message);
    return;
  }
  await redraw(deps, userId);
}

export function handlePauseUntil(deps: Deps, redraw: Redraw) {
  return async ({ ack, body, action }: SlackActionMiddlewareArgs<BlockAction<DatepickerAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // Clearing the date is no answer: the pause stays as it was.
    if (!action.selected_date) return;
    await changePause(deps, redraw, body.user.id, action.selected_date);
  };
}

export function handleResume(deps: Deps, redraw: Redraw) {
  return async ({ ack, body }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await changePause(deps, redraw, body.user.id, null);
  };
}
