import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { importCsv } from '../../src/services/sales/import/import-csv.js';
import { createTestDb } from '../support/test-db.js';

/**
 * Run in its own process by import-memory.ts, so its peak memory is its own: writes a CSV of N
 * deals, imports it, and prints {rows, ms, baseRss, peakRss} as JSON.
 */
const rows = Number(process.argv[2]);
const t = createTestDb();
await importCsv(t.db, 'people', Readable.from(['email,name\nann@acme.com,Ann Lee\nbob@acme.com,Bob Stone\n']));
const file = join(t.path, '..', 'deals.csv');
const out = createWriteStream(file);
out.write('Opportunity ID,Opportunity Owner,Stage,Amount,Created Date,Close Date,Product\n');
for (let i = 1; i <= rows; i += 1) {
  const line = `OPP-${i},${i % 2 ? 'ann@acme.com' : 'Bob Stone'},${i % 3 ? 'Closed Won' : 'Negotiation'},"$${i.toLocaleString('en-US')}.00",2024-01-01,6/30/2024,Core\n`;
  if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}
await new Promise<void>((resolve) => out.end(() => resolve()));
global.gc?.();
const baseRss = process.memoryUsage().rss;
let peakRss = baseRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 25);
const started = performance.now();
const summary = await importCsv(t.db, 'deals', createReadStream(file));
const ms = performance.now() - started;
clearInterval(sampler);
rmSync(file);
t.close();
process.stdout.write(JSON.stringify({ rows: summary.rows, ms, baseRss, peakRss }));
