import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Db } from '../../../../db/client.js';
import { CsvReader, type CsvRecord, CsvSyntaxError } from '../../../domain/csv-reader.js';
import { type Delimiter, detectDelimiter } from '../../../domain/sales/export-shapes.js';
import type { ImportKind } from '../../../domain/sales/import-formats.js';
import { type ImportOptions, type ImportSummary, RecordImport } from './file-import.js';
import { ImportRejected } from './staging.js';
import { decodeCsvText } from './text-decoding.js';

export type { ImportOptions, ImportSummary } from './file-import.js';

/**
 * Imports one CSV file of `kind`: it streams through the CSV reader (the separator read from the
 * header row) into a RecordImport, so a file with any bad row changes nothing, and memory stays bounded
 * (rows live in SQLite, not in arrays). Resolves with what was imported; rejects with
 * ImportRejected (every bad row's line and reason, nothing written).
 */
export async function importCsv(db: Db, kind: ImportKind, input: Readable, options: ImportOptions = {}): Promise<ImportSummary> {
  const text = decodeCsvText(input);
  const { delimiter, stream } = await withDelimiter(text.stream);
  const rows = (async function* () {
    const reader = new CsvReader(delimiter);
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of stream as AsyncIterable<Buffer | string>) {
        yield reader.push(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      }
      yield reader.push(decoder.end());
      yield reader.end();
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      throw new ImportRejected(kind, [], 0, [error.message]);
    }
  })();
  const summary = await importRecords(db, kind, rows, options);
  if (text.readAsWindows1252())
    summary.notes.push('The file was not UTF-8, so it was read as Windows-1252 (what Excel on Windows saves): check that accented letters came through.');
  return summary;
}

/**
 * Runs an import fed by `input` (records a chunk at a time): rows are read and staged as they come,
 * then written in one transaction, so a value the insert refuses, a crash or a kill part-way leaves
 * the database as it was (batches committed one by one once left 5,000 of 6,020 rows). The
 * transaction is IMMEDIATE: it takes the write lock first, and writers in other processes wait for
 * it (busy_timeout) rather than fail on a snapshot the import changed under them. Imports from Slack
 * run in the agent worker, on its own connection, so the app's event loop is not held meanwhile.
 */
async function importRecords(db: Db, kind: ImportKind, input: AsyncIterable<CsvRecord[]>, options: ImportOptions): Promise<ImportSummary> {
  const recordImport = new RecordImport(db, kind, options);
  try {
    for await (const records of input) for (const { record, line } of records) recordImport.add(record, line);
    return db.$client
      .transaction(() => {
        const writing = recordImport.finish();
        for (let step = writing.next(); ; step = writing.next()) if (step.done) return step.value;
      })
      .immediate();
  } finally {
    recordImport.close();
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
