import { agendaReviewOf } from '../src/services/agenda.js';
import { currentPlan } from '../src/services/events.js';
import { buildAgendaMessage } from '../views/agenda-message.js';
import { buildNoEventMessage } from '../views/status-message.js';
import type { Subcommand } from './types.js';

export const agendaCommand: Subcommand = {
  name: 'agenda',
  usage: '/sko agenda',
  summary: 'The agenda by day, with the design checks of seeds 000 and 001',
  async run({ deps, ack }) {
    const plan = currentPlan(deps.db);
    if (!plan) {
      await ack(buildNoEventMessage());
      return;
    }
    const { sessions, review } = agendaReviewOf(deps.db, plan.event.id);
    await ack(buildAgendaMessage({ eventName: plan.event.name, sessions, review, dayDates: plan.timeline.eventDays }));
  },
};
