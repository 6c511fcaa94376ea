import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportKind } from '../../../src/domain/sales/import-formats.js';
import { type AgentJob, runAgentJob } from '../../../src/services/sales/agent-jobs.js';
import { type ImportOptions, importCsv } from '../../../src/services/sales/import/import-csv.js';
import { syncCrm } from '../../../src/services/sales/sync/sync.js';
import { FakeHubSpot } from '../../support/fake-crm/hubspot.js';
import { FakeSalesforce } from '../../support/fake-crm/salesforce.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

/**
 * One company, loaded three ways: the CRM's CSV exports, a Salesforce sync, a HubSpot sync. The
 * org chart and comp plan come from the same files each time (no CRM holds them); the quotas come
 * from a file, except in the Salesforce org, whose Collaborative Forecasts hold them. Every agent
 * must answer the same JSON whichever way the data came.
 */

interface Deal {
  id: string;
  owner: number;
  stages: { id: string; label: string; on: string }[];
  amount: number;
  created: string;
  close: string;
}

const REPS = [
  { email: 'mia@acme.com', first: 'Mia', last: 'Ward' },
  { email: 'ann@acme.com', first: 'Ann', last: 'Lee' },
  { email: 'bob@acme.com', first: 'Bob', last: 'Stone' },
];
const PATH = [
  { id: 'appointmentscheduled', label: 'Appointment scheduled' },
  { id: 'qualifiedtobuy', label: 'Qualified to buy' },
  { id: 'contractsent', label: 'Contract sent' },
];
const WON = { id: 'closedwon', label: 'Closed won' };
const LOST = { id: 'closedlost', label: 'Closed lost' };

/** Two years of deals: each walks part of the way and is won, lost or still open; amounts with cents, days past 12 and not. */
function company(): Deal[] {
  const deals: Deal[] = [];
  for (let i = 0; i < 36; i += 1) {
    const created = `${2025 + Math.floor(i / 18)}-${String((i % 12) + 1).padStart(2, '0')}-${String(((i * 7) % 27) + 1).padStart(2, '0')}`;
    const day = (n: number) => new Date(Date.parse(created) + n * 86_400_000).toISOString().slice(0, 10);
    const end = i % 3 === 0 ? WON : i % 3 === 1 ? LOST : null;
    const walked = PATH.slice(0, (i % PATH.length) + 1);
    const stages = [...walked, ...(end ? [end] : [])].map((s, n) => ({ ...s, on: day(n * 9) }));
    deals.push({ id: `D${String(i + 1).padStart(3, '0')}`, owner: 1 + (i % 2), stages, amount: 1_000 + i * 733.25, created, close: day(30 + (i % 5) * 11) });
  }
  return deals;
}

const ORG =
  'email,team,region,manager_email,app_role\nmia@acme.com,East,Americas,,manager\nann@acme.com,East,Americas,mia@acme.com,rep\nbob@acme.com,East,Americas,mia@acme.com,rep\n';
const QUOTAS =
  'email,period_start,period_end,amount\nann@acme.com,2025-01-01,2025-12-31,20000\nbob@acme.com,2025-01-01,2025-12-31,25000\nann@acme.com,2026-01-01,2026-12-31,30000\nbob@acme.com,2026-01-01,2026-12-31,30000\n';
const PLAN = 'plan,ote,base_pct,quota,tier_from_pct,tier_to_pct,rate\nAE,100000,50,30000,0,100,1\nAE,,,,100,,1.5\n';
const usd = (n: number) => `"$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}"`;
const us = (iso: string) => `"${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}/${iso.slice(0, 4)}"`;

async function load(t: TestDb, kind: ImportKind, text: string, options: ImportOptions = {}): Promise<void> {
  await importCsv(t.db, kind, Readable.from([text]), options);
}

/** The CRM's own exports: a HubSpot users export, a Salesforce opportunity report (US locale, footer and all), its stage history report. */
async function loadByCsv(t: TestDb, deals: Deal[]): Promise<void> {
  await load(t, 'people', `First Name,Last Name,Email\n${REPS.map((r) => `${r.first},${r.last},${r.email}`).join('\n')}\n`);
  const report = deals.map((d) => {
    const owner = REPS[d.owner] as (typeof REPS)[number];
    return [`"${owner.first} ${owner.last}"`, `"${d.id}"`, `"${d.stages.at(-1)?.label}"`, usd(d.amount), us(d.created), us(d.close)].join(',');
  });
  await load(
    t,
    'deals',
    `"Opportunity Owner","Opportunity ID","Stage","Amount","Created Date","Close Date"\n${report.join('\n')}\n"Grand Totals (${deals.length} records)"\n"Confidential Information - Do Not Distribute"\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n`,
  );
  const history = deals.flatMap((d) => d.stages.map((s) => `"${d.id}","${s.label}",${us(s.on)}`));
  await load(t, 'stage-history', `"Opportunity ID","To Stage","Last Modified"\n${history.join('\n')}\n`);
}

async function loadBySalesforce(t: TestDb, deals: Deal[]): Promise<void> {
  const sf = await FakeSalesforce.start();
  sf.pageSize = 7;
  sf.data.User = REPS.map((r, i) => ({
    Id: `005${i}`,
    Name: `${r.first} ${r.last}`,
    Email: r.email,
    'Manager.Email': null,
    SystemModstamp: '2026-01-01T00:00:00.000+0000',
  }));
  sf.data.Opportunity = deals.map((d) => {
    const last = d.stages.at(-1) as Deal['stages'][number];
    return {
      Id: d.id,
      'Owner.Email': REPS[d.owner]?.email,
      StageName: last.label,
      Amount: d.amount,
      CreatedDate: `${d.created}T15:30:00.000+0000`,
      CloseDate: d.close,
      IsClosed: last === d.stages.find((s) => s.id === WON.id || s.id === LOST.id),
      IsWon: last.id === WON.id,
      SystemModstamp: '2026-02-01T00:00:00.000+0000',
    };
  });
  sf.data.ForecastingQuota = QUOTAS.trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [email, start, end, amount] = line.split(',');
      return {
        'QuotaOwner.Email': email,
        StartDate: start,
        'Period.EndDate': end,
        QuotaAmount: Number(amount),
        IsAmount: true,
        ProductFamily: null,
        'ForecastingType.DeveloperName': 'OpportunityRevenue',
        LastModifiedDate: '2026-01-01T00:00:00.000+0000',
      };
    });
  sf.data.OpportunityHistory = deals.flatMap((d) =>
    d.stages.map((s) => ({ OpportunityId: d.id, StageName: s.label, CreatedDate: `${s.on}T10:00:00.000+0000` })),
  );
  try {
    await syncCrm(
      t.db,
      'salesforce',
      { salesforce: { loginUrl: sf.loginUrl, clientId: sf.clientId, clientSecret: sf.clientSecret }, hubspot: null },
      { now: new Date(), pause: async () => {} },
    );
  } finally {
    await sf.http.stop();
  }
}

async function loadByHubSpot(t: TestDb, deals: Deal[]): Promise<void> {
  const hs = await FakeHubSpot.start();
  hs.pageSize = 5;
  hs.owners.push(...REPS.map((r, i) => ({ id: String(100 + i), email: r.email, firstName: r.first, lastName: r.last })));
  hs.deals.push(
    ...deals.map((d) => ({
      id: d.id,
      properties: {
        amount: String(d.amount),
        dealstage: d.stages.at(-1)?.id ?? null,
        createdate: `${d.created}T15:30:00.000Z`,
        closedate: `${d.close}T12:00:00Z`,
        hubspot_owner_id: String(100 + d.owner),
        hs_lastmodifieddate: '2026-02-01T00:00:00.000Z',
      },
      history: d.stages.map((s) => ({ value: s.id, timestamp: `${s.on}T10:00:00.000Z` })),
    })),
  );
  try {
    await syncCrm(t.db, 'hubspot', { salesforce: null, hubspot: { accessToken: hs.token, apiUrl: hs.apiUrl } }, { now: new Date(), pause: async () => {} });
  } finally {
    await hs.http.stop();
  }
}

function everyAgent(t: TestDb): string {
  const fy2026 = { from: '2026-01-01', to: '2026-12-31' };
  const all = { kind: 'all' as const };
  const today = '2026-03-15';
  const jobs: AgentJob[] = [
    { agent: 'perf', today, period: fy2026, scope: all, compareWithLastYear: false },
    { agent: 'perf', today, period: { from: '2026-01-01', to: today }, scope: all, compareWithLastYear: true },
    { agent: 'forecast', today, growthPct: 20, targetCents: null, scope: all },
    { agent: 'pipeline', today, period: { from: '2025-01-01', to: '2026-12-31' }, scope: all },
    { agent: 'territory', today, fiscalYear: 2027, parameters: { targetCents: 10_000_000 }, scope: all },
    { agent: 'comp', today, period: fy2026, repId: null, scope: all },
    { agent: 'me', personId: 2, today },
    { agent: 'tracking', today, scope: all },
  ];
  return JSON.stringify(
    jobs.map((job) => runAgentJob(t.db, job)),
    null,
    1,
  );
}

describe('the same company by CSV, by Salesforce sync and by HubSpot sync', () => {
  const dbs: TestDb[] = [];
  let deals: Deal[];
  beforeEach(() => {
    deals = company();
  });
  afterEach(() => {
    for (const t of dbs.splice(0)) t.close();
  });

  async function loaded(by: (t: TestDb, deals: Deal[]) => Promise<void>): Promise<string> {
    const t = createTestDb();
    dbs.push(t);
    await by(t, deals);
    await load(t, 'people', ORG);
    if (by !== loadBySalesforce) await load(t, 'quotas', QUOTAS);
    await load(t, 'comp-plans', PLAN);
    return everyAgent(t);
  }

  it('gives every agent the same JSON', async () => {
    const byCsv = await loaded(loadByCsv);
    // The company is what it should be: won deals counted, and a stage history to convert through.
    const closedIn2026 = (end: { id: string }) => deals.filter((d) => d.close.startsWith('2026') && d.stages.at(-1)?.id === end.id).length;
    expect(JSON.parse(byCsv)[0].totals).toMatchObject({ wonCount: closedIn2026(WON), lostCount: closedIn2026(LOST) });
    expect(closedIn2026(WON)).toBeGreaterThan(0);
    expect(await loaded(loadBySalesforce)).toBe(byCsv);
    expect(await loaded(loadByHubSpot)).toBe(byCsv);
  });
});
