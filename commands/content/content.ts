import { contentOf, maySubmitContent } from '../../src/services/content/approval.js';
import { buildContentListMessage } from '../../views/content/messages.js';
import { type Subcommand, withEvent } from '../types.js';

export const contentCommand: Subcommand = {
  name: 'content',
  usage: '/sko content',
  summary: "Each session's content and whether leadership has approved it; the content lead submits a session's link for approval",
  run: withEvent(async ({ deps, command, ack }, event) => {
    const items = contentOf(deps.db, event.id);
    await ack(
      buildContentListMessage({ eventName: event.name, timeZone: event.timeZone, items, maySubmit: maySubmitContent(deps.db, command.user_id, event) }),
    );
  }),
};
