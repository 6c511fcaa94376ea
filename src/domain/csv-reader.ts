/**
 * Reading CSV (RFC 4180) chunk by chunk, each record with the line it starts on. Written by hand
 * because a general parser spent as long per row as SQLite spends inserting it, and a million-row
 * import must run at half a plain insert's speed. Empty lines are skipped; rows may differ in
 * length (the importer says which).
 */

export interface CsvRecord {
  record: string[];
  line: number;
}

/** What makes a file unreadable as CSV, at the line it happens on. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export const CSV_PROBLEMS = {
  unclosed: 'a field opens a quote (") that is never closed: close it, or remove it',
  closing: 'a quote (") inside a quoted field must be doubled ("")',
  opening: 'a quote (") in the middle of a field: put the whole field in quotes and double the quote ("")',
} as const;

/** Feeds text in; takes out the records each chunk completes. A record cut by a chunk's end waits for the next. */
export class CsvReader {
  readonly #delimiter: number;
  #rest = '';
  #line = 1;
  #started = false;

  constructor(delimiter: string) {
    this.#delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: string): CsvRecord[] {
    let text = this.#rest + chunk;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return this.#read(text, false);
  }

  end(): CsvRecord[] {
    return this.#read(this.#rest, true);
  }

  #read(text: string, final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    let at = 0;
    for (;;) {
      const next = this.#record(text, at, final, out);
      if (next < 0) break;
      at = next;
    }
    this.#rest = text.slice(at);
    return out;
  }

  /** Reads the record starting at `start`; returns where the next begins, or -1 when the text holds no whole record more. */
  #record(text: string, start: number, final: boolean, out: CsvRecord[]): number {
    const length = text.length;
    if (start >= length) return -1;
    const delimiter = this.#delimiter;
    const line = this.#line;
    let breaks = 0;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      if (i < length && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0 || (q === length - 1 && !final)) {
            if (!final) return -1;
            throw new CsvSyntaxError(line, CSV_PROBLEMS.unclosed);
          }
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        breaks += lineBreaks(value);
        fields.push(value);
        const c = text.charCodeAt(i);
        if (c === delimiter) {
          i += 1;
          continue;
        }
        if (i < length && c !== CR && c !== LF) throw new CsvSyntaxError(line + breaks, CSV_PROBLEMS.closing);
      } else {
        let j = i;
        let c = text.charCodeAt(j);
        while (j < length && c !== delimiter && c !== LF && c !== CR) {
          if (c === QUOTE) throw new CsvSyntaxError(line, CSV_PROBLEMS.opening);
          j += 1;
          c = text.charCodeAt(j);
        }
        fields.push(text.slice(i, j));
        i = j;
        if (j < length && c === delimiter) {
          i += 1;
          continue;
        }
      }
      // At a record's end: a line break, or the text's end.
      if (i >= length && !final) return -1;
      if (i < length && text.charCodeAt(i) === CR) {
        if (i + 1 >= length && !final) return -1;
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else if (i < length) i += 1;
      this.#line = line + breaks + 1;
      if (!(fields.length === 1 && fields[0] === '' && text.charCodeAt(start) !== QUOTE)) out.push({ record: fields, line });
      return i;
    }
  }
}

function lineBreaks(value: string): number {
  if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) return 0;
  return value.match(/\r\n|\n|\r/g)?.length ?? 0;
}
