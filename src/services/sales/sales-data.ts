import type { Db } from '../../../db/client.js';
import type { CompPlan } from '../../agents/comp.js';
import type { DealFact, Period, QuotaFact, Seller } from '../../agents/definitions.js';
import type { ForecastDeal } from '../../agents/forecast.js';
import type { PipelineDeal, StageEntry } from '../../agents/pipeline.js';
import type { TerritoryAccount } from '../../agents/territory.js';
import type { PeopleRole } from '../../domain/roles.js';
import type { Outcome } from '../../domain/sales/deal-stages.js';
import type { QuotaKind } from '../../domain/sales/quota-kinds.js';

/**
 * Reads imported sales data in the shapes the agents take. Deals stream (`iterate()` in raw mode:
 * arrays, not objects) so a million of them never sit in memory at once.
 */

/** Whose data a request may read: everyone, or these people. */
export type Scope = { kind: 'all' } | { kind: 'people'; ids: number[] };

const inScope = (scope: Scope, column: string) => (scope.kind === 'all' ? '1' : `${column} IN (SELECT value FROM json_each(@ids))`);
const scopeParams = (scope: Scope) => (scope.kind === 'all' ? {} : { ids: JSON.stringify(scope.ids) });

interface PersonRow {
  id: number;
  email: string | null;
  slackUserId: string | null;
  name: string | null;
  role: PeopleRole;
  team: string | null;
  region: string | null;
  segment: string | null;
  title: string | null;
  hireDate: string | null;
  leftOn: string | null;
  managerId: number | null;
  inSalesData: 0 | 1;
}

/**
 * Someone the sales data names: a file gave them a team, region, segment, title, hire date or
 * manager, or they own deals or accounts, hold a quota or manage someone. People the app knows
 * only from Slack (the event leads) have none of these.
 */
const IN_SALES_DATA = `(team IS NOT NULL OR region IS NOT NULL OR segment IS NOT NULL OR title IS NOT NULL OR hire_date IS NOT NULL
  OR manager_id IS NOT NULL OR EXISTS (SELECT 1 FROM deals d WHERE d.owner_id = people.id) OR EXISTS (SELECT 1 FROM quotas q WHERE q.person_id = people.id)
  OR EXISTS (SELECT 1 FROM accounts a WHERE a.owner_id = people.id) OR EXISTS (SELECT 1 FROM people r WHERE r.manager_id = people.id))`;

/** What the agents and the JSON call a person: their email, else their Slack id. */
const personKey = (p: { id: number; email: string | null; slackUserId: string | null }): string =>
  p.email ?? (p.slackUserId ? `slack:${p.slackUserId}` : `person:${p.id}`);

export function loadPeople(db: Db, scope: Scope): Seller[] {
  const rows = db.$client
    .prepare(
      `SELECT id, email, slack_user_id AS slackUserId, name, role, team, region, segment, title, hire_date AS hireDate, left_on AS leftOn, manager_id AS managerId,
       ${IN_SALES_DATA} AS inSalesData
       FROM people WHERE ${inScope(scope, 'id')} ORDER BY id`,
    )
    .all(scopeParams(scope)) as PersonRow[];
  return rows.map((p) => ({
    id: p.id,
    key: personKey(p),
    name: p.name,
    role: p.role,
    team: p.team,
    region: p.region,
    segment: p.segment,
    title: p.title,
    hireDate: p.hireDate,
    leftOn: p.leftOn,
    managerId: p.managerId,
    inSalesData: p.inSalesData === 1,
  }));
}

export function loadQuotas(db: Db, scope: Scope): QuotaFact[] {
  const rows = db.$client
    .prepare(
      `SELECT person_id AS personId, period_start AS periodStart, period_end AS periodEnd, amount_cents AS amountCents, kind FROM quotas WHERE ${inScope(scope, 'person_id')}`,
    )
    .all(scopeParams(scope)) as { personId: number; periodStart: string; periodEnd: string; amountCents: number; kind: QuotaKind | null }[];
  return rows.map((q) => ({ personId: q.personId, period: { from: q.periodStart, to: q.periodEnd }, amountCents: q.amountCents, kind: q.kind }));
}

export function loadAccounts(db: Db): TerritoryAccount[] {
  return db.$client.prepare('SELECT name, owner_id AS ownerId, potential_cents AS potentialCents FROM accounts ORDER BY name').all() as TerritoryAccount[];
}

export function loadCompPlans(db: Db): CompPlan[] {
  const rows = db.$client
    .prepare(
      'SELECT name, applies_to AS appliesTo, ote_cents AS oteCents, base_pct AS basePct, quota_cents AS quotaCents, cap_pct AS capPct, tiers, spiffs FROM comp_plans ORDER BY name',
    )
    .all() as (Omit<CompPlan, 'tiers' | 'spiffs'> & { tiers: string; spiffs: string })[];
  return rows.map((r) => ({ ...r, tiers: JSON.parse(r.tiers), spiffs: JSON.parse(r.spiffs) }));
}

const DEAL_COLUMNS = 'owner_id, outcome, amount_cents, segment, product, created_date, close_date';
type RawDeal = [number, Outcome, number | null, string | null, string | null, string | null, string | null];

const fact = (r: RawDeal | [...RawDeal, string]): DealFact => ({
  ownerId: r[0],
  outcome: r[1],
  amountCents: r[2],
  segment: r[3],
  product: r[4],
  createdDate: r[5],
  closeDate: r[6],
});

/**
 * Every deal that counts in `period` (definitions.countsIn): closed or expected to close in it
 * (the close-date index), then open deals with no expected close date.
 */
export function* dealsFor(db: Db, period: Period, scope: Scope): Generator<DealFact> {
  const params = { ...scopeParams(scope), from: period.from, to: period.to };
  const dated = db.$client.prepare(`SELECT ${DEAL_COLUMNS} FROM deals WHERE close_date BETWEEN @from AND @to AND ${inScope(scope, 'owner_id')}`).raw();
  const undated = db.$client
    .prepare(
      `SELECT ${DEAL_COLUMNS} FROM deals WHERE close_date IS NULL AND outcome = 'open' AND (created_date IS NULL OR created_date <= @to) AND ${inScope(scope, 'owner_id')}`,
    )
    .raw();
  for (const statement of [dated, undated]) {
    for (const r of statement.iterate(params) as IterableIterator<RawDeal>) {
      yield fact(r);
    }
  }
}

/**
 * Every deal, whatever its dates: the forecaster reads the whole history. Only the columns it reads
 * are selected: over a million deals, the other three cost a fifth of the time.
 */
export function* dealHistory(db: Db, scope: Scope): Generator<ForecastDeal> {
  const statement = db.$client.prepare(`SELECT outcome, amount_cents, created_date, close_date FROM deals WHERE ${inScope(scope, 'owner_id')}`).raw();
  for (const r of statement.iterate(scopeParams(scope)) as IterableIterator<[Outcome, number | null, string | null, string | null]>) {
    yield { outcome: r[0], amountCents: r[1], createdDate: r[2], closeDate: r[3] };
  }
}

/** Every open deal and every deal closed in `period`, with its stage. */
export function* pipelineDeals(db: Db, period: Period, scope: Scope): Generator<PipelineDeal> {
  const statement = db.$client
    .prepare(
      `SELECT ${DEAL_COLUMNS}, stage FROM deals WHERE (outcome = 'open' OR close_date BETWEEN @from AND @to OR close_date > @to) AND ${inScope(scope, 'owner_id')}`,
    )
    .raw();
  for (const r of statement.iterate({ ...scopeParams(scope), from: period.from, to: period.to }) as IterableIterator<[...RawDeal, string]>) {
    yield { ...fact(r), stage: r[7] };
  }
}

/** Every open deal, and every deal closed on or after `from` or without a close date: what the scorecard's Q1 figures read. */
export function* dealsOpenOrClosedSince(db: Db, from: string): Generator<PipelineDeal> {
  const statement = db.$client.prepare(`SELECT ${DEAL_COLUMNS}, stage FROM deals WHERE outcome = 'open' OR close_date IS NULL OR close_date >= @from`).raw();
  for (const r of statement.iterate({ from }) as IterableIterator<[...RawDeal, string]>) {
    yield { ...fact(r), stage: r[7] };
  }
}

/** The stage history of the deals in scope, grouped by deal and in date order within each. */
export function* stageEntries(db: Db, scope: Scope): Generator<StageEntry> {
  const statement = db.$client
    .prepare(
      `SELECT h.deal_id, h.stage, h.entered_date FROM stage_history h JOIN deals d ON d.id = h.deal_id WHERE ${inScope(scope, 'd.owner_id')} ORDER BY h.deal_id, h.entered_date, h.rowid`,
    )
    .raw();
  for (const r of statement.iterate(scopeParams(scope)) as IterableIterator<[string, string, string]>) yield { dealId: r[0], stage: r[1], enteredDate: r[2] };
}

/** Deals created or closed in any of `periods`: what tracking the year's first weeks reads. */
export function* dealsTouching(db: Db, periods: Period[], scope: Scope): Generator<DealFact> {
  const from = periods.reduce((a, p) => (p.from < a ? p.from : a), (periods[0] as Period).from);
  const to = periods.reduce((a, p) => (p.to > a ? p.to : a), (periods[0] as Period).to);
  const statement = db.$client
    .prepare(
      `SELECT ${DEAL_COLUMNS} FROM deals WHERE (created_date BETWEEN @from AND @to OR close_date BETWEEN @from AND @to) AND ${inScope(scope, 'owner_id')}`,
    )
    .raw();
  for (const r of statement.iterate({ ...scopeParams(scope), from, to }) as IterableIterator<RawDeal>) {
    yield fact(r);
  }
}

/**
 * How fresh the data is: the newest created date, or close date of a closed deal, up to today,
 * among the deals in scope (dates after today are data errors, not news). Both read an index.
 */
export function newestRecord(db: Db, scope: Scope, today: string): string | null {
  const params = { ...scopeParams(scope), today };
  const created = db.$client
    .prepare(`SELECT max(created_date) FROM deals WHERE created_date <= @today AND ${inScope(scope, 'owner_id')}`)
    .pluck()
    .get(params) as string | null;
  const closed = db.$client
    .prepare(`SELECT max(close_date) FROM deals WHERE close_date <= @today AND outcome != 'open' AND ${inScope(scope, 'owner_id')}`)
    .pluck()
    .get(params) as string | null;
  return created === null ? closed : closed === null || created > closed ? created : closed;
}

/** How many reps a request covers, for the acknowledgement. */
export function countReps(db: Db, scope: Scope): number {
  return db.$client
    .prepare(`SELECT count(*) FROM people WHERE role = 'rep' AND ${IN_SALES_DATA} AND ${inScope(scope, 'id')}`)
    .pluck()
    .get(scopeParams(scope)) as number;
}

/** Whether any deal has been imported: before one is, the agents have nothing to analyse. */
export function hasDeals(db: Db): boolean {
  return db.$client.prepare('SELECT 1 FROM deals LIMIT 1').get() !== undefined;
}

/** How many people the sales data names (not those the app knows only from Slack). */
export function countPeopleInSalesData(db: Db): number {
  return db.$client.prepare(`SELECT count(*) FROM people WHERE ${IN_SALES_DATA}`).pluck().get() as number;
}
