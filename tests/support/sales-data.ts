import { Readable } from 'node:stream';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../db/client.js';
import type { ImportKind } from '../../src/domain/sales/import-formats.js';
import { importCsv } from '../../src/services/sales/import/import-csv.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import type { FakeSlack } from './fake-slack/server.js';
import { eventually, type ModelSettings, startTestApp, type TestApp } from './test-app.js';

/**
 * A small sales organisation for command and access tests, imported through the real importer.
 * Lena leads sales, Adam is the admin; Mia manages East (Ann, Bob), Max manages West (Cat, Dan).
 * Dan's Slack id is not in the file: the app finds him by the email Slack has for him.
 */
export const S = {
  lena: 'ULENA0001',
  adam: 'UADAM0001',
  mia: 'UMIA00001',
  max: 'UMAX00001',
  ann: 'UANN00001',
  bob: 'UBOB00001',
  cat: 'UCAT00001',
  dan: 'UDAN00001',
  stranger: 'USTRANGE1',
} as const;

export const PEOPLE_CSV = `email,name,role,team,region,segment,manager_email,hire_date,slack_user_id,title
lena@acme.com,Lena Ortiz,leader,,,,,2010-01-04,ULENA0001,VP Sales
adam@acme.com,Adam Fox,admin,,,,,2011-05-02,UADAM0001,RevOps Director
mia@acme.com,Mia Ward,manager,East,Americas,,lena@acme.com,2012-02-01,UMIA00001,Sales Manager
max@acme.com,Max Byrne,manager,West,EMEA,,lena@acme.com,2013-03-01,UMAX00001,Sales Manager
ann@acme.com,Ann Lee,rep,East,Americas,Enterprise,mia@acme.com,2015-04-01,UANN00001,Account Executive
bob@acme.com,Bob Stone,rep,East,Americas,SMB,mia@acme.com,2016-01-15,UBOB00001,Account Executive
cat@acme.com,Cat Diaz,rep,West,EMEA,Enterprise,max@acme.com,2017-07-03,UCAT00001,Account Executive
dan@acme.com,Dan Moss,rep,West,EMEA,SMB,max@acme.com,2016-09-01,,Account Executive
`;

// FY2017 (calendar year). Ann: 2 won (100,000), 1 lost. Bob: 1 won (30,000), 1 open (20,000). Cat: 1 lost, 1 open (100,000). Dan: 1 won (10,000).
export const DEALS_CSV = `id,owner_email,account,product,segment,stage,amount,created_date,close_date
A1,ann@acme.com,Acme,Core,Enterprise,Closed Won,60000,2017-01-01,2017-01-31
A2,ann@acme.com,Acme,Add-on,Enterprise,Closed Won,40000,2017-03-01,2017-05-10
A3,ann@acme.com,Globex,Core,Enterprise,Closed Lost,10000,2017-06-01,2017-06-11
B1,Bob Stone,Initech,Core,SMB,Won,30000,2017-07-01,2017-07-21
B2,bob@acme.com,Initech,Add-on,SMB,Negotiation,20000,2017-08-01,2017-12-20
C1,cat@acme.com,Umbrella,Core,Enterprise,Lost,50000,2017-09-01,2017-10-01
C2,cat@acme.com,Umbrella,Core,Enterprise,Proposal,100000,2017-09-15,2017-12-30
D1,dan@acme.com,Hooli,Core,SMB,Won,10000,2017-02-01,2017-03-03
`;

// For the scorecard's Q1 figures (with PEOPLE_CSV). Fiscal years follow the calendar: the SKO on Tue 2 Feb 2027 opens Q1 = 1 Jan – 31 Mar 2027, seen on 10 Mar.
// Same dates last year: Ann won $50,000 (60-day cycle), Bob $30,000 (30 days), Cat lost one (30 days);
// Cat's C2 was won only on 1 May 2026, so on 10 Mar 2026 it was open. This year: Ann $60,000 (60 days),
// Bob $48,000 (30 days), and Cat and Dan each have an open deal.
export const Q1_DEALS_CSV = `id,owner_email,account,stage,amount,created_date,close_date
A1,ann@acme.com,Acme,Closed Won,50000,2025-12-01,2026-01-30
B1,bob@acme.com,Initech,Closed Won,30000,2026-01-05,2026-02-04
C1,cat@acme.com,Umbrella,Closed Lost,20000,2026-01-10,2026-02-09
C2,cat@acme.com,Umbrella,Closed Won,40000,2026-02-01,2026-05-01
A3,ann@acme.com,Acme,Closed Won,60000,2026-12-01,2027-01-30
B3,bob@acme.com,Initech,Closed Won,48000,2027-01-05,2027-02-04
C3,cat@acme.com,Umbrella,Proposal,30000,2027-02-01,
D3,dan@acme.com,Hooli,Proposal,10000,2027-03-01,
`;

// Ann left 18 days after day 1; Mia before the SKO; Cat after the 90 days (which end on 3 May).
export const LEAVERS_CSV = `email,left_on
ann@acme.com,2027-02-20
mia@acme.com,2026-12-01
cat@acme.com,2027-05-20
`;

export const QUOTAS_CSV = `email,period_start,period_end,amount
ann@acme.com,2017-01-01,2017-12-31,100000
bob@acme.com,2017-01-01,2017-12-31,100000
cat@acme.com,2017-01-01,2017-12-31,200000
dan@acme.com,2017-01-01,2017-12-31,50000
`;

export const ACCOUNTS_CSV = `name,owner_email,region,segment,industry,potential
Acme,ann@acme.com,US,Enterprise,Tech,400000
Globex,ann@acme.com,US,Enterprise,Retail,200000
Initech,bob@acme.com,US,SMB,Tech,200000
Umbrella,cat@acme.com,DE,Enterprise,Pharma,200000
Hooli,dan@acme.com,DE,SMB,Tech,200000
`;

// OTE 100,000 at 50/50 against a 100,000 quota: a 50% base commission rate.
export const COMP_PLANS_CSV = `plan,applies_to,ote,base_pct,quota,cap_pct,tier_from_pct,tier_to_pct,rate,spiff,spiff_amount,spiff_product,spiff_min_deal
AE 2017,Account Executive,100000,50,100000,200,0,100,1,,,,
AE 2017,,,,,,100,,2,Add-on push,500,Add-on,
`;

// Qualification: 5 entered, all 5 left, 4 moved on (A3 was lost from it), 80 days in all. Proposal: 4 entered, 3 left, 2 moved on, 90 days.
export const STAGE_HISTORY_CSV = `deal_id,stage,entered_date
A1,Qualification,2017-01-01
A1,Proposal,2017-01-11
A1,Closed Won,2017-01-31
A2,Qualification,2017-03-01
A2,Proposal,2017-03-21
A2,Closed Won,2017-05-10
A3,Qualification,2017-06-01
A3,Closed Lost,2017-06-11
C1,Qualification,2017-09-01
C1,Proposal,2017-09-11
C1,Closed Lost,2017-10-01
C2,Qualification,2017-09-15
C2,Proposal,2017-10-15
`;

export async function importSalesData(db: Db, kinds: ImportKind[] = ['people', 'deals', 'quotas', 'accounts', 'comp-plans']): Promise<void> {
  const files: Record<ImportKind, string> = {
    people: PEOPLE_CSV,
    deals: DEALS_CSV,
    quotas: QUOTAS_CSV,
    accounts: ACCOUNTS_CSV,
    'comp-plans': COMP_PLANS_CSV,
    'stage-history': STAGE_HISTORY_CSV,
  };
  for (const kind of kinds) await importCsv(db, kind, Readable.from([files[kind]]));
}

/** Slack's side of the same people: Dan is known to Slack by his email only. */
function addSlackUsers(fake: FakeSlack): void {
  fake.addUser({ id: S.dan, name: 'dan', realName: 'Dan Moss', email: 'dan@acme.com' });
  fake.addUser({ id: S.stranger, name: 'stranger', realName: 'Sam Stranger', email: 'sam@elsewhere.com' });
}

/** The real app at 15 Dec 2017 with this organisation imported and Slack knowing its users. */
export async function startSalesApp(model?: ModelSettings): Promise<TestApp> {
  const t = await startTestApp({ now: '2017-12-15T15:00:00Z', ...(model ? { model } : {}) });
  addSlackUsers(t.fake);
  await importSalesData(t.db);
  return t;
}

/** The lines of an agent's short first answer a reader sees before the buttons: header and who-it-is-about aside. */
export function briefLines(blocks: KnownBlock[]): string[] {
  return blocks
    .filter((b) => b.type === 'section')
    .flatMap((b) => ('fields' in b && b.fields?.length ? b.fields.map((f) => f.text) : ('text' in b ? String(b.text?.text ?? '') : '').split('\n')))
    .filter((l) => l.trim() !== '' && l.trim() !== '```');
}

export interface AgentReply {
  ack: string;
  /** The short first answer, as plain text. */
  brief: string | null;
  /** The whole reply, as "Show details" brings it. */
  reply: string | null;
}

/**
 * Sends an agent's slash command; returns the acknowledgement and, when the command went on to
 * run, the short first answer and the whole reply "Show details" brings, as plain text (null when
 * the acknowledgement was the whole answer). Every reply must be private (PRODUCT §3) and its first
 * answer fit on a phone screen (five lines), or the test fails whatever it asserts.
 */
async function runAgentCommand(t: TestApp, userId: string, text: string): Promise<AgentReply> {
  const res = await t.driver.slashCommand({ userId, text });
  if (res.status !== 200) throw new Error(`/sko ${text} answered ${res.status}`);
  const ack = String(res.json?.text);
  if (!ack.startsWith(':hourglass')) return { ack, brief: null, reply: null };
  const response = await eventually(() => t.fake.responsesTo(res.responseUrl)[0], 15_000);
  if (response.body.response_type !== 'ephemeral')
    throw new Error(`/sko ${text} replied with response_type ${String(response.body.response_type)}, not ephemeral`);
  const blocks = response.body.blocks as KnownBlock[];
  const lines = briefLines(blocks);
  if (lines.length > 5) throw new Error(`/sko ${text} led with ${lines.length} lines, not at most 5:\n${lines.join('\n')}`);
  const names = { user: () => undefined, channel: () => undefined };
  const details = await t.driver.blockAction({
    userId,
    actionId: 'agent_show_details',
    value: text,
    ephemeral: true,
    message: { type: 'message', ts: '1700000000.000100', blocks },
  });
  const full = await eventually(() => {
    const last = t.fake.responsesTo(details.responseUrl as string).at(-1);
    return last && Array.isArray(last.body.blocks) && last.body.replace_original === true ? last : undefined;
  }, 15_000);
  return { ack, brief: renderPlainText(blocks, names), reply: renderPlainText(full.body.blocks as KnownBlock[], names) };
}

/** One sales app for a whole test file: started before its tests, closed after them. */
export function useSalesApp(): { readonly t: TestApp; run(userId: string, text: string): Promise<AgentReply> } {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startSalesApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  const current = (): TestApp => {
    if (!app) throw new Error('The sales app starts in beforeAll; use it inside a test.');
    return app;
  };
  return {
    get t() {
      return current();
    },
    run: (userId, text) => runAgentCommand(current(), userId, text),
  };
}
