import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../src/domain/insights/charts.js';
import { renderChartPng } from '../../../src/services/delivery/charts/images.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function burnDown(open: number[]): ChartSpec {
  return {
    type: 'line',
    title: 'Plan burn-down',
    yLabel: 'Open tasks',
    labels: open.map((_, i) => `W${i + 1}`),
    series: [{ label: 'Open', data: open }],
  };
}

describe('drawing a chart', () => {
  it('draws a PNG once for every message carrying the same chart, and anew when the figures differ', async () => {
    const first = await renderChartPng(burnDown([40, 31, 22]));
    expect(first.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(await renderChartPng(burnDown([40, 31, 22]))).toBe(first);
    const other = await renderChartPng(burnDown([40, 31, 20]));
    expect(other).not.toBe(first);
    expect(other.equals(first)).toBe(false);
  });
});
