import { seeCommunicationsDecision } from '../../src/services/comms/overview.js';
import { currentEvent } from '../../src/services/plan/event-store.js';
import { commsReply } from '../../views/comms/calendar.js';
import { buildNoEventMessage } from '../../views/plan/status-message.js';
import type { Subcommand } from '../types.js';

export const commsCommand: Subcommand = {
  name: 'comms',
  usage: '/sko comms',
  summary: 'The communications calendar: what is scheduled, what was sent, RSVPs and survey answers; edit, preview or cancel a message',
  async run({ deps, command, ack }) {
    if (!currentEvent(deps.db)) {
      await ack(buildNoEventMessage());
      return;
    }
    const decision = seeCommunicationsDecision(deps.db, command.user_id);
    // A read of a few tables, like /sko status: it travels in the acknowledgement.
    await ack(decision.allowed ? commsReply(deps, command.user_id) : decision.reason);
  },
};
