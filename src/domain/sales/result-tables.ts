import { type CsvValue, toCsv } from '../csv.js';

/** One of an agent result's tables, whole (no "…and N more"), as a CSV file to send. */
export interface TableFile {
  /** "performance-by-rep.csv": what it holds, in words. */
  filename: string;
  csv: string;
}

const isScalar = (v: unknown): v is CsvValue => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** byRep → by-rep, avgDealSize → avg_deal_size: file names in kebab case, headers in snake case. */
const kebab = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const snake = (key: string) => kebab(key).replace(/-/g, '_');

/**
 * Every list of rows in an agent's result (by rep, by stage, rep packages…) as its own CSV file,
 * with the columns that hold one value each. Generic over the agents' results on purpose: a new
 * breakdown in an agent reaches the export without anyone remembering to add it here.
 */
export function resultTables(what: string, result: Record<string, unknown>): TableFile[] {
  const files: TableFile[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (!Array.isArray(value) || value.length === 0 || !value.every(isRecord)) continue;
    const columns = [...new Set(value.flatMap((row) => Object.keys(row).filter((k) => isScalar(row[k]))))];
    if (columns.length === 0) continue;
    const rows = value.map((row) => columns.map((c) => (isScalar(row[c]) ? row[c] : null)));
    files.push({ filename: `${what}-${kebab(key)}.csv`, csv: toCsv([columns.map(snake), ...rows]) });
  }
  return files;
}
