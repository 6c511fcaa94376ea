import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSkoAsync } from '../support/cli.js';
import { FakeHubSpot } from '../support/fake-crm/hubspot.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

describe('npm run sko -- sync', () => {
  let testDb: TestDb;
  let hs: FakeHubSpot;

  beforeAll(async () => {
    testDb = createTestDb();
    hs = await FakeHubSpot.start();
    hs.owners.push({ id: '11', email: 'jane@acme.com', firstName: 'Jane', lastName: 'Doe' });
    hs.deals.push({
      id: '9001',
      properties: {
        amount: '5000',
        dealstage: 'closedwon',
        closedate: '2026-02-01T12:00:00Z',
        createdate: '2026-01-05T12:00:00Z',
        hubspot_owner_id: '11',
        hs_lastmodifieddate: '2026-02-01T12:00:00Z',
      },
      history: [],
    });
  });

  afterAll(async () => {
    await hs.http.stop();
    testDb.close();
  });

  it('syncs HubSpot with the token from the environment, in full the first time, then what changed', async () => {
    const env = { HUBSPOT_ACCESS_TOKEN: hs.token, HUBSPOT_API_URL: hs.apiUrl };
    const first = await runSkoAsync(testDb.path, env, 'sync', 'hubspot');
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('HubSpot synced in full: 1 new person; 1 new deal.\n');
    const again = await runSkoAsync(testDb.path, env, 'sync', 'hubspot');
    expect(again.stdout).toBe('HubSpot synced what changed since the last sync: 1 person updated.\n');
    expect(testDb.db.$client.prepare('SELECT id, outcome, amount_cents FROM deals').all()).toEqual([{ id: '9001', outcome: 'won', amount_cents: 500_000 }]);
  }, 30_000);

  it('says which settings turn a sync on, and which CRMs there are', async () => {
    const off = await runSkoAsync(testDb.path, {}, 'sync', 'salesforce', '--full');
    expect(off.status).toBe(1);
    expect(off.stderr).toBe(
      'Salesforce sync is off: set SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET (a connected app with the client-credentials flow).\n',
    );
    const which = await runSkoAsync(testDb.path, {}, 'sync', 'pipedrive');
    expect(which.status).toBe(2);
    expect(which.stderr).toContain('Say which CRM: npm run sko -- sync <salesforce|hubspot> [--full].');
  }, 30_000);
});
