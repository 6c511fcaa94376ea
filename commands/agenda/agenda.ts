import { agendaEditDecision } from '../../src/services/agenda/editing.js';
import { agendaReviewOf } from '../../src/services/agenda/sessions.js';
import { buildAgendaMessage } from '../../views/agenda/message.js';
import { openSessionModal } from '../../views/agenda/modal.js';
import { replyPrivately } from '../../views/kit/private-reply.js';
import { type Subcommand, withPlan } from '../types.js';

export const agendaCommand: Subcommand = {
  name: 'agenda',
  usage: '/sko agenda [add]',
  summary: 'The agenda by day, checked against what makes a kickoff work (strategy and skills balance, interaction, takeaways); `add` adds a session',
  run: withPlan(async ({ deps, command, args, ack, respond }, plan) => {
    const verb = args[0]?.toLowerCase();
    if (verb !== undefined) {
      if (verb !== 'add') {
        await ack(`\`/sko agenda\` takes \`add\` (add a session), or nothing to see the agenda; not "${args[0]}".`);
        return;
      }
      await ack();
      await openSessionModal(deps, plan.event.id, command.user_id, command.trigger_id, (text) => replyPrivately(respond, text));
      return;
    }
    const { sessions, review } = agendaReviewOf(deps.db, plan.event.id);
    const mayEdit = agendaEditDecision(deps.db, command.user_id, plan.event).allowed;
    await ack(buildAgendaMessage({ eventName: plan.event.name, sessions, review, dayDates: plan.timeline.eventDays, mayEdit, eventId: plan.event.id }));
  }),
};
