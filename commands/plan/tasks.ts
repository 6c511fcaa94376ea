import { myTasksReply } from '../../views/plan/task-list.js';
import { type Subcommand, withEvent } from '../types.js';

export const tasksCommand: Subcommand = {
  name: 'tasks',
  usage: '/sko tasks',
  summary: 'Your open tasks, with Mark done buttons',
  run: withEvent(async ({ deps, command, ack }, event) => {
    await ack(myTasksReply(deps, event, command.user_id));
  }),
};
