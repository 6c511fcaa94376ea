import type { Db } from '../../db/client.js';
import { type FiscalCalendar, fiscalQuarterOf, fiscalYearOf, fiscalYearPeriod } from '../agents/definitions.js';
import { dateOfDay, dayNumber, monthStart, monthsBetween } from '../domain/dates.js';
import type { ImportKind } from '../domain/sales/import-formats.js';
import { seededRandom } from './random.js';

/**
 * The demo company's sales data, generated deterministically (a seeded generator, so every run
 * with the same --today prints the same figures) as the CSV files a RevOps lead would export:
 * people with their reporting lines, two fiscal years of deals, quotas, accounts, a comp plan and
 * the deals' stage history. The year is seasonal (the fourth quarter closes the most) and the
 * history has a bottleneck: deals wait in Proposal longest and many are lost there.
 */

/** Won-deal sizes by fiscal quarter of the close: a slow first quarter, a year-end push. */
const SEASON = [0.7, 0.9, 1, 1.4];

const PRODUCTS = [
  { name: 'Analytics Cloud', price: 42_000 },
  { name: 'Data Pipelines', price: 26_000 },
  { name: 'Embedded BI', price: 58_000 },
  { name: 'Support Plus', price: 9_000 },
];

const SEGMENTS: Record<string, { segment: string; scale: number; cycle: [number, number]; quota: number }> = {
  'Enterprise East': { segment: 'Enterprise', scale: 1.6, cycle: [45, 140], quota: 1_000_000 },
  'Enterprise West': { segment: 'Enterprise', scale: 1.6, cycle: [45, 140], quota: 1_000_000 },
  'Mid-Market': { segment: 'Mid-Market', scale: 1, cycle: [30, 90], quota: 650_000 },
  Commercial: { segment: 'Commercial', scale: 0.55, cycle: [14, 60], quota: 350_000 },
};

const PREFIXES = [
  'Apex',
  'Blue',
  'Cedar',
  'Delta',
  'Ever',
  'Fair',
  'Granite',
  'Harbor',
  'Iron',
  'Juniper',
  'Keystone',
  'Lumen',
  'Maple',
  'North',
  'Orbit',
  'Pine',
  'Quartz',
  'River',
  'Summit',
  'Tidal',
];
const SUFFIXES = ['Logistics', 'Health', 'Foods', 'Energy', 'Retail', 'Capital', 'Systems', 'Motors', 'Media', 'Labs', 'Freight', 'Insurance'];

interface DemoPerson {
  slackUserId: string;
  name: string;
  email: string;
  role: string;
  title: string | null;
  team: string | null;
  region: string | null;
  manager: string | null;
}

export interface DemoSales {
  files: Record<ImportKind, string>;
  /** The fiscal year the deals run up to (today's) and the one the territory plan is for. */
  fiscalYear: number;
  /** A target for next year: last full year's wins plus 25%, in round millions. */
  nextYearTargetCents: number;
  /** A rep to show individual views for, and their manager. */
  featuredRep: { email: string; slackUserId: string; name: string };
  featuredManager: { slackUserId: string; name: string };
}

const emailOf = (name: string) =>
  `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.')}@northwind.example`;

const csvCell = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (header: string[], rows: (string | number | null)[][]) => `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;

/** Builds the CSV files from the people already in the database (the demo company seeded them from Slack ids). */
export function generateDemoSales(db: Db, today: string, calendar: FiscalCalendar): DemoSales {
  const rand = seededRandom(20_27);
  const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

  const rows = db.$client
    .prepare(
      'SELECT p.slack_user_id AS slackUserId, p.name, p.role, p.title, p.team, p.region, m.name AS manager FROM people p LEFT JOIN people m ON m.id = p.manager_id ORDER BY p.id',
    )
    .all() as Omit<DemoPerson, 'email'>[];
  const everyone: DemoPerson[] = rows.map((p) => ({ ...p, email: emailOf(p.name) }));
  const cro = everyone.find((p) => p.role === 'leader') as DemoPerson;
  const byName = new Map(everyone.map((p) => [p.name, p]));

  const fy = fiscalYearOf(today, calendar);
  const lastYear = fiscalYearPeriod(fy - 1, calendar);
  const thisYear = fiscalYearPeriod(fy, calendar);
  const todayDay = dayNumber(today);

  const reps = everyone.filter((p) => p.role === 'rep');
  // Three reps joined in the last months (they are still ramping), the rest years ago.
  const hireDates = new Map(
    reps.map((r, i) => [
      r.email,
      i % 8 === 5
        ? dateOfDay(todayDay - Math.floor(between(20, 150)))
        : `${2018 + Math.floor(rand() * 6)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-01`,
    ]),
  );

  const people = csv(
    ['email', 'name', 'role', 'team', 'region', 'segment', 'manager_email', 'hire_date', 'slack_user_id', 'title'],
    everyone.map((p) => [
      p.email,
      p.name,
      p.role,
      p.team,
      p.region,
      p.team ? (SEGMENTS[p.team]?.segment ?? null) : null,
      p.role === 'manager' ? cro.email : p.manager ? (byName.get(p.manager)?.email ?? null) : null,
      hireDates.get(p.email) ?? '2016-03-01',
      p.slackUserId,
      p.title,
    ]),
  );

  const accounts: (string | number | null)[][] = [];
  const accountsOf = new Map<string, string[]>();
  let accountNo = 0;
  for (const rep of reps) {
    const mine: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      accountNo += 1;
      const name = `${PREFIXES[accountNo % PREFIXES.length]} ${SUFFIXES[Math.floor(accountNo / PREFIXES.length) % SUFFIXES.length]}${accountNo > PREFIXES.length * SUFFIXES.length ? ` ${accountNo}` : ''}`;
      mine.push(name);
      const scale = SEGMENTS[rep.team as string]?.scale ?? 1;
      accounts.push([
        name,
        rep.email,
        rep.region,
        SEGMENTS[rep.team as string]?.segment ?? null,
        pick(SUFFIXES),
        Math.round(between(150_000, 1_800_000) * scale * (0.6 + rand())),
      ]);
    }
    accountsOf.set(rep.email, mine);
  }

  const deals: (string | number | null)[][] = [];
  const history: (string | number | null)[][] = [];
  // Its own generator, so the stage history leaves the deals' figures as they were.
  const stageRand = seededRandom(7_2027);
  let dealNo = 0;
  let wonLastYearCents = 0;
  for (const rep of reps) {
    const segment = SEGMENTS[rep.team as string] as (typeof SEGMENTS)[string];
    const skill = between(0.55, 1.45);
    const hired = hireDates.get(rep.email) as string;
    for (let month = lastYear.from; month <= today; month = monthStart(month, 1)) {
      const count = 3 + Math.floor(rand() * 4);
      for (let i = 0; i < count; i += 1) {
        const created = dayNumber(month) + Math.floor(rand() * 28);
        if (created > todayDay || dateOfDay(created) < monthStart(hired, 1)) continue;
        dealNo += 1;
        const product = pick(PRODUCTS);
        const close = created + Math.floor(between(segment.cycle[0], segment.cycle[1]));
        const season = SEASON[fiscalQuarterOf(dateOfDay(close), calendar) - 1] as number;
        const amount = Math.round((product.price * segment.scale * season * between(0.6, 1.6)) / 100) * 100;
        const closed = close <= todayDay;
        const won = rand() < Math.min(0.6, Math.max(0.1, 0.32 * skill));
        const stage = closed ? (won ? 'Closed Won' : 'Closed Lost') : pick(['Discovery', 'Proposal', 'Negotiation']);
        const closeDate = dateOfDay(close);
        if (closed && won && closeDate >= lastYear.from && closeDate <= lastYear.to) wonLastYearCents += amount * 100;
        const id = `NW-${String(dealNo).padStart(5, '0')}`;
        history.push(...stageHistoryOf(id, created, closed ? close : todayDay, stage, stageRand));
        deals.push([
          id,
          rep.email,
          pick(accountsOf.get(rep.email) as string[]),
          product.name,
          segment.segment,
          stage,
          !closed && rand() < 0.1 ? null : amount,
          dateOfDay(created),
          closeDate,
        ]);
      }
    }
  }

  const quotas: (string | number | null)[][] = [];
  for (const rep of reps) {
    const base = (SEGMENTS[rep.team as string] as (typeof SEGMENTS)[string]).quota;
    const hired = hireDates.get(rep.email) as string;
    for (const year of [lastYear, thisYear]) {
      if (hired > year.to) continue;
      // A rep who joined during the year carries quota from the month after they joined.
      const from = hired > year.from ? monthStart(hired, 1) : year.from;
      if (from > year.to) continue;
      const months = monthsBetween(from, year.to) + 1;
      quotas.push([rep.email, from, year.to, Math.round((base * months) / 12 / 1000) * 1000]);
    }
  }

  const plans = csv(
    [
      'plan',
      'applies_to',
      'ote',
      'base_pct',
      'quota',
      'cap_pct',
      'tier_from_pct',
      'tier_to_pct',
      'rate',
      'spiff',
      'spiff_amount',
      'spiff_product',
      'spiff_min_deal',
    ],
    [
      [`AE FY${fy}`, 'Account Executive', 160_000, 50, 700_000, 300, 0, 50, 0.5, null, null, null, null],
      [`AE FY${fy}`, null, null, null, null, null, 50, 100, 1.5, null, null, null, null],
      [`AE FY${fy}`, null, null, null, null, null, 100, 150, 2, 'Embedded BI launch', 1_000, 'Embedded BI', null],
      [`AE FY${fy}`, null, null, null, null, null, 150, null, 1.25, 'Big deal', 2_500, null, 100_000],
    ],
  );

  const featured = reps[0] as DemoPerson;
  const manager = byName.get(featured.manager as string) as DemoPerson;
  return {
    files: {
      people,
      accounts: csv(['name', 'owner_email', 'region', 'segment', 'industry', 'potential'], accounts),
      deals: csv(['id', 'owner_email', 'account', 'product', 'segment', 'stage', 'amount', 'created_date', 'close_date'], deals),
      quotas: csv(['email', 'period_start', 'period_end', 'amount'], quotas),
      'comp-plans': plans,
      'stage-history': csv(['deal_id', 'stage', 'entered_date'], history),
    },
    fiscalYear: fy,
    nextYearTargetCents: Math.round((wonLastYearCents * 1.25) / 100_000_000) * 100_000_000,
    featuredRep: { email: featured.email, slackUserId: featured.slackUserId, name: featured.name },
    featuredManager: { slackUserId: manager.slackUserId, name: manager.name },
  };
}

/**
 * Discovery from the day the deal was created, Proposal a fifth of the way to today or the close,
 * Negotiation at seven tenths; most lost deals are lost straight from Proposal.
 */
function stageHistoryOf(id: string, created: number, end: number, stage: string, rand: () => number): (string | number | null)[][] {
  const at = (share: number) => dateOfDay(created + Math.floor((end - created) * share));
  const rows: (string | number | null)[][] = [[id, 'Discovery', dateOfDay(created)]];
  if (stage === 'Discovery') return rows;
  rows.push([id, 'Proposal', at(0.2)]);
  if (stage === 'Proposal' || (stage === 'Closed Lost' && rand() < 0.7)) return stage === 'Closed Lost' ? [...rows, [id, stage, dateOfDay(end)]] : rows;
  rows.push([id, 'Negotiation', at(0.7)]);
  if (stage !== 'Negotiation') rows.push([id, stage, dateOfDay(end)]);
  return rows;
}
