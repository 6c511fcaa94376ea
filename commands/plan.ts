import { localDate } from '../src/domain/timeline.js';
import { currentPlan } from '../src/services/events.js';
import { reassignDecision } from '../src/services/tasks.js';
import { buildPlanMessage } from '../views/plan-message.js';
import { buildNoEventMessage } from '../views/status-message.js';
import type { Subcommand } from './types.js';

export const planCommand: Subcommand = {
  name: 'plan',
  usage: '/sko plan',
  summary: 'The whole plan by phase, with progress and owners',
  async run({ deps, command, ack }) {
    // A read of one plan, like /sko status: it travels in the acknowledgement.
    const plan = currentPlan(deps.db);
    if (!plan) {
      await ack(buildNoEventMessage());
      return;
    }
    await ack(buildPlanMessage(plan, { today: localDate(deps.clock.now(), plan.event.timeZone), mayReassign: reassignDecision(deps.db, command.user_id).allowed }));
  },
};
