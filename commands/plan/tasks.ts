import { buildNoEventMessage } from '../../views/plan/status-message.js';
import { myTasksReply } from '../../views/plan/task-list.js';
import type { Subcommand } from '../types.js';

export const tasksCommand: Subcommand = {
  name: 'tasks',
  usage: '/sko tasks',
  summary: 'Your open tasks, with Mark done buttons',
  async run({ deps, command, ack }) {
    await ack(myTasksReply(deps, command.user_id) ?? buildNoEventMessage());
  },
};
