import type { ContextBlock } from '@slack/types';
import { context } from '../kit/blocks.js';
import { formatCount, formatDate } from '../kit/format.js';

/**
 * The "how this was computed" footer every analysis agent ends with: the formula, when the data
 * is as of, what in the data may skew the figures, and the command that gives them as JSON.
 */
export function howComputed(options: {
  formula: string;
  asOf: string;
  warnings: [count: number, what: string][];
  jsonCommand: string;
  clean?: string;
}): ContextBlock {
  const problems = options.warnings.filter(([n]) => n > 0).map(([n, what]) => `${formatCount(n)} ${what}`);
  return context(
    `*How this was computed:* ${options.formula} Data as of ${formatDate(options.asOf, { year: true })}.`,
    problems.length
      ? `:warning: Data quality: ${problems.join('; ')}.`
      : (options.clean ?? 'Data quality: no deals with a missing amount or an impossible date.'),
    `Every figure as JSON: \`${options.jsonCommand}\``,
  );
}
