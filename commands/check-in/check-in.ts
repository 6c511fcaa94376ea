import { openCheckInModal } from '../../views/check-in/modal.js';
import { replyPrivately } from '../../views/kit/private-reply.js';
import { type Subcommand, withEvent } from '../types.js';

export const checkInCommand: Subcommand = {
  name: 'checkin',
  usage: '/sko checkin',
  summary: 'On an event day, check people in by name (the logistics lead, the SKO lead, admins); everyone else clicks I’m here on the morning’s agenda',
  run: withEvent(async ({ deps, command, ack, respond }, event) => {
    await ack();
    await openCheckInModal(deps, event.id, command.user_id, command.trigger_id, (text) => replyPrivately(respond, text));
  }),
};
