import { outcomeOf } from './deal-stages.js';

/**
 * What Salesforce's and HubSpot's APIs return, turned into the records an import reads (the
 * canonical columns), so a sync is validated exactly like a CSV file. Pure.
 */

/** One kind's records: the header, the rows, and what each row is called in the CRM (for messages). */
export interface CrmTable {
  header: string[];
  rows: string[][];
  names: string[];
}

/** The kinds a sync brings, in the order they are applied: owners before their quotas and deals, deals before their history. */
export const SYNC_KINDS = ['people', 'quotas', 'accounts', 'deals', 'stage-history'] as const;
type SyncKind = (typeof SYNC_KINDS)[number];
export type CrmRecords = Partial<Record<SyncKind, CrmTable>>;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** One person per email: a CRM may give several users (an admin's own, an integration's) the same address, and the last one read wins. */
function onePerEmail<T>(items: T[], email: (item: T) => string | null): T[] {
  const byEmail = new Map<string, T>();
  for (const item of items) {
    const e = email(item)?.trim().toLowerCase();
    if (e) byEmail.set(e, item);
  }
  return [...byEmail.values()];
}

function table(header: string[], items: { row: unknown[]; name: string }[]): CrmTable | undefined {
  return items.length ? { header, rows: items.map((i) => i.row.map(text)), names: items.map((i) => i.name) } : undefined;
}

// ------------------------------------------------------------------------------ Salesforce

export interface SfUser {
  Id: string;
  Name: string | null;
  Email: string | null;
  Manager?: { Email: string | null } | null;
  SystemModstamp: string;
}

export interface SfOpportunity {
  Id: string;
  Owner?: { Email: string | null } | null;
  Account?: { Name: string | null } | null;
  StageName: string;
  Amount: number | null;
  CloseDate: string | null;
  CreatedDate: string;
  IsClosed: boolean;
  IsWon: boolean;
  SystemModstamp: string;
}

export interface SfHistory {
  OpportunityId: string;
  StageName: string;
  CreatedDate: string;
}

export interface SfAccount {
  Name: string;
  Owner?: { Email: string | null } | null;
  BillingCountry: string | null;
  Industry: string | null;
  AnnualRevenue: number | null;
  SystemModstamp: string;
}

/** A Collaborative Forecasts quota: one owner's target for one forecast period of one forecast type. */
export interface SfQuota {
  QuotaOwner?: { Email: string | null } | null;
  StartDate: string;
  Period?: { EndDate: string | null } | null;
  QuotaAmount: number | null;
  IsAmount: boolean;
  ProductFamily: string | null;
  ForecastingType?: { DeveloperName: string | null } | null;
  LastModifiedDate: string;
}

export interface SalesforceData {
  users: SfUser[];
  accounts: SfAccount[];
  opportunities: SfOpportunity[];
  history: SfHistory[];
  /** Null when the org has no quotas to read (Collaborative Forecasts off, or not visible to the app's user). */
  quotas: SfQuota[] | null;
}

/** The forecast type whose quotas are revenue targets on opportunities, which is what the app measures attainment against. */
const REVENUE_FORECAST = 'OpportunityRevenue';

/**
 * Each owner's revenue quota per period: quantity quotas and product-family quotas (parts of a whole)
 * are left out, and where an org forecasts several types, the opportunity-revenue type wins.
 */
function revenueQuotas(quotas: SfQuota[]): SfQuota[] {
  const byOwnerPeriod = new Map<string, SfQuota>();
  for (const q of quotas) {
    if (!q.IsAmount || q.ProductFamily || q.QuotaAmount === null) continue;
    const key = `${q.QuotaOwner?.Email?.toLowerCase() ?? ''}|${q.StartDate}`;
    const kept = byOwnerPeriod.get(key);
    if (!kept || (kept.ForecastingType?.DeveloperName !== REVENUE_FORECAST && q.ForecastingType?.DeveloperName === REVENUE_FORECAST)) byOwnerPeriod.set(key, q);
  }
  return [...byOwnerPeriod.values()];
}

/** The stage to store: the org's own name, unless it reads as another outcome than Salesforce's IsClosed/IsWon say. */
function sfStage(o: SfOpportunity): string {
  const said = o.IsClosed ? (o.IsWon ? 'won' : 'lost') : 'open';
  if (outcomeOf(o.StageName) === said) return o.StageName;
  return said === 'won' ? 'Closed Won' : said === 'lost' ? 'Closed Lost' : o.StageName;
}

export function salesforceRecords(data: SalesforceData): CrmRecords {
  const records: CrmRecords = {};
  const people = table(
    ['email', 'name', 'manager_email'],
    onePerEmail(data.users, (u) => u.Email).map((u) => ({ row: [u.Email, u.Name, u.Manager?.Email], name: `user ${u.Name ?? u.Id}` })),
  );
  if (people) records.people = people;
  const quotas = table(
    ['email', 'period_start', 'period_end', 'amount'],
    revenueQuotas(data.quotas ?? []).map((q) => ({
      row: [q.QuotaOwner?.Email, q.StartDate, q.Period?.EndDate, q.QuotaAmount],
      name: `quota of ${q.QuotaOwner?.Email ?? 'an unknown owner'} from ${q.StartDate}`,
    })),
  );
  if (quotas) records.quotas = quotas;
  const accounts = table(
    ['name', 'owner_email', 'region', 'industry', 'potential'],
    data.accounts.map((a) => ({ row: [a.Name, a.Owner?.Email, a.BillingCountry, a.Industry, a.AnnualRevenue], name: `account ${a.Name}` })),
  );
  if (accounts) records.accounts = accounts;
  const deals = table(
    ['id', 'owner_email', 'account', 'stage', 'amount', 'created_date', 'close_date'],
    data.opportunities.map((o) => ({
      row: [o.Id, o.Owner?.Email, o.Account?.Name, sfStage(o), o.Amount, o.CreatedDate, o.CloseDate],
      name: `opportunity ${o.Id}`,
    })),
  );
  if (deals) records.deals = deals;
  const history = stageChanges(data.history.map((h) => ({ dealId: h.OpportunityId, stage: h.StageName, at: h.CreatedDate })));
  if (history) records['stage-history'] = history;
  return records;
}

/**
 * A deal's history as the stages it entered: the CRM also logs amount and date edits (the same stage
 * again), and one day keeps one entry per stage.
 */
function stageChanges(entries: { dealId: string; stage: string; at: string }[]): CrmTable | undefined {
  const sorted = [...entries].sort((a, b) => a.dealId.localeCompare(b.dealId) || a.at.localeCompare(b.at));
  const kept: { row: unknown[]; name: string }[] = [];
  const seen = new Set<string>();
  let previous: { dealId: string; stage: string } | null = null;
  for (const e of sorted) {
    const key = `${e.dealId}|${e.at.slice(0, 10)}|${e.stage}`;
    if ((previous?.dealId !== e.dealId || previous.stage !== e.stage) && !seen.has(key)) {
      seen.add(key);
      kept.push({ row: [e.dealId, e.stage, e.at], name: `stage change of ${e.dealId} on ${e.at.slice(0, 10)}` });
    }
    previous = e;
  }
  return table(['deal_id', 'stage', 'entered_date'], kept);
}

// ------------------------------------------------------------------------------ HubSpot

export interface HsOwner {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface HsDeal {
  id: string;
  properties: Record<string, string | null>;
  propertiesWithHistory?: { dealstage?: { value: string; timestamp: string }[] };
}

export interface HsPipeline {
  stages: { id: string; label: string; metadata?: { isClosed?: string; probability?: string } }[];
}

export interface HubSpotData {
  owners: HsOwner[];
  pipelines: HsPipeline[];
  deals: HsDeal[];
}

/**
 * Each pipeline stage's name for the import: its label, or, for a closed stage whose label would
 * read as open, what HubSpot says it is (won at probability 1, lost at 0).
 */
export function hubspotStageNames(pipelines: HsPipeline[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const stage of pipelines.flatMap((p) => p.stages)) {
    const closed = stage.metadata?.isClosed === 'true';
    const said = closed ? (Number(stage.metadata?.probability) >= 1 ? 'won' : 'lost') : 'open';
    names[stage.id] = outcomeOf(stage.label) === said ? stage.label : said === 'won' ? 'Closed Won' : said === 'lost' ? 'Closed Lost' : stage.label;
  }
  return names;
}

export function hubspotRecords(data: HubSpotData): CrmRecords {
  const records: CrmRecords = {};
  const owners = new Map(data.owners.map((o) => [o.id, o]));
  const people = table(
    ['email', 'first_name', 'last_name'],
    onePerEmail(data.owners, (o) => o.email).map((o) => ({ row: [o.email, o.firstName, o.lastName], name: `owner ${o.email}` })),
  );
  if (people) records.people = people;
  const deals = table(
    ['id', 'owner_email', 'stage', 'amount', 'created_date', 'close_date'],
    data.deals.map((d) => {
      const p = d.properties;
      const owner = p.hubspot_owner_id ? (owners.get(p.hubspot_owner_id)?.email ?? `owner ${p.hubspot_owner_id}`) : '';
      return { row: [d.id, owner, p.dealstage, p.amount, p.createdate, p.closedate], name: `deal ${d.id}${p.dealname ? ` (${p.dealname})` : ''}` };
    }),
  );
  if (deals) records.deals = deals;
  const history = stageChanges(
    data.deals.flatMap((d) => (d.propertiesWithHistory?.dealstage ?? []).map((h) => ({ dealId: d.id, stage: h.value, at: h.timestamp }))),
  );
  if (history) records['stage-history'] = history;
  return records;
}

/** The latest last-modified mark among what was read, to start the next sync from. */
export function latestModified(marks: (string | null | undefined)[], since: string | null): string | null {
  return marks.reduce<string | null>(
    (latest, m) => (m && (!latest || Date.parse(m) > Date.parse(latest)) ? new Date(Date.parse(m)).toISOString() : latest),
    since,
  );
}

const UNITS: Record<string, [string, string]> = {
  people: ['person', 'people'],
  quotas: ['quota', 'quotas'],
  accounts: ['account', 'accounts'],
  deals: ['deal', 'deals'],
  'stage-history': ['stage entry', 'stage entries'],
};

/** "3 new deals, 1 updated; 2 new people", or "nothing changed". */
export function describeChanges(changes: readonly { kind: string; created: number; updated: number }[]): string {
  const parts = changes
    .filter((c) => c.created || c.updated)
    .map((c) => {
      const [one, many] = UNITS[c.kind] ?? [c.kind, c.kind];
      const created = c.created ? `${c.created.toLocaleString('en-US')} new ${c.created === 1 ? one : many}` : '';
      const updated = c.updated ? `${c.updated.toLocaleString('en-US')} ${c.created ? '' : `${c.updated === 1 ? one : many} `}updated` : '';
      return [created, updated].filter(Boolean).join(', ');
    });
  return parts.length ? parts.join('; ') : 'nothing changed';
}
