import { assertMayManageAdmins } from '../../src/services/people/access.js';
import { listAdmins } from '../../src/services/people/admins.js';
import { buildAdminsModal } from '../../views/people/admins.js';
import type { Subcommand } from '../types.js';

export const adminsCommand: Subcommand = {
  name: 'admins',
  usage: '/sko admins',
  summary: 'Who is an admin besides Slack’s workspace owners and admins (admins)',
  async run({ deps, command, ack }) {
    assertMayManageAdmins(deps.db, command.user_id);
    await ack();
    await deps.slack.views.open({ trigger_id: command.trigger_id, view: buildAdminsModal(listAdmins(deps.db)) });
  },
};
