import { seesLeavers } from '../../src/domain/access.js';
import { localDate } from '../../src/domain/dates.js';
import { scorecardOf } from '../../src/services/insights/archive.js';
import { digestSources } from '../../src/services/insights/digest-sources.js';
import { retentionOf } from '../../src/services/insights/retention.js';
import { actorFor } from '../../src/services/people/access.js';
import { buildScorecardMessage } from '../../views/insights/scorecard-message.js';
import { type Subcommand, withPlan } from '../types.js';

export const metricsCommand: Subcommand = {
  name: 'metrics',
  usage: '/sko metrics',
  summary: 'The success scorecard: every success metric with its figure, target and verdict',
  run: withPlan(async ({ deps, command, ack }, plan) => {
    const now = deps.clock.now();
    const named = seesLeavers(actorFor(deps.db, command.user_id, plan.event));
    const leavers = named ? (retentionOf(deps.db, plan.event, localDate(now, plan.event.timeZone))?.leavers ?? []) : [];
    await ack(buildScorecardMessage(scorecardOf(deps.db, plan, now, digestSources(deps.surveyKeySecret)), plan.event.name, leavers));
  }),
};
