/**
 * Year over year (`/sko history`, issue 12): the scorecards of the SKOs held so far, side by side,
 * on the metrics that compare across kickoffs, with each SKO's change from the one before.
 */
import type { MetricKey, MetricResult } from './scorecard.js';

/** What the issue names to compare; metrics measured against last year's Q1 already are a change. */
const HISTORY_METRICS: readonly MetricKey[] = [
  'attendance',
  'plan-clarity',
  'territory-quota-understanding',
  'confidence-motivation',
  'satisfaction',
  'logistics-rating',
  'certification-pass',
  'cost-per-attendee',
  'q1-pipeline',
];

export interface PastScorecard {
  name: string;
  day1: string;
  /** Its week 12 has not ended: its figures may still move. */
  inProgress: boolean;
  results: readonly MetricResult[];
}

export interface HistoryCell {
  value: number | null;
  status: MetricResult['status'];
  /** Against the SKO before, in the metric's own unit (points, rating, money); null when either is unmeasured. */
  change: number | null;
}

export interface HistoryRow {
  key: MetricKey;
  label: string;
  unit: MetricResult['unit'];
  target: string;
  /** True when a lower figure is better (cost per attendee). */
  lowerIsBetter: boolean;
  cells: HistoryCell[];
}

export interface History {
  skos: Omit<PastScorecard, 'results'>[];
  rows: HistoryRow[];
  /** Of the metrics both the last two SKOs measured: how many got better, and how many worse. */
  lastChange: { better: number; worse: number; compared: number } | null;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The scorecards in the order they were held (by day 1), compared metric by metric. */
export function compareScorecards(cards: readonly PastScorecard[]): History {
  const ordered = [...cards].sort((a, b) => a.day1.localeCompare(b.day1));
  const rows = HISTORY_METRICS.flatMap((key): HistoryRow[] => {
    const results = ordered.map((card) => card.results.find((r) => r.key === key));
    const first = results.find((r) => r !== undefined);
    if (!first) return [];
    const cells = results.map((r, i): HistoryCell => {
      const value = r?.value ?? null;
      const before = i > 0 ? (results[i - 1]?.value ?? null) : null;
      return { value, status: r?.status ?? 'not measured', change: value !== null && before !== null ? round(value - before) : null };
    });
    return [{ key, label: first.label, unit: first.unit, target: first.target, lowerIsBetter: key === 'cost-per-attendee', cells }];
  });
  return { skos: ordered.map(({ results: _results, ...sko }) => sko), rows, lastChange: ordered.length > 1 ? lastChange(rows) : null };
}

function lastChange(rows: readonly HistoryRow[]): History['lastChange'] {
  const changes = rows.flatMap((row) => {
    const change = row.cells.at(-1)?.change;
    return change === null || change === undefined ? [] : [row.lowerIsBetter ? -change : change];
  });
  return { better: changes.filter((c) => c > 0).length, worse: changes.filter((c) => c < 0).length, compared: changes.length };
}
