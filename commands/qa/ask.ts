import { replyPrivately } from '../../views/kit/private-reply.js';
import { openAskModal } from '../../views/qa/modal.js';
import { type Subcommand, withEvent } from '../types.js';

/**
 * `/sko ask [question]` always opens the form (filled in with what was typed), so asking anonymously
 * is a visible choice every time, and the form says which session the question goes under.
 */
export const askCommand: Subcommand = {
  name: 'ask',
  usage: '/sko ask [question]',
  summary: 'Ask a question in the session running now, named or anonymously; everyone can upvote it',
  run: withEvent(async ({ deps, command, text, ack, respond }, event) => {
    await ack();
    await openAskModal(deps, event.id, command.trigger_id, text.trim(), (reply) => replyPrivately(respond, reply));
  }),
};
