/**
 * A leader's question in the assistant, turned into the slash command that answers it. The code
 * picks the agent and whose figures, never the model: the access gate then decides exactly as it
 * does for the command, so asking in words shows nobody more than typing the command would.
 */

export type QuestionCommand = 'perf' | 'forecast' | 'pipeline';

export interface RoutedQuestion {
  command: QuestionCommand;
  /** The command's words: a subject (`<@U…>`, `team East`) and a period (`ytd`, `fy2026`). */
  words: string[];
}

const FORECAST = /\b(forecast\w*|next (fiscal )?year|plan for|growth|seasonal\w*)\b/i;
const PIPELINE = /\b(pipeline|stage\w*|bottleneck|velocity|stall\w*|stuck|conversion|open deals?)\b/i;
const PERFORMANCE = /\b(perform\w*|attainment|quota|doing|won|revenue|top|best|worst|coach\w*|win rate|results?|how (is|are|did))\b/i;

export function routeQuestion(question: string): RoutedQuestion | null {
  const command: QuestionCommand | null = FORECAST.test(question)
    ? 'forecast'
    : PIPELINE.test(question)
      ? 'pipeline'
      : PERFORMANCE.test(question)
        ? 'perf'
        : null;
  if (!command) return null;
  const words: string[] = [];
  const mention = question.match(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/);
  const team = question.match(/\bteam\s+([A-Za-z][\w-]*)/i);
  if (mention) words.push(mention[0]);
  else if (team?.[1] && !/^(is|are|was|doing|performing|this|the|my)$/i.test(team[1])) words.push('team', team[1]);
  // The forecast looks ahead from today whatever is asked; the others take a period.
  if (command !== 'forecast') {
    const fy = question.match(/\bFY\s?(\d{4})\b/i);
    if (fy) words.push(`fy${fy[1]}`);
    else if (/\b(ytd|so far|to date)\b/i.test(question)) words.push('ytd');
  }
  return { command, words };
}
