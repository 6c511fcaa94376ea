import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crmSyncJob } from '../../schedules/crm-sync.js';
import { ManualClock } from '../../src/clock.js';
import { createLogger } from '../../src/logger.js';
import { Outbox } from '../../src/services/delivery/outbox.js';
import { RecordingTransport } from '../../src/services/delivery/transports.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { syncState } from '../../src/services/sales/sync/sync.js';
import { setupInput, U } from '../support/builders.js';
import { FakeHubSpot } from '../support/fake-crm/hubspot.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/** The nightly sync at 02:00 in the workspace's zone (New York here: 07:00 UTC in winter), with its state in the database. */
let t: TestDb;
let hs: FakeHubSpot;
let logs: string[];

beforeEach(async () => {
  t = createTestDb();
  saveSetup(t.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
  hs = await FakeHubSpot.start();
  hs.owners.push({ id: '11', email: 'jane@acme.com', firstName: 'Jane', lastName: 'Doe' });
  logs = [];
});

afterEach(async () => {
  await hs.http.stop();
  t.close();
});

async function runAt(iso: string): Promise<void> {
  const clock = new ManualClock(new Date(iso));
  const logger = createLogger('info', (line) => logs.push(line));
  const outbox = new Outbox({ db: t.db, clock, logger, transport: new RecordingTransport(clock), sleep: async () => {} });
  const job = crmSyncJob({ salesforce: null, hubspot: { accessToken: hs.token, apiUrl: hs.apiUrl } }, async () => {});
  await job.run({ db: t.db, logger, clock, outbox, surveyKeySecret: null }, clock.now());
}

const syncs = () => hs.http.requests.filter((r) => r.path === '/crm/v3/owners').length;

describe('the nightly CRM sync', () => {
  it('runs on cron at 02:00 in the workspace’s zone', () => {
    expect(crmSyncJob({ salesforce: null, hubspot: null }).cron).toBe('0 2 * * *');
  });

  it('syncs once for each 02:00 that has passed, a night missed while the app was down included', async () => {
    await runAt('2026-12-01T06:59:00Z');
    expect(syncs()).toBe(1);
    expect(syncState(t.db, 'hubspot')).toMatchObject({ lastRunAt: '2026-12-01T06:59:00.000Z', lastStatus: 'applied' });
    await runAt('2026-12-01T07:00:00Z');
    expect(syncs()).toBe(2);
    await runAt('2026-12-01T12:00:00Z');
    await runAt('2026-12-02T06:59:59Z');
    expect(syncs()).toBe(2);
    // The app was down on the night of the 3rd; at start on the 4th at noon it catches up, once.
    await runAt('2026-12-04T12:00:00Z');
    await runAt('2026-12-04T12:01:00Z');
    expect(syncs()).toBe(3);
    expect(logs.filter((l) => l.includes('crm-sync: HubSpot'))).toHaveLength(3);
  });

  it('keeps a failure for the admins and tries again the next night, not before', async () => {
    hs.http.inject((r) => r.path === '/crm/v3/owners', { status: 503, body: { status: 'error', category: 'SERVICE_UNAVAILABLE', message: 'down' } });
    await runAt('2026-12-01T07:00:00Z');
    expect(syncState(t.db, 'hubspot')).toMatchObject({
      lastStatus: 'failed',
      problem: 'HubSpot answered 503 (SERVICE_UNAVAILABLE: down). Nothing was changed.',
    });
    expect(logs.some((l) => l.includes('HubSpot answered 503'))).toBe(true);
    await runAt('2026-12-01T20:00:00Z');
    expect(syncs()).toBe(1);
    await runAt('2026-12-02T07:00:00Z');
    expect(syncState(t.db, 'hubspot')).toMatchObject({ lastStatus: 'applied', problem: null });
  });
});
