/** The staging machinery every kind of file shares: validated rows in a temporary table, the bad rows counted and listed, and the error that rejects a file. */
import type { Db } from '../../../../db/client.js';
import type { ReadingChoice } from '../../../domain/sales/file-conventions.js';
import type { ImportKind } from '../../../domain/sales/import-formats.js';
import { InputError } from '../../../errors.js';

export interface RowProblem {
  line: number;
  reason: string;
}

/** Problems listed in full; beyond this many only the count is kept. */
const MAX_LISTED_PROBLEMS = 1000;
const STAGE_BATCH = 2_000;
/** Rows one staging INSERT carries; STAGE_BATCH is a multiple of it. */
const ROWS_PER_INSERT = 20;
const WRITE_BATCH = 5_000;
/** Rows a batch written by SQL alone holds: as long a write as WRITE_BATCH's, without JavaScript per row. */
const SQL_BATCH = 20_000;

/** The file was not imported; `problems` lists each bad row (sorted by line) and `fileProblems` what is wrong with the file as a whole. */
export class ImportRejected extends InputError {
  constructor(
    readonly kind: ImportKind,
    readonly problems: RowProblem[],
    readonly badRows: number,
    readonly fileProblems: string[] = [],
    /** What the person may choose for this import to read the file (date order, number format). */
    readonly undecided: readonly ReadingChoice[] = [],
  ) {
    const listed = problems.map((p) => `  line ${p.line}: ${p.reason}`);
    const more = badRows > problems.length ? [`  …and ${(badRows - problems.length).toLocaleString('en-US')} more bad rows`] : [];
    super(
      [
        `Nothing was imported: ${fileProblems.length ? `the file cannot be read as a ${kind} file` : `${badRows.toLocaleString('en-US')} ${badRows === 1 ? 'row has' : 'rows have'} problems`}. Fix ${fileProblems.length ? 'it' : 'them'} and import the file again.`,
        ...fileProblems.map((p) => `  ${p}`),
        ...listed,
        ...more,
      ].join('\n'),
    );
  }
}

/** Bad rows: every one counted, the first MAX_LISTED_PROBLEMS kept with their reasons. */
export class Problems {
  count = 0;
  #listed = new Map<number, RowProblem>();
  #lines = new Set<number>();

  add(line: number, reasons: string | string[]): void {
    const reason = Array.isArray(reasons) ? reasons.join('; ') : reasons;
    if (!this.#lines.has(line)) {
      this.#lines.add(line);
      this.count += 1;
    }
    const existing = this.#listed.get(line);
    if (existing) existing.reason = `${existing.reason}; ${reason}`;
    else if (this.#listed.size < MAX_LISTED_PROBLEMS) this.#listed.set(line, { line, reason });
  }

  sorted(): RowProblem[] {
    return [...this.#listed.values()].sort((a, b) => a.line - b.line);
  }
}

let stageSeq = 0;
const nextStageSeq = () => {
  stageSeq += 1;
  return stageSeq;
};

/**
 * A temporary table of validated rows, keyed for duplicate detection; TEMP tables belong to this
 * connection alone. Rows are JSON, or, when `columns` are named, one typed column each, so the
 * write can be one INSERT … SELECT that never brings a row back into JavaScript.
 */
export class Stage {
  readonly table = `import_stage_${process.pid}_${nextStageSeq()}`;
  /** Rows waiting to be staged, their values one after another. */
  #pending: unknown[] = [];
  readonly #width: number;
  readonly #insertOne;
  readonly #insertMany;

  constructor(
    private readonly db: Db,
    private readonly problems: Problems,
    private readonly duplicate: (key: string, firstLine: number) => string,
    private readonly columns: readonly string[] = [],
  ) {
    const values = columns.length ? columns : ['row'];
    this.#width = 2 + values.length;
    // No index on key while rows go in: finding duplicates once at the end, in one sort, costs a fraction of keeping an index row by row.
    db.$client.exec(`CREATE TEMP TABLE ${this.table} (line INTEGER NOT NULL, key TEXT NOT NULL, ${values.join(', ')})`);
    const row = `(${Array(this.#width).fill('?').join(', ')})`;
    const insert = (rows: number) =>
      db.$client.prepare(`INSERT INTO ${this.table} (line, key, ${values.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`);
    this.#insertOne = insert(1);
    this.#insertMany = insert(ROWS_PER_INSERT);
  }

  /** `row` is the values of the named columns in their order, or anything JSON holds when there are none. */
  add(line: number, key: string, row: unknown): void {
    const pending = this.#pending;
    pending.push(line, key);
    if (this.columns.length) for (const value of row as unknown[]) pending.push(value);
    else pending.push(JSON.stringify(row));
    if (pending.length >= STAGE_BATCH * this.#width) this.flush();
  }

  /** Stages what is waiting, many rows to a statement: each call into SQLite costs more than the row it carries. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const values = this.#pending;
    this.#pending = [];
    const many = ROWS_PER_INSERT * this.#width;
    this.db.$client.transaction(() => {
      let at = 0;
      for (; at + many <= values.length; at += many) this.#insertMany.run(values.slice(at, at + many));
      for (; at < values.length; at += this.#width) this.#insertOne.run(values.slice(at, at + this.#width));
    })();
  }

  /** After the last row: every row whose key an earlier staged row has is a problem, naming the earlier row's line. */
  complete(): void {
    this.flush();
    const duplicates = this.db.$client
      .prepare(
        `WITH firsts AS (SELECT key, min(rowid) AS first FROM ${this.table} GROUP BY key HAVING count(*) > 1)
         SELECT s.line, s.key, f.line AS firstLine FROM firsts d JOIN ${this.table} s ON s.key = d.key AND s.rowid > d.first JOIN ${this.table} f ON f.rowid = d.first
         ORDER BY s.rowid`,
      )
      .all() as { line: number; key: string; firstLine: number }[];
    for (const d of duplicates) this.problems.add(d.line, this.duplicate(d.key, d.firstLine));
  }

  /** Runs `sql` (an INSERT … SELECT from this table, `rowid > ? AND rowid <= ?` its two parameters) a batch at a time, each in its own transaction, pausing after each. */
  *sqlBatches(sql: string): Generator<void, void> {
    const statement = this.db.$client.prepare(sql);
    const last = this.db.$client.prepare(`SELECT max(rowid) FROM ${this.table}`).pluck().get() as number | null;
    for (let after = 0; after < (last ?? 0); after += SQL_BATCH) {
      this.db.$client.transaction(() => statement.run(after, after + SQL_BATCH))();
      yield;
    }
  }

  count(): number {
    return this.db.$client.prepare(`SELECT count(*) FROM ${this.table}`).pluck().get() as number;
  }

  *rows<T>(): Generator<{ line: number; row: T }> {
    for (const r of this.db.$client.prepare(`SELECT line, row FROM ${this.table} ORDER BY rowid`).iterate() as IterableIterator<{
      line: number;
      row: string;
    }>) {
      yield { line: r.line, row: JSON.parse(r.row) as T };
    }
  }

  /**
   * Calls `write` with each batch inside its own transaction (a savepoint when the caller holds one
   * open), pausing after each: a file import yields to the event loop there, a sync runs straight on.
   */
  *batches<T>(write: (rows: T[]) => void): Generator<void, void> {
    const next = this.db.$client.prepare(`SELECT rowid AS id, row FROM ${this.table} WHERE rowid > ? ORDER BY rowid LIMIT ${WRITE_BATCH}`);
    let after = 0;
    for (;;) {
      const batch = next.all(after) as { id: number; row: string }[];
      if (batch.length === 0) return;
      after = (batch[batch.length - 1] as { id: number }).id;
      this.db.$client.transaction(() => write(batch.map((b) => JSON.parse(b.row) as T)))();
      yield;
    }
  }

  drop(): void {
    this.db.$client.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}

/** Rows that hold a value the file has not yet said how to read (3/4/2026 before any day above 12), kept raw until it has. */
export class Pending {
  readonly table = `import_pending_${process.pid}_${nextStageSeq()}`;
  #rows = 0;

  constructor(private readonly db: Db) {
    db.$client.exec(`CREATE TEMP TABLE ${this.table} (line INTEGER NOT NULL, raw TEXT NOT NULL)`);
  }

  add(line: number, raw: Record<string, string>): void {
    this.db.$client.prepare(`INSERT INTO ${this.table} (line, raw) VALUES (?, ?)`).run(line, JSON.stringify(raw));
    this.#rows += 1;
  }

  get size(): number {
    return this.#rows;
  }

  /** In pages, so what is done with each row may write to the database (an open iterator would keep the connection busy). */
  *rows(): Generator<{ line: number; raw: Record<string, string> }> {
    const page = this.db.$client.prepare(`SELECT rowid AS id, line, raw FROM ${this.table} WHERE rowid > ? ORDER BY rowid LIMIT ${STAGE_BATCH}`);
    for (let after = 0; ; ) {
      const rows = page.all(after) as { id: number; line: number; raw: string }[];
      if (rows.length === 0) return;
      after = (rows[rows.length - 1] as { id: number }).id;
      for (const r of rows) yield { line: r.line, raw: JSON.parse(r.raw) as Record<string, string> };
    }
  }

  drop(): void {
    this.db.$client.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}

/** What a file's rows are, in the singular and the plural. */
export interface ImportUnit {
  one: string;
  many: string;
}

export interface KindHandler {
  unit: ImportUnit;
  /** Staged as these typed columns (check's value is then their values in order), rather than as JSON. */
  columns?: readonly string[];
  /** Validates a parsed row against the database; returns its key and what to stage, or why it is bad. */
  check(row: never, line: number): { key: string; value: unknown } | { problems: string[] };
  duplicate(key: string, firstLine: number): string;
  /** Checks that need every row (references within the file, whole plans); runs only when every row passed. */
  finish?(stage: Stage, problems: Problems): void;
  /** How many staged rows update an existing record. */
  existing(stage: Stage): number;
  /** How many records the staged rows make, when that is not one per row. */
  records?(stage: Stage): number;
  /** Writes the staged rows batch by batch, pausing between batches; returns notes for the reply. */
  write(stage: Stage): Generator<void, string[]>;
}
