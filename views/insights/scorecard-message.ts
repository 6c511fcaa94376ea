import { type Leaver, leaversLine } from '../../src/domain/insights/retention.js';
import { METRIC_GROUPS, type MetricResult } from '../../src/domain/insights/scorecard.js';
import { type Blocks, context, escapeMrkdwn, header, type SlackMessage, section } from '../kit/blocks.js';
import { formatMoney } from '../kit/format.js';

const MARK = {
  met: ':white_check_mark: met',
  'at risk': ':large_yellow_circle: at risk',
  missed: ':red_circle: missed',
  'not measured': ':white_circle: not measured',
} as const;

export function formatMetricValue(result: Pick<MetricResult, 'value' | 'unit'>): string {
  const v = result.value;
  if (v === null) return '–';
  switch (result.unit) {
    case 'percent':
      return `${v}%`;
    case 'change':
      return `${v > 0 ? '+' : ''}${v}%`;
    case 'rating':
      return `${v.toFixed(2)} / 5`;
    case 'cents':
      return formatMoney(v);
    case 'people':
      return String(v);
  }
}

export function metricLine(r: MetricResult): string {
  const figure = r.status === 'not measured' ? '' : ` *${formatMetricValue(r)}*`;
  return `${MARK[r.status]} · *${escapeMrkdwn(r.label)}*${figure} (target: ${escapeMrkdwn(r.target)}${r.targetFromSeed ? '' : ', our figure; the playbook sets none'})${r.reason ? `\n    _${escapeMrkdwn(r.reason)}_` : ''}`;
}

/** The scorecard's own line also says what a measured figure rests on, and to leaders who left. */
function scorecardLine(r: MetricResult, leavers: readonly Leaver[]): string {
  const named = r.key === 'rep-retention' && leavers.length ? `\n    _${escapeMrkdwn(leaversLine(leavers))}_` : '';
  return `${metricLine(r)}${r.basis ? `\n    _${escapeMrkdwn(r.basis)}_` : ''}${named}`;
}

/**
 * `/sko metrics`: every success metric the playbook names, by group, with its figure, target and
 * verdict. `leavers`: who left after the SKO, given only when the reader may see their names.
 */
export function buildScorecardMessage(results: MetricResult[], eventName: string, leavers: readonly Leaver[] = []): SlackMessage {
  const blocks: Blocks = [header(`Success scorecard: ${eventName}`)];
  for (const group of METRIC_GROUPS) {
    const own = results.filter((r) => r.group === group.key);
    blocks.push(section(`*${group.label}*\n${own.map((r) => scorecardLine(r, leavers)).join('\n')}`));
  }
  const count = (s: MetricResult['status']) => results.filter((r) => r.status === s).length;
  const summary = `${count('met')} met · ${count('at risk')} at risk · ${count('missed')} missed · ${count('not measured')} not measured`;
  blocks.push(context(`${summary} · Metrics and targets from the kickoff playbook's success metrics.`));
  return { text: `Scorecard for ${eventName}: ${summary}`, blocks };
}
