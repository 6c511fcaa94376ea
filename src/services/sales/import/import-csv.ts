import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Db } from '../../../../db/client.js';
import { type Delimiter, detectDelimiter, isBlankRecord, reportFooter } from '../../../domain/sales/export-shapes.js';
import { FileConventions, type ReadingSettings } from '../../../domain/sales/file-conventions.js';
import { FORMATS, type ImportKind, mapHeaders, rowProblems, rowSchemas } from '../../../domain/sales/import-formats.js';
import { readingSettings } from '../settings.js';
import { accountsHandler } from './accounts.js';
import { compPlansHandler } from './comp-plans.js';
import { dealsHandler } from './deals.js';
import { peopleHandler } from './people.js';
import { quotasHandler } from './quotas.js';
import { stageHistoryHandler } from './stage-history.js';
import { ImportRejected, type ImportUnit, type KindHandler, Pending, Problems, Stage } from './staging.js';

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

/** How this one file writes dates and amounts, or its stage mapping and rates; what is not said comes from the file, then the workspace. */
export type ImportOptions = ReadingSettings;

/**
 * Imports one CSV file of `kind`. Resolves with what was imported; rejects with ImportRejected
 * (every bad row's line and reason, nothing written) or with a parse error of the same class.
 */
export async function importCsv(db: Db, kind: ImportKind, input: Readable, options: ImportOptions = {}): Promise<ImportSummary> {
  const { delimiter, stream } = await withDelimiter(input);
  const rows = (async function* () {
    const parser = stream.pipe(
      parse({ bom: true, info: true, delimiter, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }),
    );
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        // info.lines is where the record ends; a quoted field may span lines, and the record's line is where it starts.
        yield { record, line: info.lines - record.reduce((n, f) => n + (f.match(/\r\n|\n|\r/g)?.length ?? 0), 0) };
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const at = (error as CsvError & { lines?: number }).lines;
      const reason = CSV_ERRORS[error.code] ?? error.message.replace(/ at line \d+/, '');
      throw new ImportRejected(kind, [], 0, [`${at ? `line ${at}: ` : ''}${reason}`]);
    }
  })();
  return importRecords(db, kind, rows, options);
}

/** Imports records (a header, then rows) of `kind` read from anywhere: a CSV file, or a CRM's API in the same shape. */
export async function importRecords(
  db: Db,
  kind: ImportKind,
  input: AsyncIterable<{ record: string[]; line: number }>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const problems = new Problems();
  let present = new Set<string>();
  const handler = HANDLERS[kind](db, () => present);
  const stage = new Stage(db, problems, (key, first) => handler.duplicate(key, first));
  const pending = new Pending(db);
  const conventions = new FileConventions(FORMATS[kind], options, readingSettings(db));
  const schema = rowSchemas(conventions)[kind];
  const validate = (raw: Record<string, string>, line: number) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return problems.add(line, rowProblems(parsed.error));
    const checked = handler.check(parsed.data as never, line);
    if ('problems' in checked) problems.add(line, checked.problems);
    else stage.add(line, checked.key, checked.value);
  };
  try {
    let columns: (string | null)[] | null = null;
    let ignored: string[] = [];
    let rows = 0;
    const footer = new Set<string>();
    for await (const { record, line } of input) {
      if (columns === null) {
        const mapping = mapHeaders(kind, record);
        if (mapping.problems.length) throw new ImportRejected(kind, [], 0, [...mapping.problems, expectedColumns(kind)]);
        columns = mapping.columns;
        ignored = mapping.ignored;
        present = new Set(columns.filter((c): c is string => c !== null));
        continue;
      }
      const skipped = isBlankRecord(record) ? '' : reportFooter(record);
      if (skipped !== null) {
        if (skipped) footer.add(skipped);
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
      if (conventions.observe(raw, line)) validate(raw, line);
      else pending.add(line, raw);
    }
    if (columns === null) throw new ImportRejected(kind, [], 0, ['The file is empty: it needs a header row, then one row per record.', expectedColumns(kind)]);
    if (rows === 0) throw new ImportRejected(kind, [], 0, ['The file has a header row but no rows below it.']);
    const unsettled = conventions.settle();
    if (unsettled.length) throw new ImportRejected(kind, [], 0, unsettled);
    for (const { line, raw } of pending.rows()) validate(raw, line);
    stage.flush();
    if (problems.count === 0) handler.finish?.(stage, problems);
    if (problems.count > 0) throw new ImportRejected(kind, problems.sorted(), problems.count);

    const records = handler.records?.(stage) ?? stage.count();
    const updated = handler.existing(stage);
    const notes = await handler.write(stage);
    if (footer.size) notes.push(`Skipped the report's footer (${[...footer].join(', ')}).`);
    return { kind, rows, created: records - updated, updated, unit: handler.unit, ignoredColumns: ignored, notes: [...notes, ...conventions.notes()] };
  } finally {
    stage.drop();
    pending.drop();
  }
}

/** Reads the start of the stream for the header row's separator, then hands the stream on whole. */
async function withDelimiter(input: Readable): Promise<{ delimiter: Delimiter; stream: Readable }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: (Buffer | string)[] = [];
  let text = '';
  while (!/[\r\n]/.test(text) && text.length < HEADER_PEEK) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    text += typeof next.value === 'string' ? next.value : next.value.toString('utf8');
  }
  const stream = Readable.from(
    (async function* () {
      yield* head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    })(),
  );
  return { delimiter: detectDelimiter(text.split(/\r\n|\n|\r/)[0] ?? ''), stream };
}

/** Enough of the file to hold any header row. */
const HEADER_PEEK = 64 * 1024;

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
