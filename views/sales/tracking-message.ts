import type { DataNotes } from '../../src/agents/data-notes.js';
import type { TrackingFigures, TrackingResult } from '../../src/agents/tracking.js';
import { type Blocks, context, escapeMrkdwn, header, type SlackMessage, section, table } from '../kit/blocks.js';
import { formatAmount, formatCount, formatPeriod, plural } from '../kit/format.js';
import { alertBlocks, howComputed } from './agent-footer.js';

const change = (now: number, before: number) => {
  if (before === 0) return '–';
  const pct = Math.round(((now - before) / before) * 100);
  return pct === 0 ? '±0%' : `${pct > 0 ? '+' : ''}${pct}%`;
};
const mark = (ok: boolean) => (ok ? ':white_check_mark:' : ':warning:');

/** `/sko perf --tracking`: the new year's first weeks against the same weeks last year, and who needs support. */
export function buildTrackingMessage(result: TrackingResult & DataNotes, view: { label: string }): SlackMessage {
  const row = (name: string, pick: (f: TrackingFigures) => number, money: boolean, ok: boolean) => {
    const show = money ? formatAmount : formatCount;
    return [`${name}`, show(pick(result.now)), show(pick(result.prior)), change(pick(result.now), pick(result.prior)), ok ? 'on track' : 'behind'];
  };
  const blocks: Blocks = [
    header(`Tracking · the first ${plural(result.weeks, 'week')}`),
    context(`${escapeMrkdwn(view.label)} · ${formatPeriod(result.period)} against ${formatPeriod(result.lastYear)}`),
    ...alertBlocks(result),
    section(
      table(
        ['', 'This year', 'Last year', 'Change', ''],
        [
          row('Deals created', (f) => f.dealsCreated, false, result.onTrack.activity),
          row('Pipeline created', (f) => f.pipelineCreated, true, result.onTrack.pipeline),
          row('Won revenue', (f) => f.wonRevenue, true, result.onTrack.wonRevenue),
        ],
      ),
    ),
    section(
      `${mark(result.onTrack.activity)} Activity target +${result.activityTargetPct}%: ${formatCount(result.activityTarget)} deals created by now; ${formatCount(result.now.dealsCreated)} so far.`,
    ),
  ];
  blocks.push(
    section(
      result.needSupport.length
        ? `:compass: *Reps who need support* (behind on activity and on pipeline)\n${result.needSupport
            .slice(0, 15)
            .map(
              (r) =>
                `• *${escapeMrkdwn(r.name)}* (${escapeMrkdwn(r.team)}): ${plural(r.now.dealsCreated, 'deal')} against a target of ${formatCount(r.activityTarget)}; ${formatAmount(r.now.pipelineCreated)} pipeline against ${formatAmount(r.lastYear.pipelineCreated)} last year`,
            )
            .join('\n')}${result.needSupport.length > 15 ? `\n…and ${result.needSupport.length - 15} more (see the JSON)` : ''}`
        : ':white_check_mark: No rep is behind on both activity and pipeline.',
    ),
  );
  if (result.newReps.length)
    blocks.push(
      context(
        `New this year (nothing to compare with): ${result.newReps
          .slice(0, 12)
          .map((r) => escapeMrkdwn(r.name))
          .join(', ')}${result.newReps.length > 12 ? ` and ${result.newReps.length - 12} more` : ''}.`,
      ),
    );
  blocks.push(
    howComputed({
      formula: `deals and pipeline count by created date, won revenue by close date; last year is 52 weeks back (same weekdays); the activity target is last year's deals created × ${1 + result.activityTargetPct / 100}, rounded up; a rep needs support when below their own activity target and below last year's pipeline.`,
      asOf: result.dataAsOf,
      warnings: [],
    }),
  );
  return { text: `Tracking: ${formatCount(result.now.dealsCreated)} deals created against ${formatCount(result.prior.dealsCreated)} last year`, blocks };
}
