import type { ForecastResult } from '../../agents/forecast.js';
import type { PerfResult } from '../../agents/perf.js';
import type { PipelineResult } from '../../agents/pipeline.js';
import type { TrackingResult } from '../../agents/tracking.js';
import { toFacts } from '../../domain/narrative/facts.js';
import type { Narrator, Written } from './narrator.js';

/** The agents a story is written for; comp and the personal summary never go to the model. */
export type StoryResult = PerfResult | ForecastResult | PipelineResult | TrackingResult;

const TASKS: Record<StoryResult['agent'] | 'tracking', string> = {
  'quota-performance-tracker':
    'Write the story of this performance: what worked and what did not, the patterns across teams and quarters, what the top performers do that others could copy, and the risks to watch. About 150 words.',
  'revenue-forecaster':
    'Write the story of this forecast: the growth drivers and the assumptions behind the plan, how seasonal it is, the pipeline it needs against what is open, and the risks. About 150 words.',
  'sales-pipeline-analyst':
    'Write the story of this pipeline: where deals stall (the bottleneck), how fast it moves, what top performers do differently, and the risks. About 150 words.',
  tracking: 'Write the story of the new year’s first weeks against last year’s: what is ahead, what is behind, and the risks. About 150 words.',
};

export interface StoryContext {
  /** Whose figures: "the company", "team East"; names go to the model only as the facts allow. */
  label: string;
  /** True when the figures are one person's (their own, or one rep's). */
  aboutOnePerson: boolean;
}

/** Whether a story may be offered at all: with individual data kept from the model, not about one person. */
export function storyAllowed(narrator: Narrator, context: StoryContext): boolean {
  return narrator.config.individualData || !context.aboutOnePerson;
}

export async function writeStory(narrator: Narrator, result: StoryResult, context: StoryContext): Promise<Written> {
  const facts = toFacts(result, { individual: narrator.config.individualData });
  // Tracking shares the performance tracker's name; its weekly view tells it apart.
  const kind = 'view' in result ? 'tracking' : result.agent;
  const task = `${TASKS[kind]}\nThe figures are for ${context.label}.`;
  return narrator.write({ purpose: `story:${kind}`, size: 'quick', task, facts });
}

/** An answer to a leader's question in the assistant, from the result of the agent that answers it. */
export async function writeAnswer(narrator: Narrator, result: StoryResult, question: string, context: StoryContext): Promise<Written> {
  const facts = toFacts(result, { individual: narrator.config.individualData });
  const task = `A sales leader asks: "${question}"\nAnswer in about 100 words from these facts only; if they do not answer it, say what they do show. The figures are for ${context.label}.`;
  return narrator.write({ purpose: 'answer', size: 'quick', task, facts });
}
