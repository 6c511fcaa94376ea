import { readStage, type StageMapping, stageLookup } from './export-shapes.js';
import {
  type Amount,
  amountEvidence,
  currencyCode,
  DATE_ORDER_WORDS,
  type DateOrder,
  dateEvidence,
  type Evidence,
  type NumberFormat,
} from './import-values.js';

/**
 * How one file writes its values: date order and number format (said for this import, else
 * settled by the file's own unambiguous values, else the workspace's setting), the stage mapping,
 * and currency rates. A value that reads two ways waits until the file has settled the question;
 * when nothing settles it the file is refused, naming the setting, rather than read either way.
 */

/** Currency code → what one unit is worth in the company's currency. */
export type Rates = Readonly<Record<string, number>>;

/** What a person can choose for one import when the file and the workspace leave it open. */
export type ReadingChoice = 'dateOrder' | 'numberFormat';

export interface ReadingSettings {
  dateOrder?: DateOrder | undefined;
  numberFormat?: NumberFormat | undefined;
  stageMapping?: StageMapping | undefined;
  rates?: Rates | undefined;
}

interface Convention<T> {
  value: T | null;
  given: boolean;
  ambiguous: { line: number; value: string } | null;
}

const MIXED_CLOSE = /\b(?:closed?|won|lost)\b/i;

export class FileConventions {
  readonly #date: Convention<DateOrder>;
  readonly #number: Convention<NumberFormat>;
  readonly #currencies = new Set<string>();
  readonly #closingOpen = new Map<string, number>();

  constructor(
    private readonly fields: { dates: readonly string[]; amounts: readonly string[] },
    given: ReadingSettings,
    private readonly workspace: ReadingSettings,
  ) {
    this.#date = { value: given.dateOrder ?? null, given: Boolean(given.dateOrder), ambiguous: null };
    this.#number = { value: given.numberFormat ?? null, given: Boolean(given.numberFormat), ambiguous: null };
    this.#stages = stageLookup(given.stageMapping ?? workspace.stageMapping ?? {});
    this.rates = given.rates ?? workspace.rates ?? null;
  }

  readonly #stages: ReadonlyMap<string, string>;
  /** Each stage text read once: a file repeats a handful of stages on every row. */
  readonly #readStages = new Map<string, { stage: string } | { problem: string }>();
  readonly rates: Rates | null;
  /** After settle: what neither the file nor the workspace decided, for the person to choose. */
  readonly undecided: ReadingChoice[] = [];

  /** The order to read a date in: any will do while undecided, since only unambiguous dates are read before then. */
  get dateOrder(): DateOrder {
    return this.#date.value ?? 'MDY';
  }

  get numberFormat(): NumberFormat {
    return this.#number.value ?? '1,234.50';
  }

  /** Learns from a row's dates and amounts; false when the row holds a value that cannot be read yet. */
  observe(raw: Readonly<Record<string, string | undefined>>, line: number): boolean {
    let ready = true;
    for (const f of this.fields.dates) ready = learn(this.#date, raw[f], line, dateEvidence) && ready;
    for (const f of this.fields.amounts) ready = learn(this.#number, raw[f], line, amountEvidence) && ready;
    return ready;
  }

  /** After the last row: the workspace's settings answer what the file left open; what is still open is a problem to fix. */
  settle(): string[] {
    const problems: string[] = [];
    const d = this.#date;
    if (d.value === null && d.ambiguous) {
      if (this.workspace.dateOrder) d.value = this.workspace.dateOrder;
      else {
        this.undecided.push('dateOrder');
        problems.push(
          `Dates such as "${d.ambiguous.value}" (line ${d.ambiguous.line}) read two ways, and no date in the file has a day above 12 to tell which. Set the date order, for this import or the workspace: ${DATE_ORDER_WORDS.DMY} or ${DATE_ORDER_WORDS.MDY}.`,
        );
      }
    }
    const n = this.#number;
    if (n.value === null && n.ambiguous) {
      if (this.workspace.numberFormat) n.value = this.workspace.numberFormat;
      else {
        this.undecided.push('numberFormat');
        problems.push(
          `Amounts such as "${n.ambiguous.value}" (line ${n.ambiguous.line}) read two ways (a thousands separator or a decimal mark), and no amount in the file tells which. Set the number format, for this import or the workspace: 1,234.50 or 1.234,50.`,
        );
      }
    }
    if (!this.rates && this.#currencies.size > 1) {
      const codes = [...this.#currencies].sort();
      problems.push(
        `Amounts are in ${codes.length} currencies (${codes.join(', ')}). Give exchange rates to convert them (a rates file with the columns currency,rate: what one unit of each is worth in the company's currency, 1 for the company's own), or import each currency's rows apart.`,
      );
    }
    return problems;
  }

  /** An amount in the company's currency: `column` is the row's currency column, if it has one. */
  money(amount: Amount, column: string | null, field: string): { cents: number } | { problem: string } {
    const fromColumn = column === null ? null : currencyCode(column);
    if (column !== null && fromColumn === null) return { problem: `currency "${column}" is not a currency code (like USD or EUR)` };
    if (fromColumn && amount.currency && fromColumn !== amount.currency)
      return { problem: `${field} is written in ${amount.currency} but its currency column says ${fromColumn}` };
    const currency = fromColumn ?? amount.currency;
    if (currency) this.#currencies.add(currency);
    if (!this.rates || !currency) return { cents: amount.cents };
    const rate = this.rates[currency];
    if (rate === undefined)
      return { problem: `${field} is in ${currency}, and the exchange rates have none for it (they have ${Object.keys(this.rates).sort().join(', ')})` };
    return { cents: Math.round(amount.cents * rate) };
  }

  /** The stage name to store; an open stage whose name speaks of closing is noted, so a mapping can say what it means. */
  stage(value: string): { stage: string } | { problem: string } {
    let read = this.#readStages.get(value);
    if (read === undefined) {
      read = readStage(value, this.#stages);
      this.#readStages.set(value, read);
    }
    if ('stage' in read && MIXED_CLOSE.test(read.stage) && !/^(?:closed[ _-])?(?:won|lost)$/i.test(read.stage))
      this.#closingOpen.set(read.stage, (this.#closingOpen.get(read.stage) ?? 0) + 1);
    return read;
  }

  notes(): string[] {
    if (this.#closingOpen.size === 0) return [];
    const listed = [...this.#closingOpen].map(([stage, n]) => `"${stage}" (${n})`).join(', ');
    return [
      `Read as open, neither won nor lost: ${listed}. If a stage closes deals, add it to the stage mapping (e.g. ${[...this.#closingOpen.keys()][0]}=Closed Won).`,
    ];
  }
}

function learn<T>(c: Convention<T>, value: string | undefined, line: number, evidence: (v: string) => Evidence<T>): boolean {
  // Once the file has decided, no value can change it or wait for it.
  if (c.given || c.value !== null || value === undefined || value.trim() === '') return true;
  const e = evidence(value.trim());
  if (e === 'either') return true;
  if (e === 'ambiguous') {
    if (c.value !== null) return true;
    c.ambiguous ??= { line, value: value.trim() };
    return false;
  }
  c.value ??= e.decides;
  return true;
}
