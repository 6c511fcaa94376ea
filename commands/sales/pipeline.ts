import type { PipelineResult } from '../../src/agents/pipeline.js';
import type { WithNotes } from '../../src/services/sales/agent-jobs.js';
import { plural } from '../../views/kit/format.js';
import { buildPipelineMessage } from '../../views/sales/pipeline-message.js';
import type { Subcommand } from '../types.js';
import { type AgentCommandSpec, runAgentCommand } from './agent-command.js';

const usage = '/sko pipeline [fy2026 | ytd | --from YYYY-MM-DD --to YYYY-MM-DD] [@rep | team <name>]';

/** What `/sko pipeline` runs; its story (the "Write the story" button) runs the same again. */
export const pipelineSpec: AgentCommandSpec<WithNotes<PipelineResult>> = {
  what: 'performance',
  accepts: ['subject', 'period'],
  usage,
  job: ({ today, period, auth }) => ({ agent: 'pipeline', today, period, scope: auth.scope }),
  crunching: (_request, reps) => `Analysing the pipeline of ${plural(reps, 'rep')}…`,
  render: (result, { auth, periodLabel }) =>
    buildPipelineMessage(result, {
      label: auth.label,
      periodLabel,
    }),
  story: 'pipeline',
};

export const pipelineCommand: Subcommand = {
  name: 'pipeline',
  usage,
  summary: 'Open pipeline by stage, win rate, cycle and sales velocity, the bottleneck stage, what top performers do differently',
  run: (ctx) => runAgentCommand(ctx, pipelineSpec),
};
