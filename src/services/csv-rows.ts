/** A small CSV file read whole (expenses, the agenda), each row with the line it starts on. */
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';

export interface CsvRow {
  /** The file's line the row starts on (the header is line 1), blank lines counted. */
  line: number;
  cells: string[];
}

/** The header and the rows below it; an unreadable file is an InputError that names the header it wants. */
export function readCsvRows(csv: string, wantedHeader: string): { header: string[] | null; rows: CsvRow[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw new InputError(`The file is not a readable CSV: ${(error as Error).message}. Save it as CSV with a header row: ${wantedHeader}.`);
  }
  // csv-parse counts lines to a row's end; a quoted cell may span lines, and the row starts where it begins.
  const rows = records.map(({ record, info }) => ({ line: info.lines - record.join('').split('\n').length + 1, cells: record }));
  const [header, ...rest] = rows;
  return { header: header?.cells ?? null, rows: rest };
}
