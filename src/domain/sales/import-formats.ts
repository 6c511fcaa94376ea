import { z } from 'zod';
import { PEOPLE_ROLES, type PeopleRole } from '../roles.js';
import { readCountry } from '../send-times/holidays.js';
import { outcomeOf } from './deal-stages.js';
import type { FileConventions } from './file-conventions.js';
import { type Amount, DATE_ORDER_WORDS, inRecordYears, MAX_AMOUNT_CENTS, parseAmount, parseDate, withinAmountLimit, YEARS } from './import-values.js';
import { QUOTA_KINDS, type QuotaKind } from './quota-kinds.js';

/**
 * The CSV files the app imports: their canonical columns, the headers Salesforce and HubSpot
 * report exports use for the same thing, and each row's field rules (zod). Pure: lookups in the
 * database (owners, managers, duplicates) are the import service's.
 */

export const IMPORT_KINDS = ['people', 'deals', 'quotas', 'accounts', 'comp-plans', 'stage-history'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function parseImportKind(value: string): ImportKind | undefined {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, '-');
  return (IMPORT_KINDS as readonly string[]).includes(v) ? (v as ImportKind) : v === 'compplans' || v === 'comp' ? 'comp-plans' : undefined;
}

interface KindColumns {
  /** Canonical header → the other headers (any case, spaces/underscores/hyphens alike) that mean it. */
  columns: Record<string, readonly string[]>;
  required: readonly string[];
  /** The columns whose values are dates and amounts, which the file's conventions read. */
  dates: readonly string[];
  amounts: readonly string[];
}

/** One table for every header the importer understands. */
export const FORMATS: Record<ImportKind, KindColumns> = {
  people: {
    columns: {
      email: ['work email', 'email address', 'user email'],
      name: ['full name', 'sales agent', 'user'],
      // HubSpot's users export has no full-name column.
      first_name: ['first name', 'firstname', 'given name'],
      last_name: ['last name', 'lastname', 'surname', 'family name'],
      // A CRM's own role (Salesforce's "Western Sales Team") is read only when it is an app role; app_role always is.
      role: ['user role', 'crm role'],
      app_role: ['sko role'],
      team: ['sales team'],
      region: ['regional office', 'sales region'],
      segment: [],
      manager_email: ['manager', 'manager name', 'reports to'],
      hire_date: ['start date'],
      // The day someone left the company (issue 20): the scorecard's retention counts SKO attendees who left.
      left_on: ['leaving date', 'left date', 'termination date', 'last day'],
      slack_user_id: ['slack id', 'slack member id'],
      title: ['job title'],
      // Whose public holidays the person has off (issue 14): "DE", "US-CA" or a country's name.
      country: ['country code'],
    },
    required: ['email'],
    dates: ['hire_date', 'left_on'],
    amounts: [],
  },
  deals: {
    columns: {
      id: ['opportunity id', 'record id', 'deal id'],
      owner_email: ['opportunity owner', 'deal owner', 'owner', 'owner name', 'sales agent', 'opportunity owner email', 'deal owner email'],
      account: ['account name', 'company', 'company name', 'associated company'],
      product: ['product name'],
      segment: ['market segment', 'customer segment'],
      stage: ['deal stage', 'opportunity stage'],
      amount: ['deal amount', 'opportunity amount', 'close value'],
      // Salesforce multi-currency orgs put "Amount Currency" before "Amount".
      amount_currency: ['currency', 'opportunity currency', 'deal currency', 'currency code'],
      created_date: ['create date', 'opportunity created date', 'engage date'],
      close_date: ['expected close date'],
    },
    required: ['id', 'owner_email', 'stage'],
    dates: ['created_date', 'close_date'],
    amounts: ['amount'],
  },
  quotas: {
    columns: {
      email: ['owner email', 'rep email', 'user email', 'owner', 'name'],
      period_start: ['start', 'start date', 'quota start'],
      period_end: ['end', 'end date', 'quota end'],
      amount: ['quota', 'quota amount', 'target'],
      quota_type: ['type', 'quota kind', 'kind'],
      amount_currency: ['currency', 'quota currency', 'quota amount currency'],
    },
    required: ['email', 'period_start', 'period_end', 'amount'],
    dates: ['period_start', 'period_end'],
    amounts: ['amount'],
  },
  accounts: {
    columns: {
      name: ['account name', 'account', 'company name', 'company'],
      owner_email: ['account owner', 'company owner', 'owner', 'owner name'],
      region: ['billing country', 'country', 'country/region', 'office location'],
      segment: ['market segment'],
      industry: ['sector'],
      potential: ['territory potential', 'annual revenue', 'revenue'],
      potential_currency: ['currency', 'annual revenue currency', 'revenue currency'],
    },
    required: ['name'],
    dates: [],
    amounts: ['potential'],
  },
  'comp-plans': {
    columns: {
      plan: ['plan name'],
      applies_to: [],
      ote: ['on target earnings'],
      base_pct: [],
      quota: [],
      cap_pct: [],
      tier_from_pct: [],
      tier_to_pct: [],
      rate: [],
      spiff: [],
      spiff_amount: [],
      spiff_product: [],
      spiff_min_deal: [],
    },
    required: ['plan'],
    dates: [],
    amounts: ['ote', 'quota', 'spiff_amount', 'spiff_min_deal'],
  },
  'stage-history': {
    columns: {
      // Salesforce's Opportunity History report calls them Opportunity ID, To Stage (or Stage) and Last Modified; HubSpot's deal stage history, Record ID and Date entered.
      deal_id: ['opportunity id', 'record id', 'deal id', 'id'],
      stage: ['to stage', 'stage name', 'deal stage', 'opportunity stage'],
      entered_date: ['last modified', 'last modified date', 'edit date', 'date entered', 'stage change date', 'entered'],
    },
    required: ['deal_id', 'stage', 'entered_date'],
    dates: ['entered_date'],
    amounts: [],
  },
};

/** "Close Date", "close_date" and "CLOSE-DATE" are the same header. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

export interface HeaderMapping {
  /** For each position in the file, the canonical column it holds, or null when ignored. */
  columns: (string | null)[];
  ignored: string[];
  problems: string[];
}

export function mapHeaders(kind: ImportKind, headers: readonly string[]): HeaderMapping {
  const lookup = new Map<string, string>();
  for (const [canonical, aliases] of Object.entries(FORMATS[kind].columns)) {
    for (const name of [canonical, ...aliases]) lookup.set(normalizeHeader(name), canonical);
  }
  const seen = new Map<string, string>();
  const problems: string[] = [];
  const ignored: string[] = [];
  const columns = headers.map((header) => {
    const canonical = lookup.get(normalizeHeader(header));
    if (!canonical) {
      if (header.trim()) ignored.push(header.trim());
      return null;
    }
    const earlier = seen.get(canonical);
    if (earlier !== undefined) problems.push(`The columns "${earlier}" and "${header.trim()}" both mean ${canonical}: keep one of them.`);
    seen.set(canonical, header.trim());
    return canonical;
  });
  for (const required of FORMATS[kind].required) {
    if (!seen.has(required)) {
      const aliases = FORMATS[kind].columns[required] ?? [];
      problems.push(`No ${required} column${aliases.length ? ` (or ${aliases.map((a) => `"${titleCase(a)}"`).join(', ')})` : ''}.`);
    }
  }
  return { columns, ignored, problems };
}

function titleCase(header: string): string {
  return header.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

// ------------------------------------------------------------------------------ field rules

const blank = (v: unknown): v is undefined | null | '' => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** What a field parser throws for a value it cannot take; the message says what to fix. */
class FieldProblem extends Error {}

const fail = (message: string): never => {
  throw new FieldProblem(message);
};

function field<T>(name: string, parse: (value: string) => T, required = false) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | null => {
      if (blank(raw)) {
        if (required) ctx.addIssue({ code: 'custom', message: `${name} is missing` });
        return null;
      }
      try {
        return parse(raw.trim());
      } catch (error) {
        if (!(error instanceof FieldProblem)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
        return null;
      }
    });
}

const text = (name: string, required = false) => field<string>(name, (v) => v, required);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const emailField = (name: string, required = false) =>
  field<string>(name, (v) => (EMAIL.test(v) ? v.toLowerCase() : fail(`${name} "${v}" is not an email address`)), required);

/** Plain decimals only: Number() would also take 1e20, 0x1F and Infinity. */
const DECIMAL = /^\d+(?:\.\d+)?$/;
/** No plan pays on more than ten times its quota; a larger figure is a typo. */
const MAX_PERCENT = 1_000;
const MAX_RATE = 100;

const percentField = (name: string, max = MAX_PERCENT) =>
  field<number>(name, (v) => {
    const plain = v.replace(/%$/, '').trim();
    if (!DECIMAL.test(plain)) fail(`${name} "${v}" is not a percentage (e.g. 50 or 50%)`);
    const n = Number(plain);
    return n > max ? fail(`${name} ${v} is more than ${max}%`) : n;
  });

const appRole = (v: string): PeopleRole | null => {
  const role = v.toLowerCase();
  return (PEOPLE_ROLES as readonly string[]).includes(role) ? (role as PeopleRole) : null;
};

/** A real date in a year no CRM record has (0000, 9999) is a typo or a placeholder: refused, saying so. */
function checkYear(name: string, value: string, date: string | null): string | null {
  if (date === null) return null;
  return !inRecordYears(date) ? fail(`${name} "${value}" is in the year ${date.slice(0, 4)}: use a date between ${YEARS.from} and ${YEARS.to}`) : date;
}

/** Each kind's row rules, reading dates, amounts and stages as this file writes them. */
export function rowSchemas(conv: FileConventions) {
  const dateField = (name: string, required = false) =>
    field<string>(
      name,
      (v) =>
        checkYear(name, v, parseDate(v, conv.dateOrder)) ??
        fail(
          /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/.test(v)
            ? `${name} "${v}" is not a date read ${DATE_ORDER_WORDS[conv.dateOrder].replace(/ \(.*/, '')}, as this file writes them`
            : `${name} "${v}" is not a date: use YYYY-MM-DD (or a date like 1/31/2026)`,
        ),
      required,
    );

  const moneyField = (name: string, required = false) =>
    field<Amount>(
      name,
      (v) => {
        const amount =
          parseAmount(v, conv.numberFormat) ??
          fail(
            /\d/.test(v) ? `${name} "${v}" is not an amount written like ${conv.numberFormat}, as this file writes them` : `${name} "${v}" is not an amount`,
          );
        if (amount.cents < 0) return fail(`${name} ${v} is negative`);
        // Past this, sums over a whole file could leave SQLite's integers; no real deal or quota comes near it.
        if (!withinAmountLimit(amount.cents))
          return fail(`${name} ${v.length > 30 ? `${v.slice(0, 30)}…` : v} is more than ${(MAX_AMOUNT_CENTS / 100).toLocaleString('en-US')}: check the amount`);
        return amount;
      },
      required,
    );

  /** The row's amounts in the company's currency, each with its own currency column or the row's. */
  const inCompanyCurrency =
    <R extends Record<string, unknown>, F extends keyof R & string>(amounts: readonly F[], currency: (row: R, field: F) => string | null) =>
    (row: R, ctx: z.RefinementCtx) => {
      const out: Record<string, unknown> = { ...row };
      for (const f of amounts) {
        const amount = row[f] as Amount | null;
        if (amount === null) continue;
        const money = conv.money(amount, currency(row, f), f);
        if ('problem' in money) ctx.addIssue({ code: 'custom', message: money.problem });
        out[f] = 'cents' in money ? money.cents : null;
      }
      return out as { [K in keyof R]: K extends F ? number | null : R[K] };
    };

  const stageField = (name: string, required = false) =>
    field<string>(
      name,
      (v) => {
        const read = conv.stage(v);
        return 'stage' in read ? read.stage : fail(read.problem);
      },
      required,
    );

  const person = z
    .object({
      email: emailField('email', true),
      name: text('name'),
      first_name: text('first_name'),
      last_name: text('last_name'),
      role: text('role'),
      app_role: field<PeopleRole>('app_role', (v) => appRole(v) ?? fail(`app_role "${v}" is not one of ${PEOPLE_ROLES.join(', ')}`)),
      team: text('team'),
      region: text('region'),
      segment: text('segment'),
      manager_email: text('manager_email'),
      hire_date: dateField('hire_date'),
      left_on: dateField('left_on'),
      slack_user_id: field<string>('slack_user_id', (v) =>
        /^[UW][A-Z0-9]{2,}$/.test(v) ? v : fail(`slack_user_id "${v}" is not a Slack user ID (like U0123ABCD)`),
      ),
      title: text('title'),
      country: field<string>('country', (v) => {
        const read = readCountry(v);
        return read.ok ? read.code : fail(read.message);
      }),
    })
    .superRefine((row, ctx) => {
      if (row.left_on && row.hire_date && row.left_on < row.hire_date)
        ctx.addIssue({
          code: 'custom',
          message: `left_on ${row.left_on} is before hire_date ${row.hire_date}: give the day they left, on or after they started`,
        });
    })
    .transform(({ first_name, last_name, role, app_role, ...row }) => ({
      ...row,
      name: row.name ?? ([first_name, last_name].filter(Boolean).join(' ') || null),
      role: app_role ?? (role === null ? null : appRole(role)),
      /** A CRM role that is no app role: ignored, and reported. */
      crmRole: app_role === null && role !== null && appRole(role) === null ? role : null,
    }));

  const deal = z
    .object({
      id: text('id', true),
      owner_email: text('owner', true),
      account: text('account'),
      product: text('product'),
      segment: text('segment'),
      stage: stageField('stage', true),
      amount: moneyField('amount'),
      amount_currency: text('amount_currency'),
      created_date: dateField('created_date'),
      close_date: dateField('close_date'),
    })
    .transform(inCompanyCurrency(['amount'], (row) => row.amount_currency))
    .transform(({ amount_currency, ...row }) => ({ ...row, outcome: row.stage === null ? null : outcomeOf(row.stage) }))
    .superRefine((row, ctx) => {
      if (row.outcome !== null && row.outcome !== 'open' && row.close_date === null)
        ctx.addIssue({ code: 'custom', message: `a ${row.outcome} deal needs a close_date` });
      if (row.close_date !== null && row.created_date !== null && row.close_date < row.created_date) {
        ctx.addIssue({ code: 'custom', message: `close_date ${row.close_date} is before created_date ${row.created_date}` });
      }
    });

  const quota = z
    .object({
      email: text('email', true),
      period_start: dateField('period_start', true),
      period_end: dateField('period_end', true),
      amount: moneyField('amount', true),
      amount_currency: text('amount_currency'),
      quota_type: field<QuotaKind>('quota_type', (v) => {
        const kind = v.toLowerCase();
        return (QUOTA_KINDS as readonly string[]).includes(kind) ? (kind as QuotaKind) : fail(`quota_type "${v}" is not one of ${QUOTA_KINDS.join(', ')}`);
      }),
    })
    .transform(inCompanyCurrency(['amount'], (row) => row.amount_currency))
    .superRefine((row, ctx) => {
      if (row.period_start && row.period_end && row.period_end < row.period_start) {
        ctx.addIssue({ code: 'custom', message: `period_end ${row.period_end} is before period_start ${row.period_start}` });
      }
    });

  const account = z
    .object({
      name: text('name', true),
      owner_email: text('owner'),
      region: text('region'),
      segment: text('segment'),
      industry: text('industry'),
      potential: moneyField('potential'),
      potential_currency: text('potential_currency'),
    })
    .transform(inCompanyCurrency(['potential'], (row) => row.potential_currency));

  const compPlan = z
    .object({
      plan: text('plan', true),
      applies_to: text('applies_to'),
      ote: moneyField('ote'),
      base_pct: percentField('base_pct', 100),
      quota: moneyField('quota'),
      cap_pct: percentField('cap_pct'),
      tier_from_pct: percentField('tier_from_pct'),
      tier_to_pct: percentField('tier_to_pct'),
      rate: field<number>('rate', (v) => {
        const plain = v.replace(/x$/i, '');
        if (!DECIMAL.test(plain)) fail(`rate "${v}" is not a multiplier (e.g. 1 or 1.5)`);
        const n = Number(plain);
        return n > MAX_RATE ? fail(`rate ${v} is more than ${MAX_RATE}x: check the multiplier`) : n;
      }),
      spiff: text('spiff'),
      spiff_amount: moneyField('spiff_amount'),
      spiff_product: text('spiff_product'),
      spiff_min_deal: moneyField('spiff_min_deal'),
    })
    .transform(inCompanyCurrency(['ote', 'quota', 'spiff_amount', 'spiff_min_deal'], () => null));

  const stageHistory = z.object({
    deal_id: text('deal_id', true),
    stage: stageField('stage', true),
    entered_date: dateField('entered_date', true),
  });

  return { people: person, deals: deal, quotas: quota, accounts: account, 'comp-plans': compPlan, 'stage-history': stageHistory } as const;
}

type Schemas = ReturnType<typeof rowSchemas>;
export type PersonImportRow = z.output<Schemas['people']>;
export type DealImportRow = z.output<Schemas['deals']>;
export type QuotaImportRow = z.output<Schemas['quotas']>;
export type AccountImportRow = z.output<Schemas['accounts']>;
export type CompPlanImportRow = z.output<Schemas['comp-plans']>;
export type StageHistoryImportRow = z.output<Schemas['stage-history']>;

/** The messages of a failed row, in column order. */
export function rowProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => issue.message);
}

export { parseDate } from './import-values.js';
