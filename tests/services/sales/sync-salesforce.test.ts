import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmConfig } from '../../../src/config.js';
import { SyncRefused, syncCrm, syncState } from '../../../src/services/sales/sync/sync.js';
import { syncFailure } from '../../support/fake-crm/failure.js';
import { FakeSalesforce } from '../../support/fake-crm/salesforce.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

let t: TestDb;
let sf: FakeSalesforce;
let waits: number[];
const NOW = new Date('2026-03-01T02:00:00Z');

beforeEach(async () => {
  t = createTestDb();
  sf = await FakeSalesforce.start();
  waits = [];
  sf.data.User = [
    { Id: '005A', Name: 'Mia Ward', Email: 'mia@acme.com', 'Manager.Email': null, SystemModstamp: '2026-01-01T10:00:00.000+0000' },
    { Id: '005B', Name: 'Ann Lee', Email: 'ann@acme.com', 'Manager.Email': 'mia@acme.com', SystemModstamp: '2026-01-02T10:00:00.000+0000' },
    { Id: '005C', Name: 'Integration User', Email: null, 'Manager.Email': null, SystemModstamp: '2026-01-02T10:00:00.000+0000' },
  ];
  sf.data.Account = [
    {
      Id: '001A',
      Name: 'Acme Corp',
      'Owner.Email': 'ann@acme.com',
      BillingCountry: 'US',
      Industry: 'Tech',
      AnnualRevenue: 2_000_000,
      SystemModstamp: '2026-01-03T10:00:00.000+0000',
    },
  ];
  sf.data.Opportunity = [
    opportunity('006A', 'Closed Won', 12_500.5, '2026-01-31', true, true, '2026-02-01T09:00:00.000+0000'),
    opportunity('006B', 'Negotiation', 1000, '2026-04-30', false, false, '2026-02-02T09:00:00.000+0000'),
    // An org's own won stage: Salesforce's IsWon says what the name does not.
    opportunity('006C', 'Signed', 300, '2026-02-10', true, true, '2026-02-11T09:00:00.000+0000'),
  ];
  sf.data.OpportunityHistory = [
    { OpportunityId: '006A', StageName: 'Prospecting', CreatedDate: '2026-01-02T09:00:00.000+0000' },
    // An amount edit logs the same stage again: not a stage change.
    { OpportunityId: '006A', StageName: 'Prospecting', CreatedDate: '2026-01-05T09:00:00.000+0000' },
    { OpportunityId: '006A', StageName: 'Closed Won', CreatedDate: '2026-01-31T16:00:00.000+0000' },
  ];
});

afterEach(async () => {
  await sf.http.stop();
  t.close();
});

function opportunity(id: string, stage: string, amount: number, close: string, closed: boolean, won: boolean, modstamp: string) {
  return {
    Id: id,
    'Owner.Email': 'ann@acme.com',
    'Account.Name': 'Acme Corp',
    StageName: stage,
    Amount: amount,
    CloseDate: close,
    CreatedDate: '2026-01-02T09:00:00.000+0000',
    IsClosed: closed,
    IsWon: won,
    SystemModstamp: modstamp,
  };
}

const config = (): CrmConfig => ({ salesforce: { loginUrl: sf.loginUrl, clientId: sf.clientId, clientSecret: sf.clientSecret }, hubspot: null });
const sync = (full = false) => syncCrm(t.db, 'salesforce', config(), { full, now: NOW, pause: async (ms) => void waits.push(ms) });
const rows = <T>(sql: string): T[] => t.db.$client.prepare(sql).all() as T[];
const snapshot = () => JSON.stringify(['people', 'deals', 'accounts', 'stage_history'].map((table) => rows(`SELECT * FROM ${table} ORDER BY rowid`)));
const deals = () => rows('SELECT id, stage, outcome, amount_cents AS cents, created_date AS created, close_date AS closed, account FROM deals ORDER BY id');

describe('a Salesforce sync', () => {
  it('reads users, accounts, opportunities and their history through nextRecordsUrl pages, and applies them', async () => {
    sf.pageSize = 2;
    const report = await sync();
    expect(report.changes).toEqual([
      { kind: 'people', created: 2, updated: 0 },
      { kind: 'accounts', created: 1, updated: 0 },
      { kind: 'deals', created: 3, updated: 0 },
      { kind: 'stage-history', created: 2, updated: 0 },
    ]);
    expect(rows('SELECT p.email, p.name, m.email AS manager FROM people p LEFT JOIN people m ON m.id = p.manager_id ORDER BY p.email')).toEqual([
      { email: 'ann@acme.com', name: 'Ann Lee', manager: 'mia@acme.com' },
      { email: 'mia@acme.com', name: 'Mia Ward', manager: null },
    ]);
    expect(deals()).toEqual([
      { id: '006A', stage: 'Closed Won', outcome: 'won', cents: 1_250_050, created: '2026-01-02', closed: '2026-01-31', account: 'Acme Corp' },
      { id: '006B', stage: 'Negotiation', outcome: 'open', cents: 100_000, created: '2026-01-02', closed: '2026-04-30', account: 'Acme Corp' },
      { id: '006C', stage: 'Closed Won', outcome: 'won', cents: 30_000, created: '2026-01-02', closed: '2026-02-10', account: 'Acme Corp' },
    ]);
    expect(rows('SELECT deal_id, stage, entered_date FROM stage_history ORDER BY entered_date')).toEqual([
      { deal_id: '006A', stage: 'Prospecting', entered_date: '2026-01-02' },
      { deal_id: '006A', stage: 'Closed Won', entered_date: '2026-01-31' },
    ]);
    expect(rows('SELECT name, potential_cents FROM accounts')).toEqual([{ name: 'Acme Corp', potential_cents: 200_000_000 }]);
    // Two users a page: the third user came from nextRecordsUrl.
    expect(sf.http.requests.filter((r) => /\/query\/01gfake/.test(r.path)).length).toBeGreaterThanOrEqual(2);
    expect(syncState(t.db, 'salesforce')).toEqual({
      crm: 'salesforce',
      syncedThrough: '2026-02-11T09:00:00.000Z',
      lastRunAt: NOW.toISOString(),
      lastStatus: 'applied',
      changes: report.changes,
      problem: null,
    });
  });

  it('reads only what changed since the last sync, the next time', async () => {
    await sync();
    const first = sf.queries.length;
    (sf.data.Opportunity?.[1] as Record<string, unknown>).StageName = 'Closed Lost';
    Object.assign(sf.data.Opportunity?.[1] as object, { IsClosed: true, SystemModstamp: '2026-02-20T09:00:00.000+0000' });
    const report = await sync();
    expect(sf.queries.slice(first)).toEqual([
      'SELECT Id, Name, Email, Manager.Email, SystemModstamp FROM User WHERE SystemModstamp > 2026-02-11T09:00:00.000Z',
      'SELECT Name, Owner.Email, BillingCountry, Industry, AnnualRevenue, SystemModstamp FROM Account WHERE SystemModstamp > 2026-02-11T09:00:00.000Z',
      'SELECT Id, Owner.Email, Account.Name, StageName, Amount, CloseDate, CreatedDate, IsClosed, IsWon, SystemModstamp FROM Opportunity WHERE SystemModstamp > 2026-02-11T09:00:00.000Z',
      'SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory WHERE Opportunity.SystemModstamp > 2026-02-11T09:00:00.000Z ORDER BY OpportunityId, CreatedDate',
      'SELECT QuotaOwner.Email, StartDate, Period.EndDate, QuotaAmount, IsAmount, ProductFamily, ForecastingType.DeveloperName, LastModifiedDate FROM ForecastingQuota WHERE LastModifiedDate > 2026-02-11T09:00:00.000Z',
    ]);
    expect(report.changes).toEqual([{ kind: 'deals', created: 0, updated: 1 }]);
    expect(deals()[1]).toMatchObject({ id: '006B', stage: 'Closed Lost', outcome: 'lost' });
    expect(syncState(t.db, 'salesforce')?.syncedThrough).toBe('2026-02-20T09:00:00.000Z');
    await sync(true);
    expect(sf.queries.at(-2)).toBe('SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory ORDER BY OpportunityId, CreatedDate');
  });

  it('says the org shows no quotas when Collaborative Forecasts is off, and keeps the quotas imported from files', async () => {
    const report = await sync();
    expect(report.notes).toContain(
      "Salesforce shows no quotas (Collaborative Forecasts is off, or the connected app's user may not view all forecasts): the quotas imported from files stay as they are.",
    );
    expect(report.changes.map((c) => c.kind)).not.toContain('quotas');
  });

  it('reads each owner’s revenue quotas from Collaborative Forecasts, and later only the changed ones', async () => {
    const quota = (email: string, start: string, end: string, amount: number, modified: string) => ({
      'QuotaOwner.Email': email,
      StartDate: start,
      'Period.EndDate': end,
      QuotaAmount: amount,
      IsAmount: true,
      ProductFamily: null,
      'ForecastingType.DeveloperName': 'OpportunityRevenue',
      LastModifiedDate: modified,
    });
    sf.data.ForecastingQuota = [
      quota('ann@acme.com', '2026-01-01', '2026-03-31', 150_000, '2026-01-04T09:00:00.000+0000'),
      quota('ann@acme.com', '2026-04-01', '2026-06-30', 160_000, '2026-01-04T09:00:00.000+0000'),
    ];
    const quotas = () =>
      rows(
        'SELECT p.email, q.period_start AS start, q.period_end AS end, q.amount_cents AS cents FROM quotas q JOIN people p ON p.id = q.person_id ORDER BY start',
      );
    const first = await sync();
    expect(first.changes).toContainEqual({ kind: 'quotas', created: 2, updated: 0 });
    expect(first.notes.join('\n')).not.toContain('no quotas');
    expect(quotas()).toEqual([
      { email: 'ann@acme.com', start: '2026-01-01', end: '2026-03-31', cents: 15_000_000 },
      { email: 'ann@acme.com', start: '2026-04-01', end: '2026-06-30', cents: 16_000_000 },
    ]);
    Object.assign(sf.data.ForecastingQuota[1] as object, { QuotaAmount: 170_000, LastModifiedDate: '2026-02-25T09:00:00.000+0000' });
    const next = await sync();
    expect(next.changes).toEqual([{ kind: 'quotas', created: 0, updated: 1 }]);
    expect(quotas()[1]).toMatchObject({ start: '2026-04-01', cents: 17_000_000 });
  });

  it('gets a new token once when the session has expired (401)', async () => {
    await sync();
    sf.expireTokens();
    await sync(true);
    const tokens = sf.http.requests.filter((r) => r.path === '/services/oauth2/token');
    expect(tokens.map((r) => new URLSearchParams(r.body).get('grant_type'))).toEqual(['client_credentials', 'client_credentials']);
  });

  it('stops when the new token is refused too, changing nothing', async () => {
    sf.http.inject((r) => r.query.has('q'), { status: 401, body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }] }, 2);
    const error = await syncFailure(() => sync());
    expect(error.message).toBe('Salesforce answered 401 to a query (INVALID_SESSION_ID: Session expired or invalid). Nothing was changed.');
    expect(sf.http.requests.filter((r) => r.path === '/services/oauth2/token')).toHaveLength(2);
    expect(rows('SELECT count(*) AS n FROM people')).toEqual([{ n: 0 }]);
    expect(syncState(t.db, 'salesforce')).toMatchObject({ lastStatus: 'failed', syncedThrough: null, problem: error.message });
  });

  it('waits as long as a 429’s Retry-After says, then goes on', async () => {
    sf.http.inject((r) => /FROM Opportunity\b/.test(r.query.get('q') ?? ''), { status: 429, body: [], headers: { 'retry-after': '3' } });
    await sync();
    expect(waits).toEqual([3000]);
    expect(deals()).toHaveLength(3);
  });

  it('stops with nothing changed when the org’s daily API limit is used up', async () => {
    sf.http.inject((r) => r.query.has('q'), { status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] });
    const error = await syncFailure(() => sync());
    expect(error.message).toBe(
      "Salesforce's daily API request limit for the org is used up (REQUEST_LIMIT_EXCEEDED). Nothing was changed; the next sync tries again.",
    );
    expect(snapshot()).toBe(JSON.stringify([[], [], [], []]));
  });

  it('refuses bad credentials naming the settings', async () => {
    const error = await syncFailure(() =>
      syncCrm(
        t.db,
        'salesforce',
        { ...config(), salesforce: { ...(config().salesforce as NonNullable<CrmConfig['salesforce']>), clientSecret: 'wrong' } },
        { now: NOW, pause: async () => {} },
      ),
    );
    expect(error.message).toContain(
      "Salesforce refused the connected app's credentials (invalid_client: invalid client credentials): check SALESFORCE_LOGIN_URL",
    );
  });
});

describe('a Salesforce sync that fails halfway changes nothing', () => {
  it('when a page of opportunities cannot be read', async () => {
    await sync();
    const before = snapshot();
    sf.pageSize = 1;
    sf.data.User?.push({
      Id: '005D',
      Name: 'Bob Stone',
      Email: 'bob@acme.com',
      'Manager.Email': 'mia@acme.com',
      SystemModstamp: '2026-02-25T10:00:00.000+0000',
    });
    sf.http.inject((r) => /\/query\/01gfake\d+-2$/.test(r.path) && /FROM Opportunity\b/.test(sf.queries.at(-1) ?? ''), {
      status: 500,
      body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred' }],
    });
    expect((await syncFailure(() => sync(true))).message).toBe(
      'Salesforce answered 500 to a query (UNKNOWN_EXCEPTION: An unexpected error occurred). Nothing was changed.',
    );
    expect(snapshot()).toBe(before);
    expect(syncState(t.db, 'salesforce')).toMatchObject({ lastStatus: 'failed', syncedThrough: '2026-02-11T09:00:00.000Z' });
  });

  it('when an opportunity fails the importer’s checks after its owner was written: the owner goes too', async () => {
    await sync();
    const before = snapshot();
    sf.data.User?.push({
      Id: '005D',
      Name: 'Bob Stone',
      Email: 'bob@acme.com',
      'Manager.Email': 'mia@acme.com',
      SystemModstamp: '2026-02-25T10:00:00.000+0000',
    });
    sf.data.Opportunity?.push(
      { ...opportunity('006D', 'Closed Won', 10, '2026-02-26', true, true, '2026-02-26T09:00:00.000+0000'), 'Owner.Email': 'bob@acme.com' },
      { ...opportunity('006E', 'Closed Won', -5, '2026-02-26', true, true, '2026-02-26T09:00:00.000+0000'), 'Owner.Email': 'zoe@acme.com' },
    );
    const error = await syncFailure(() => sync());
    expect(error).toBeInstanceOf(SyncRefused);
    expect(error.message).toBe(
      [
        'Salesforce sync refused, nothing was changed: 1 of its deals records have problems. Fix them in Salesforce (or the settings), and sync again.',
        '  opportunity 006E: amount -5 is negative',
      ].join('\n'),
    );
    expect(snapshot()).toBe(before);
    expect(syncState(t.db, 'salesforce')).toMatchObject({ lastStatus: 'refused', problem: error.message, syncedThrough: '2026-02-11T09:00:00.000Z' });
  });
});
