/**
 * Renders a ChartSpec to PNG with Chart.js on @napi-rs/canvas: Skia compiled ahead of time and
 * shipped as an npm package for each platform, so nothing is downloaded or built at install and no
 * browser runs on the server.
 */
import { createCanvas } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import type { ChartSpec } from '../../../domain/insights/charts.js';

Chart.register(...registerables);

const CHART_WIDTH = 960;
const CHART_HEIGHT = 540;

const COLORS = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2'];

/** Charts kept drawn: a Monday's digests share two (the burn-down and the budget), whoever reads them. */
const KEPT = 8;
const drawn = new Map<string, Promise<Buffer>>();

/**
 * The chart as PNG, drawn once for every message that carries the same chart: 5,000 digests with
 * the same burn-down were 5,000 drawings of it. A failed drawing is forgotten, so the next try draws again.
 */
export function renderChartPng(spec: ChartSpec): Promise<Buffer> {
  const key = JSON.stringify(spec);
  const kept = drawn.get(key);
  if (kept) return kept;
  const png = draw(spec);
  drawn.set(key, png);
  png.catch(() => drawn.delete(key));
  if (drawn.size > KEPT) drawn.delete(drawn.keys().next().value as string);
  return png;
}

async function draw(spec: ChartSpec): Promise<Buffer> {
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
  const stackOf = (label: string) => spec.stackedGroups?.findIndex((g) => g.includes(label)) ?? -1;
  const config: ChartConfiguration<'bar' | 'line', (number | null)[], string> = {
    type: spec.type,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s, i) => {
        const color = COLORS[i % COLORS.length] as string;
        const stack = stackOf(s.label);
        return {
          label: s.label,
          data: s.data,
          backgroundColor: color,
          borderColor: color,
          borderWidth: 2,
          ...(stack >= 0 ? { stack: `s${stack}` } : { stack: s.label }),
          spanGaps: false,
        };
      }),
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      plugins: { title: { display: true, text: spec.title, font: { size: 20 } }, legend: { position: 'bottom' } },
      scales: {
        x: { stacked: Boolean(spec.stackedGroups) },
        y: { beginAtZero: true, stacked: Boolean(spec.stackedGroups), title: { display: true, text: spec.yLabel } },
      },
    },
  };
  // Chart.js draws on any object shaped like a canvas; @napi-rs/canvas is one.
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], config);
  chart.draw();
  const png = await canvas.encode('png');
  chart.destroy();
  return png;
}
