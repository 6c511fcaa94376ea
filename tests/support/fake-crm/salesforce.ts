/**
 * A fake Salesforce on 127.0.0.1 as its REST API documents it: the OAuth 2.0 client-credentials
 * token endpoint, SOQL queries paged by nextRecordsUrl (`done: false` until the last page), 401
 * INVALID_SESSION_ID for a token it no longer takes. It understands the SOQL the sync sends:
 * SELECT fields (dotted relationship fields too) FROM object [WHERE field > dateTime] [ORDER BY …].
 * An object missing from `data` is one the org does not have: Salesforce answers 400 INVALID_TYPE.
 */
import { type Answer, FakeHttp, type RecordedRequest } from './http.js';

type Row = Record<string, unknown>;

const QUERY = /^SELECT (.+?) FROM (\w+)(?: WHERE ([\w.]+) > (\S+))?(?: ORDER BY .+)?$/;

export class FakeSalesforce {
  readonly clientId = 'sf-client';
  readonly clientSecret = 'sf-secret';
  /** Records by object; relationship fields as dotted keys (`Owner.Email`). ForecastingQuota is there once an org turns Collaborative Forecasts on. */
  readonly data: Record<string, Row[]> = { User: [], Account: [], Opportunity: [], OpportunityHistory: [] };
  pageSize = 2000;
  #tokens = 0;
  #valid = new Set<string>();
  #cursors = new Map<string, { rows: Row[]; offset: number }>();
  readonly http = new FakeHttp((r) => this.#route(r));

  static async start(): Promise<FakeSalesforce> {
    const fake = new FakeSalesforce();
    await fake.http.start();
    return fake;
  }

  get loginUrl(): string {
    return this.http.url;
  }

  /** Every token handed out so far stops working, as when a session expires. */
  expireTokens(): void {
    this.#valid.clear();
  }

  /** The SOQL of every query the sync sent, in order. */
  get queries(): string[] {
    return this.http.requests.filter((r) => r.query.has('q')).map((r) => r.query.get('q') as string);
  }

  #route(r: RecordedRequest): Answer {
    if (r.method === 'POST' && r.path === '/services/oauth2/token') return this.#token(new URLSearchParams(r.body));
    const token = r.authorization?.replace(/^Bearer /, '') ?? '';
    if (!this.#valid.has(token)) return { status: 401, body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }] };
    const cursor = /^\/services\/data\/v[\d.]+\/query\/(\w+)-\d+$/.exec(r.path);
    if (r.method === 'GET' && cursor) return this.#page(cursor[1] as string);
    if (r.method === 'GET' && /^\/services\/data\/v[\d.]+\/query$/.test(r.path)) return this.#query(r.query.get('q') ?? '');
    return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
  }

  #token(form: URLSearchParams): Answer {
    if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret)
      return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
    this.#tokens += 1;
    const token = `00Dfake!token${this.#tokens}`;
    this.#valid.add(token);
    return {
      status: 200,
      body: { access_token: token, instance_url: this.http.url, token_type: 'Bearer', id: `${this.http.url}/id/00D/005`, issued_at: '0', signature: 'x' },
    };
  }

  #query(soql: string): Answer {
    const m = QUERY.exec(soql.trim());
    if (!m) throw new Error(`unexpected SOQL: ${soql}`);
    const [, fieldList, object, whereField, since] = m as unknown as [string, string, string, string | undefined, string | undefined];
    const fields = fieldList.split(',').map((f) => f.trim());
    const stored = this.data[object];
    if (!stored)
      return {
        status: 400,
        body: [
          {
            errorCode: 'INVALID_TYPE',
            message: `sObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`,
          },
        ],
      };
    const rows = stored
      .map((row) => (object === 'OpportunityHistory' ? { ...row, 'Opportunity.SystemModstamp': this.#opportunity(row.OpportunityId)?.SystemModstamp } : row))
      .filter((row) => !whereField || Date.parse(String(row[whereField])) > Date.parse(since as string))
      .map((row) => project(object, row, fields));
    const key = `01gfake${this.#cursors.size + 1}`;
    this.#cursors.set(key, { rows, offset: 0 });
    return this.#page(key, rows.length);
  }

  #page(key: string, totalSize?: number): Answer {
    const cursor = this.#cursors.get(key);
    if (!cursor) return { status: 400, body: [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }] };
    const records = cursor.rows.slice(cursor.offset, cursor.offset + this.pageSize);
    cursor.offset += records.length;
    const done = cursor.offset >= cursor.rows.length;
    return {
      status: 200,
      body: {
        totalSize: totalSize ?? cursor.rows.length,
        done,
        records,
        ...(done ? {} : { nextRecordsUrl: `/services/data/v62.0/query/${key}-${cursor.offset}` }),
      },
    };
  }

  #opportunity(id: unknown): Row | undefined {
    return this.data.Opportunity?.find((o) => o.Id === id);
  }
}

/** A record as the API returns it: the fields asked for, relationship fields nested (`Owner: { Email }`), and its attributes. */
function project(object: string, row: Row, fields: string[]): Row {
  const out: Row = { attributes: { type: object, url: `/services/data/v62.0/sobjects/${object}/${String(row.Id ?? '')}` } };
  for (const field of fields) {
    const [parent, child] = field.split('.');
    if (child === undefined) out[field] = row[field] ?? null;
    else if (row[field] === undefined || row[field] === null) out[parent as string] = null;
    else out[parent as string] = { attributes: { type: parent }, ...((out[parent as string] as Row | null) ?? {}), [child]: row[field] };
  }
  return out;
}
