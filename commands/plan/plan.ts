import { localDate } from '../../src/domain/dates.js';
import { reassignDecision } from '../../src/services/plan/tasks.js';
import { buildPlanMessage } from '../../views/plan/plan-message.js';
import { type Subcommand, withPlan } from '../types.js';

export const planCommand: Subcommand = {
  name: 'plan',
  usage: '/sko plan',
  summary: 'The whole plan by phase, with progress and owners',
  run: withPlan(async ({ deps, command, ack }, plan) => {
    // A read of one plan, like /sko status: it travels in the acknowledgement.
    await ack(
      buildPlanMessage(plan, {
        today: localDate(deps.clock.now(), plan.event.timeZone),
        mayReassign: reassignDecision(deps.db, plan.event, command.user_id).allowed,
      }),
    );
  }),
};
