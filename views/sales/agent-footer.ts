import type { ContextBlock } from '@slack/types';
import type { DataNotes } from '../../src/agents/data-notes.js';
import { type Blocks, context, escapeMrkdwn, section } from '../kit/blocks.js';
import { formatCount, formatDate } from '../kit/format.js';

/**
 * The "how this was computed" footer every analysis agent ends with: the formula, when the data
 * is as of, and what in the data may skew the figures.
 */
export function howComputed(options: {
  formula: string;
  asOf: string | null;
  warnings: [count: number, what: string][];
  /** The data-quality line when nothing is wrong; '' leaves it out (the warnings are shown at the top instead). */
  clean?: string;
}): ContextBlock {
  const problems = options.warnings.filter(([n]) => n > 0).map(([n, what]) => `${formatCount(n)} ${what}`);
  const quality = problems.length
    ? `:warning: Data quality: ${problems.join('; ')}.`
    : (options.clean ?? 'Data quality: no deals with a missing amount or an impossible date.');
  return context(
    ...[
      `*How this was computed:* ${options.formula} ${options.asOf === null ? 'No deals in the data yet.' : `Data as of ${formatDate(options.asOf, { year: true })}.`}`,
      quality,
    ].filter((part) => part !== ''),
  );
}

/** An agent's warnings, at the top of its reply: stale data, data problems, figures that cannot be rebuilt. */
export function alertBlocks(notes: DataNotes): Blocks {
  return notes.alerts.length ? [section(notes.alerts.map((a) => `:warning: ${escapeMrkdwn(a)}`).join('\n'))] : [];
}

/** How fresh the figures are: the newest deal record's date. */
export function dataAsOfLine(notes: DataNotes): string {
  return notes.dataAsOf === null ? 'No deals in the data yet.' : `Data as of ${formatDate(notes.dataAsOf, { year: true })} (the newest deal record).`;
}
