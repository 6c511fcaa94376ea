import { z } from 'zod';
import { PEOPLE_ROLES, type PeopleRole } from '../roles.js';
import { outcomeOf } from './deal-stages.js';
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
}

/** One table for every header the importer understands. */
export const FORMATS: Record<ImportKind, KindColumns> = {
  people: {
    columns: {
      email: ['work email', 'email address', 'user email'],
      name: ['full name', 'sales agent', 'user'],
      role: [],
      team: ['sales team'],
      region: ['regional office', 'sales region'],
      segment: [],
      manager_email: ['manager', 'manager name', 'reports to'],
      hire_date: ['start date'],
      slack_user_id: ['slack id', 'slack member id'],
      title: ['job title'],
    },
    required: ['email'],
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
      created_date: ['create date', 'opportunity created date', 'engage date'],
      close_date: ['expected close date'],
    },
    required: ['id', 'owner_email', 'stage'],
  },
  quotas: {
    columns: {
      email: ['owner email', 'rep email', 'user email', 'owner', 'name'],
      period_start: ['start', 'start date', 'quota start'],
      period_end: ['end', 'end date', 'quota end'],
      amount: ['quota', 'quota amount', 'target'],
      quota_type: ['type', 'quota kind', 'kind'],
    },
    required: ['email', 'period_start', 'period_end', 'amount'],
  },
  accounts: {
    columns: {
      name: ['account name', 'account', 'company name', 'company'],
      owner_email: ['account owner', 'company owner', 'owner', 'owner name'],
      region: ['billing country', 'country', 'country/region', 'office location'],
      segment: ['market segment'],
      industry: ['sector'],
      potential: ['territory potential', 'annual revenue', 'revenue'],
    },
    required: ['name'],
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
  },
  'stage-history': {
    columns: {
      // Salesforce's Opportunity History report calls them Opportunity ID, To Stage (or Stage) and Last Modified; HubSpot's deal stage history, Record ID and Date entered.
      deal_id: ['opportunity id', 'record id', 'deal id', 'id'],
      stage: ['to stage', 'stage name', 'deal stage', 'opportunity stage'],
      entered_date: ['last modified', 'last modified date', 'edit date', 'date entered', 'stage change date', 'entered'],
    },
    required: ['deal_id', 'stage', 'entered_date'],
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

const MONTHS = 'YYYY-MM-DD (or M/D/YYYY)';

/** YYYY-MM-DD, with or without a time after it (HubSpot), or M/D/YYYY (Salesforce in US locale). */
export function parseDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  const us = iso ? null : /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: [\d:]+(?: ?[AP]M)?)?$/i.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : [];
  if (!y || !m || !d) return null;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  // Checked by hand: a Date per row costs more than the rest of the row's validation.
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

const dateField = (name: string, required = false) => field<string>(name, (v) => parseDate(v) ?? fail(`${name} "${v}" is not a date: use ${MONTHS}`), required);

/** "$12,345.50", "USD 12345.5", "12 345", "(500)": to whole cents. */
function parseMoney(value: string): number | null {
  let v = value.replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$/g, '').replace(/[$€£¥\s,]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(v)) {
    negative = true;
    v = v.slice(1, -1);
  }
  if (!/^-?\d+(?:\.\d+)?$/.test(v)) return null;
  const n = Number(v);
  return Math.round((negative ? -n : n) * 100);
}

const moneyField = (name: string, required = false) =>
  field<number>(
    name,
    (v) => {
      const cents = parseMoney(v) ?? fail(`${name} "${v}" is not an amount`);
      return cents < 0 ? fail(`${name} ${v} is negative`) : cents;
    },
    required,
  );

const percentField = (name: string, max?: number) =>
  field<number>(name, (v) => {
    const n = Number(v.replace(/%$/, '').trim());
    if (!Number.isFinite(n) || n < 0) fail(`${name} "${v}" is not a percentage (e.g. 50 or 50%)`);
    return max !== undefined && n > max ? fail(`${name} ${v} is more than ${max}%`) : n;
  });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const emailField = (name: string, required = false) =>
  field<string>(name, (v) => (EMAIL.test(v) ? v.toLowerCase() : fail(`${name} "${v}" is not an email address`)), required);

// ------------------------------------------------------------------------------ rows

const personRow = z.object({
  email: emailField('email', true),
  name: text('name'),
  role: field<PeopleRole>('role', (v) => {
    const role = v.toLowerCase();
    return (PEOPLE_ROLES as readonly string[]).includes(role) ? (role as PeopleRole) : fail(`role "${v}" is not one of ${PEOPLE_ROLES.join(', ')}`);
  }),
  team: text('team'),
  region: text('region'),
  segment: text('segment'),
  manager_email: text('manager_email'),
  hire_date: dateField('hire_date'),
  slack_user_id: field<string>('slack_user_id', (v) =>
    /^[UW][A-Z0-9]{2,}$/.test(v) ? v : fail(`slack_user_id "${v}" is not a Slack user ID (like U0123ABCD)`),
  ),
  title: text('title'),
});
export type PersonImportRow = z.output<typeof personRow>;

const dealRow = z
  .object({
    id: text('id', true),
    owner_email: text('owner', true),
    account: text('account'),
    product: text('product'),
    segment: text('segment'),
    stage: text('stage', true),
    amount: moneyField('amount'),
    created_date: dateField('created_date'),
    close_date: dateField('close_date'),
  })
  .transform((row) => ({ ...row, outcome: row.stage === null ? null : outcomeOf(row.stage) }))
  .superRefine((row, ctx) => {
    if (row.outcome !== null && row.outcome !== 'open' && row.close_date === null)
      ctx.addIssue({ code: 'custom', message: `a ${row.outcome} deal needs a close_date` });
    if (row.close_date !== null && row.created_date !== null && row.close_date < row.created_date) {
      ctx.addIssue({ code: 'custom', message: `close_date ${row.close_date} is before created_date ${row.created_date}` });
    }
  });
export type DealImportRow = z.output<typeof dealRow>;

const quotaRow = z
  .object({
    email: text('email', true),
    period_start: dateField('period_start', true),
    period_end: dateField('period_end', true),
    amount: moneyField('amount', true),
    quota_type: field<QuotaKind>('quota_type', (v) => {
      const kind = v.toLowerCase();
      return (QUOTA_KINDS as readonly string[]).includes(kind) ? (kind as QuotaKind) : fail(`quota_type "${v}" is not one of ${QUOTA_KINDS.join(', ')}`);
    }),
  })
  .superRefine((row, ctx) => {
    if (row.period_start && row.period_end && row.period_end < row.period_start) {
      ctx.addIssue({ code: 'custom', message: `period_end ${row.period_end} is before period_start ${row.period_start}` });
    }
  });
export type QuotaImportRow = z.output<typeof quotaRow>;

const accountRow = z.object({
  name: text('name', true),
  owner_email: text('owner'),
  region: text('region'),
  segment: text('segment'),
  industry: text('industry'),
  potential: moneyField('potential'),
});
export type AccountImportRow = z.output<typeof accountRow>;

const compPlanRow = z.object({
  plan: text('plan', true),
  applies_to: text('applies_to'),
  ote: moneyField('ote'),
  base_pct: percentField('base_pct', 100),
  quota: moneyField('quota'),
  cap_pct: percentField('cap_pct'),
  tier_from_pct: percentField('tier_from_pct'),
  tier_to_pct: percentField('tier_to_pct'),
  rate: field<number>('rate', (v) => {
    const n = Number(v.replace(/x$/i, ''));
    return Number.isFinite(n) && n >= 0 ? n : fail(`rate "${v}" is not a multiplier (e.g. 1 or 1.5)`);
  }),
  spiff: text('spiff'),
  spiff_amount: moneyField('spiff_amount'),
  spiff_product: text('spiff_product'),
  spiff_min_deal: moneyField('spiff_min_deal'),
});
export type CompPlanImportRow = z.output<typeof compPlanRow>;

const stageHistoryRow = z.object({
  deal_id: text('deal_id', true),
  stage: text('stage', true),
  entered_date: dateField('entered_date', true),
});
export type StageHistoryImportRow = z.output<typeof stageHistoryRow>;

export const ROW_SCHEMAS = {
  people: personRow,
  deals: dealRow,
  quotas: quotaRow,
  accounts: accountRow,
  'comp-plans': compPlanRow,
  'stage-history': stageHistoryRow,
} as const;

/** The messages of a failed row, in column order. */
export function rowProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => issue.message);
}
