import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PerfResult } from '../../../src/agents/perf.js';
import type { ImportKind } from '../../../src/domain/sales/import-formats.js';
import { runAgentJob } from '../../../src/services/sales/agent-jobs.js';
import { type ImportOptions, type ImportSummary, importCsv } from '../../../src/services/sales/import/import-csv.js';
import { ImportRejected } from '../../../src/services/sales/import/staging.js';
import { saveReadingSettings } from '../../../src/services/sales/settings.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

/** Files as Salesforce and HubSpot write them, in each locale: the right figures, or a refusal naming what to set, and never wrong figures. */

let t: TestDb;
beforeEach(async () => {
  t = createTestDb();
  await load('people', 'email,name\nann@acme.com,Ann Lee\nbob@acme.com,Bob Stone\n');
});
afterEach(() => {
  t.close();
});

const load = (kind: ImportKind, text: string, options: ImportOptions = {}): Promise<ImportSummary> => importCsv(t.db, kind, Readable.from([text]), options);

async function rejection(kind: ImportKind, text: string, options: ImportOptions = {}): Promise<ImportRejected> {
  const before = snapshot();
  try {
    await load(kind, text, options);
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    // Nothing half-written: every table the import touches is as it was.
    expect(snapshot()).toBe(before);
    return error;
  }
  throw new Error('the import was accepted');
}

const rows = <T>(sql: string): T[] => t.db.$client.prepare(sql).all() as T[];
const snapshot = () => JSON.stringify(['people', 'deals', 'quotas', 'accounts', 'stage_history'].map((table) => rows(`SELECT * FROM ${table} ORDER BY rowid`)));
interface DealRow {
  id: string;
  stage: string;
  outcome: string;
  cents: number | null;
  created: string | null;
  closed: string | null;
}
const deals = () => rows<DealRow>('SELECT id, stage, outcome, amount_cents AS cents, created_date AS created, close_date AS closed FROM deals ORDER BY id');

function perf(from: string, to: string): PerfResult {
  return runAgentJob(t.db, { agent: 'perf', today: to, period: { from, to }, scope: { kind: 'all' }, compareWithLastYear: false }) as PerfResult;
}

describe('a Salesforce opportunity report as exported', () => {
  const REPORT = `"Opportunity Owner","Account Name","Opportunity Name","Stage","Amount","Close Date","Created Date","Opportunity ID"
"Ann Lee","Acme","Acme renewal","Closed Won","$12,500.50","1/31/2026, 10:15 AM","1/2/2026, 9:00 AM","0061A"
"Bob Stone","Globex","Globex new","Negotiation","$1,000.00","3/4/2026, 4:45 PM","2/1/2026, 11:30 AM","0061B"

"Grand Totals (2 records)","","","","$13,500.50","","",""

"Confidential Information - Do Not Distribute"
"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
`;

  it('skips the footer, reads its dates with their times, and says what it skipped', async () => {
    const summary = await load('deals', REPORT);
    expect(summary).toMatchObject({ rows: 2, created: 2 });
    expect(summary.notes).toContain("Skipped the report's footer (Grand Totals, Confidential Information, Copyright (c)).");
    expect(deals()).toEqual([
      { id: '0061A', stage: 'Closed Won', outcome: 'won', cents: 1_250_050, created: '2026-01-02', closed: '2026-01-31' },
      { id: '0061B', stage: 'Negotiation', outcome: 'open', cents: 100_000, created: '2026-02-01', closed: '2026-03-04' },
    ]);
  });
});

describe('separators', () => {
  it('reads a semicolon-separated export with decimal commas and day-first dates', async () => {
    const file =
      'Opportunity ID;Opportunity Owner;Stage;Amount;Created Date;Close Date\nE1;Ann Lee;Closed Won;"1.234,50 €";02.01.2026;31.01.2026\nE2;bob@acme.com;Closed Lost;"980,00 €";01.02.2026;10.02.2026\n';
    expect(await load('deals', file)).toMatchObject({ rows: 2, created: 2 });
    expect(deals()).toEqual([
      { id: 'E1', stage: 'Closed Won', outcome: 'won', cents: 123_450, created: '2026-01-02', closed: '2026-01-31' },
      { id: 'E2', stage: 'Closed Lost', outcome: 'lost', cents: 98_000, created: '2026-02-01', closed: '2026-02-10' },
    ]);
  });

  it('reads a tab-separated export', async () => {
    await load('deals', 'id\towner_email\tstage\tamount\tclose_date\nT1\tann@acme.com\tWon\t1,500.25\t2026-03-01\n');
    expect(deals()).toEqual([{ id: 'T1', stage: 'Won', outcome: 'won', cents: 150_025, created: null, closed: '2026-03-01' }]);
  });
});

describe('amounts in the file’s number format', () => {
  const EURO = 'id,owner_email,stage,amount,close_date\nX1,ann@acme.com,Won,"1.234 €",2026-01-10\nX2,ann@acme.com,Won,"2.500 €",2026-01-20\n';

  it('refuses a file whose every amount reads two ways, naming the setting; nothing is guessed', async () => {
    const error = await rejection('deals', EURO);
    expect(error.fileProblems).toEqual([
      'Amounts such as "1.234 €" (line 2) read two ways (a thousands separator or a decimal mark), and no amount in the file tells which. Set the number format, for this import or the workspace: 1,234.50 or 1.234,50.',
    ]);
  });

  it('reads them with the import’s or the workspace’s setting', async () => {
    await load('deals', EURO, { numberFormat: '1.234,50' });
    expect(deals().map((d) => d.cents)).toEqual([123_400, 250_000]);
    saveReadingSettings(t.db, { numberFormat: '1,234.50' });
    await load('deals', EURO);
    expect(deals().map((d) => d.cents)).toEqual([123, 250]);
  });

  it('lets one unambiguous amount settle the rest, even one further down', async () => {
    await load('deals', `${EURO}X3,ann@acme.com,Won,"1.000,75 €",2026-01-30\n`);
    expect(deals().map((d) => d.cents)).toEqual([123_400, 250_000, 100_075]);
  });

  it('refuses an amount written the other way from the rest of the file, on its line', async () => {
    const error = await rejection(
      'deals',
      'id,owner_email,stage,amount,close_date\nX1,ann@acme.com,Won,"1,234.50",2026-01-10\nX2,ann@acme.com,Won,"2.500,00",2026-01-20\n',
    );
    expect(error.problems).toEqual([{ line: 3, reason: 'amount "2.500,00" is not an amount written like 1,234.50, as this file writes them' }]);
  });
});

describe('dates in the file’s order', () => {
  // A UK-locale export: created 1 March, closed 7 March (a 6-day cycle); read month first it would be 3 Jan → 3 Jul.
  const UK =
    'Opportunity ID,Opportunity Owner,Stage,Amount,Created Date,Close Date\nU1,Ann Lee,Closed Won,1000,01/03/2026,07/03/2026\nU2,Ann Lee,Closed Won,3000,02/04/2026,08/04/2026\n';

  it('refuses a file whose every date reads two ways, naming the choice', async () => {
    const error = await rejection('deals', UK);
    expect(error.fileProblems).toEqual([
      'Dates such as "01/03/2026" (line 2) read two ways, and no date in the file has a day above 12 to tell which. Set the date order, for this import or the workspace: day first (DMY, 31/01/2026) or month first (MDY, 1/31/2026).',
    ]);
  });

  it('reads them day first with the workspace’s setting: the right quarter and a 6-day cycle', async () => {
    saveReadingSettings(t.db, { dateOrder: 'DMY' });
    await load('deals', UK);
    expect(deals().map((d) => [d.created, d.closed])).toEqual([
      ['2026-03-01', '2026-03-07'],
      ['2026-04-02', '2026-04-08'],
    ]);
    const q1 = perf('2026-01-01', '2026-03-31');
    expect([q1.totals.wonRevenue, q1.totals.avgCycleDays]).toEqual([1000, 6]);
  });

  it('lets a day above 12 anywhere in the file decide, over the workspace’s setting', async () => {
    saveReadingSettings(t.db, { dateOrder: 'MDY' });
    await load('deals', `${UK}U3,Ann Lee,Closed Won,500,20/04/2026,25/04/2026\n`);
    expect(deals().map((d) => d.closed)).toEqual(['2026-03-07', '2026-04-08', '2026-04-25']);
  });

  it('refuses a date written the other way from the rest of the file, on its line', async () => {
    const error = await rejection('deals', 'id,owner_email,stage,close_date\nM1,ann@acme.com,Won,1/31/2026\nM2,ann@acme.com,Won,31/1/2026\n');
    expect(error.problems).toEqual([{ line: 3, reason: 'close_date "31/1/2026" is not a date read month first, as this file writes them' }]);
  });
});

describe('HubSpot deals with internal stage values', () => {
  const hubspot = (stage: string) =>
    `Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Deal owner,Pipeline\n9001,Big one,closedwon,5000,2026-02-01,2026-01-05,Ann Lee,default\n9002,Lost one,closedlost,700,2026-02-03,2026-01-07,Ann Lee,default\n9003,Custom,${stage},900,2026-02-05,2026-01-09,Bob Stone,Partner pipeline\n`;

  it('reads closedwon and closedlost as won and lost: the won revenue counts', async () => {
    await load('deals', hubspot('qualifiedtobuy'));
    expect(deals().map((d) => [d.id, d.stage, d.outcome])).toEqual([
      ['9001', 'Closed won', 'won'],
      ['9002', 'Closed lost', 'lost'],
      ['9003', 'Qualified to buy', 'open'],
    ]);
    expect(perf('2026-01-01', '2026-03-31').totals.wonRevenue).toBe(5000);
  });

  it('refuses a custom pipeline’s stage id until the stage mapping says what it is', async () => {
    const error = await rejection('deals', hubspot('87654321'));
    expect(error.problems).toEqual([
      { line: 4, reason: 'stage "87654321" is a CRM stage id the app does not know: add it to the stage mapping with its name, e.g. 87654321=Closed Won' },
    ]);
    saveReadingSettings(t.db, { stageMapping: { '87654321': 'Closed Won' } });
    await load('deals', hubspot('87654321'));
    expect(deals().find((d) => d.id === '9003')).toMatchObject({ stage: 'Closed Won', outcome: 'won' });
    expect(perf('2026-01-01', '2026-03-31').totals.wonRevenue).toBe(5900);
  });

  it('notes a stage read as open although it speaks of closing', async () => {
    const summary = await load('deals', hubspot('Closed Won - Pending'));
    expect(summary.notes).toEqual([
      'Read as open, neither won nor lost: "Closed Won - Pending" (1). If a stage closes deals, add it to the stage mapping (e.g. Closed Won - Pending=Closed Won).',
    ]);
  });

  it('maps a stage history’s internal ids too', async () => {
    await load('deals', hubspot('qualifiedtobuy'));
    await load('stage-history', 'Record ID,Deal Stage,Date entered\n9001,appointmentscheduled,2026-01-05\n9001,closedwon,2026-02-01\n');
    expect(rows('SELECT stage, entered_date FROM stage_history ORDER BY entered_date')).toEqual([
      { stage: 'Appointment scheduled', entered_date: '2026-01-05' },
      { stage: 'Closed won', entered_date: '2026-02-01' },
    ]);
  });
});

describe('people as the CRMs export them', () => {
  it('joins a HubSpot users export’s first and last names, so deals owned by "Jane Doe" find her', async () => {
    await load('people', 'First Name,Last Name,Email\nJane,Doe,jane@acme.com\n');
    await load('deals', 'Record ID,Deal Stage,Amount,Close Date,Deal owner\n1,closedwon,100,2026-01-10,Jane Doe\n');
    expect(rows('SELECT p.name, p.email FROM deals d JOIN people p ON p.id = d.owner_id')).toEqual([{ name: 'Jane Doe', email: 'jane@acme.com' }]);
  });

  it('ignores a Salesforce role that is no app role, with a warning, and takes app roles from their own column', async () => {
    const summary = await load(
      'people',
      'Full Name,Email,Role,App Role\nWes Tern,wes@acme.com,Western Sales Team,\nLia Lead,lia@acme.com,VP Sales,leader\nMo Rep,mo@acme.com,Western Sales Team,\n',
    );
    expect(summary.notes).toEqual([
      'Ignored roles that are not app roles: "Western Sales Team" (2). The app\'s roles are admin, leader, manager, rep, guest: give them in an app_role column; anyone without one stays as they were, or a rep.',
    ]);
    expect(rows("SELECT email, role FROM people WHERE email IN ('wes@acme.com', 'lia@acme.com', 'mo@acme.com') ORDER BY email")).toEqual([
      { email: 'lia@acme.com', role: 'leader' },
      { email: 'mo@acme.com', role: 'rep' },
      { email: 'wes@acme.com', role: 'rep' },
    ]);
  });
});

describe('multi-currency files', () => {
  const MULTI = `"Opportunity ID","Opportunity Owner","Stage","Amount Currency","Amount","Close Date"
"C1","Ann Lee","Closed Won","EUR","1,000.00","2026-01-10"
"C2","Ann Lee","Closed Won","USD","2,000.00","2026-01-11"
"C3","Bob Stone","Closed Won","GBP","500.00","2026-01-12"
`;

  it('refuses a file in several currencies without rates, naming them', async () => {
    const error = await rejection('deals', MULTI);
    expect(error.fileProblems).toEqual([
      "Amounts are in 3 currencies (EUR, GBP, USD). Give exchange rates to convert them (a rates file with the columns currency,rate: what one unit of each is worth in the company's currency, 1 for the company's own), or import each currency's rows apart.",
    ]);
  });

  it('converts them with rates, and refuses a currency the rates do not have', async () => {
    const missing = await rejection('deals', MULTI, { rates: { USD: 1, EUR: 1.1 } });
    expect(missing.problems).toEqual([{ line: 4, reason: 'amount is in GBP, and the exchange rates have none for it (they have EUR, USD)' }]);
    await load('deals', MULTI, { rates: { USD: 1, EUR: 1.1, GBP: 1.25 } });
    expect(deals().map((d) => [d.id, d.cents])).toEqual([
      ['C1', 110_000],
      ['C2', 200_000],
      ['C3', 62_500],
    ]);
  });

  it('reads a single-currency file as it is, symbol or code', async () => {
    await load('deals', 'id,owner_email,stage,amount,close_date\nS1,ann@acme.com,Won,EUR 300,2026-01-10\nS2,ann@acme.com,Won,€400,2026-01-11\n');
    expect(deals().map((d) => d.cents)).toEqual([30_000, 40_000]);
  });
});
