import { DEFAULT_GROWTH_PCT, type ForecastResult } from '../../src/agents/forecast.js';
import type { WithNotes } from '../../src/services/sales/agent-jobs.js';
import { plural } from '../../views/kit/format.js';
import { buildForecastMessage } from '../../views/sales/forecast-message.js';
import type { Subcommand } from '../types.js';
import { type AgentCommandSpec, runAgentCommand } from './agent-command.js';

const usage = '/sko forecast [--growth 20%] [--target $12M] [team <name>]';

/** What `/sko forecast` runs; its story (the "Write the story" button) runs the same again. */
export const forecastSpec: AgentCommandSpec<WithNotes<ForecastResult>> = {
  what: 'performance',
  accepts: ['subject', 'forecast'],
  usage,
  job: ({ today, auth, args }) => ({
    agent: 'forecast',
    today,
    growthPct: args.growthPct ?? DEFAULT_GROWTH_PCT,
    targetCents: args.target,
    scope: auth.scope,
  }),
  crunching: (_request, reps) => `Forecasting next fiscal year from the history of ${plural(reps, 'rep')}…`,
  render: (result, { auth }) =>
    buildForecastMessage(result, {
      label: auth.label,
    }),
  story: 'forecast',
};

export const forecastCommand: Subcommand = {
  name: 'forecast',
  usage,
  summary: 'Next fiscal year by quarter from history and seasonality: the plan, the pipeline it needs, scenarios',
  run: (ctx) => runAgentCommand(ctx, forecastSpec),
};
