import type { SlackMessage } from '../kit/blocks.js';
import { section } from '../kit/blocks.js';

/** What the assistant offers when a thread opens: each is a question it can route to an agent. */
export const SUGGESTED_PROMPTS = {
  title: 'Ask about the sales figures',
  prompts: [
    { title: 'How is my team doing?', message: 'How is my team doing this year so far?' },
    { title: 'What the forecast needs', message: 'What does the forecast for next year need?' },
    { title: 'Where the pipeline is stuck', message: 'Where is the pipeline stuck?' },
  ],
};

/** A question none of the agents answers: what it can be asked instead. */
export function buildNotUnderstoodMessage(): SlackMessage {
  const text =
    'I answer questions about performance, the forecast and the pipeline, for the people you may see. For example: “How is team East doing so far this year?”, “How did @Ann perform in FY2026?”, “What does next year’s forecast need?”, “Where is the pipeline stuck?”';
  return { text, blocks: [section(text)] };
}
