import { parseActionsScope } from '../../src/domain/action-items/items.js';
import { changeRule, listActionItems, mayExportActionItems } from '../../src/services/action-items/items.js';
import { buildActionListMessage, MAX_ITEMS_LISTED } from '../../views/action-items/messages.js';
import { type Subcommand, withEvent } from '../types.js';

export const actionsCommand: Subcommand = {
  name: 'actions',
  usage: '/sko actions [mine|all|overdue|@someone]',
  summary: 'Open action items, with Done, Snooze and Reassign buttons',
  run: withEvent(async ({ deps, command, text, ack }, event) => {
    const parsed = parseActionsScope(text);
    if (!parsed.ok) {
      await ack(parsed.error);
      return;
    }
    // A read of indexed rows, like /sko status: it travels in the acknowledgement.
    const list = listActionItems(deps.db, event, command.user_id, parsed.scope, deps.clock.now(), MAX_ITEMS_LISTED);
    const { scope } = parsed;
    await ack(
      buildActionListMessage(list.items, {
        today: list.today,
        timeZone: list.event.timeZone,
        viewerSlackId: command.user_id,
        scope: scope.kind === 'person' ? scope.slackUserId : scope.kind,
        total: list.total,
        mayChange: changeRule(deps.db, command.user_id, list.event),
        mayExport: mayExportActionItems(deps.db, command.user_id, list.event),
        refusal: list.refusal,
        eventId: event.id,
      }),
    );
  }),
};
