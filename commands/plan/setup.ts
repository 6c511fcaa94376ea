import { assertMayChangeSetup } from '../../src/services/plan/setup.js';
import { buildSetupDefaults, buildSetupModal } from '../../views/plan/setup-modal.js';
import type { Subcommand } from '../types.js';

export const setupCommand: Subcommand = {
  name: 'setup',
  usage: '/sko setup',
  summary: 'Set up the SKO, or change it (admins and the SKO lead)',
  async run({ deps, command, ack }) {
    assertMayChangeSetup(deps.db, command.user_id);
    await ack();
    // The trigger id is good for 3 seconds from Slack's send, so the modal opens right after the ack.
    await deps.slack.views.open({ trigger_id: command.trigger_id, view: buildSetupModal(buildSetupDefaults(deps)) });
  },
};
