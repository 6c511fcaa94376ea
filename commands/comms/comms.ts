import { seeCommunicationsDecision } from '../../src/services/comms/overview.js';
import { commsReply } from '../../views/comms/calendar.js';
import { type Subcommand, withEvent } from '../types.js';

export const commsCommand: Subcommand = {
  name: 'comms',
  usage: '/sko comms',
  summary: 'The communications calendar: what is scheduled, what was sent, RSVPs and survey answers; edit, preview or cancel a message',
  run: withEvent(async ({ deps, command, ack }, event) => {
    const decision = seeCommunicationsDecision(deps.db, event, command.user_id);
    // A read of a few tables, like /sko status: it travels in the acknowledgement.
    await ack(decision.allowed ? commsReply(deps, event, command.user_id) : decision.reason);
  }),
};
