import { outcomeOf } from './deal-stages.js';
import type { FileConventions } from './file-conventions.js';
import type { DealImportRow } from './import-formats.js';
import { inRecordYears, parseAmount, parseDate, withinAmountLimit } from './import-values.js';

/**
 * The deals schema's reading of a row, by hand: a million-deal file spent more time in zod than
 * in SQLite. It answers only for a row it finds good; for any other it says nothing (null), and
 * the schema reads that row, so every message a bad row gets is the schema's own.
 */
export function dealRowReader(conv: FileConventions): (raw: Readonly<Record<string, string | undefined>>) => DealImportRow | null {
  const date = datesRead(conv);
  return (raw) => {
    const id = present(raw.id);
    const owner = present(raw.owner_email);
    const stageText = present(raw.stage);
    if (id === null || owner === null || stageText === null) return null;
    const amountText = optional(raw.amount);
    const currency = optional(raw.amount_currency);
    const created = date(optional(raw.created_date));
    const close = date(optional(raw.close_date));
    if (amountText === undefined || currency === undefined || created === undefined || close === undefined) return null;
    const stage = conv.stage(stageText);
    if (!('stage' in stage)) return null;
    let cents: number | null = null;
    if (amountText !== null) {
      const amount = parseAmount(amountText, conv.numberFormat);
      if (amount === null || amount.cents < 0 || !withinAmountLimit(amount.cents)) return null;
      const money = conv.money(amount, currency, 'amount');
      if (!('cents' in money)) return null;
      cents = money.cents;
    }
    const outcome = outcomeOf(stage.stage);
    if (outcome !== 'open' && close === null) return null;
    if (close !== null && created !== null && close < created) return null;
    const account = optional(raw.account);
    const product = optional(raw.product);
    const segment = optional(raw.segment);
    if (account === undefined || product === undefined || segment === undefined) return null;
    return { id, owner_email: owner, account, product, segment, stage: stage.stage, amount: cents, created_date: created, close_date: close, outcome };
  };
}

/** A field's trimmed text; null when blank; undefined when it is not text at all (the schema says why). */
function optional(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function present(value: unknown): string | null {
  const v = optional(value);
  return v === undefined ? null : v;
}

/** Dates remembered at most; a file's dates repeat (a few years of days), its amounts do not. */
const REMEMBERED_DATES = 10_000;

/**
 * Reads a date as YYYY-MM-DD, null when blank, undefined when it does not read as a date; each
 * text is read once in the file's date order, since the same few days fill a million rows.
 */
function datesRead(conv: FileConventions): (value: string | null | undefined) => string | null | undefined {
  const read = new Map<string, string | undefined>();
  let order = conv.dateOrder;
  return (value) => {
    if (value === null || value === undefined) return value;
    if (order !== conv.dateOrder || read.size >= REMEMBERED_DATES) {
      read.clear();
      order = conv.dateOrder;
    }
    let iso = read.get(value);
    if (iso === undefined && !read.has(value)) {
      const parsed = parseDate(value, order);
      iso = parsed !== null && inRecordYears(parsed) ? parsed : undefined;
      read.set(value, iso);
    }
    return iso;
  };
}
