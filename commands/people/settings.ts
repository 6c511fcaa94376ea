import { replyPrivately } from '../../views/kit/private-reply.js';
import { openSettingsModal } from '../../views/people/settings-modal.js';
import type { Subcommand } from '../types.js';

export const settingsCommand: Subcommand = {
  name: 'settings',
  usage: '/sko settings',
  summary: 'The fiscal year’s first month and the territory plan (admins); the SKO’s working hours and holidays (the SKO lead and admins)',
  async run({ deps, command, ack, respond }) {
    await ack();
    // The trigger id is good for 3 seconds from Slack's send, so the modal opens right after the ack.
    await openSettingsModal(deps, { slackUserId: command.user_id, channelId: command.channel_id }, command.trigger_id, (message) =>
      replyPrivately(respond, message),
    );
  },
};
