import type { Readable } from 'node:stream';
import type { Statement } from 'better-sqlite3';
import { CsvError, parse } from 'csv-parse';
import type { Db } from '../../../db/client.js';
import type { CompPlan } from '../../agents/comp.js';
import { getOrAdd } from '../../domain/maps.js';
import type { PeopleRole } from '../../domain/roles.js';
import {
  type AccountImportRow,
  type CompPlanImportRow,
  type DealImportRow,
  FORMATS,
  type ImportKind,
  mapHeaders,
  type PersonImportRow,
  type QuotaImportRow,
  ROW_SCHEMAS,
  rowProblems,
  type StageHistoryImportRow,
} from '../../domain/sales/import-formats.js';
import { InputError } from '../../errors.js';
import { mergePeople } from '../people/people.js';

/**
 * Imports a CSV file in two passes over a staging table, so a file with any bad row changes
 * nothing: the first pass streams the file, validates every row (fields, owners, duplicates) and
 * stages the good ones; only when every row is good does the second pass write them, in batched
 * transactions that never stay open across an `await` (other work on this connection goes on in
 * between). Memory stays bounded: rows live in SQLite, not in arrays.
 */

export interface RowProblem {
  line: number;
  reason: string;
}

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

/** Problems listed in full; beyond this many only the count is kept. */
const MAX_LISTED_PROBLEMS = 1000;
const STAGE_BATCH = 2_000;
const WRITE_BATCH = 5_000;

/** The file was not imported; `problems` lists each bad row (sorted by line) and `fileProblems` what is wrong with the file as a whole. */
export class ImportRejected extends InputError {
  constructor(
    readonly kind: ImportKind,
    readonly problems: RowProblem[],
    readonly badRows: number,
    readonly fileProblems: string[] = [],
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
class Problems {
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

/** A temporary table of validated rows, keyed for duplicate detection; TEMP tables belong to this connection alone. */
class Stage {
  readonly table = `import_stage_${process.pid}_${nextStageSeq()}`;
  #pending: { line: number; key: string; row: string }[] = [];

  constructor(
    private readonly db: Db,
    private readonly problems: Problems,
    private readonly duplicate: (key: string, firstLine: number) => string,
  ) {
    db.$client.exec(`CREATE TEMP TABLE ${this.table} (line INTEGER NOT NULL, key TEXT NOT NULL UNIQUE, row TEXT NOT NULL)`);
  }

  add(line: number, key: string, row: unknown): void {
    this.#pending.push({ line, key, row: JSON.stringify(row) });
    if (this.#pending.length >= STAGE_BATCH) this.flush();
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const insert = this.db.$client.prepare(`INSERT INTO ${this.table} (line, key, row) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING`);
    const firstLine = this.db.$client.prepare(`SELECT line FROM ${this.table} WHERE key = ?`).pluck();
    const rows = this.#pending;
    this.#pending = [];
    this.db.$client.transaction(() => {
      for (const r of rows) {
        if (insert.run(r.line, r.key, r.row).changes === 0) this.problems.add(r.line, this.duplicate(r.key, firstLine.get(r.key) as number));
      }
    })();
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

  /** Calls `write` with each batch inside its own transaction, yielding to the event loop between batches. */
  async eachBatch<T>(write: (rows: T[]) => void): Promise<void> {
    const next = this.db.$client.prepare(`SELECT rowid AS id, row FROM ${this.table} WHERE rowid > ? ORDER BY rowid LIMIT ${WRITE_BATCH}`);
    let after = 0;
    for (;;) {
      const batch = next.all(after) as { id: number; row: string }[];
      if (batch.length === 0) return;
      after = (batch[batch.length - 1] as { id: number }).id;
      this.db.$client.transaction(() => write(batch.map((b) => JSON.parse(b.row) as T)))();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  drop(): void {
    this.db.$client.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}

/** Finds people by email or, failing that, by full name (case and spacing ignored). */
class PersonResolver {
  readonly #byEmail = new Map<string, number>();
  readonly #byName = new Map<string, number[]>();

  constructor(db: Db) {
    for (const p of db.$client.prepare('SELECT id, email, name FROM people').iterate() as IterableIterator<{
      id: number;
      email: string | null;
      name: string | null;
    }>) {
      if (p.email) this.#byEmail.set(p.email.toLowerCase(), p.id);
      if (p.name) {
        const key = nameKey(p.name);
        this.#byName.set(key, [...(this.#byName.get(key) ?? []), p.id]);
      }
    }
  }

  /** The person's id, or the reason there is none. `what` names the column in messages. */
  resolve(ref: string, what: string): { id: number } | { problem: string } {
    const email = emailIn(ref);
    if (email) {
      const id = this.#byEmail.get(email);
      return id === undefined ? { problem: `unknown ${what} "${ref}": nobody with that email (import them in the people file first)` } : { id };
    }
    const ids = this.#byName.get(nameKey(ref)) ?? [];
    if (ids.length === 1) return { id: ids[0] as number };
    if (ids.length > 1) return { problem: `${what} "${ref}" matches ${ids.length} people by name: use their email` };
    return { problem: `unknown ${what} "${ref}": nobody with that email or full name (import them in the people file first)` };
  }
}

const nameKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** "jane@x.com", "Jane Doe <jane@x.com>" or "Jane Doe (jane@x.com)" → the email; a plain name → null. */
function emailIn(ref: string): string | null {
  const match = /([^\s<>()]+@[^\s<>()]+)/.exec(ref);
  return match ? (match[1] as string).toLowerCase() : null;
}

/** What a file's rows are, in the singular and the plural. */
interface ImportUnit {
  one: string;
  many: string;
}

interface KindHandler {
  unit: ImportUnit;
  /** Validates a parsed row against the database; returns its key and what to stage, or why it is bad. */
  check(row: never, line: number): { key: string; value: unknown } | { problems: string[] };
  duplicate(key: string, firstLine: number): string;
  /** Checks that need every row (references within the file, whole plans); runs only when every row passed. */
  finish?(stage: Stage, problems: Problems): void;
  /** How many staged rows update an existing record. */
  existing(stage: Stage): number;
  /** How many records the staged rows make, when that is not one per row. */
  records?(stage: Stage): number;
  write(stage: Stage): Promise<string[]>;
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

// ------------------------------------------------------------------------------ people

interface StagedPerson extends PersonImportRow {
  line: number;
}

function peopleHandler(db: Db, present: () => Set<string>): KindHandler {
  const slackOwners = new Map<string, string | null>();
  for (const p of db.$client.prepare('SELECT email, slack_user_id AS slack FROM people WHERE slack_user_id IS NOT NULL').iterate() as IterableIterator<{
    email: string | null;
    slack: string;
  }>) {
    slackOwners.set(p.slack, p.email);
  }
  const slackInFile = new Map<string, number>();
  // Filled by finish(): each person's manager's email, the file's over what was imported before.
  let managerOf = new Map<string, string | null>();

  return {
    unit: { one: 'person', many: 'people' },
    check(row: PersonImportRow, line) {
      if (row.slack_user_id) {
        const owner = slackOwners.get(row.slack_user_id);
        if (owner && owner !== row.email) return { problems: [`slack_user_id ${row.slack_user_id} already belongs to ${owner}`] };
        const earlier = slackInFile.get(row.slack_user_id);
        if (earlier !== undefined) return { problems: [`slack_user_id ${row.slack_user_id} is also on line ${earlier}`] };
        slackInFile.set(row.slack_user_id, line);
      }
      return { key: row.email as string, value: { ...row, line } };
    },
    duplicate: (key, first) => `duplicate email ${key} (also on line ${first})`,

    /** Managers may be in the file or imported before; reporting lines must not loop. */
    finish(stage, problems) {
      const known = new Set<string>();
      const names = new Map<string, Set<string>>();
      const addName = (name: string | null, email: string) => {
        if (!name) return;
        const key = nameKey(name);
        names.set(key, (names.get(key) ?? new Set()).add(email));
      };
      const managers = new Map<string, string | null>();
      for (const p of db.$client
        .prepare('SELECT p.email, p.name, m.email AS manager FROM people p LEFT JOIN people m ON m.id = p.manager_id WHERE p.email IS NOT NULL')
        .iterate() as IterableIterator<{ email: string; name: string | null; manager: string | null }>) {
        known.add(p.email);
        addName(p.name, p.email);
        managers.set(p.email, p.manager);
      }
      const staged = [...stage.rows<StagedPerson>()].map((r) => r.row);
      for (const p of staged) {
        known.add(p.email as string);
        addName(p.name, p.email as string);
      }
      if (present().has('manager_email')) {
        for (const p of staged) {
          const email = p.email as string;
          if (!p.manager_email) {
            managers.set(email, null);
            continue;
          }
          const byEmail = emailIn(p.manager_email);
          const matches = byEmail ? (known.has(byEmail) ? [byEmail] : []) : [...(names.get(nameKey(p.manager_email)) ?? [])];
          if (matches.length !== 1) {
            problems.add(
              p.line,
              matches.length
                ? `manager "${p.manager_email}" matches ${matches.length} people by name: use their email`
                : `unknown manager "${p.manager_email}": not in this file nor imported before`,
            );
          } else if (matches[0] === email) {
            problems.add(p.line, 'a person cannot be their own manager');
          } else {
            managers.set(email, matches[0] as string);
          }
        }
      }
      for (const p of staged) {
        const seen = new Set<string>();
        for (let m = managers.get(p.email as string); m && !seen.has(m); m = managers.get(m)) {
          if (m === p.email) {
            problems.add(p.line, `the reporting line loops back to ${p.email}`);
            break;
          }
          seen.add(m);
        }
      }
      managerOf = managers;
    },

    existing: (stage) => db.$client.prepare(`SELECT count(*) FROM ${stage.table} s JOIN people p ON p.email = s.key`).pluck().get() as number,

    async write(stage) {
      const cols = present();
      const byEmail = db.$client.prepare('SELECT id, role FROM people WHERE email = ?');
      const bySlack = db.$client.prepare('SELECT id, role, email FROM people WHERE slack_user_id = ?');
      const insert = db.$client.prepare('INSERT INTO people (email, role) VALUES (?, ?) RETURNING id, role');
      const claimEmail = db.$client.prepare('UPDATE people SET email = ? WHERE id = ?');
      const fields = (['name', 'team', 'region', 'segment', 'hire_date', 'title'] as const).filter((f) => cols.has(f));
      const updates = new Map<string, Statement>();
      let matchedInSlack = 0;
      await stage.eachBatch<StagedPerson>((rows) => {
        for (const row of rows) {
          const email = row.email as string;
          let person = byEmail.get(email) as { id: number; role: PeopleRole } | undefined;
          const met = row.slack_user_id ? (bySlack.get(row.slack_user_id) as { id: number; role: PeopleRole; email: string | null } | undefined) : undefined;
          if (met && !met.email) {
            // Someone who used the app in Slack before being imported: one person, keeping what they do in the app.
            if (person) mergePeople(db, met.id, person.id);
            else claimEmail.run(email, met.id);
            person = byEmail.get(email) as { id: number; role: PeopleRole };
            matchedInSlack += 1;
          }
          person ??= insert.get(email, row.role ?? 'rep') as { id: number; role: PeopleRole };
          const sets = fields.map((f) => `${f} = ?`);
          const values: unknown[] = fields.map((f) => row[f]);
          // An import never takes the admin role away (admins are made in Slack) and never blanks a Slack id.
          if (row.role) {
            sets.push('role = ?');
            values.push(person.role === 'admin' ? 'admin' : row.role);
          }
          if (row.slack_user_id) {
            sets.push('slack_user_id = ?');
            values.push(row.slack_user_id);
          }
          sets.push(`updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`);
          const sql = `UPDATE people SET ${sets.join(', ')} WHERE id = ?`;
          const update: Statement = getOrAdd(updates, sql, () => db.$client.prepare(sql));
          update.run(...values, person.id);
        }
      });
      if (cols.has('manager_email')) {
        const link = db.$client.prepare('UPDATE people SET manager_id = (SELECT id FROM people WHERE email = ?) WHERE email = ?');
        await stage.eachBatch<StagedPerson>((rows) => {
          for (const row of rows) link.run(managerOf.get(row.email as string) ?? null, row.email);
        });
      }
      return matchedInSlack ? [`${matchedInSlack} had used the app in Slack already and were matched by their Slack ID.`] : [];
    },
  };
}

// ------------------------------------------------------------------------------ deals

interface StagedDeal {
  id: string;
  ownerId: number;
  account: string | null;
  product: string | null;
  segment: string | null;
  stage: string;
  outcome: string;
  amountCents: number | null;
  createdDate: string | null;
  closeDate: string | null;
}

function dealsHandler(db: Db): KindHandler {
  const people = new PersonResolver(db);
  return {
    unit: { one: 'deal', many: 'deals' },
    check(row: DealImportRow) {
      const owner = people.resolve(row.owner_email as string, 'owner');
      if ('problem' in owner) return { problems: [owner.problem] };
      const value: StagedDeal = {
        id: row.id as string,
        ownerId: owner.id,
        account: row.account,
        product: row.product,
        segment: row.segment,
        stage: row.stage as string,
        outcome: row.outcome as string,
        amountCents: row.amount,
        createdDate: row.created_date,
        closeDate: row.close_date,
      };
      return { key: value.id, value };
    },
    duplicate: (key, first) => `duplicate id ${key} (also on line ${first})`,
    existing: (stage) => db.$client.prepare(`SELECT count(*) FROM ${stage.table} s JOIN deals d ON d.id = s.key`).pluck().get() as number,
    async write(stage) {
      const upsert = db.$client.prepare(
        `INSERT INTO deals (id, owner_id, account, product, segment, stage, outcome, amount_cents, created_date, close_date)
         VALUES (@id, @ownerId, @account, @product, @segment, @stage, @outcome, @amountCents, @createdDate, @closeDate)
         ON CONFLICT(id) DO UPDATE SET owner_id = excluded.owner_id, account = excluded.account, product = excluded.product,
           segment = excluded.segment, stage = excluded.stage, outcome = excluded.outcome, amount_cents = excluded.amount_cents,
           created_date = excluded.created_date, close_date = excluded.close_date`,
      );
      await stage.eachBatch<StagedDeal>((rows) => {
        for (const row of rows) upsert.run(row);
      });
      return [];
    },
  };
}

// ------------------------------------------------------------------------------ quotas

interface StagedQuota {
  personId: number;
  periodStart: string;
  periodEnd: string;
  amountCents: number;
}

function quotasHandler(db: Db): KindHandler {
  const people = new PersonResolver(db);
  const inFile = new Map<number, { from: string; to: string; line: number }[]>();
  return {
    unit: { one: 'quota', many: 'quotas' },
    check(row: QuotaImportRow, line) {
      const person = people.resolve(row.email as string, 'person');
      if ('problem' in person) return { problems: [person.problem] };
      const from = row.period_start as string;
      const to = row.period_end as string;
      const periods = inFile.get(person.id) ?? [];
      const clash = periods.find((p) => p.from <= to && from <= p.to && !(p.from === from && p.to === to));
      if (clash) return { problems: [`overlaps ${row.email}'s quota for ${clash.from} – ${clash.to} on line ${clash.line}`] };
      inFile.set(person.id, [...periods, { from, to, line }]);
      const value: StagedQuota = { personId: person.id, periodStart: from, periodEnd: to, amountCents: row.amount as number };
      return { key: `${person.id}|${from}|${to}`, value };
    },
    duplicate: (key, first) => `duplicate quota for the same person and period ${key.split('|').slice(1).join(' – ')} (also on line ${first})`,
    existing: (stage) =>
      db.$client
        .prepare(`SELECT count(*) FROM ${stage.table} s JOIN quotas q ON q.person_id || '|' || q.period_start || '|' || q.period_end = s.key`)
        .pluck()
        .get() as number,
    async write(stage) {
      // A quota replaces the person's quotas for overlapping periods: annual quotas re-imported as quarters, say.
      const replace = db.$client.prepare(
        'DELETE FROM quotas WHERE person_id = ? AND period_start <= ? AND ? <= period_end AND NOT (period_start = ? AND period_end = ?)',
      );
      const upsert = db.$client.prepare(
        'INSERT INTO quotas (person_id, period_start, period_end, amount_cents) VALUES (@personId, @periodStart, @periodEnd, @amountCents) ON CONFLICT DO UPDATE SET amount_cents = excluded.amount_cents',
      );
      let replaced = 0;
      await stage.eachBatch<StagedQuota>((rows) => {
        for (const row of rows) {
          replaced += replace.run(row.personId, row.periodEnd, row.periodStart, row.periodStart, row.periodEnd).changes;
          upsert.run(row);
        }
      });
      return replaced
        ? [`${replaced} earlier ${replaced === 1 ? 'quota for an overlapping period was' : 'quotas for overlapping periods were'} replaced.`]
        : [];
    },
  };
}

// ------------------------------------------------------------------------------ accounts

interface StagedAccount {
  name: string;
  ownerId: number | null;
  region: string | null;
  segment: string | null;
  industry: string | null;
  potentialCents: number | null;
}

function accountsHandler(db: Db): KindHandler {
  const people = new PersonResolver(db);
  return {
    unit: { one: 'account', many: 'accounts' },
    check(row: AccountImportRow) {
      let ownerId: number | null = null;
      if (row.owner_email) {
        const owner = people.resolve(row.owner_email, 'owner');
        if ('problem' in owner) return { problems: [owner.problem] };
        ownerId = owner.id;
      }
      const value: StagedAccount = {
        name: row.name as string,
        ownerId,
        region: row.region,
        segment: row.segment,
        industry: row.industry,
        potentialCents: row.potential,
      };
      return { key: value.name, value };
    },
    duplicate: (key, first) => `duplicate account ${key} (also on line ${first})`,
    existing: (stage) => db.$client.prepare(`SELECT count(*) FROM ${stage.table} s JOIN accounts a ON a.name = s.key`).pluck().get() as number,
    async write(stage) {
      const upsert = db.$client.prepare(
        `INSERT INTO accounts (name, owner_id, region, segment, industry, potential_cents) VALUES (@name, @ownerId, @region, @segment, @industry, @potentialCents)
         ON CONFLICT(name) DO UPDATE SET owner_id = excluded.owner_id, region = excluded.region, segment = excluded.segment,
           industry = excluded.industry, potential_cents = excluded.potential_cents`,
      );
      await stage.eachBatch<StagedAccount>((rows) => {
        for (const row of rows) upsert.run(row);
      });
      return [];
    },
  };
}

// ------------------------------------------------------------------------------ comp plans

interface StagedPlanRow extends CompPlanImportRow {
  line: number;
}

/**
 * One row per tier or SPIFF; a plan's own columns (applies_to, ote, base_pct, quota, cap_pct) are
 * given on at least one of its rows and must agree where repeated. Plans are small, so they are
 * assembled in memory once every row has passed.
 */
function compPlansHandler(db: Db): KindHandler {
  let plans: CompPlan[] = [];
  return {
    unit: { one: 'plan', many: 'plans' },
    check: (row: CompPlanImportRow, line) => ({ key: String(line), value: { ...row, line } }),
    duplicate: (key) => `duplicate row ${key}`,
    finish(stage, problems) {
      const byPlan = new Map<string, StagedPlanRow[]>();
      for (const { row } of stage.rows<StagedPlanRow>()) {
        const key = (row.plan as string).toLowerCase();
        byPlan.set(key, [...(byPlan.get(key) ?? []), row]);
      }
      const appliesTo = new Map<string, string>();
      for (const other of db.$client.prepare('SELECT name, applies_to AS appliesTo FROM comp_plans').iterate() as IterableIterator<{
        name: string;
        appliesTo: string | null;
      }>) {
        if (!byPlan.has(other.name.toLowerCase())) appliesTo.set((other.appliesTo ?? '').toLowerCase(), other.name);
      }
      plans = [];
      for (const rows of byPlan.values()) {
        const plan = buildPlan(rows, problems);
        if (!plan) continue;
        const target = (plan.appliesTo ?? '').toLowerCase();
        const clash = appliesTo.get(target);
        if (clash)
          problems.add(
            (rows[0] as StagedPlanRow).line,
            `plan ${plan.name} applies to ${plan.appliesTo ?? 'everyone'}, as ${clash} does already: give one of them another applies_to`,
          );
        appliesTo.set(target, plan.name);
        plans.push(plan);
      }
    },
    records: () => plans.length,
    existing: () => {
      const names = new Set(db.$client.prepare('SELECT lower(name) FROM comp_plans').pluck().all() as string[]);
      return plans.filter((p) => names.has(p.name.toLowerCase())).length;
    },
    async write() {
      const upsert = db.$client.prepare(
        `INSERT INTO comp_plans (name, applies_to, ote_cents, base_pct, quota_cents, cap_pct, tiers, spiffs) VALUES (@name, @appliesTo, @oteCents, @basePct, @quotaCents, @capPct, @tiers, @spiffs)
         ON CONFLICT(name) DO UPDATE SET applies_to = excluded.applies_to, ote_cents = excluded.ote_cents, base_pct = excluded.base_pct, quota_cents = excluded.quota_cents,
           cap_pct = excluded.cap_pct, tiers = excluded.tiers, spiffs = excluded.spiffs, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
      );
      db.$client.transaction(() => {
        for (const plan of plans) upsert.run({ ...plan, tiers: JSON.stringify(plan.tiers), spiffs: JSON.stringify(plan.spiffs) });
      })();
      return [];
    },
  };
}

type PlanColumn = 'applies_to' | 'ote' | 'base_pct' | 'quota' | 'cap_pct';

function buildPlan(rows: StagedPlanRow[], problems: Problems): CompPlan | null {
  const first = rows[0] as StagedPlanRow;
  const name = first.plan as string;
  const before = problems.count;
  const planValue = <K extends PlanColumn>(column: K): StagedPlanRow[K] | null => {
    let value: StagedPlanRow[K] | null = null;
    let from = 0;
    for (const row of rows) {
      const v = row[column];
      if (v === null) continue;
      if (value !== null && v !== value) problems.add(row.line, `${column} ${String(v)} differs from ${String(value)} on line ${from} for plan ${name}`);
      else if (value === null) [value, from] = [v, row.line];
    }
    return value;
  };
  const ote = planValue('ote');
  const basePct = planValue('base_pct');
  if (ote === null) problems.add(first.line, `plan ${name} has no ote (on-target earnings) on any of its rows`);
  if (basePct === null) problems.add(first.line, `plan ${name} has no base_pct (the base salary's share of OTE) on any of its rows`);

  const tiers = rows
    .filter((r) => r.tier_from_pct !== null || r.tier_to_pct !== null || r.rate !== null)
    .sort((a, b) => (a.tier_from_pct ?? 0) - (b.tier_from_pct ?? 0));
  let expectFrom = 0;
  tiers.forEach((t, i) => {
    if (t.rate === null) problems.add(t.line, 'a tier needs a rate');
    if ((t.tier_from_pct ?? 0) !== expectFrom)
      problems.add(
        t.line,
        `tier starts at ${t.tier_from_pct ?? 0}% but the tiers before end at ${expectFrom}%: tiers must follow on from 0% without gaps or overlaps`,
      );
    if (t.tier_to_pct === null && i < tiers.length - 1) problems.add(t.line, 'only the last tier may leave tier_to_pct empty');
    if (t.tier_to_pct !== null && t.tier_to_pct <= (t.tier_from_pct ?? 0))
      problems.add(t.line, `tier_to_pct ${t.tier_to_pct} is not above tier_from_pct ${t.tier_from_pct ?? 0}`);
    expectFrom = t.tier_to_pct ?? expectFrom;
  });
  if (tiers.length === 0) problems.add(first.line, `plan ${name} has no tiers: give at least one row a tier_from_pct and a rate`);
  const spiffs = rows.filter((r) => r.spiff !== null || r.spiff_amount !== null);
  for (const s of spiffs) {
    if (s.spiff === null) problems.add(s.line, 'a SPIFF needs a name in the spiff column');
    if (s.spiff_amount === null) problems.add(s.line, `SPIFF ${s.spiff ?? ''} has no spiff_amount`);
  }
  if (problems.count > before) return null;
  return {
    name,
    appliesTo: planValue('applies_to'),
    oteCents: ote as number,
    basePct: basePct as number,
    quotaCents: planValue('quota'),
    capPct: planValue('cap_pct'),
    tiers: tiers.map((t) => ({ fromPct: t.tier_from_pct ?? 0, toPct: t.tier_to_pct, rate: t.rate as number })),
    spiffs: spiffs.map((s) => ({ name: s.spiff as string, amountCents: s.spiff_amount as number, product: s.spiff_product, minDealCents: s.spiff_min_deal })),
  };
}

// ------------------------------------------------------------------------------ stage history

interface StagedStage {
  dealId: string;
  stage: string;
  enteredDate: string;
}

/** Each deal must have been imported; a deal named in the file gets the file's history in place of what it had. */
function stageHistoryHandler(db: Db): KindHandler {
  const dealExists = db.$client.prepare('SELECT 1 FROM deals WHERE id = ?').pluck();
  return {
    unit: { one: 'stage entry', many: 'stage entries' },
    check(row: StageHistoryImportRow) {
      const dealId = row.deal_id as string;
      if (!dealExists.get(dealId)) return { problems: [`unknown deal_id ${dealId}: import the deals file first`] };
      const value: StagedStage = { dealId, stage: row.stage as string, enteredDate: row.entered_date as string };
      return { key: `${dealId}|${value.enteredDate}|${value.stage}`, value };
    },
    duplicate: (key, first) => `duplicate entry: deal ${key.split('|').join(', ')} (also on line ${first})`,
    existing: (stage) =>
      db.$client
        .prepare(`SELECT count(*) FROM ${stage.table} s JOIN stage_history h ON h.deal_id || '|' || h.entered_date || '|' || h.stage = s.key`)
        .pluck()
        .get() as number,
    async write(stage) {
      const clear = db.$client.prepare('DELETE FROM stage_history WHERE deal_id = ?');
      const insert = db.$client.prepare('INSERT INTO stage_history (deal_id, stage, entered_date) VALUES (@dealId, @stage, @enteredDate)');
      const cleared = new Set<string>();
      await stage.eachBatch<StagedStage>((rows) => {
        for (const row of rows) {
          if (!cleared.has(row.dealId)) {
            clear.run(row.dealId);
            cleared.add(row.dealId);
          }
          insert.run(row);
        }
      });
      return [`Stage history for ${cleared.size.toLocaleString('en-US')} ${cleared.size === 1 ? 'deal' : 'deals'}.`];
    },
  };
}

const HANDLERS: Record<ImportKind, (db: Db, present: () => Set<string>) => KindHandler> = {
  people: peopleHandler,
  deals: dealsHandler,
  quotas: quotasHandler,
  accounts: accountsHandler,
  'comp-plans': compPlansHandler,
  'stage-history': stageHistoryHandler,
};
