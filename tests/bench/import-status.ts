import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { importCsv } from '../../src/services/sales/import/import-csv.js';
import { startTestApp } from '../support/test-app.js';
import { type LatencySummary, ms, summarize } from './stats.js';
import { measure, setUpBenchSko } from './status-latency.js';

interface DuringImport {
  rows: number;
  importMs: number;
  idle: LatencySummary;
  during: LatencySummary;
}

/** Writes a deals CSV of `rows` rows for two owners, as a plain export. */
async function writeDeals(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('Opportunity ID,Opportunity Owner,Stage,Amount,Created Date,Close Date\n');
  for (let i = 1; i <= rows; i += 1) {
    const line = `OPP-${i},${i % 2 ? 'ann@acme.com' : 'bob@acme.com'},${i % 3 ? 'Closed Won' : 'Negotiation'},"$${i.toLocaleString('en-US')}.00",2024-01-01,2024-06-30\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/**
 * `/sko status` answered while a deals file is imported the way a file shared in the app's DM is
 * (in the agent worker, on its own connection), against the same requests with nothing running.
 */
export async function benchImportStatus(rows = 1_000_000): Promise<DuringImport> {
  const t = await startTestApp({ now: '2026-12-09T15:00:00Z' });
  try {
    t.clock.set('2026-11-20T15:00:00Z');
    setUpBenchSko(t);
    t.clock.set('2026-12-09T15:00:00Z');
    await importCsv(t.db, 'people', Readable.from(['email,name\nann@acme.com,Ann Lee\nbob@acme.com,Bob Stone\n']));
    const file = join(t.deps.agents.dbPath, '..', 'bench-deals.csv');
    await writeDeals(file, rows);
    await measure(t.driver, 200);
    const idle = summarize(await measure(t.driver, 1_000));
    const during: number[] = [];
    let done = false;
    const started = performance.now();
    const importing = t.deps.agents.importFile('deals', createReadStream(file)).finally(() => {
      done = true;
    });
    while (!done) during.push(...(await measure(t.driver, 10)));
    const summary = await importing;
    const importMs = performance.now() - started;
    rmSync(file);
    return { rows: summary.rows, importMs, idle, during: summarize(during) };
  } finally {
    await t.close();
  }
}

export function reportImportStatus(r: DuringImport): string {
  return [
    `/sko status while ${r.rows.toLocaleString('en-US')} deals import from a file shared in the app's DM (${(r.importMs / 1000).toFixed(1)} s):`,
    `  idle            p50 ${ms(r.idle.p50)}   p99 ${ms(r.idle.p99)}   (${r.idle.n} requests)`,
    `  during import   p50 ${ms(r.during.p50)}   p99 ${ms(r.during.p99)}   (${r.during.n} requests)`,
    `  ratio at p99: ${(r.during.p99 / r.idle.p99).toFixed(2)}× idle (target ≤ 1.5×)`,
  ].join('\n');
}
