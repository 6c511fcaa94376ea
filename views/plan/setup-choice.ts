import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { timeZoneOf } from '../../src/services/people/identity.js';
import { teamsAndRegions } from '../../src/services/people/people.js';
import type { EventRow } from '../../src/services/plan/event-store.js';
import { setupTarget } from '../../src/services/plan/setup.js';
import { actions, button, escapeMrkdwn, type SlackMessage, section } from '../kit/blocks.js';
import { formatDate } from '../kit/format.js';
import { SETUP_CHOICE } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { skoIdFrom, skoRef } from '../kit/sko-ref.js';
import { buildSetupDefaults, buildSetupModal, pastSkos } from './setup-modal.js';

/** A message holds at most 50 blocks; past this many running SKOs the rest are reached with `/sko setup <handle>`. */
const MAX_LISTED = 40;

/** `/sko setup`'s private reply when there is a choice: a new SKO, or one of the SKOs this person may change. */
export function buildSetupChoices(mayCreate: boolean, editable: readonly EventRow[]): SlackMessage {
  const listed = editable.slice(0, MAX_LISTED);
  const more = editable.length - listed.length;
  return {
    text: mayCreate ? 'Set up a new SKO, or change one.' : 'Which SKO do you want to change?',
    blocks: [
      section(mayCreate ? 'Set up a new SKO, or change one of those running:' : 'Which SKO do you want to change?'),
      ...listed.map((event) => ({
        ...section(`*${escapeMrkdwn(event.name)}* · day 1 ${formatDate(event.day1)} · \`${event.handle}\``),
        accessory: button(`Edit ${event.name}`.slice(0, 75), SETUP_CHOICE.edit, { value: skoRef(event.id) }),
      })),
      ...(more > 0 ? [section(`…and ${more} more: type \`/sko setup <handle>\` for one of them.`)] : []),
      ...(mayCreate ? [actions(button('New SKO', SETUP_CHOICE.newSko, { style: 'primary' }))] : []),
    ],
  };
}

/** The setup modal: empty for a new SKO (offering past ones to start from), or filled in with the SKO it edits. */
export async function openSetup(deps: Deps, triggerId: string, slackUserId: string, event: EventRow | undefined): Promise<void> {
  // The trigger id is good for 3 seconds from Slack's send, so the modal opens right after the ack.
  await deps.slack.views.open({
    trigger_id: triggerId,
    view: buildSetupModal(buildSetupDefaults(deps, event), await timeZoneOf(deps, slackUserId), teamsAndRegions(deps.db), event ? [] : pastSkos(deps)),
  });
}

/**
 * "New SKO" or "Edit <name>" clicked: asked again here, as the rights or the SKO may have changed
 * since the reply was posted (an SKO archived, a lead replaced).
 */
export function handleSetupChoice(deps: Deps, choice: 'new' | 'edit') {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const target = await unlessRefused(
      () => ({ event: setupTarget(deps.db, body.user.id, choice === 'new' ? null : skoIdFrom(action.value)) }),
      (text) => respond({ response_type: 'ephemeral', replace_original: false, text }),
    );
    if (target) await openSetup(deps, body.trigger_id, body.user.id, target.event);
  };
}
