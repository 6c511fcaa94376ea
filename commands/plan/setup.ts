import { NotAllowedError } from '../../src/errors.js';
import { adminsToAsk } from '../../src/services/people/admins.js';
import { timeZoneOf } from '../../src/services/people/identity.js';
import { currentEvent } from '../../src/services/plan/event-store.js';
import { setupDecision } from '../../src/services/plan/setup.js';
import { buildAskAdminsMessage } from '../../views/people/admins.js';
import { buildSetupDefaults, buildSetupModal } from '../../views/plan/setup-modal.js';
import type { Subcommand } from '../types.js';

export const setupCommand: Subcommand = {
  name: 'setup',
  usage: '/sko setup',
  summary: 'Set up the SKO, or change it (admins and the SKO lead)',
  async run({ deps, command, ack }) {
    const decision = setupDecision(deps.db, command.user_id);
    if (!decision.allowed) {
      if (currentEvent(deps.db)) throw new NotAllowedError(decision.reason);
      // No SKO yet: find the admins (Slack's member list, when none is known yet), name them, and offer to ask them.
      const admins = await adminsToAsk(deps.db, deps.slack, deps.clock.now());
      const refusal = setupDecision(deps.db, command.user_id);
      await ack(buildAskAdminsMessage(refusal.allowed ? decision.reason : refusal.reason, admins));
      return;
    }
    await ack();
    // The trigger id is good for 3 seconds from Slack's send, so the modal opens right after the ack.
    await deps.slack.views.open({
      trigger_id: command.trigger_id,
      view: buildSetupModal(buildSetupDefaults(deps), await timeZoneOf(deps, command.user_id)),
    });
  },
};
