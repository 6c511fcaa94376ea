import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { actionItemCsv } from '../../src/domain/action-items/reports.js';
import { actionItemsForExport, mayExportActionItems } from '../../src/services/action-items/items.js';
import { sendFilesInDm } from '../kit/private-reply.js';
import { eventOfButton } from '../kit/sko-ref.js';
import { tellClicker } from '../kit/tell.js';

/** "Send all as CSV" under `/sko actions`: every action item of the SKO, for those who see them all. */
export function handleExportActionItems(deps: Deps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const tell = (text: string) => tellClicker(deps, body, respond, text, 'the action items export');
    const event = eventOfButton(action.value, { db: deps.db, userId: body.user.id, channelId: body.channel?.id });
    if (!event) return tell('That button belongs to an older message. Run `/sko actions` for a fresh one.');
    if (!mayExportActionItems(deps.db, body.user.id, event))
      return tell('Every action item goes to the SKO lead, admins and sales leaders; `/sko actions` lists the ones that are yours.');
    const items = actionItemsForExport(deps.db, event.id);
    await sendFilesInDm(
      deps.slack,
      body.user.id,
      [{ filename: 'action-items.csv', content: actionItemCsv(items) }],
      `All ${items.length} action items of ${event.name}, as CSV.`,
    );
    await tell(':inbox_tray: Sent every action item as CSV to our direct message.');
  };
}
