/** The command line's flags for how a file writes its values, for one import (`import --date-order DMY`) or the workspace (`settings`). */
import { existsSync, readFileSync } from 'node:fs';
import { parseRates, parseStageMapping } from '../domain/sales/export-shapes.js';
import type { ReadingSettings } from '../domain/sales/file-conventions.js';
import { DATE_ORDERS, type DateOrder, NUMBER_FORMATS, type NumberFormat } from '../domain/sales/import-values.js';
import { InputError } from '../errors.js';

export interface ReadingFlags {
  'date-order'?: string | undefined;
  'number-format'?: string | undefined;
  'stage-map'?: string | undefined;
  rates?: string | undefined;
}

export const READING_USAGE = `[--date-order DMY|MDY] [--number-format 1,234.50|1.234,50] [--stage-map "ID=Stage,…"] [--rates FILE]`;

const DATE_ORDER_WORDS: Record<string, DateOrder> = { 'day-first': 'DMY', 'month-first': 'MDY' };

export function readingFlags(flags: ReadingFlags): ReadingSettings {
  const settings: ReadingSettings = {};
  const order = flags['date-order'];
  if (order !== undefined) {
    const o = order.trim().toUpperCase();
    settings.dateOrder = (DATE_ORDERS as readonly string[]).includes(o) ? (o as DateOrder) : DATE_ORDER_WORDS[order.trim().toLowerCase()];
    if (!settings.dateOrder) throw new InputError(`--date-order takes DMY (day first, 31/01/2026) or MDY (month first, 1/31/2026), not "${order}".`);
  }
  const format = flags['number-format'];
  if (format !== undefined) {
    if (!(NUMBER_FORMATS as readonly string[]).includes(format.trim()))
      throw new InputError(`--number-format takes 1,234.50 (a decimal point) or 1.234,50 (a decimal comma), not "${format}".`);
    settings.numberFormat = format.trim() as NumberFormat;
  }
  if (flags['stage-map'] !== undefined) {
    const mapping = parseStageMapping(flags['stage-map']);
    if ('problem' in mapping) throw new InputError(`--stage-map: ${mapping.problem}.`);
    settings.stageMapping = mapping.mapping;
  }
  if (flags.rates !== undefined) {
    if (!existsSync(flags.rates)) throw new InputError(`There is no rates file at ${flags.rates}.`);
    const rates = parseRates(readFileSync(flags.rates, 'utf8'));
    if ('problem' in rates) throw new InputError(rates.problem);
    settings.rates = rates.rates;
  }
  return settings;
}

/** The workspace's reading settings, as `settings` prints them. */
export function describeReading(settings: ReadingSettings): string[] {
  const mapping = Object.entries(settings.stageMapping ?? {});
  const rates = Object.entries(settings.rates ?? {});
  return [
    `Date order when a file does not show it: ${settings.dateOrder ?? 'not set (such files are refused)'}.`,
    `Number format when a file does not show it: ${settings.numberFormat ?? 'not set (such files are refused)'}.`,
    `Stage mapping: ${mapping.length ? mapping.map(([from, to]) => `${from}=${to}`).join(', ') : 'none'}.`,
    `Exchange rates: ${rates.length ? rates.map(([c, r]) => `${c} ${r}`).join(', ') : 'none (files in more than one currency are refused)'}.`,
  ];
}
