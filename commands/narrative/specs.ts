import type { QuestionCommand } from '../../src/domain/narrative/question.js';
import type { AgentOutput } from '../../src/services/sales/agent-jobs.js';
import type { AgentCommandSpec } from '../sales/agent-command.js';
import { forecastSpec } from '../sales/forecast.js';
import { perfSpec } from '../sales/perf.js';
import { pipelineSpec } from '../sales/pipeline.js';

/** The agent commands the model writes about: a story under their reply, an answer in the assistant. Comp is never one. */
export const NARRATED: Record<QuestionCommand, AgentCommandSpec<AgentOutput>> = {
  perf: perfSpec as AgentCommandSpec<AgentOutput>,
  forecast: forecastSpec as AgentCommandSpec<AgentOutput>,
  pipeline: pipelineSpec as AgentCommandSpec<AgentOutput>,
};

export const isNarrated = (name: string): name is QuestionCommand => Object.hasOwn(NARRATED, name);
