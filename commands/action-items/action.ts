import { parseActionCommand } from '../../src/domain/action-items/items.js';
import { localDate } from '../../src/domain/dates.js';
import { createActionItem } from '../../src/services/action-items/items.js';
import { nextItemReminder } from '../../src/services/action-items/reminders.js';
import { checkOwner, needsOwnerCheck } from '../../src/services/people/slack-people.js';
import { buildCreatedReply } from '../../views/action-items/messages.js';
import { openActionModal, tellNewOwner } from '../../views/action-items/modal.js';
import type { SlackMessage } from '../../views/kit/blocks.js';
import { type Subcommand, withEvent } from '../types.js';

export const actionCommand: Subcommand = {
  name: 'action',
  usage: '/sko action <what> @owner due:<date>',
  summary: 'Add an action item (you own it unless you @mention someone; due: 2026-12-01, tomorrow, fri, in 3 days); alone, opens a form',
  run: withEvent(async ({ deps, command, text, ack, respond }, event) => {
    if (!text) {
      await ack();
      await openActionModal(deps, command.trigger_id, event, { ownerSlackId: command.user_id });
      return;
    }
    const now = deps.clock.now();
    const parsed = parseActionCommand(text, { callerSlackId: command.user_id, today: localDate(now, event.timeZone), timeZone: event.timeZone });
    if (!parsed.ok) {
      await ack(parsed.error);
      return;
    }
    // Asking Slack about an owner the app has not met is a round trip, so that answer follows the acknowledgement.
    let reply = ack;
    if (needsOwnerCheck(deps.db, parsed.item.ownerSlackId, command.user_id)) {
      await ack();
      reply = async (message?: SlackMessage | string) => {
        await respond(typeof message === 'string' ? { response_type: 'ephemeral', text: message } : { response_type: 'ephemeral', ...message });
      };
    }
    const owner = await checkOwner(deps.db, deps.slack, parsed.item.ownerSlackId, command.user_id);
    if (!owner.ok) {
      await reply(`${owner.error} Nothing was added.`);
      return;
    }
    const item = createActionItem(deps.db, event, command.user_id, { ...parsed.item, source: 'command', ownerProfile: owner.profile }, now);
    await reply(
      buildCreatedReply(item, {
        viewerSlackId: command.user_id,
        today: localDate(now, event.timeZone),
        timeZone: event.timeZone,
        nextReminder: nextItemReminder(deps.db, item.id),
      }),
    );
    tellNewOwner(deps, item, command.user_id, event, now);
  }),
};
