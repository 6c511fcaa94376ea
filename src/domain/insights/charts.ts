/**
 * Charts as data: what to draw, not how. Views describe them; services/charts.ts renders them to
 * PNG on the server, so a picture can travel through the outbox like any message.
 */
interface ChartSeries {
  label: string;
  /** null leaves a gap (a week still to come). */
  data: (number | null)[];
}

export interface ChartSpec {
  type: 'bar' | 'line';
  title: string;
  labels: string[];
  series: ChartSeries[];
  /** The value axis, e.g. "US dollars" or "open tasks". */
  yLabel: string;
  /** Bars stacked on top of each other within a group (actual + committed). */
  stackedGroups?: string[][];
}
