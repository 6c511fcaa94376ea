import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { settings } from '../../../db/schema.js';
import type { FiscalCalendar } from '../../agents/definitions.js';
import { DEFAULT_TERRITORY_PARAMETERS, type TerritoryParameters } from '../../agents/territory.js';
import type { ReadingSettings } from '../../domain/sales/file-conventions.js';
import { DATE_ORDERS, NUMBER_FORMATS } from '../../domain/sales/import-values.js';
import { InputError } from '../../errors.js';

/** Settings an admin changes while the app runs, stored in the database and checked on the way in and out. */

const territorySchema = z.object({
  fiscalYear: z.number().int().min(2000).max(2200),
  targetCents: z.number().int().positive(),
  overAssignmentPct: z.number().min(0).max(100),
  ramp: z.array(z.number().min(0).max(100)).min(1).max(24),
  historyWeightPct: z.number().min(0).max(100),
});

export type TerritorySettings = z.infer<typeof territorySchema>;

const SCHEMAS = {
  fiscal_year_start_month: z.number().int().min(1).max(12),
  territory: territorySchema,
  import_date_order: z.enum(DATE_ORDERS),
  import_number_format: z.enum(NUMBER_FORMATS),
  stage_mapping: z.record(z.string().min(1), z.string().min(1)),
  currency_rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()),
} as const;

type Key = keyof typeof SCHEMAS;

function read<K extends Key>(db: Db, key: K): z.infer<(typeof SCHEMAS)[K]> | undefined {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  if (!row) return undefined;
  const parsed = SCHEMAS[key].safeParse(row.value);
  return parsed.success ? (parsed.data as z.infer<(typeof SCHEMAS)[K]>) : undefined;
}

function write<K extends Key>(db: Db, key: K, value: z.infer<(typeof SCHEMAS)[K]>): void {
  const checked = SCHEMAS[key].parse(value);
  db.insert(settings)
    .values({ key, value: checked })
    .onConflictDoUpdate({ target: settings.key, set: { value: checked, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` } })
    .run();
}

/** The fiscal calendar; January starts the year until an admin says otherwise. */
export function fiscalCalendar(db: Db): FiscalCalendar {
  return { startMonth: read(db, 'fiscal_year_start_month') ?? 1 };
}

export function setFiscalYearStartMonth(db: Db, month: number): void {
  write(db, 'fiscal_year_start_month', month);
}

/** The territory plan's parameters, once a company target has been set. */
export function territorySettings(db: Db): TerritorySettings | undefined {
  return read(db, 'territory');
}

export function saveTerritorySettings(db: Db, fiscalYear: number, patch: Partial<TerritoryParameters>, existing = territorySettings(db)): TerritorySettings {
  const base = existing && existing.fiscalYear === fiscalYear ? existing : { ...DEFAULT_TERRITORY_PARAMETERS, fiscalYear, targetCents: 0 };
  const next = { ...base, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), fiscalYear } as TerritorySettings;
  if (next.targetCents <= 0) throw new InputError(`FY${fiscalYear} has no company target yet: give one, e.g. \`target $50M\`.`);
  write(db, 'territory', next);
  return next;
}

/** What to do when next year's plan has no target yet. */
export function noTerritoryTarget(fiscalYear: number): string {
  return `There is no company target for FY${fiscalYear} yet. A sales leader or admin sets it: \`/sko territory target $50M\`.`;
}

/** How the workspace's files write dates and amounts, what its CRM's stage ids mean, and its exchange rates; each used when a file does not say. */
export function readingSettings(db: Db): ReadingSettings {
  return {
    dateOrder: read(db, 'import_date_order'),
    numberFormat: read(db, 'import_number_format'),
    stageMapping: read(db, 'stage_mapping'),
    rates: read(db, 'currency_rates'),
  };
}

/** Changes the settings given; a stage mapping adds to the one there is. */
export function saveReadingSettings(db: Db, patch: ReadingSettings): void {
  if (patch.dateOrder) write(db, 'import_date_order', patch.dateOrder);
  if (patch.numberFormat) write(db, 'import_number_format', patch.numberFormat);
  if (patch.stageMapping) write(db, 'stage_mapping', { ...read(db, 'stage_mapping'), ...patch.stageMapping });
  if (patch.rates) write(db, 'currency_rates', { ...patch.rates });
}
