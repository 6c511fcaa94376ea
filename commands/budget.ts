import { localDate } from '../src/domain/timeline.js';
import { budgetReportFor } from '../src/services/budget.js';
import { currentEvent } from '../src/services/events.js';
import { enqueue } from '../src/services/outbox.js';
import { budgetAttachment, buildBudgetMessage } from '../views/budget-message.js';
import { buildNoEventMessage } from '../views/status-message.js';
import type { Subcommand } from './types.js';

export const budgetCommand: Subcommand = {
  name: 'budget',
  usage: '/sko budget',
  summary: 'Planned against actual and committed by category, adherence, cost per attendee, projection',
  async run({ deps, command, ack }) {
    const event = currentEvent(deps.db);
    if (!event) {
      await ack(buildNoEventMessage());
      return;
    }
    const now = deps.clock.now();
    const report = budgetReportFor(deps.db, event, now);
    await ack(buildBudgetMessage(report, event.name));
    // An ephemeral reply cannot carry a file, so the chart follows in the person's DM, once per request.
    enqueue(deps.db, [
      {
        key: `budget-chart:${command.user_id}:${command.trigger_id}`,
        kind: 'budget-chart',
        label: 'the budget chart',
        channel: command.user_id,
        text: `Budget as of ${localDate(now, event.timeZone)}: planned against actual and committed, by category.`,
        attachments: [budgetAttachment(report)],
        eventId: event.id,
      },
    ]);
    deps.outbox.kick();
  },
};
