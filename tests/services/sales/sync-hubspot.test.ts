import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmConfig } from '../../../src/config.js';
import { saveReadingSettings } from '../../../src/services/sales/settings.js';
import { SyncRefused, syncCrm, syncState } from '../../../src/services/sales/sync/sync.js';
import { syncFailure } from '../../support/fake-crm/failure.js';
import { type FakeDeal, FakeHubSpot } from '../../support/fake-crm/hubspot.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

let t: TestDb;
let hs: FakeHubSpot;
let waits: number[];
const NOW = new Date('2026-03-01T02:00:00Z');

function deal(id: string, stage: string, amount: string, close: string, modified: string, history: string[] = [stage]): FakeDeal {
  return {
    id,
    properties: {
      dealname: `Deal ${id}`,
      amount,
      dealstage: stage,
      closedate: `${close}T12:00:00Z`,
      createdate: '2026-01-05T12:00:00.000Z',
      pipeline: 'default',
      hubspot_owner_id: '11',
      hs_lastmodifieddate: modified,
    },
    history: history.map((value, i) => ({ value, timestamp: `2026-01-${String(5 + i * 10).padStart(2, '0')}T12:00:00.000Z` })),
  };
}

beforeEach(async () => {
  t = createTestDb();
  hs = await FakeHubSpot.start();
  waits = [];
  hs.owners.push(
    { id: '11', email: 'jane@acme.com', firstName: 'Jane', lastName: 'Doe' },
    { id: '12', email: 'joe@acme.com', firstName: 'Joe', lastName: 'Roe' },
  );
  hs.pipelines.push({
    id: 'partners',
    label: 'Partners',
    stages: [
      { id: '1234567', label: 'Partner signed', metadata: { isClosed: 'true', probability: '1.0' } },
      { id: '1234568', label: 'Partner review', metadata: { isClosed: 'false', probability: '0.5' } },
    ],
  });
  hs.deals.push(
    deal('9001', 'closedwon', '5000', '2026-02-01', '2026-02-01T12:00:00.000Z', ['appointmentscheduled', 'contractsent', 'closedwon']),
    deal('9002', 'closedlost', '700.5', '2026-02-03', '2026-02-03T12:00:00.000Z'),
    deal('9003', '1234567', '900', '2026-02-05', '2026-02-05T12:00:00.000Z', ['1234568', '1234567']),
  );
});

afterEach(async () => {
  await hs.http.stop();
  t.close();
});

const config = (token = hs.token): CrmConfig => ({ salesforce: null, hubspot: { accessToken: token, apiUrl: hs.apiUrl } });
const sync = (full = false, token?: string) => syncCrm(t.db, 'hubspot', config(token), { full, now: NOW, pause: async (ms) => void waits.push(ms) });
const rows = <T>(sql: string): T[] => t.db.$client.prepare(sql).all() as T[];
const snapshot = () => JSON.stringify(['people', 'deals', 'stage_history'].map((table) => rows(`SELECT * FROM ${table} ORDER BY rowid`)));
const searches = () => hs.http.requests.filter((r) => r.path === '/crm/v3/objects/deals/search').map((r) => JSON.parse(r.body));

describe('a HubSpot sync', () => {
  it('reads owners, pipelines and deals a page at a time with their stage history, and applies them', async () => {
    hs.pageSize = 2;
    const report = await sync();
    expect(report.changes).toEqual([
      { kind: 'people', created: 2, updated: 0 },
      { kind: 'deals', created: 3, updated: 0 },
      { kind: 'stage-history', created: 6, updated: 0 },
    ]);
    expect(rows('SELECT email, name FROM people ORDER BY email')).toEqual([
      { email: 'jane@acme.com', name: 'Jane Doe' },
      { email: 'joe@acme.com', name: 'Joe Roe' },
    ]);
    expect(
      rows(
        'SELECT d.id, p.email AS owner, d.stage, d.outcome, d.amount_cents AS cents, d.created_date AS created, d.close_date AS closed FROM deals d JOIN people p ON p.id = d.owner_id ORDER BY d.id',
      ),
    ).toEqual([
      { id: '9001', owner: 'jane@acme.com', stage: 'Closed won', outcome: 'won', cents: 500_000, created: '2026-01-05', closed: '2026-02-01' },
      { id: '9002', owner: 'jane@acme.com', stage: 'Closed lost', outcome: 'lost', cents: 70_050, created: '2026-01-05', closed: '2026-02-03' },
      // A custom pipeline's closed stage at probability 1 is won, whatever its label.
      { id: '9003', owner: 'jane@acme.com', stage: 'Closed Won', outcome: 'won', cents: 90_000, created: '2026-01-05', closed: '2026-02-05' },
    ]);
    expect(rows("SELECT stage, entered_date FROM stage_history WHERE deal_id = '9001' ORDER BY entered_date")).toEqual([
      { stage: 'Appointment scheduled', entered_date: '2026-01-05' },
      { stage: 'Contract sent', entered_date: '2026-01-15' },
      { stage: 'Closed won', entered_date: '2026-01-25' },
    ]);
    expect(searches().map((s) => s.after ?? null)).toEqual([null, '2']);
    expect(searches()[0]).toMatchObject({ filterGroups: [], sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }] });
    expect(syncState(t.db, 'hubspot')).toMatchObject({ lastStatus: 'applied', syncedThrough: '2026-02-05T12:00:00.000Z', problem: null });
  });

  it('reads only deals modified since the last sync, the next time', async () => {
    await sync();
    Object.assign(hs.deals[0]?.properties as object, { amount: '5500', hs_lastmodifieddate: '2026-02-20T12:00:00.000Z' });
    const report = await sync();
    expect(searches().at(-1)?.filterGroups).toEqual([
      { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(Date.parse('2026-02-05T12:00:00.000Z')) }] },
    ]);
    expect(report.changes).toEqual([
      { kind: 'people', created: 0, updated: 2 },
      { kind: 'deals', created: 0, updated: 1 },
      { kind: 'stage-history', created: 0, updated: 3 },
    ]);
    expect(rows("SELECT amount_cents FROM deals WHERE id = '9001'")).toEqual([{ amount_cents: 550_000 }]);
  });

  it('waits as long as a 429’s Retry-After says, then goes on', async () => {
    hs.http.inject(
      (r) => r.path === '/crm/v3/objects/deals/search',
      { status: 429, body: { status: 'error', category: 'RATE_LIMITS' }, headers: { 'retry-after': '2' } },
      2,
    );
    await sync();
    expect(waits).toEqual([2000, 2000]);
    expect(rows('SELECT count(*) AS n FROM deals')).toEqual([{ n: 3 }]);
  });

  it('refuses a token HubSpot does not take, naming the setting, and changes nothing', async () => {
    const error = await syncFailure(() => sync(false, 'pat-wrong'));
    expect(error.message).toContain(
      'HubSpot refused the access token (INVALID_AUTHENTICATION: Authentication credentials not found.): check HUBSPOT_ACCESS_TOKEN',
    );
    expect(snapshot()).toBe(JSON.stringify([[], [], []]));
    expect(syncState(t.db, 'hubspot')).toMatchObject({ lastStatus: 'failed', problem: error.message });
  });

  it('changes nothing when the stage history cannot be read, after owners and deals were', async () => {
    hs.http.inject((r) => r.path === '/crm/v3/objects/deals/batch/read', {
      status: 502,
      body: { status: 'error', category: 'BAD_GATEWAY', message: 'try later' },
    });
    expect((await syncFailure(() => sync())).message).toBe('HubSpot answered 502 (BAD_GATEWAY: try later). Nothing was changed.');
    expect(snapshot()).toBe(JSON.stringify([[], [], []]));
  });

  it('refuses a deal whose stage no pipeline or mapping names, and follows the workspace’s mapping', async () => {
    hs.deals.push(deal('9004', '7777777', '10', '2026-02-06', '2026-02-06T12:00:00.000Z'));
    const error = await syncFailure(() => sync());
    expect(error).toBeInstanceOf(SyncRefused);
    expect(error.message).toContain(
      '  deal 9004 (Deal 9004): stage "7777777" is a CRM stage id the app does not know: add it to the stage mapping with its name, e.g. 7777777=Closed Won',
    );
    expect(snapshot()).toBe(JSON.stringify([[], [], []]));
    saveReadingSettings(t.db, { stageMapping: { '7777777': 'Closed Lost' } });
    await sync();
    expect(rows("SELECT stage, outcome FROM deals WHERE id = '9004'")).toEqual([{ stage: 'Closed Lost', outcome: 'lost' }]);
  });
});
