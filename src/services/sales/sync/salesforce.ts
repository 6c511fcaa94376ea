import type { CrmConfig } from '../../../config.js';
import type { SalesforceData, SfAccount, SfHistory, SfOpportunity, SfQuota, SfUser } from '../../../domain/sales/crm-records.js';
import { CrmError, callApi, errorText, type Pause } from './http.js';

/**
 * Salesforce's REST API: a token from the connected app's client-credentials flow, then SOQL
 * queries paged by nextRecordsUrl. An expired token (401) is replaced once; a used-up daily API
 * limit (REQUEST_LIMIT_EXCEEDED) stops the sync with nothing changed.
 */

/** An object this org does not have, or does not show the app's user: the answer to a query of it. */
class ObjectUnavailable extends CrmError {}

const API_VERSION = 'v62.0';

type Settings = NonNullable<CrmConfig['salesforce']>;

interface Session {
  accessToken: string;
  instanceUrl: string;
}

class SalesforceClient {
  #session: Session | null = null;

  constructor(
    private readonly settings: Settings,
    private readonly pause: Pause,
  ) {}

  async #login(): Promise<Session> {
    const { status, body } = await callApi(
      'Salesforce',
      `${this.settings.loginUrl}/services/oauth2/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.settings.clientId, client_secret: this.settings.clientSecret }),
      },
      this.pause,
    );
    const token = body as { access_token?: string; instance_url?: string };
    if (status !== 200 || !token.access_token || !token.instance_url)
      throw new CrmError(
        `Salesforce refused the connected app's credentials (${errorText(body)}): check SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET, and that the app allows the client-credentials flow. Nothing was changed.`,
      );
    this.#session = { accessToken: token.access_token, instanceUrl: token.instance_url.replace(/\/+$/, '') };
    return this.#session;
  }

  async #get(path: string): Promise<unknown> {
    let session = this.#session ?? (await this.#login());
    for (let refreshed = false; ; refreshed = true) {
      const { status, body } = await callApi(
        'Salesforce',
        `${session.instanceUrl}${path}`,
        { headers: { authorization: `Bearer ${session.accessToken}` } },
        this.pause,
      );
      if (status === 200) return body;
      if (status === 401 && !refreshed) {
        session = await this.#login();
        continue;
      }
      if (status === 400 && errorText(body).startsWith('INVALID_TYPE')) throw new ObjectUnavailable(errorText(body));
      if (errorText(body).startsWith('REQUEST_LIMIT_EXCEEDED'))
        throw new CrmError(
          "Salesforce's daily API request limit for the org is used up (REQUEST_LIMIT_EXCEEDED). Nothing was changed; the next sync tries again.",
        );
      throw new CrmError(`Salesforce answered ${status} to a query (${errorText(body)}). Nothing was changed.`);
    }
  }

  /** Every record the query matches, following nextRecordsUrl to the last page. */
  async query<T>(soql: string): Promise<T[]> {
    const records: T[] = [];
    let path: string | undefined = `/services/data/${API_VERSION}/query?q=${encodeURIComponent(soql)}`;
    while (path) {
      const page = (await this.#get(path)) as { records: T[]; done: boolean; nextRecordsUrl?: string };
      records.push(...page.records);
      path = page.done ? undefined : page.nextRecordsUrl;
    }
    return records;
  }

  /** Like query, or null when the queried object is not in this org (an optional feature turned off). */
  async queryIfAvailable<T>(soql: string): Promise<T[] | null> {
    try {
      return await this.query<T>(soql);
    } catch (error) {
      if (error instanceof ObjectUnavailable) return null;
      throw error;
    }
  }
}

/** Everything changed since `since` (an ISO instant), or everything when it is null. */
export async function readSalesforce(settings: Settings, since: string | null, pause: Pause): Promise<SalesforceData> {
  const client = new SalesforceClient(settings, pause);
  // SOQL takes a dateTime literal unquoted.
  const changed = (field: string) => (since ? ` WHERE ${field} > ${since}` : '');
  const users = await client.query<SfUser>(`SELECT Id, Name, Email, Manager.Email, SystemModstamp FROM User${changed('SystemModstamp')}`);
  const accounts = await client.query<SfAccount>(
    `SELECT Name, Owner.Email, BillingCountry, Industry, AnnualRevenue, SystemModstamp FROM Account${changed('SystemModstamp')}`,
  );
  const opportunities = await client.query<SfOpportunity>(
    `SELECT Id, Owner.Email, Account.Name, StageName, Amount, CloseDate, CreatedDate, IsClosed, IsWon, SystemModstamp FROM Opportunity${changed('SystemModstamp')}`,
  );
  // A changed opportunity's whole history, since an import replaces a deal's history whole.
  const history = await client.query<SfHistory>(
    `SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory${changed('Opportunity.SystemModstamp')} ORDER BY OpportunityId, CreatedDate`,
  );
  // Quotas live in Collaborative Forecasts, which many orgs leave off: then the quotas imported by file stay.
  const quotas = await client.queryIfAvailable<SfQuota>(
    `SELECT QuotaOwner.Email, StartDate, Period.EndDate, QuotaAmount, IsAmount, ProductFamily, ForecastingType.DeveloperName, LastModifiedDate FROM ForecastingQuota${changed('LastModifiedDate')}`,
  );
  return { users, accounts, opportunities, history, quotas };
}
