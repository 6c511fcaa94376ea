/** Writing CSV that spreadsheets read as data: RFC 4180 quoting, and no cell that runs as a formula. */

export type CsvValue = string | number | boolean | null | undefined;

// OWASP "CSV injection": a cell starting with one of these is read as a formula by Excel and Sheets.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`A CSV cell cannot hold ${value}.`);
    return String(value);
  }
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows joined with CRLF, the last one included (RFC 4180). */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
