import type { History, HistoryCell, HistoryRow } from '../../src/domain/insights/history.js';
import { type Blocks, context, escapeMrkdwn, header, type SlackMessage, section } from '../kit/blocks.js';
import { formatDate, formatMoney, plural } from '../kit/format.js';
import { formatMetricValue } from './scorecard-message.js';

const MARK: Record<HistoryCell['status'], string> = {
  met: ':white_check_mark:',
  'at risk': ':large_yellow_circle:',
  missed: ':red_circle:',
  'not measured': ':white_circle:',
};

/** "+4 pts", "−0.30", "+$120": the change in the metric's own unit. */
function changeText(row: HistoryRow, change: number): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const size = Math.abs(change);
  switch (row.unit) {
    case 'percent':
    case 'change':
      return `${sign}${size} pts`;
    case 'rating':
      return `${sign}${size.toFixed(2)}`;
    case 'cents':
      return `${sign}${formatMoney(size)}`;
    case 'people':
      return `${sign}${size}`;
  }
}

function rowText(row: HistoryRow, names: readonly string[]): string {
  const cells = row.cells.map((cell, i) => {
    const figure = cell.value === null ? 'not measured' : `*${formatMetricValue({ value: cell.value, unit: row.unit })}*`;
    const change = cell.change === null ? '' : ` (${changeText(row, cell.change)})`;
    return `${MARK[cell.status]} ${escapeMrkdwn(names[i] ?? '')}: ${figure}${change}`;
  });
  return `*${escapeMrkdwn(row.label)}* · target ${escapeMrkdwn(row.target)}\n${cells.join('\n')}`;
}

/** `/sko history`: the SKOs held so far, side by side, each metric with its change from the SKO before. */
export function buildHistoryMessage(history: History): SlackMessage {
  const names = history.skos.map((s) => (s.inProgress ? `${s.name} (so far)` : s.name));
  if (history.skos.length < 2) {
    const only = history.skos[0];
    const text = only
      ? `*${escapeMrkdwn(only.name)}* is the only SKO held here so far. Once the next one starts, \`/sko history\` compares their scorecards side by side; \`/sko metrics\` shows this one's.`
      : 'No SKO has started yet, so there is nothing to compare. `/sko metrics` shows the scorecard once the plan runs.';
    return { text: text.replace(/[*`]/g, ''), blocks: [section(text)] };
  }
  const held = history.skos.map((s) => `${escapeMrkdwn(s.name)} (${formatDate(s.day1)})`).join(', ');
  const last = history.lastChange;
  const verdict =
    last && last.compared > 0
      ? `Against the SKO before it, the latest is better on ${last.better} and worse on ${last.worse} of the ${plural(last.compared, 'metric')} both measured.`
      : 'The latest two SKOs share no measured metric yet.';
  const blocks: Blocks = [header('SKO history'), section(`${verdict}\nCompared: ${held}.`)];
  for (const row of history.rows) blocks.push(section(rowText(row, names)));
  blocks.push(context('Each SKO is judged as its follow-up ended; one still in its twelve weeks, as of today. Changes are from the SKO listed before it.'));
  return { text: `SKO history: ${history.skos.map((s) => s.name).join(', ')}. ${verdict}`, blocks };
}
