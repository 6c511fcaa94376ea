import { digestSources } from '../src/services/digest-sources.js';
import { currentPlan } from '../src/services/events.js';
import { scorecardFor } from '../src/services/scorecard.js';
import { buildScorecardMessage } from '../views/scorecard-message.js';
import { buildNoEventMessage } from '../views/status-message.js';
import type { Subcommand } from './types.js';

export const metricsCommand: Subcommand = {
  name: 'metrics',
  usage: '/sko metrics',
  summary: "The success scorecard: every seed 000 metric with its figure, target and verdict",
  async run({ deps, ack }) {
    const plan = currentPlan(deps.db);
    if (!plan) {
      await ack(buildNoEventMessage());
      return;
    }
    await ack(buildScorecardMessage(scorecardFor(deps.db, plan, deps.clock.now(), digestSources(deps.surveyKeySecret)), plan.event.name));
  },
};
