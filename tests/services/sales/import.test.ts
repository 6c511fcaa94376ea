import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportKind } from '../../../src/domain/sales/import-formats.js';
import { type ImportOptions, type ImportSummary, importCsv } from '../../../src/services/sales/import/import-csv.js';
import { ImportRejected } from '../../../src/services/sales/import/staging.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => {
  t.close();
});

const load = (kind: ImportKind, text: string, options: ImportOptions = {}): Promise<ImportSummary> => importCsv(t.db, kind, Readable.from([text]), options);

async function rejection(kind: ImportKind, text: string): Promise<ImportRejected> {
  try {
    await load(kind, text);
  } catch (error) {
    if (error instanceof ImportRejected) return error;
    throw error;
  }
  throw new Error('the import was accepted');
}

const rows = <T>(sql: string): T[] => t.db.$client.prepare(sql).all() as T[];

/** Everything the import could have touched, to compare before and after a rejected file. */
const snapshot = () => JSON.stringify(['people', 'deals', 'quotas', 'accounts', 'comp_plans'].map((table) => rows(`SELECT * FROM ${table} ORDER BY rowid`)));

const PEOPLE = `email,name,role,team,region,segment,manager_email,hire_date,slack_user_id,title
ann@acme.com,Ann Lee,rep,East,Americas,Enterprise,mia@acme.com,2015-04-01,UANN00001,Account Executive
bob@acme.com,Bob Stone,rep,East,Americas,SMB,Mia Ward,2016-01-15,,Account Executive
mia@acme.com,Mia Ward,manager,East,Americas,,,2012-02-01,UMIA00001,Sales Manager
`;

describe('importing people', () => {
  it('imports the canonical columns, with managers by email or name even when they come later in the file', async () => {
    const summary = await load('people', PEOPLE);
    expect(summary).toEqual({ kind: 'people', rows: 3, created: 3, updated: 0, unit: { one: 'person', many: 'people' }, ignoredColumns: [], notes: [] });
    expect(
      rows(
        'SELECT p.email, p.name, p.role, p.team, p.region, p.segment, m.email AS manager, p.hire_date, p.slack_user_id, p.title FROM people p LEFT JOIN people m ON m.id = p.manager_id ORDER BY p.email',
      ),
    ).toEqual([
      {
        email: 'ann@acme.com',
        name: 'Ann Lee',
        role: 'rep',
        team: 'East',
        region: 'Americas',
        segment: 'Enterprise',
        manager: 'mia@acme.com',
        hire_date: '2015-04-01',
        slack_user_id: 'UANN00001',
        title: 'Account Executive',
      },
      {
        email: 'bob@acme.com',
        name: 'Bob Stone',
        role: 'rep',
        team: 'East',
        region: 'Americas',
        segment: 'SMB',
        manager: 'mia@acme.com',
        hire_date: '2016-01-15',
        slack_user_id: null,
        title: 'Account Executive',
      },
      {
        email: 'mia@acme.com',
        name: 'Mia Ward',
        role: 'manager',
        team: 'East',
        region: 'Americas',
        segment: null,
        manager: null,
        hire_date: '2012-02-01',
        slack_user_id: 'UMIA00001',
        title: 'Sales Manager',
      },
    ]);
  });

  it('updates people by email on re-import, and leaves alone the columns the file does not have', async () => {
    await load('people', PEOPLE);
    const summary = await load('people', 'Email,Team,Title\nANN@acme.com,West,Senior AE\ncat@acme.com,West,\n');
    expect([summary.created, summary.updated]).toEqual([1, 1]);
    expect(
      rows(
        "SELECT email, name, team, title, role, manager_id IS NOT NULL AS managed FROM people WHERE email IN ('ann@acme.com', 'cat@acme.com') ORDER BY email",
      ),
    ).toEqual([
      { email: 'ann@acme.com', name: 'Ann Lee', team: 'West', title: 'Senior AE', role: 'rep', managed: 1 },
      { email: 'cat@acme.com', name: null, team: 'West', title: null, role: 'rep', managed: 0 },
    ]);
  });

  it('becomes one person with someone who used the app in Slack before, keeping their admin role', async () => {
    t.db.$client.prepare("INSERT INTO people (slack_user_id, role) VALUES ('UMIA00001', 'admin')").run();
    await load('people', PEOPLE);
    expect(rows("SELECT email, role, slack_user_id FROM people WHERE slack_user_id = 'UMIA00001'")).toEqual([
      { email: 'mia@acme.com', role: 'admin', slack_user_id: 'UMIA00001' },
    ]);
    expect(rows('SELECT count(*) AS n FROM people')).toEqual([{ n: 3 }]);
  });

  it('rejects unknown and looping managers, bad roles and a Slack id used twice', async () => {
    const before = snapshot();
    const error = await rejection(
      'people',
      'email,name,app_role,manager_email,slack_user_id\na@x.com,A,rep,b@x.com,UAAA1\nb@x.com,B,manager,a@x.com,\nc@x.com,C,chief,nobody@x.com,UAAA1\n',
    );
    // Field and duplicate problems stop the file before references are checked.
    expect(error.problems).toEqual([{ line: 4, reason: 'app_role "chief" is not one of admin, leader, manager, rep, guest' }]);
    const loops = await rejection('people', 'email,name,manager_email\na@x.com,A,b@x.com\nb@x.com,B,a@x.com\nc@x.com,C,nobody@x.com\nd@x.com,D,d@x.com\n');
    expect(loops.problems).toEqual([
      { line: 2, reason: 'the reporting line loops back to a@x.com' },
      { line: 3, reason: 'the reporting line loops back to b@x.com' },
      { line: 4, reason: 'unknown manager "nobody@x.com": not in this file nor imported before' },
      { line: 5, reason: 'a person cannot be their own manager' },
    ]);
    expect(snapshot()).toBe(before);
  });
  it('keeps each person’s country as their holiday calendar, as a code or a name, and an empty one clears it', async () => {
    const summary = await load(
      'people',
      'email,name,country\nann@acme.com,Ann Lee,de\nbob@acme.com,Bob Stone,US-CA\nmia@acme.com,Mia Ward,United Kingdom\ncat@acme.com,Cat Low,\n',
    );
    expect(summary.ignoredColumns).toEqual([]);
    expect(rows('SELECT email, country FROM people ORDER BY email')).toEqual([
      { email: 'ann@acme.com', country: 'DE' },
      { email: 'bob@acme.com', country: 'US-CA' },
      { email: 'cat@acme.com', country: null },
      { email: 'mia@acme.com', country: 'GB' },
    ]);
    await load('people', 'Email,Country Code\nann@acme.com,\nbob@acme.com,us\n');
    expect(rows("SELECT email, country FROM people WHERE email IN ('ann@acme.com', 'bob@acme.com') ORDER BY email")).toEqual([
      { email: 'ann@acme.com', country: null },
      { email: 'bob@acme.com', country: 'US' },
    ]);
  });

  it('refuses a country with no holiday calendar or a region it does not have, naming the line, and writes nothing', async () => {
    await load('people', PEOPLE);
    const before = snapshot();
    const error = await rejection('people', 'email,country\nann@acme.com,DE\nbob@acme.com,Atlantis\nmia@acme.com,DE-XX\n');
    expect(error.problems).toEqual([
      { line: 3, reason: 'country "Atlantis" has no holiday calendar: use a two-letter country code and an optional region, e.g. DE or US-CA' },
      {
        line: 4,
        reason:
          'country "DE-XX": Germany has no region “XX”. Give no region for the whole country, or one of: BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, SH, SL, SN, ST, TH.',
      },
    ]);
    expect(snapshot()).toBe(before);
  });
});

describe('importing deals', () => {
  beforeEach(async () => {
    await load('people', PEOPLE);
  });

  it('reads a Salesforce opportunity report as exported, owners by full name', async () => {
    const sf = `"Opportunity Owner","Account Name","Opportunity Name","Stage","Amount","Close Date","Created Date","Opportunity ID","Product"
"Ann Lee","Acme Corp","Acme renewal","Closed Won","$12,500.50","3/15/2024","1/2/2024","0061x00000AbCdE","Core"
"Bob Stone","Globex","Globex new","Prospecting","","6/30/2024","2/1/2024","0061x00000AbCdF","Add-on"
`;
    const summary = await load('deals', sf);
    expect(summary).toMatchObject({ rows: 2, created: 2, updated: 0, ignoredColumns: ['Opportunity Name'] });
    expect(
      rows(
        'SELECT d.id, p.email AS owner, d.account, d.product, d.stage, d.outcome, d.amount_cents, d.created_date, d.close_date FROM deals d JOIN people p ON p.id = d.owner_id ORDER BY d.id',
      ),
    ).toEqual([
      {
        id: '0061x00000AbCdE',
        owner: 'ann@acme.com',
        account: 'Acme Corp',
        product: 'Core',
        stage: 'Closed Won',
        outcome: 'won',
        amount_cents: 1_250_050,
        created_date: '2024-01-02',
        close_date: '2024-03-15',
      },
      {
        id: '0061x00000AbCdF',
        owner: 'bob@acme.com',
        account: 'Globex',
        product: 'Add-on',
        stage: 'Prospecting',
        outcome: 'open',
        amount_cents: null,
        created_date: '2024-02-01',
        close_date: '2024-06-30',
      },
    ]);
  });

  it('reads a HubSpot deals export as exported, and updates deals by id on re-import', async () => {
    const hubspot = (stage: string, amount: string) => `Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Deal owner,Associated Company
9001,Big one,${stage},${amount},2024-05-01 10:30,2024-01-10 09:00,bob@acme.com,Initech
`;
    expect(await load('deals', hubspot('Contract sent', '5000'))).toMatchObject({ created: 1, updated: 0, ignoredColumns: ['Deal Name'] });
    expect(await load('deals', hubspot('Closed lost', '4500'))).toMatchObject({ created: 0, updated: 1 });
    expect(rows('SELECT id, stage, outcome, amount_cents, created_date, close_date, account FROM deals')).toEqual([
      { id: '9001', stage: 'Closed lost', outcome: 'lost', amount_cents: 450_000, created_date: '2024-01-10', close_date: '2024-05-01', account: 'Initech' },
    ]);
  });

  it('rejects the whole file, listing each bad row’s line and reason, and writes nothing', async () => {
    await load('deals', 'id,owner_email,stage,amount,close_date\nOLD-1,ann@acme.com,Won,100,2024-01-01\n');
    const before = snapshot();
    const error = await rejection(
      'deals',
      [
        'id,owner_email,account,product,segment,stage,amount,created_date,close_date',
        'D1,ann@acme.com,Acme,Core,SMB,Closed Won,1000,2024-01-01,2024-02-01',
        'D2,zoe@acme.com,Acme,Core,SMB,Closed Won,1000,2024-01-01,2024-02-01',
        'D3,Ann Lee,Acme,Core,SMB,Closed Won,-50,2024-01-01,2024-02-30',
        'D1,bob@acme.com,Acme,Core,SMB,Negotiation,10,2024-01-01,',
        'D5,bob@acme.com,Acme,Core,SMB,,10,2024-01-01,2024-03-01',
        'D6,bob@acme.com,Acme,Core,SMB,Lost,10,2024-01-01,',
        'D7,bob@acme.com,Acme,Core,SMB,Won,ten,2024-03-01,2024-02-01',
        'D8,bob@acme.com,Acme',
        '"D9","bob@acme.com","Acme ""East""',
        'Division",Core,SMB,Won,10,2024-01-01,2024-02-01',
        'D10,Nobody Known,Acme,Core,SMB,Won,10,2024-01-01,2024-02-01',
      ].join('\n'),
    );
    expect(error.problems).toEqual([
      { line: 3, reason: 'unknown owner "zoe@acme.com": nobody with that email (import them in the people file first)' },
      { line: 4, reason: 'amount -50 is negative; close_date "2024-02-30" is not a date: use YYYY-MM-DD (or a date like 1/31/2026)' },
      { line: 5, reason: 'duplicate id D1 (also on line 2)' },
      { line: 6, reason: 'stage is missing' },
      { line: 7, reason: 'a lost deal needs a close_date' },
      { line: 8, reason: 'amount "ten" is not an amount' },
      { line: 9, reason: 'has 3 fields; the header has 9' },
      { line: 12, reason: 'unknown owner "Nobody Known": nobody with that email or full name (import them in the people file first)' },
    ]);
    expect(error.badRows).toBe(8);
    expect(error.message).toContain('Nothing was imported: 8 rows have problems. Fix them and import the file again.\n  line 3: unknown owner');
    expect(snapshot()).toBe(before);
  });

  it('a file of 10,000 deals with 3 bad rows: exactly those 3 lines, and the database as it was', async () => {
    await load('deals', 'id,owner_email,stage,amount,close_date\nD00001,ann@acme.com,Open,1,2024-01-01\n');
    const before = snapshot();
    const lines = ['id,owner_email,stage,amount,created_date,close_date'];
    for (let i = 1; i <= 10_000; i += 1) {
      const owner = i === 2_500 ? 'ghost@acme.com' : i % 2 ? 'ann@acme.com' : 'Bob Stone';
      const amount = i === 5_000 ? '-1' : String(i * 10);
      const close = i === 9_999 ? '2024-13-01' : '2024-06-30';
      lines.push(`D${String(i).padStart(5, '0')},${owner},${i % 3 ? 'Closed Won' : 'Closed Lost'},${amount},2024-01-01,${close}`);
    }
    const error = await rejection('deals', `${lines.join('\n')}\n`);
    // Row i is on line i + 1.
    expect(error.problems.map((p) => p.line)).toEqual([2_501, 5_001, 10_000]);
    expect(error.badRows).toBe(3);
    expect(snapshot()).toBe(before);

    // The same file, mended, goes in whole: 9,999 new deals and D00001 updated.
    lines[2_500] = lines[2_500]?.replace('ghost@acme.com', 'ann@acme.com') as string;
    lines[5_000] = lines[5_000]?.replace(',-1,', ',50000,') as string;
    lines[9_999] = lines[9_999]?.replace('2024-13-01', '2024-12-01') as string;
    expect(await load('deals', `${lines.join('\n')}\n`)).toMatchObject({ rows: 10_000, created: 9_999, updated: 1 });
    expect(rows('SELECT count(*) AS n, sum(amount_cents) AS cents FROM deals')).toEqual([{ n: 10_000, cents: ((10 * (10_000 * 10_001)) / 2) * 100 }]);
  });

  it('says what is missing from a file it cannot read', async () => {
    const noStage = await rejection('deals', 'Opportunity ID,Opportunity Owner,Amount\n1,Ann Lee,5\n');
    expect(noStage.fileProblems[0]).toBe('No stage column (or "Deal Stage", "Opportunity Stage").');
    expect(noStage.fileProblems[1]).toBe(
      'A deals file has the columns id, owner_email, account, product, segment, stage, amount, amount_currency, created_date, close_date (id, owner_email, stage required).',
    );
    const twice = await rejection('deals', 'id,owner_email,Deal owner,stage\n1,ann@acme.com,Ann Lee,Won\n');
    expect(twice.fileProblems[0]).toBe('The columns "owner_email" and "Deal owner" both mean owner_email: keep one of them.');
    expect((await rejection('deals', '')).fileProblems[0]).toBe('The file is empty: it needs a header row, then one row per record.');
    expect((await rejection('deals', 'id,owner_email,stage\n')).fileProblems).toEqual(['The file has a header row but no rows below it.']);
    expect((await rejection('deals', 'id,owner_email,stage\n1,ann@acme.com,"Won\n')).fileProblems).toEqual([
      'line 2: a field opens a quote (") that is never closed: close it, or remove it',
    ]);
    expect((await rejection('deals', 'id,owner_email,stage\n1,ann@acme.com,"Won"x\n')).fileProblems).toEqual([
      'line 2: a quote (") inside a quoted field must be doubled ("")',
    ]);
  });
});

describe('importing quotas and accounts', () => {
  beforeEach(async () => {
    await load('people', PEOPLE);
  });

  it('imports quotas by person and period; overlapping periods in one file are refused, earlier ones replaced', async () => {
    await load('quotas', 'email,period_start,period_end,amount\nann@acme.com,2024-01-01,2024-12-31,"1,000,000"\nBob Stone,2024-01-01,2024-12-31,800000\n');
    const clash = await rejection(
      'quotas',
      'email,period_start,period_end,amount\nann@acme.com,2024-01-01,2024-06-30,1\nann@acme.com,2024-06-01,2024-09-30,1\n',
    );
    expect(clash.problems).toEqual([{ line: 3, reason: "overlaps ann@acme.com's quota for 2024-01-01 – 2024-06-30 on line 2" }]);
    const quarters = ['01-01,2024-03-31', '04-01,2024-06-30', '07-01,2024-09-30', '10-01,2024-12-31'].map((p) => `ann@acme.com,2024-${p},250000`);
    const summary = await load('quotas', `email,period_start,period_end,amount\n${quarters.join('\n')}\nbob@acme.com,2024-01-01,2024-12-31,900000\n`);
    expect(summary).toMatchObject({ created: 4, updated: 1, notes: ['1 earlier quota for an overlapping period was replaced.'] });
    expect(
      rows('SELECT p.email, q.period_start, q.period_end, q.amount_cents FROM quotas q JOIN people p ON p.id = q.person_id ORDER BY p.email, q.period_start'),
    ).toEqual([
      { email: 'ann@acme.com', period_start: '2024-01-01', period_end: '2024-03-31', amount_cents: 25_000_000 },
      { email: 'ann@acme.com', period_start: '2024-04-01', period_end: '2024-06-30', amount_cents: 25_000_000 },
      { email: 'ann@acme.com', period_start: '2024-07-01', period_end: '2024-09-30', amount_cents: 25_000_000 },
      { email: 'ann@acme.com', period_start: '2024-10-01', period_end: '2024-12-31', amount_cents: 25_000_000 },
      { email: 'bob@acme.com', period_start: '2024-01-01', period_end: '2024-12-31', amount_cents: 90_000_000 },
    ]);
  });

  it('keeps whether a quota is a rep quota or an overlay, empty when the file does not say, and a re-import changes it', async () => {
    await load(
      'quotas',
      'email,period_start,period_end,amount,Type\nann@acme.com,2024-01-01,2024-12-31,1000,overlay\nbob@acme.com,2024-01-01,2024-12-31,800,\n',
    );
    const kinds = () => rows('SELECT p.email, q.kind FROM quotas q JOIN people p ON p.id = q.person_id ORDER BY p.email');
    expect(kinds()).toEqual([
      { email: 'ann@acme.com', kind: 'overlay' },
      { email: 'bob@acme.com', kind: null },
    ]);
    await load('quotas', 'email,period_start,period_end,amount,quota_type\nann@acme.com,2024-01-01,2024-12-31,1000,rep\n');
    expect(kinds()[0]).toEqual({ email: 'ann@acme.com', kind: 'rep' });
    const before = snapshot();
    const bad = await rejection('quotas', 'email,period_start,period_end,amount,quota_type\nbob@acme.com,2024-01-01,2024-12-31,1000,team\n');
    expect(bad.problems).toEqual([{ line: 2, reason: 'quota_type "team" is not one of rep, overlay' }]);
    expect(snapshot()).toBe(before);
  });

  it('imports accounts with their owners and potential, from canonical or CRM headers', async () => {
    await load('accounts', 'Account Name,Account Owner,Billing Country,Industry,Annual Revenue\nAcme,Ann Lee,US,Tech,"$2,000,000"\nGlobex,,DE,Retail,\n');
    expect(
      rows('SELECT a.name, p.email AS owner, a.region, a.industry, a.potential_cents FROM accounts a LEFT JOIN people p ON p.id = a.owner_id ORDER BY a.name'),
    ).toEqual([
      { name: 'Acme', owner: 'ann@acme.com', region: 'US', industry: 'Tech', potential_cents: 200_000_000 },
      { name: 'Globex', owner: null, region: 'DE', industry: 'Retail', potential_cents: null },
    ]);
  });
});

describe('importing comp plans', () => {
  const PLAN = `plan,applies_to,ote,base_pct,quota,cap_pct,tier_from_pct,tier_to_pct,rate,spiff,spiff_amount,spiff_product,spiff_min_deal
AE,,200000,50,1000000,200,0,50,0.6,,,,
AE,,,,,,50,100,1.4,,,,
AE,,,,,,100,,2,Big deal,1000,,150000
`;

  it('assembles a plan from its tier and SPIFF rows', async () => {
    expect(await load('comp-plans', PLAN)).toMatchObject({ rows: 3, created: 1, updated: 0, unit: { one: 'plan', many: 'plans' } });
    const [plan] = rows<{ tiers: string; spiffs: string }>('SELECT name, applies_to, ote_cents, base_pct, quota_cents, cap_pct, tiers, spiffs FROM comp_plans');
    expect({ ...plan, tiers: JSON.parse(plan?.tiers as string), spiffs: JSON.parse(plan?.spiffs as string) }).toEqual({
      name: 'AE',
      applies_to: null,
      ote_cents: 20_000_000,
      base_pct: 50,
      quota_cents: 100_000_000,
      cap_pct: 200,
      tiers: [
        { fromPct: 0, toPct: 50, rate: 0.6 },
        { fromPct: 50, toPct: 100, rate: 1.4 },
        { fromPct: 100, toPct: null, rate: 2 },
      ],
      spiffs: [{ name: 'Big deal', amountCents: 100_000, product: null, minDealCents: 15_000_000 }],
    });
    expect(await load('comp-plans', PLAN.replace('200000,50', '220000,50'))).toMatchObject({ created: 0, updated: 1 });
  });

  it('refuses tiers with gaps, plans without OTE, and disagreeing plan columns', async () => {
    const error = await rejection(
      'comp-plans',
      `plan,ote,base_pct,tier_from_pct,tier_to_pct,rate
AE,200000,50,0,50,0.5
AE,210000,,60,,1
SDR,,60,0,,1
`,
    );
    expect(error.problems).toEqual([
      {
        line: 3,
        reason:
          'ote 21000000 differs from 20000000 on line 2 for plan AE; tier starts at 60% but the tiers before end at 50%: tiers must follow on from 0% without gaps or overlaps',
      },
      { line: 4, reason: 'plan SDR has no ote (on-target earnings) on any of its rows' },
    ]);
  });
});

describe('importing a stage history', () => {
  beforeEach(async () => {
    await load('people', PEOPLE);
    await load(
      'deals',
      'id,owner_email,stage,amount,created_date,close_date\nO1,ann@acme.com,Closed Won,100,2024-01-01,2024-03-01\nO2,bob@acme.com,Proposal,50,2024-02-01,\n',
    );
  });
  const history = () => rows('SELECT deal_id, stage, entered_date FROM stage_history ORDER BY deal_id, entered_date');

  it('reads the canonical columns and Salesforce’s Opportunity History headers; a deal named again gets the new history in place of the old', async () => {
    expect(
      await load('stage-history', 'deal_id,stage,entered_date\nO1,Qualification,2024-01-01\nO1,Proposal,2024-01-20\nO2,Qualification,2024-02-01\n'),
    ).toMatchObject({ rows: 3, created: 3, updated: 0 });
    const sf = `"Opportunity ID","Opportunity Name","To Stage","Last Modified"\n"O1","Acme","Qualification","1/1/2024"\n"O1","Acme","Negotiation","2/10/2024"\n"O1","Acme","Closed Won","3/1/2024"\n`;
    expect(await load('stage-history', sf, { dateOrder: 'MDY' })).toMatchObject({
      rows: 3,
      created: 2,
      updated: 1,
      ignoredColumns: ['Opportunity Name'],
      notes: ['Stage history for 1 deal.'],
    });
    expect(history()).toEqual([
      { deal_id: 'O1', stage: 'Qualification', entered_date: '2024-01-01' },
      { deal_id: 'O1', stage: 'Negotiation', entered_date: '2024-02-10' },
      { deal_id: 'O1', stage: 'Closed Won', entered_date: '2024-03-01' },
      { deal_id: 'O2', stage: 'Qualification', entered_date: '2024-02-01' },
    ]);
  });

  it('rejects the whole file for an unknown deal, a bad date or a repeated row, and writes nothing', async () => {
    await load('stage-history', 'deal_id,stage,entered_date\nO2,Qualification,2024-02-01\n');
    const before = JSON.stringify(history());
    const error = await rejection(
      'stage-history',
      'deal_id,stage,entered_date\nO1,Qualification,2024-01-01\nO9,Proposal,2024-01-05\nO1,Proposal,2024-02-30\nO1,Qualification,2024-01-01\nO2,,2024-02-03\n',
    );
    expect(error.problems).toEqual([
      { line: 3, reason: 'unknown deal_id O9: import the deals file first' },
      { line: 4, reason: 'entered_date "2024-02-30" is not a date: use YYYY-MM-DD (or a date like 1/31/2026)' },
      { line: 5, reason: 'duplicate entry: deal O1, 2024-01-01, Qualification (also on line 2)' },
      { line: 6, reason: 'stage is missing' },
    ]);
    expect(JSON.stringify(history())).toBe(before);
  });
});
