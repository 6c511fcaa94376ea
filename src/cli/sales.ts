import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { positiveCents } from '../../commands/sales/agent-args.js';
import type { Db } from '../../db/client.js';
import { surveyFollowsText } from '../../views/agenda/modal.js';
import { formatMoney, formatPeriod } from '../../views/kit/format.js';
import { type PlainTextNames, renderPlainText } from '../../views/kit/plain-text.js';
import { buildCompMessage } from '../../views/sales/comp-message.js';
import { buildForecastMessage } from '../../views/sales/forecast-message.js';
import { importCounts } from '../../views/sales/import-dm.js';
import { buildMeMessage } from '../../views/sales/me-message.js';
import { buildPerfMessage } from '../../views/sales/perf-message.js';
import { buildPipelineMessage } from '../../views/sales/pipeline-message.js';
import { buildTerritoryMessage } from '../../views/sales/territory-message.js';
import { buildTrackingMessage } from '../../views/sales/tracking-message.js';
import { buildCertificationMessage } from '../../views/surveys/certification-message.js';
import type { CompResult } from '../agents/comp.js';
import { fiscalYearOf, fiscalYearPeriod, type Period } from '../agents/definitions.js';
import { DEFAULT_GROWTH_PCT, type ForecastResult } from '../agents/forecast.js';
import { BREAKDOWNS, type Breakdown, type PerfResult } from '../agents/perf.js';
import type { PipelineResult } from '../agents/pipeline.js';
import type { TerritoryParameters, TerritoryResult } from '../agents/territory.js';
import type { TrackingResult } from '../agents/tracking.js';
import { loadDatabasePath } from '../config.js';
import { AGENDA_CSV_COLUMNS } from '../domain/agenda/agenda-csv.js';
import { IMPORT_KINDS, parseDate, parseImportKind } from '../domain/sales/import-formats.js';
import { InputError, NotFoundError } from '../errors.js';
import { importAgenda } from '../services/agenda/editing.js';
import { importExpenses } from '../services/budget/budget.js';
import { assertNotArchived } from '../services/people/access.js';
import { findPersonByEmail } from '../services/people/people.js';
import { skoForCommandLine } from '../services/plan/which-sko.js';
import { type MeResult, runAgentJob, type WithNotes } from '../services/sales/agent-jobs.js';
import { recordImport } from '../services/sales/data-status.js';
import { type ImportSummary, importCsv } from '../services/sales/import/import-csv.js';
import { crmExport } from '../services/sales/sales-ops.js';
import {
  fiscalCalendar,
  readingSettings,
  saveReadingSettings,
  saveTerritorySettings,
  setFiscalYearStartMonth,
  territorySettings,
} from '../services/sales/settings.js';
import { certificationFor } from '../services/surveys/certification.js';
import { openExisting, openMigrated } from './database.js';
import { describeReading, READING_USAGE, type ReadingFlags, readingFlags } from './import-options.js';
import { print } from './terminal.js';

/**
 * The sales commands of the `sko` command line: imports and the agents, run in this process over
 * the whole company (whoever runs the command line administers the server). Each returns the
 * text to print: the Slack rendering, or with --json the agent's result as one JSON object.
 */

export interface SalesOptions extends ReadingFlags {
  json?: boolean | undefined;
  fy?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  by?: string | undefined;
  rep?: string | undefined;
  target?: string | undefined;
  over?: string | undefined;
  ramp?: string | undefined;
  history?: string | undefined;
  save?: boolean | undefined;
  today?: string | undefined;
  'fy-start-month'?: string | undefined;
  ytd?: boolean | undefined;
  tracking?: boolean | undefined;
  growth?: string | undefined;
  csv?: boolean | undefined;
  out?: string | undefined;
  /** The SKO's handle, for commands about one SKO (certification, the agenda and expenses imports). */
  sko?: string | undefined;
}

export const SALES_USAGE = `  import <kind> <file> [--db FILE] ${READING_USAGE}
                                         Import a CSV file; kind is ${IMPORT_KINDS.join(', ')}. The options say how
                                         this file writes dates and amounts, what its stage ids mean, its exchange rates
  import expenses <file> [--db FILE] [--sko HANDLE]
                                         Record an SKO's expenses (category,vendor,amount,date,note); all rows or none
  import agenda <file> [--db FILE] [--sko HANDLE]
                                         Add an SKO's sessions (day,start,end,title,kind,format,speakers,takeaways,next_steps;
                                         lists separated by ;); all rows or none
  perf [--fy 2026 | --ytd | --from YYYY-MM-DD --to YYYY-MM-DD] [--by ${BREAKDOWNS.join('|')}] [--rep EMAIL] [--json]
                                         quota-performance-tracker: as /sko perf shows it
  perf --tracking [--today YYYY-MM-DD] [--json]
                                         this fiscal year's first weeks against the same weeks last year (+15% activity target)
  forecast [--growth 20%] [--target 12M] [--json]
                                         revenue-forecaster: next fiscal year by quarter, pipeline needed, scenarios
  pipeline [--fy 2026 | --from … --to …] [--json]
                                         sales-pipeline-analyst: stages, velocity, conversion and the bottleneck
  export crm --csv [--out DIR]           sales-ops-automator: the territory plan's quotas and account owners as importable CSV files
  certification [--sko HANDLE] [--json] sales-ops-automator: who passed the certification quiz, who did not, who has not taken it
  territory [--fy 2027] [--target 50M] [--over 10] [--ramp 0,25,50,75,100] [--history 50] [--save] [--json]
                                         territory-planning-advisor: next year's quotas (--save keeps the parameters)
  comp [--rep EMAIL] [--fy 2026 | --from … --to …] [--json]
                                         commission-calculations: the plans with worked payouts, or a rep's statement
  me --rep EMAIL [--json]                A rep's own package, as /sko me shows it to them
  settings [--fy-start-month 1-12] ${READING_USAGE}
                                         Show or change the fiscal calendar, and how every import reads what a file leaves open`;

/** Runs a sales command over the database and prints the text it returns. */
export async function runSalesCommand(options: { db?: string | undefined }, createDatabase: boolean, run: (db: Db) => string | Promise<string>): Promise<void> {
  // An import may create the database; the other commands read one that exists.
  const db = createDatabase ? openMigrated(options.db ?? loadDatabasePath()) : openExisting(options);
  try {
    print(await run(db));
  } finally {
    db.$client.close();
  }
}

export async function runImport(db: Db, kindArg: string | undefined, file: string | undefined, flags: ReadingFlags = {}): Promise<ImportSummary> {
  const kind = kindArg ? parseImportKind(kindArg) : undefined;
  if (!kind) throw new InputError(`Say what the file holds: npm run sko -- import <${IMPORT_KINDS.join('|')}> <file>.`);
  if (!file) throw new InputError(`Give the file to import: npm run sko -- import ${kind} <file>.`);
  if (!existsSync(file)) throw new InputError(`There is no file at ${file}.`);
  const summary = await importCsv(db, kind, createReadStream(file), readingFlags(flags));
  recordImport(db, { kind, rows: summary.rows, fileName: basename(file), by: null, at: new Date() });
  return summary;
}

/** The SKO's expenses from a CSV: every row or none, with each bad row's line number. */
export function importExpensesCli(db: Db, file: string | undefined, sko: string | undefined): string {
  if (!file) throw new InputError('Give the file to import: npm run sko -- import expenses <file>.');
  if (!existsSync(file)) throw new InputError(`There is no file at ${file}.`);
  const event = skoForCommandLine(db, sko);
  assertNotArchived(event);
  const { imported, totalCents } = importExpenses(db, event.id, readFileSync(file, 'utf8'));
  return `Imported ${file}: ${imported.toLocaleString('en-US')} expense${imported === 1 ? '' : 's'}, ${formatMoney(totalCents)} in all, for ${event.name}. /sko budget shows the budget now.`;
}

/** The SKO's agenda from a CSV: every row or none, with each bad row's line number; the post-event survey follows it. */
export function importAgendaCli(db: Db, file: string | undefined, now: Date, sko: string | undefined): string {
  if (!file) throw new InputError(`Give the file to import: npm run sko -- import agenda <file> (header: ${AGENDA_CSV_COLUMNS.join(',')}).`);
  if (!existsSync(file)) throw new InputError(`There is no file at ${file}.`);
  const event = skoForCommandLine(db, sko);
  assertNotArchived(event);
  const { imported, survey } = importAgenda(db, event, readFileSync(file, 'utf8'), now);
  const follows = surveyFollowsText(survey);
  return `Imported ${file}: ${imported.toLocaleString('en-US')} session${imported === 1 ? '' : 's'} for ${event.name}.${follows ? ` ${follows}` : ''} /sko agenda shows the agenda and its design checks now.`;
}

export function describeImport(summary: ImportSummary, file: string): string {
  const lines = [`Imported ${file}: ${importCounts(summary)}.`, ...summary.notes];
  if (summary.ignoredColumns.length) lines.push(`Ignored columns: ${summary.ignoredColumns.join(', ')}.`);
  return lines.join('\n');
}

const names: PlainTextNames = { user: () => undefined, channel: () => undefined };

function period(db: Db, options: SalesOptions, today: string): { period: Period; label: string } {
  const calendar = fiscalCalendar(db);
  if (options.from || options.to) {
    const from = options.from ? parseDate(options.from) : null;
    const to = options.to ? parseDate(options.to) : null;
    if (!from || !to) throw new InputError('Give both --from and --to as YYYY-MM-DD.');
    if (to < from) throw new InputError(`--to ${to} is before --from ${from}.`);
    return { period: { from, to }, label: formatPeriod({ from, to }) };
  }
  const fy = options.fy ? Number(options.fy.replace(/^fy/i, '')) : fiscalYearOf(today, calendar);
  if (!Number.isInteger(fy) || fy < 1900 || fy > 2200) throw new InputError(`--fy takes a fiscal year such as 2026, not "${options.fy}".`);
  if (options.ytd) return { period: { from: fiscalYearPeriod(fy, calendar).from, to: today }, label: `FY${fy} to date` };
  return { period: fiscalYearPeriod(fy, calendar), label: `FY${fy}` };
}

function personId(db: Db, email: string | undefined): number {
  if (!email) throw new InputError('Say whose: --rep their@email.');
  const person = findPersonByEmail(db, email);
  if (!person) throw new NotFoundError(`Nobody with the email ${email} has been imported.`);
  return person.id;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function perfCli(db: Db, options: SalesOptions, today: string): string {
  if (options.tracking) {
    const tracking = runAgentJob(db, { agent: 'tracking', today, scope: { kind: 'all' } }) as WithNotes<TrackingResult>;
    return options.json ? json(tracking) : renderPlainText(buildTrackingMessage(tracking, { label: 'the company' }).blocks, names);
  }
  const by = options.by?.toLowerCase();
  if (by !== undefined && !(BREAKDOWNS as readonly string[]).includes(by)) throw new InputError(`--by takes one of ${BREAKDOWNS.join(', ')}.`);
  const { period: p, label } = period(db, options, today);
  const scope = options.rep ? { kind: 'people' as const, ids: [personId(db, options.rep)] } : { kind: 'all' as const };
  const result = runAgentJob(db, { agent: 'perf', today, period: p, scope, compareWithLastYear: Boolean(options.ytd) }) as WithNotes<PerfResult>;
  if (options.json) return json(result);
  return renderPlainText(
    buildPerfMessage(result, {
      label: options.rep ?? 'the company',
      periodLabel: label,
      by: (by as Breakdown | undefined) ?? null,
    }).blocks,
    names,
  );
}

export function forecastCli(db: Db, options: SalesOptions, today: string): string {
  const growthPct = options.growth === undefined ? DEFAULT_GROWTH_PCT : Number(options.growth.replace(/%$/, ''));
  if (!Number.isFinite(growthPct) || growthPct <= -100) invalid(`--growth takes a percentage such as 20 or 20%, not "${options.growth}".`);
  const targetCents = options.target === undefined ? null : (positiveCents(options.target) ?? invalid('--target takes an amount, e.g. 12M or 12000000.'));
  const result = runAgentJob(db, { agent: 'forecast', today, growthPct, targetCents, scope: { kind: 'all' } }) as WithNotes<ForecastResult>;
  if (options.json) return json(result);
  return renderPlainText(buildForecastMessage(result, { label: 'the company' }).blocks, names);
}

export function pipelineCli(db: Db, options: SalesOptions, today: string): string {
  const { period: p, label } = period(db, options, today);
  const result = runAgentJob(db, { agent: 'pipeline', today, period: p, scope: { kind: 'all' } }) as WithNotes<PipelineResult>;
  if (options.json) return json(result);
  return renderPlainText(
    buildPipelineMessage(result, {
      label: 'the company',
      periodLabel: label,
    }).blocks,
    names,
  );
}

/** Writes the CRM update as two files in the importer's canonical formats, so they import back unchanged. */
export function exportCli(db: Db, what: string | undefined, options: SalesOptions, today: string): string {
  if (what !== 'crm') throw new InputError('Say what to export: npm run sko -- export crm --csv.');
  if (!options.csv) throw new InputError('The CRM update is written as CSV: npm run sko -- export crm --csv [--out DIR].');
  const dir = options.out ?? '.';
  if (!existsSync(dir)) throw new InputError(`There is no folder at ${dir}.`);
  const update = crmExport(db, today);
  const quotasFile = join(dir, `crm-quotas-FY${update.fiscalYear}.csv`);
  const territoriesFile = join(dir, `crm-territories-FY${update.fiscalYear}.csv`);
  writeFileSync(quotasFile, update.quotas.csv);
  writeFileSync(territoriesFile, update.territories.csv);
  return [
    `Wrote ${update.quotas.rows.toLocaleString('en-US')} quarterly quotas for FY${update.fiscalYear} to ${quotasFile} (email, period_start, period_end, amount)`,
    `and ${update.territories.rows.toLocaleString('en-US')} accounts with their owners to ${territoriesFile} (name, owner_email, region, segment, industry, potential).`,
    `Load them into the CRM, or back into the app: npm run sko -- import quotas ${quotasFile}`,
  ].join('\n');
}

/** Everyone's certification, as a leader sees it in Slack. */
export function certificationCli(db: Db, options: SalesOptions, today: string): string {
  const event = skoForCommandLine(db, options.sko);
  const report = certificationFor(db, event, today);
  return options.json ? json(report) : renderPlainText(buildCertificationMessage(report).blocks, names);
}

export function territoryCli(db: Db, options: SalesOptions, today: string): string {
  const parameters: Partial<TerritoryParameters> = {};
  if (options.target !== undefined) parameters.targetCents = positiveCents(options.target) ?? invalid('--target takes an amount, e.g. 50M or 48500000.');
  if (options.over !== undefined) parameters.overAssignmentPct = percent(options.over, '--over');
  if (options.history !== undefined) parameters.historyWeightPct = percent(options.history, '--history', 100);
  if (options.ramp !== undefined) parameters.ramp = options.ramp.split(/[,/]/).map((s) => percent(s, '--ramp', 100));
  const fiscalYear = options.fy ? Number(options.fy.replace(/^fy/i, '')) : (territorySettings(db)?.fiscalYear ?? fiscalYearOf(today, fiscalCalendar(db)) + 1);
  if (options.save) saveTerritorySettings(db, fiscalYear, parameters);
  const result = runAgentJob(db, { agent: 'territory', today, fiscalYear, parameters, scope: { kind: 'all' } }) as WithNotes<TerritoryResult>;
  if (options.json) return json(result);
  return renderPlainText(buildTerritoryMessage(result, { label: 'the company', saved: Boolean(options.save) }).blocks, names);
}

export function compCli(db: Db, options: SalesOptions, today: string): string {
  const { period: p, label } = period(db, options, today);
  const repId = options.rep ? personId(db, options.rep) : null;
  const result = runAgentJob(db, {
    agent: 'comp',
    today,
    period: p,
    repId,
    scope: repId === null ? { kind: 'all' } : { kind: 'people', ids: [repId] },
  }) as WithNotes<CompResult>;
  if (options.json) return json(result);
  return renderPlainText(buildCompMessage(result, { label: options.rep ?? 'the company', periodLabel: label }).blocks, names);
}

export function meCli(db: Db, options: SalesOptions, today: string): string {
  const result = runAgentJob(db, { agent: 'me', personId: personId(db, options.rep), today }) as WithNotes<MeResult>;
  return options.json ? json(result) : renderPlainText(buildMeMessage(result).blocks, names);
}

export function settingsCli(db: Db, options: SalesOptions): string {
  saveReadingSettings(db, readingFlags(options));
  const month = options['fy-start-month'];
  if (month !== undefined) {
    const n = Number(month);
    if (!Number.isInteger(n) || n < 1 || n > 12) throw new InputError('--fy-start-month takes the month the fiscal year starts in, 1 (January) to 12.');
    setFiscalYearStartMonth(db, n);
  }
  const calendar = fiscalCalendar(db);
  const plan = territorySettings(db);
  return [
    `Fiscal year starts in month ${calendar.startMonth} (fiscal years are named by the calendar year they end in).`,
    plan
      ? `Territory plan FY${plan.fiscalYear}: target $${(plan.targetCents / 100).toLocaleString('en-US')}, over-assignment ${plan.overAssignmentPct}%, ramp ${plan.ramp.join('/')}%, history weight ${plan.historyWeightPct}%.`
      : 'No territory plan yet: npm run sko -- territory --target 50M --save.',
    ...describeReading(readingSettings(db)),
  ].join('\n');
}

function percent(value: string, flag: string, max = 1000): number {
  const n = Number(value.replace(/%$/, ''));
  return Number.isFinite(n) && n >= 0 && n <= max ? n : invalid(`${flag} takes a percentage from 0 to ${max}, not "${value}".`);
}

function invalid(message: string): never {
  throw new InputError(message);
}
