#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { Db } from '../db/client.js';
import { exportActions } from './cli/actions.js';
import { backup } from './cli/backup.js';
import { metrics } from './cli/metrics.js';
import {
  certificationCli,
  compCli,
  describeImport,
  exportCli,
  forecastCli,
  importAgendaCli,
  importExpensesCli,
  meCli,
  perfCli,
  pipelineCli,
  runImport,
  runSalesCommand,
  SALES_USAGE,
  settingsCli,
  territoryCli,
} from './cli/sales.js';
import { simulate } from './cli/simulate.js';
import { skos } from './cli/skos.js';
import { status } from './cli/status.js';
import { survey } from './cli/surveys.js';
import { SYNC_USAGE, syncCli } from './cli/sync.js';
import { print } from './cli/terminal.js';
import { readEnvFile } from './config.js';
import { demo } from './demo/run.js';
import { isCalendarDate } from './domain/dates.js';
import { ConfigError, InputError, NotFoundError } from './errors.js';
import { ImportRejected } from './services/sales/import/staging.js';
import { CrmError } from './services/sales/sync/http.js';

const USAGE = `Usage: npm run sko -- <command> [options]

Commands:
  demo [--db FILE] [--today YYYY-MM-DD]      Build a demo company, last year's SKO and two regional SKOs ten weeks out, offline, and show it
  skos [--db FILE] [--json]                  List the SKOs, running and archived, with the handle --sko takes
  status [--db FILE] [--sko HANDLE] [--json] Show an SKO's status, as /sko status does in Slack
  metrics [--db FILE] [--sko HANDLE] [--today YYYY-MM-DD] [--json]
                                             Show an SKO's success scorecard, as /sko metrics does in Slack
  simulate [--db FILE] [--sko HANDLE] [--until YYYY-MM-DD]
                                             Print every message the app will send for an SKO from now to the end of
                                             its week 12 (or --until), in time order; reads the database, changes nothing
${SALES_USAGE}
${SYNC_USAGE}
  actions export --csv [--db FILE] [--sko HANDLE]
                                             Write every action item of an SKO as CSV to standard output
  survey export ID --csv [--db FILE] [--sko HANDLE]
                                             Print a survey's answers as CSV (ID: pre, post, quiz or the survey's number);
                                             an anonymous survey's rows carry keyed hashes, never people
  survey show ID [--db FILE]                 Print a survey's questions as JSON, to edit
  survey load ID FILE [--db FILE]            Replace a survey's questions with an edited JSON file (checked first)
  backup FILE [--db FILE]                    Write a consistent copy of the database to FILE while the app runs
  help                                       This text

--db defaults to DATABASE_PATH, or ./data/sko.db (the demo uses ./data/demo.db). Commands about one SKO
take --sko HANDLE (see \`skos\`); without it they use the only SKO running, and list the handles when there are several.`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      today: { type: 'string' },
      until: { type: 'string' },
      json: { type: 'boolean' },
      fy: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      by: { type: 'string' },
      rep: { type: 'string' },
      target: { type: 'string' },
      over: { type: 'string' },
      ramp: { type: 'string' },
      history: { type: 'string' },
      save: { type: 'boolean' },
      'fy-start-month': { type: 'string' },
      ytd: { type: 'boolean' },
      csv: { type: 'boolean' },
      tracking: { type: 'boolean' },
      growth: { type: 'string' },
      out: { type: 'string' },
      'date-order': { type: 'string' },
      'number-format': { type: 'string' },
      'stage-map': { type: 'string' },
      rates: { type: 'string' },
      full: { type: 'boolean' },
      sko: { type: 'string' },
    },
    allowPositionals: ['import', 'actions', 'survey', 'export', 'backup', 'sync'].includes(command),
    strict: true,
  });
  if (values.today && !isCalendarDate(values.today)) throw new InputError('--today takes a date as YYYY-MM-DD.');
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  const sales = (run: (db: Db) => string | Promise<string>) => () => runSalesCommand(values, command === 'import', run);
  const commands: Record<string, () => void | Promise<void>> = {
    actions: () => exportActions(values, positionals),
    backup: () => backup(values, positionals),
    demo: () => demo(values),
    status: () => status(values),
    metrics: () => metrics(values),
    skos: () => skos(values),
    simulate: () => simulate(values),
    survey: () => survey(positionals, values),
    import: sales(async (db) => {
      if (positionals[0] === 'expenses') return importExpensesCli(db, positionals[1], values.sko);
      if (positionals[0] === 'agenda') return importAgendaCli(db, positionals[1], new Date(), values.sko);
      return describeImport(await runImport(db, positionals[0], positionals[1], values), positionals[1] as string);
    }),
    perf: sales((db) => perfCli(db, values, today)),
    forecast: sales((db) => forecastCli(db, values, today)),
    pipeline: sales((db) => pipelineCli(db, values, today)),
    export: sales((db) => exportCli(db, positionals[0], values, today)),
    certification: sales((db) => certificationCli(db, values, today)),
    territory: sales((db) => territoryCli(db, values, today)),
    comp: sales((db) => compCli(db, values, today)),
    me: sales((db) => meCli(db, values, today)),
    settings: sales((db) => settingsCli(db, values)),
    sync: () => runSalesCommand(values, true, (db) => syncCli(db, positionals[0], Boolean(values.full), new Date())),
    help: () => void print(USAGE),
    '--help': () => void print(USAGE),
  };
  const run = commands[command];
  if (!run) {
    process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  }
  await run();
  return 0;
}

try {
  readEnvFile();
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Bad data or a missing prerequisite: say what to fix, without the usage text in the way.
  if (error instanceof ImportRejected || error instanceof NotFoundError || error instanceof CrmError || error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    const known = error instanceof InputError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    if (!known) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  }
}
