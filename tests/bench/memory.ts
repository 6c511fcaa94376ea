import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface Rss {
  idle: number;
  afterAgents: number;
}

function rssOf(mode: 'bare' | 'app', deals: number): Rss {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'memory-child.ts'), mode, String(deals)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as Rss;
}

/**
 * Resident memory of SKO Conductor against a bare Bolt app, each in a fresh process beside the fake
 * Slack it talks to: idle after answering status requests, and after the agents have run over a
 * million deals.
 */
export function benchMemory(deals = 1_000_000): { deals: number; bare: Rss; app: Rss } {
  return { deals, bare: rssOf('bare', deals), app: rssOf('app', deals) };
}

export function reportMemory(r: ReturnType<typeof benchMemory>): string {
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
  return [
    `Resident memory against a bare Bolt app (${mb(r.bare.idle)}), each in its own process:`,
    `  idle                                   ${mb(r.app.idle)}   ${(r.app.idle / r.bare.idle).toFixed(2)}× bare (target ≤ 1.5×)`,
    `  after perf, forecast and pipeline over ${r.deals.toLocaleString('en-US')} deals   ${mb(r.app.afterAgents)}   ${(r.app.afterAgents / r.bare.idle).toFixed(2)}× bare (target ≤ 2×)`,
  ].join('\n');
}
