import { deliveryProblemsFor, statusNow } from '../../src/services/plan/status.js';
import { buildNoEventMessage, buildStatusMessage } from '../../views/plan/status-message.js';
import type { Subcommand } from '../types.js';

export const statusCommand: Subcommand = {
  name: 'status',
  usage: '/sko status',
  summary: 'Where the SKO stands: countdown, this week, overdue tasks, next milestones',
  async run({ deps, command, ack }) {
    // A status read is a few indexed rows, so it travels in the acknowledgement itself: no second round trip.
    const report = statusNow(deps.db, deps.clock.now());
    await ack(report ? buildStatusMessage(report, { deliveryProblems: deliveryProblemsFor(deps.db, command.user_id) }) : buildNoEventMessage());
  },
};
