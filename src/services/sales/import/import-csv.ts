import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Db } from '../../../../db/client.js';
import { FORMATS, type ImportKind, mapHeaders, ROW_SCHEMAS, rowProblems } from '../../../domain/sales/import-formats.js';
import { accountsHandler } from './accounts.js';
import { compPlansHandler } from './comp-plans.js';
import { dealsHandler } from './deals.js';
import { peopleHandler } from './people.js';
import { quotasHandler } from './quotas.js';
import { stageHistoryHandler } from './stage-history.js';
import { ImportRejected, type ImportUnit, type KindHandler, Problems, Stage } from './staging.js';

/**
 * Imports a CSV file in two passes over a staging table, so a file with any bad row changes
 * nothing: the first pass streams the file, validates every row (fields, owners, duplicates) and
 * stages the good ones; only when every row is good does the second pass write them, in batched
 * transactions that never stay open across an `await` (other work on this connection goes on in
 * between). Memory stays bounded: rows live in SQLite, not in arrays.
 */

export interface ImportSummary {
  kind: ImportKind;
  /** Data rows in the file. */
  rows: number;
  created: number;
  updated: number;
  /** What was counted: people, deals, quotas, accounts or plans. */
  unit: ImportUnit;
  ignoredColumns: string[];
  notes: string[];
}

/**
 * Imports one CSV file of `kind`. Resolves with what was imported; rejects with ImportRejected
 * (every bad row's line and reason, nothing written) or with a parse error of the same class.
 */
export async function importCsv(db: Db, kind: ImportKind, input: Readable): Promise<ImportSummary> {
  const problems = new Problems();
  let present = new Set<string>();
  const handler = HANDLERS[kind](db, () => present);
  const stage = new Stage(db, problems, (key, first) => handler.duplicate(key, first));
  try {
    const parser = input.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }));
    let columns: (string | null)[] | null = null;
    let ignored: string[] = [];
    let rows = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        // info.lines is where the record ends; a quoted field may span lines, and the record's line is where it starts.
        const line = info.lines - record.reduce((n, f) => n + (f.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
        if (columns === null) {
          const mapping = mapHeaders(kind, record);
          if (mapping.problems.length) throw new ImportRejected(kind, [], 0, [...mapping.problems, expectedColumns(kind)]);
          columns = mapping.columns;
          ignored = mapping.ignored;
          present = new Set(columns.filter((c): c is string => c !== null));
          continue;
        }
        rows += 1;
        if (record.length !== columns.length) {
          problems.add(line, `has ${record.length} fields; the header has ${columns.length}`);
          continue;
        }
        const raw: Record<string, string> = {};
        columns.forEach((c, i) => {
          if (c) raw[c] = record[i] as string;
        });
        const parsed = ROW_SCHEMAS[kind].safeParse(raw);
        if (!parsed.success) {
          problems.add(line, rowProblems(parsed.error));
          continue;
        }
        const checked = handler.check(parsed.data as never, line);
        if ('problems' in checked) problems.add(line, checked.problems);
        else stage.add(line, checked.key, checked.value);
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const at = (error as CsvError & { lines?: number }).lines;
      throw new ImportRejected(kind, [], 0, [`${at ? `line ${at}: ` : ''}${CSV_ERRORS[error.code] ?? error.message.replace(/ at line \d+/, '')}`]);
    }
    stage.flush();
    if (columns === null) throw new ImportRejected(kind, [], 0, ['The file is empty: it needs a header row, then one row per record.', expectedColumns(kind)]);
    if (rows === 0) throw new ImportRejected(kind, [], 0, ['The file has a header row but no rows below it.']);
    if (problems.count === 0) handler.finish?.(stage, problems);
    if (problems.count > 0) throw new ImportRejected(kind, problems.sorted(), problems.count);

    const records = handler.records?.(stage) ?? stage.count();
    const updated = handler.existing(stage);
    const notes = await handler.write(stage);
    return { kind, rows, created: records - updated, updated, unit: handler.unit, ignoredColumns: ignored, notes };
  } finally {
    stage.drop();
  }
}

/** csv-parse's wording for the two mistakes hand-edited files make, in words that say what to fix. */
const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a field opens a quote (") that is never closed: close it, or remove it',
  CSV_INVALID_CLOSING_QUOTE: 'a quote (") inside a quoted field must be doubled ("")',
};

function expectedColumns(kind: ImportKind): string {
  return `A ${kind} file has the columns ${Object.keys(FORMATS[kind].columns).join(', ')} (${FORMATS[kind].required.join(', ')} required).`;
}
const HANDLERS: Record<ImportKind, (db: Db, present: () => Set<string>) => KindHandler> = {
  people: peopleHandler,
  deals: dealsHandler,
  quotas: quotasHandler,
  accounts: accountsHandler,
  'comp-plans': compPlansHandler,
  'stage-history': stageHistoryHandler,
};
