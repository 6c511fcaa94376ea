import type { Db } from '../../../../db/client.js';
import { dealRowReader } from '../../../domain/sales/deal-row.js';
import { isBlankRecord, reportFooter } from '../../../domain/sales/export-shapes.js';
import { FileConventions, type ReadingSettings } from '../../../domain/sales/file-conventions.js';
import { FORMATS, type ImportKind, mapHeaders, rowProblems, rowSchemas } from '../../../domain/sales/import-formats.js';
import { salesDataChanged } from '../data-version.js';
import { readingSettings } from '../settings.js';
import { accountsHandler } from './accounts.js';
import { compPlansHandler } from './comp-plans.js';
import { dealsHandler } from './deals.js';
import { peopleHandler } from './people.js';
import { quotasHandler } from './quotas.js';
import { stageHistoryHandler } from './stage-history.js';
import { ImportRejected, type ImportUnit, type KindHandler, Pending, Problems, Stage } from './staging.js';

/**
 * One import of one kind of records, fed a header then rows from anywhere (a CSV file, a CRM's
 * API in the same shape), in two passes over a staging table: every row is validated and staged,
 * and only when every row is good are they written. Synchronous, so a caller may hold several
 * imports in one transaction (a CRM sync); a file import yields between the write's batches.
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

const HANDLERS: Record<ImportKind, (db: Db, present: () => Set<string>) => KindHandler> = {
  people: peopleHandler,
  deals: dealsHandler,
  quotas: quotasHandler,
  accounts: accountsHandler,
  'comp-plans': compPlansHandler,
  'stage-history': stageHistoryHandler,
};

export class RecordImport {
  readonly #problems = new Problems();
  #present = new Set<string>();
  readonly #handler: KindHandler;
  readonly #stage: Stage;
  readonly #pending: Pending;
  readonly #conventions: FileConventions;
  readonly #schema;
  /** A hand-written reading of good rows where speed counts; null sends the row to the schema. */
  readonly #read: (raw: Record<string, string>) => unknown;
  #columns: (string | null)[] | null = null;
  #ignored: string[] = [];
  #rows = 0;
  readonly #footer = new Set<string>();

  constructor(
    readonly db: Db,
    readonly kind: ImportKind,
    options: ImportOptions = {},
  ) {
    this.#handler = HANDLERS[kind](db, () => this.#present);
    this.#stage = new Stage(db, this.#problems, (key, first) => this.#handler.duplicate(key, first), this.#handler.columns);
    this.#pending = new Pending(db);
    this.#conventions = new FileConventions(FORMATS[kind], options, readingSettings(db));
    this.#schema = rowSchemas(this.#conventions)[kind];
    this.#read = kind === 'deals' ? dealRowReader(this.#conventions) : () => null;
  }

  /** The first record is the header; then each row, with the line it starts on. */
  add(record: string[], line: number): void {
    if (this.#columns === null) {
      this.#header(record);
      return;
    }
    const skipped = isBlankRecord(record) ? '' : reportFooter(record);
    if (skipped !== null) {
      if (skipped) this.#footer.add(skipped);
      return;
    }
    this.#rows += 1;
    if (record.length !== this.#columns.length) {
      this.#problems.add(line, `has ${record.length} fields; the header has ${this.#columns.length}`);
      return;
    }
    const raw: Record<string, string> = {};
    const columns = this.#columns;
    for (let i = 0; i < columns.length; i += 1) {
      const c = columns[i];
      if (c) raw[c] = record[i] as string;
    }
    if (this.#conventions.observe(raw, line)) this.#validate(raw, line);
    else this.#pending.add(line, raw);
  }

  #header(record: string[]): void {
    const mapping = mapHeaders(this.kind, record);
    if (mapping.problems.length) throw new ImportRejected(this.kind, [], 0, [...mapping.problems, expectedColumns(this.kind)]);
    this.#columns = mapping.columns;
    this.#ignored = mapping.ignored;
    this.#present = new Set(this.#columns.filter((c): c is string => c !== null));
  }

  #validate(raw: Record<string, string>, line: number): void {
    let row = this.#read(raw);
    if (row === null) {
      const parsed = this.#schema.safeParse(raw);
      if (!parsed.success) {
        this.#problems.add(line, rowProblems(parsed.error));
        return;
      }
      row = parsed.data;
    }
    const checked = this.#handler.check(row as never, line);
    if ('problems' in checked) this.#problems.add(line, checked.problems);
    else this.#stage.add(line, checked.key, checked.value);
  }

  /** After the last row: throws ImportRejected unless every row is good; then writes, pausing between batches, and says what it did. */
  *finish(): Generator<void, ImportSummary> {
    const { kind } = this;
    if (this.#columns === null)
      throw new ImportRejected(kind, [], 0, ['The file is empty: it needs a header row, then one row per record.', expectedColumns(kind)]);
    if (this.#rows === 0) throw new ImportRejected(kind, [], 0, ['The file has a header row but no rows below it.']);
    const unsettled = this.#conventions.settle();
    if (unsettled.length) throw new ImportRejected(kind, [], 0, unsettled, this.#conventions.undecided);
    for (const { line, raw } of this.#pending.rows()) this.#validate(raw, line);
    this.#stage.complete();
    if (this.#problems.count === 0) this.#handler.finish?.(this.#stage, this.#problems);
    if (this.#problems.count > 0) throw new ImportRejected(kind, this.#problems.sorted(), this.#problems.count);

    const records = this.#handler.records?.(this.#stage) ?? this.#stage.count();
    const updated = this.#handler.existing(this.#stage);
    const notes = yield* this.#handler.write(this.#stage);
    salesDataChanged(this.db);
    if (this.#footer.size) notes.push(`Skipped the report's footer (${[...this.#footer].join(', ')}).`);
    return {
      kind,
      rows: this.#rows,
      created: records - updated,
      updated,
      unit: this.#handler.unit,
      ignoredColumns: this.#ignored,
      notes: [...notes, ...this.#conventions.notes()],
    };
  }

  /** The temporary tables go, whatever happened. */
  close(): void {
    this.#stage.drop();
    this.#pending.drop();
  }
}

function expectedColumns(kind: ImportKind): string {
  return `A ${kind} file has the columns ${Object.keys(FORMATS[kind].columns).join(', ')} (${FORMATS[kind].required.join(', ')} required).`;
}
