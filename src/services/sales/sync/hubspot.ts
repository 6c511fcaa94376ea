import type { CrmConfig } from '../../../config.js';
import type { HsDeal, HsOwner, HsPipeline, HubSpotData } from '../../../domain/sales/crm-records.js';
import { CrmError, callApi, errorText, type Pause } from './http.js';

/**
 * HubSpot's CRM API with a private app's token: owners and pipelines paged by `after`, deals by
 * the search endpoint (which stops at 10,000 results a query, so a longer read starts a new query
 * from the last modification it reached), and each deal's stage history by batch read.
 */

type Settings = NonNullable<CrmConfig['hubspot']>;

const PROPERTIES = ['dealname', 'amount', 'dealstage', 'closedate', 'createdate', 'pipeline', 'hubspot_owner_id', 'hs_lastmodifieddate'];
const SEARCH_LIMIT = 10_000;
const PAGE = 100;
// Batch reads that ask for property history take at most 50 records.
const HISTORY_BATCH = 50;

interface Page<T> {
  results: T[];
  paging?: { next?: { after: string } };
}

export async function readHubSpot(settings: Settings, since: string | null, pause: Pause): Promise<HubSpotData> {
  const call = async (path: string, body?: unknown): Promise<unknown> => {
    const init: RequestInit = { headers: { authorization: `Bearer ${settings.accessToken}`, 'content-type': 'application/json' } };
    if (body !== undefined) Object.assign(init, { method: 'POST', body: JSON.stringify(body) });
    const { status, body: answer } = await callApi('HubSpot', `${settings.apiUrl}${path}`, init, pause);
    if (status === 200 || status === 207) return answer;
    if (status === 401 || status === 403)
      throw new CrmError(
        `HubSpot refused the access token (${errorText(answer)}): check HUBSPOT_ACCESS_TOKEN, and that the private app has the crm.objects.deals.read and crm.objects.owners.read scopes. Nothing was changed.`,
      );
    throw new CrmError(`HubSpot answered ${status} (${errorText(answer)}). Nothing was changed.`);
  };

  const owners: HsOwner[] = [];
  for (let after: string | undefined = ''; after !== undefined; ) {
    const page = (await call(`/crm/v3/owners?limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`)) as Page<HsOwner>;
    owners.push(...page.results);
    after = page.paging?.next?.after;
  }
  const pipelines = ((await call('/crm/v3/pipelines/deals')) as Page<HsPipeline>).results;

  const deals = new Map<string, HsDeal>();
  let from = since;
  for (let after: string | undefined = '', restart = true; restart; ) {
    restart = false;
    const filterGroups = from
      ? [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: since === from ? 'GT' : 'GTE', value: String(Date.parse(from)) }] }]
      : [];
    for (after = ''; after !== undefined; ) {
      const page = (await call('/crm/v3/objects/deals/search', {
        filterGroups,
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
        properties: PROPERTIES,
        limit: PAGE,
        ...(after ? { after } : {}),
      })) as Page<HsDeal>;
      for (const deal of page.results) deals.set(deal.id, deal);
      after = page.paging?.next?.after;
      const last = page.results.at(-1)?.properties.hs_lastmodifieddate;
      if (after !== undefined && Number(after) + PAGE > SEARCH_LIMIT && last) {
        from = last;
        restart = true;
        break;
      }
    }
  }

  const ids = [...deals.keys()];
  for (let i = 0; i < ids.length; i += HISTORY_BATCH) {
    const batch = (await call('/crm/v3/objects/deals/batch/read', {
      inputs: ids.slice(i, i + HISTORY_BATCH).map((id) => ({ id })),
      properties: ['dealstage'],
      propertiesWithHistory: ['dealstage'],
    })) as Page<HsDeal>;
    for (const read of batch.results) {
      const deal = deals.get(read.id);
      if (deal && read.propertiesWithHistory) deal.propertiesWithHistory = read.propertiesWithHistory;
    }
  }
  return { owners, pipelines, deals: [...deals.values()] };
}
