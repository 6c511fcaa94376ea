import { localDate } from '../../src/domain/dates.js';
import { budgetReportFor } from '../../src/services/budget/budget.js';
import { budgetEditDecision } from '../../src/services/budget/editing.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { budgetAttachment, buildBudgetMessage } from '../../views/budget/message.js';
import { openBudgetModal } from '../../views/budget/modal.js';
import { replyPrivately } from '../../views/kit/private-reply.js';
import { type Subcommand, withEvent } from '../types.js';

const MODALS = { add: 'expense', edit: 'split' } as const;

export const budgetCommand: Subcommand = {
  name: 'budget',
  usage: '/sko budget [add | edit]',
  summary: 'Planned against actual and committed by category, adherence, cost per attendee, projection; `add` records an expense, `edit` changes the split',
  run: withEvent(async ({ deps, command, args, ack, respond }, event) => {
    const verb = args[0]?.toLowerCase();
    if (verb !== undefined) {
      if (verb !== 'add' && verb !== 'edit') {
        await ack(`\`/sko budget\` takes \`add\` (record an expense) or \`edit\` (change the split), or nothing to see the budget; not "${args[0]}".`);
        return;
      }
      await ack();
      await openBudgetModal(deps, MODALS[verb], event.id, command.user_id, command.trigger_id, (text) => replyPrivately(respond, text));
      return;
    }
    const now = deps.clock.now();
    const report = budgetReportFor(deps.db, event, now);
    await ack(buildBudgetMessage(report, event.name, { mayEdit: budgetEditDecision(deps.db, command.user_id, event).allowed, eventId: event.id }));
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
  }),
};
