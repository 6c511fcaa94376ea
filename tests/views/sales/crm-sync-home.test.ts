import type { KnownBlock } from '@slack/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncCrm } from '../../../src/services/sales/sync/sync.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { FakeHubSpot } from '../../support/fake-crm/hubspot.js';
import { submitSetup } from '../../support/sko.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => undefined };

describe('the CRM sync on the App Home', () => {
  let t: TestApp;
  let hs: FakeHubSpot;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    await submitSetup(t);
    hs = await FakeHubSpot.start();
    hs.owners.push({ id: '11', email: 'jane@acme.com', firstName: 'Jane', lastName: 'Doe' });
    hs.deals.push({
      id: '9001',
      properties: {
        amount: '5000',
        dealstage: 'closedwon',
        closedate: '2026-11-01T12:00:00Z',
        createdate: '2026-10-05T12:00:00Z',
        hubspot_owner_id: '11',
        hs_lastmodifieddate: '2026-11-01T12:00:00Z',
      },
      history: [],
    });
  });
  afterEach(async () => {
    await hs.http.stop();
    await t.close();
  });

  const homeText = async (user: string) => {
    const before = t.fake.callsTo('views.publish').length;
    await t.driver.event({ type: 'app_home_opened', user, channel: 'D1', tab: 'home', event_ts: '1.1' });
    const calls = await eventually(() => t.fake.callsTo('views.publish').length > before && t.fake.callsTo('views.publish'));
    const view = calls[calls.length - 1]?.args.view as { blocks: KnownBlock[] };
    return renderPlainText(view.blocks, names);
  };
  const sync = (at: string) =>
    syncCrm(t.db, 'hubspot', { salesforce: null, hubspot: { accessToken: hs.token, apiUrl: hs.apiUrl } }, { now: new Date(at), pause: async () => {} });

  it('shows admins the last sync and what it changed, then a refusal with the last changes that applied; nobody else sees it', async () => {
    await sync('2026-11-21T07:00:00Z');
    expect(await homeText(U.dana)).toContain('CRM sync (nightly at 02:00)\nHubSpot · last sync Sat 21 Nov 2026 02:00 EST: 1 new person; 1 new deal.');
    hs.deals.push({
      id: '9002',
      properties: {
        amount: '-1',
        dealstage: 'closedwon',
        closedate: '2026-11-20T12:00:00Z',
        createdate: '2026-10-05T12:00:00Z',
        hubspot_owner_id: '11',
        hs_lastmodifieddate: '2026-11-20T12:00:00Z',
      },
      history: [],
    });
    await expect(sync('2026-11-22T07:00:00Z')).rejects.toThrow('HubSpot sync refused');
    expect(await homeText(U.dana)).toContain(
      [
        'HubSpot · the sync at Sun 22 Nov 2026 02:00 EST refused its data, and changed nothing:',
        'HubSpot sync refused, nothing was changed: 1 of its deals records have problems. Fix them in HubSpot (or the settings), and sync again.',
        '  deal 9002: amount -1 is negative',
      ].join('\n'),
    );
    expect(await homeText(U.dana)).toContain('The last sync that applied: 1 new person; 1 new deal.');
    expect(await homeText(U.rep)).not.toContain('CRM sync');
  });
});
