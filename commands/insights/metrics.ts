import { scorecardOf } from '../../src/services/insights/archive.js';
import { digestSources } from '../../src/services/insights/digest-sources.js';
import { buildScorecardMessage } from '../../views/insights/scorecard-message.js';
import { type Subcommand, withPlan } from '../types.js';

export const metricsCommand: Subcommand = {
  name: 'metrics',
  usage: '/sko metrics',
  summary: 'The success scorecard: every success metric with its figure, target and verdict',
  run: withPlan(async ({ deps, ack }, plan) => {
    await ack(buildScorecardMessage(scorecardOf(deps.db, plan, deps.clock.now(), digestSources(deps.surveyKeySecret)), plan.event.name));
  }),
};
