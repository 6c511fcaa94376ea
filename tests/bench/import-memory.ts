import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface ImportRun {
  rows: number;
  ms: number;
  baseRss: number;
  peakRss: number;
}

function importIn(rows: number): ImportRun {
  const out = execFileSync(
    process.execPath,
    ['--max-old-space-size=32', '--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'import-child.ts'), String(rows)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out) as ImportRun;
}

/**
 * Importing a CSV of deals (Salesforce headers) in a fresh process each time, with the JavaScript
 * heap capped at 32 MB (an import that held the file's rows would run out of it), a small file and
 * a file five times larger: the memory the import adds should not grow with the file.
 */
export function benchImport(small = 50_000, large = 250_000): { small: ImportRun; large: ImportRun } {
  return { small: importIn(small), large: importIn(large) };
}

export function reportImport(r: ReturnType<typeof benchImport>): string {
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
  const rate = (run: ImportRun) => `${Math.round(run.rows / (run.ms / 1000)).toLocaleString('en-US')} rows/s`;
  const growth = (run: ImportRun) => run.peakRss - run.baseRss;
  return [
    'CSV import of deals (streamed, validated, staged, written in batches), each in a fresh process with a 32 MB heap:',
    `  ${r.small.rows.toLocaleString('en-US')} rows   ${(r.small.ms / 1000).toFixed(1)} s (${rate(r.small)})   memory added at peak ${mb(growth(r.small))}`,
    `  ${r.large.rows.toLocaleString('en-US')} rows   ${(r.large.ms / 1000).toFixed(1)} s (${rate(r.large)})   memory added at peak ${mb(growth(r.large))}`,
    `  memory added for a file 5× larger: ${(growth(r.large) / growth(r.small)).toFixed(2)}× (a file held in memory would need 5×, and would not fit the 32 MB heap)`,
  ].join('\n');
}
