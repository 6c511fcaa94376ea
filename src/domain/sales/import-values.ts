/**
 * Dates and amounts as CRMs write them in each locale: `1/31/2026, 10:15 AM`, `31/01/2026`,
 * `1.234,50 €`, `USD 12,345.50`. A value that reads two ways (`3/4/2026`, `1,234`) is never
 * guessed: it says so, and the file's other values (or a setting) decide.
 */

/** Month first (US) or day first (most of the world). */
export const DATE_ORDERS = ['MDY', 'DMY'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** How amounts are written: the thousands separator and the decimal mark. */
export const NUMBER_FORMATS = ['1,234.50', '1.234,50'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

export const DATE_ORDER_WORDS: Record<DateOrder, string> = { MDY: 'month first (MDY, 1/31/2026)', DMY: 'day first (DMY, 31/01/2026)' };

/** What one value says of the file's convention: decides it, fits either, or could be read both ways. */
export type Evidence<T> = { decides: T } | 'either' | 'ambiguous';

/** Past this, sums over a whole file could leave SQLite's integers; no real deal or quota comes near it. */
export const MAX_AMOUNT_CENTS = 10_000_000_000 * 100;
/** The years a CRM record can be in: 0000 or 9999 is a typo or a placeholder. */
export const YEARS = { from: 1900, to: 2199 };

export const withinAmountLimit = (cents: number): boolean => Number.isSafeInteger(cents) && cents <= MAX_AMOUNT_CENTS;
export function inRecordYears(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  return year >= YEARS.from && year <= YEARS.to;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// Salesforce writes `1/31/2026, 10:15 AM`; others `31.01.2026 10:15` or `31-01-2026`.
const LOCAL = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:,? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)?$/i;

/** A date as YYYY-MM-DD, or null; `order` says how to read a day and month written with slashes or dots. */
export function parseDate(value: string, order: DateOrder = 'MDY'): string | null {
  const iso = ISO.exec(value);
  const local = iso ? null : LOCAL.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : local ? (order === 'MDY' ? [local[4], local[1], local[3]] : [local[4], local[3], local[1]]) : [];
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

/** A first number above 12 can only be a day, a second one only a day too; 5/5 reads the same both ways. */
export function dateEvidence(value: string): Evidence<DateOrder> {
  const local = LOCAL.exec(value);
  if (!local) return 'either';
  const first = Number(local[1]);
  const second = Number(local[3]);
  if (first > 12 && second <= 12) return { decides: 'DMY' };
  if (second > 12 && first <= 12) return { decides: 'MDY' };
  return first === second || first > 12 ? 'either' : 'ambiguous';
}

const SYMBOLS: Record<string, string> = { $: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', C$: 'CAD', A$: 'AUD' };
const CURRENCY = /^(?:([A-Z]{3})\s*|(US\$|C\$|A\$|[$€£¥₹])\s*)?(.*?)(?:\s*([A-Z]{3})|\s*([$€£¥₹]))?$/;
// Spaces of every width group thousands (1 234,50; Swiss 1'234.50 uses an apostrophe).
const GROUPING_SPACES = /[\s\u00a0\u202f']/g;

export interface Amount {
  cents: number;
  /** The ISO code the value carries itself (`€`, `EUR`), or null. */
  currency: string | null;
}

/** A currency code from a column or a symbol: `eur`, `€` → EUR; null when it is not one. */
export function currencyCode(value: string): string | null {
  const v = value.trim();
  if (/^[A-Za-z]{3}$/.test(v)) return v.toUpperCase();
  return SYMBOLS[v] ?? null;
}

// The shape most amounts take (1234.50, $1,234.50), read without CURRENCY's backtracking.
const BARE = /^(\$?)([\d.,]+)$/;

function split(value: string): { number: string; currency: string | null } | null {
  const bare = BARE.exec(value);
  if (bare) return { number: bare[2] as string, currency: bare[1] ? 'USD' : null };
  const m = CURRENCY.exec(value.trim());
  if (!m) return null;
  const codes = [m[1], m[2] && SYMBOLS[m[2]], m[4], m[5] && SYMBOLS[m[5]]].filter((c): c is string => Boolean(c));
  if (codes.length > 1 && codes.some((c) => c !== codes[0])) return null;
  return { number: (m[3] as string).replace(GROUPING_SPACES, ''), currency: codes[0] ?? null };
}

/** What an amount says of the file's number format: `1.234,50` decides, `1,234` could be either, `1234` fits both. */
export function amountEvidence(value: string): Evidence<NumberFormat> {
  const parts = split(value);
  const n = parts?.number.replace(/^[-(]|\)$/g, '') ?? '';
  const dot = n.lastIndexOf('.');
  const comma = n.lastIndexOf(',');
  if (dot < 0 && comma < 0) return 'either';
  if (dot >= 0 && comma >= 0) return { decides: dot > comma ? '1,234.50' : '1.234,50' };
  const mark = dot >= 0 ? '.' : ',';
  const asDecimal: NumberFormat = mark === '.' ? '1,234.50' : '1.234,50';
  const asGrouping: NumberFormat = mark === '.' ? '1.234,50' : '1,234.50';
  if (n.indexOf(mark) !== n.lastIndexOf(mark)) return { decides: asGrouping };
  const [whole = '', fraction = ''] = n.split(mark);
  // Only a group of three after a first group of one to three digits can be a thousands separator (0,500 cannot).
  return fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole) ? 'ambiguous' : { decides: asDecimal };
}

/** Each format's separators and the two shapes an amount takes in it: grouped in thousands, or not. Built once: a RegExp per value was a third of a large import's time. */
const AMOUNT_SHAPES: Record<NumberFormat, { group: string; decimal: string; grouped: RegExp; plain: RegExp }> = {
  '1,234.50': { group: ',', decimal: '.', grouped: /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/, plain: /^-?\d+(?:\.\d+)?$/ },
  '1.234,50': { group: '.', decimal: ',', grouped: /^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/, plain: /^-?\d+(?:,\d+)?$/ },
};

/** `$12,345.50`, `1.234,50 €`, `USD 12345.5`, `(500)` in `format`, to whole cents; null when it is not an amount in that format. */
export function parseAmount(value: string, format: NumberFormat): Amount | null {
  const simple = plainAmount(value, AMOUNT_SHAPES[format]);
  if (simple !== undefined) return simple;
  const parts = split(value);
  if (!parts) return null;
  let v = parts.number;
  let negative = false;
  if (/^\(.*\)$/.test(v)) {
    negative = true;
    v = v.slice(1, -1);
  }
  const { group, decimal, grouped, plain } = AMOUNT_SHAPES[format];
  if (!grouped.test(v) && !plain.test(v)) return null;
  const n = Number(v.split(group).join('').replace(decimal, '.'));
  return { cents: Math.round((negative ? -n : n) * 100), currency: parts.currency };
}

const DOLLAR = 36;
const ZERO = 48;
const NINE = 57;
/** Digits an amount's whole part may have for its cents to stay exact in a double. */
const MAX_PLAIN_DIGITS = 13;

/**
 * The shape nearly every row of a CRM export has (`$1,234.50`, `1234.5`, `1.234`), read character by
 * character: a million-row file spent more time in regular expressions and string copies here than
 * SQLite spent storing the rows. Anything else (signs, codes, three decimals) is undefined, for
 * parseAmount's full reading; what this accepts, that reading accepts with the same cents.
 */
function plainAmount(value: string, shape: { group: string; decimal: string }): Amount | undefined {
  const group = shape.group.charCodeAt(0);
  const decimal = shape.decimal.charCodeAt(0);
  const length = value.length;
  const dollar = value.charCodeAt(0) === DOLLAR;
  let i = dollar ? 1 : 0;
  let whole = 0;
  let digits = 0;
  /** Digits since the start or the last thousands separator. */
  let run = 0;
  let grouped = false;
  for (; i < length; i += 1) {
    const c = value.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      whole = whole * 10 + (c - ZERO);
      digits += 1;
      run += 1;
    } else if (c === group) {
      if (grouped ? run !== 3 : run < 1 || run > 3) return undefined;
      grouped = true;
      run = 0;
    } else break;
  }
  if (run === 0 || (grouped && run !== 3) || digits > MAX_PLAIN_DIGITS) return undefined;
  let cents = whole * 100;
  if (i < length) {
    const fraction = length - i - 1;
    if (value.charCodeAt(i) !== decimal || fraction < 1 || fraction > 2) return undefined;
    const tens = value.charCodeAt(i + 1) - ZERO;
    const ones = fraction === 2 ? value.charCodeAt(i + 2) - ZERO : 0;
    if (tens < 0 || tens > 9 || ones < 0 || ones > 9) return undefined;
    cents += tens * 10 + ones;
  }
  return { cents, currency: dollar ? 'USD' : null };
}

const ASKED_DATE: [RegExp, DateOrder][] = [
  [/\b(?:days? first|dmy|dd\/mm)\b/i, 'DMY'],
  [/\b(?:months? first|mdy|mm\/dd)\b/i, 'MDY'],
];
const ASKED_NUMBER: [RegExp, NumberFormat][] = [
  [/1\.234,50|\bdecimal comma\b|\bcomma decimals?\b/i, '1.234,50'],
  [/1,234\.50|\bdecimal point\b|\bpoint decimals?\b/i, '1,234.50'],
];

/**
 * The reading a person asks for in the words they share a file with ("deals, days first",
 * "quotas 1.234,50"): a choice named both ways is no choice.
 */
export function readingAskedIn(text: string): { dateOrder?: DateOrder; numberFormat?: NumberFormat } {
  const one = <T>(rules: [RegExp, T][]): T | undefined => {
    const named = rules.filter(([words]) => words.test(text));
    return named.length === 1 ? named[0]?.[1] : undefined;
  };
  const dateOrder = one(ASKED_DATE);
  const numberFormat = one(ASKED_NUMBER);
  return { ...(dateOrder ? { dateOrder } : {}), ...(numberFormat ? { numberFormat } : {}) };
}
