import { getOrAdd } from '../../src/domain/maps.js';
import type { StatusReport } from '../../src/domain/plan/status.js';
import { deliveryProblemsFor, pausesFor, statusNow } from '../../src/services/plan/status.js';
import { buildStatusMessage } from '../../views/plan/status-message.js';
import { type Subcommand, withEvent } from '../types.js';

const shared = new WeakMap<StatusReport, ReturnType<typeof buildStatusMessage>>();

export const statusCommand: Subcommand = {
  name: 'status',
  usage: '/sko status',
  summary: 'Where the SKO stands: countdown, this week, overdue tasks, next milestones (and, for the SKO lead, undelivered messages and paused reminders)',
  run: withEvent(async ({ deps, command, ack }, event) => {
    // A status read is a few indexed rows, so it travels in the acknowledgement itself: no second round trip.
    const report = statusNow(deps.db, event, deps.clock.now());
    // Archived: nothing is sent for it any more, so there are no delivery problems or pauses to chase.
    if (event.frozenScorecard) return ack(buildStatusMessage(report, { frozenScorecard: event.frozenScorecard }));
    const problems = deliveryProblemsFor(deps.db, event, command.user_id);
    const pauses = pausesFor(deps.db, event, command.user_id, deps.clock.now());
    // Everyone who sees no delivery problems or pauses gets the same message for the same (minute's) report: built once.
    await ack(
      problems || pauses ? buildStatusMessage(report, { deliveryProblems: problems, pauses }) : getOrAdd(shared, report, () => buildStatusMessage(report, {})),
    );
  }),
};
