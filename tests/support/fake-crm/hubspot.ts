/**
 * A fake HubSpot on 127.0.0.1 as its CRM API documents it: a private app's bearer token, owners
 * and pipelines, the deals search endpoint (filters on hs_lastmodifieddate, ascending sort,
 * `after` paging, 10,000 results a query at most), and batch read with propertiesWithHistory.
 */
import { type Answer, FakeHttp, type RecordedRequest } from './http.js';

export interface FakeDeal {
  id: string;
  properties: Record<string, string | null>;
  /** The stage's changes, oldest first. */
  history: { value: string; timestamp: string }[];
}

interface SearchBody {
  filterGroups?: { filters: { propertyName: string; operator: string; value: string }[] }[];
  properties?: string[];
  limit?: number;
  after?: string;
}

const SEARCH_LIMIT = 10_000;

export class FakeHubSpot {
  readonly token = 'pat-na1-fake';
  readonly owners: { id: string; email: string; firstName: string; lastName: string }[] = [];
  readonly pipelines: { id: string; label: string; stages: { id: string; label: string; metadata: { isClosed: string; probability: string } }[] }[] = [];
  readonly deals: FakeDeal[] = [];
  pageSize = 100;
  readonly http = new FakeHttp((r) => this.#route(r));

  static async start(): Promise<FakeHubSpot> {
    const fake = new FakeHubSpot();
    await fake.http.start();
    return fake;
  }

  get apiUrl(): string {
    return this.http.url;
  }

  #route(r: RecordedRequest): Answer {
    if (r.authorization !== `Bearer ${this.token}`)
      return { status: 401, body: { status: 'error', category: 'INVALID_AUTHENTICATION', message: 'Authentication credentials not found.' } };
    if (r.method === 'GET' && r.path === '/crm/v3/owners') return this.#owners(r.query);
    if (r.method === 'GET' && r.path === '/crm/v3/pipelines/deals') return { status: 200, body: { results: this.pipelines } };
    if (r.method === 'POST' && r.path === '/crm/v3/objects/deals/search') return this.#search(JSON.parse(r.body) as SearchBody);
    if (r.method === 'POST' && r.path === '/crm/v3/objects/deals/batch/read') return this.#batchRead(JSON.parse(r.body));
    return { status: 404, body: { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'not found' } };
  }

  #owners(query: URLSearchParams): Answer {
    const limit = Number(query.get('limit') ?? 100);
    const offset = Number(query.get('after') ?? 0);
    const results = this.owners.slice(offset, offset + limit);
    const next = offset + limit < this.owners.length ? { paging: { next: { after: String(offset + limit) } } } : {};
    return { status: 200, body: { results, ...next } };
  }

  #search(body: SearchBody): Answer {
    const offset = Number(body.after ?? 0);
    const limit = Math.min(body.limit ?? 10, this.pageSize);
    if (offset + limit > SEARCH_LIMIT)
      return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'Cannot page beyond 10000 results' } };
    const filters = body.filterGroups?.flatMap((g) => g.filters) ?? [];
    const matching = this.deals
      .filter((d) =>
        filters.every((f) => {
          const value = Date.parse(d.properties[f.propertyName] ?? '');
          return f.operator === 'GT' ? value > Number(f.value) : f.operator === 'GTE' ? value >= Number(f.value) : false;
        }),
      )
      .sort((a, b) => Date.parse(a.properties.hs_lastmodifieddate ?? '') - Date.parse(b.properties.hs_lastmodifieddate ?? ''));
    const page = matching.slice(offset, offset + limit).map((d) => ({
      id: d.id,
      properties: Object.fromEntries((body.properties ?? []).map((p) => [p, d.properties[p] ?? null])),
      archived: false,
    }));
    const next = offset + limit < matching.length ? { paging: { next: { after: String(offset + limit) } } } : {};
    return { status: 200, body: { total: matching.length, results: page, ...next } };
  }

  #batchRead(body: { inputs: { id: string }[]; propertiesWithHistory?: string[] }): Answer {
    if (body.inputs.length > 50 && body.propertiesWithHistory?.length)
      return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'at most 50 inputs with propertiesWithHistory' } };
    const results = body.inputs
      .map((i) => this.deals.find((d) => d.id === i.id))
      .filter((d): d is FakeDeal => d !== undefined)
      .map((d) => ({
        id: d.id,
        properties: { dealstage: d.properties.dealstage ?? null },
        // HubSpot lists a property's history newest first.
        propertiesWithHistory: { dealstage: [...d.history].reverse().map((h) => ({ ...h, sourceType: 'CRM_UI' })) },
      }));
    return { status: 200, body: { status: 'COMPLETE', results } };
  }
}
