/**
 * The SKO budget (seed 000, "Budget Template"; PRODUCT §5): the plan per category, the expenses
 * recorded against it, and the report `/sko budget` shows. Money is integer cents throughout.
 *
 * Actual or committed is a rule, not a column, so the CSV keeps the five columns and the
 * modal and the CSV cannot disagree: an expense's date is when it is paid (or falls due). On or
 * before the report's date it is actual; after it, it is committed (contracted, not yet paid), and
 * it turns actual by itself once its date passes.
 */

import { isCalendarDate } from '../dates.js';
import { getOrAdd } from '../maps.js';
import { formatMoney } from '../money.js';
import { parseAmountCents } from '../plan/setup.js';

export interface BudgetCategory {
  key: string;
  label: string;
  /** Seed 000's template share, in whole percent. */
  sharePct: number;
}

export const BUDGET_CATEGORIES = [
  { key: 'venue', label: 'Venue and catering', sharePct: 40 },
  { key: 'travel', label: 'Travel and accommodations', sharePct: 30 },
  { key: 'speakers', label: 'Speakers and entertainment', sharePct: 15 },
  { key: 'materials', label: 'Materials and swag', sharePct: 10 },
  { key: 'technology', label: 'Technology and AV', sharePct: 5 },
] as const satisfies readonly BudgetCategory[];

export type BudgetCategoryKey = (typeof BUDGET_CATEGORIES)[number]['key'];

/** Seed 000: "Budget adherence (±5%)". */
export const BUDGET_TOLERANCE_PCT = 5;
/** Seed 000, ROI: "Cost per attendee <$3K". */
export const COST_PER_ATTENDEE_TARGET_CENTS = 300_000;

// ── the plan ─────────────────────────────────────────────────────────────────────────────────

interface PlannedCategory {
  key: BudgetCategoryKey;
  label: string;
  sharePct: number;
  plannedCents: number;
  /** 'override' when someone set this category's amount; 'template' when it follows the seed's share. */
  source: 'template' | 'override';
}

export interface BudgetPlan {
  totalCents: number;
  /** In template order; their planned amounts add up to `totalCents` exactly. */
  categories: PlannedCategory[];
}

export type BudgetPlanErrors = Partial<Record<BudgetCategoryKey | 'total', string>>;
export type BudgetPlanResult = { ok: true; plan: BudgetPlan } | { ok: false; errors: BudgetPlanErrors };

/**
 * Splits the total by the template. Overridden categories keep the amount set; the others share
 * what is left in proportion to their template shares, so the plan always adds up to the event's
 * total budget (the figure adherence is judged against). Rounding: each category gets the whole
 * cents of its exact share, then the cents left over go one each to the categories with the
 * largest fractions, ties to the larger template share (the template's order).
 */
export function planBudget(totalCents: number, overrides: Partial<Record<BudgetCategoryKey, number>> = {}): BudgetPlanResult {
  const errors: BudgetPlanErrors = {};
  if (!isPositiveCents(totalCents)) errors.total = 'Set the total budget in /sko setup to a positive amount, such as $250,000.';

  const fixed = BUDGET_CATEGORIES.filter((c) => overrides[c.key] !== undefined);
  for (const c of fixed) {
    const amount = overrides[c.key] as number;
    if (!Number.isSafeInteger(amount) || amount < 0) errors[c.key] = `Enter the ${c.label.toLowerCase()} budget as an amount of $0 or more, such as $50,000.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const fixedSum = fixed.reduce((sum, c) => sum + (overrides[c.key] as number), 0);
  const open = BUDGET_CATEGORIES.filter((c) => overrides[c.key] === undefined);
  if (fixedSum > totalCents) {
    const message = `The categories you set add up to ${formatMoney(fixedSum)}, ${formatMoney(fixedSum - totalCents)} more than the total budget of ${formatMoney(totalCents)}; lower one of them, or raise the total in /sko setup.`;
    for (const c of fixed) errors[c.key] = message;
    return { ok: false, errors };
  }
  if (open.length === 0 && fixedSum < totalCents) {
    const message = `All five categories are set and add up to ${formatMoney(fixedSum)}, ${formatMoney(totalCents - fixedSum)} less than the total budget of ${formatMoney(totalCents)}; raise one of them, clear one to let it take the rest, or lower the total in /sko setup.`;
    for (const c of fixed) errors[c.key] = message;
    return { ok: false, errors };
  }

  const shares = apportion(
    totalCents - fixedSum,
    open.map((c) => c.sharePct),
  );
  const templateCents = new Map(open.map((c, i) => [c.key, shares[i] as number]));
  const categories = BUDGET_CATEGORIES.map((c): PlannedCategory => {
    const overridden = overrides[c.key];
    const plannedCents = overridden ?? (templateCents.get(c.key) as number);
    return { key: c.key, label: c.label, sharePct: c.sharePct, plannedCents, source: overridden === undefined ? 'template' : 'override' };
  });
  return { ok: true, plan: { totalCents, categories } };
}

/** Largest-remainder split of `amount` by integer weights; exact, and stable for equal fractions. */
function apportion(amount: number, weights: number[]): number[] {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum === 0) return weights.map(() => 0);
  const parts = weights.map((w, i) => ({ i, cents: Math.floor((amount * w) / weightSum), fraction: (amount * w) % weightSum }));
  let left = amount - parts.reduce((sum, p) => sum + p.cents, 0);
  for (const p of [...parts].sort((a, b) => b.fraction - a.fraction || a.i - b.i)) {
    if (left === 0) break;
    p.cents += 1;
    left -= 1;
  }
  return parts.map((p) => p.cents);
}

function isPositiveCents(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

// ── expenses ─────────────────────────────────────────────────────────────────────────────────

/** The expense CSV's header row, in order (the contract); `note` may be left out. */
const EXPENSE_CSV_COLUMNS = ['category', 'vendor', 'amount', 'date', 'note'] as const;
export type ExpenseField = (typeof EXPENSE_CSV_COLUMNS)[number];

/** A modal's fields or a CSV row, as text. */
export type ExpenseInput = Partial<Record<ExpenseField, string | undefined>>;

export interface Expense {
  category: BudgetCategoryKey;
  vendor: string;
  amountCents: number;
  /** 'YYYY-MM-DD': when it was paid, or when it falls due. */
  date: string;
  note: string | null;
}

export type ExpenseErrors = Partial<Record<ExpenseField, string>>;
export type ExpenseResult = { ok: true; expense: Expense } | { ok: false; errors: ExpenseErrors };
export type ExpenseStatus = 'actual' | 'committed';

const MAX_VENDOR = 100;
const MAX_NOTE = 500;
const CATEGORY_LIST = BUDGET_CATEGORIES.map((c) => `${c.key} (${c.label})`).join(', ');

/** "Venue & Catering", "venue and catering" and "VENUE" all name the venue category. */
export function matchBudgetCategory(text: string): BudgetCategoryKey | null {
  const wanted = comparable(text);
  const found = BUDGET_CATEGORIES.find((c) => comparable(c.key) === wanted || comparable(c.label) === wanted);
  return found ? found.key : null;
}

function comparable(text: string): string {
  return text.trim().toLowerCase().replace(/&/g, ' and ').replace(/\s+/g, ' ').trim();
}

export function parseExpense(input: ExpenseInput): ExpenseResult {
  const errors: ExpenseErrors = {};
  const text = (field: ExpenseField) => input[field]?.trim() ?? '';

  const categoryText = text('category');
  const category = matchBudgetCategory(categoryText);
  if (!categoryText) errors.category = `Give the category; use one of: ${CATEGORY_LIST}.`;
  else if (!category) errors.category = `"${categoryText}" is not a budget category; use one of: ${CATEGORY_LIST}.`;

  const vendor = text('vendor');
  if (!vendor) errors.vendor = 'Give the vendor (who is paid), such as "Hilton Chicago".';
  else if (vendor.length > MAX_VENDOR) errors.vendor = `Keep the vendor to ${MAX_VENDOR} characters or fewer (it has ${vendor.length}).`;

  const amountText = text('amount');
  const amountCents = parseAmountCents(amountText);
  if (!amountText) errors.amount = 'Give the amount in dollars, such as 12500 or $12,500.50.';
  else if (/\.\d{3,}$/.test(amountText.replace(/\s*usd$/i, '')))
    errors.amount = `"${amountText}" has fractions of a cent; give at most two decimals, such as 12500.50.`;
  else if (amountText.startsWith('-')) errors.amount = 'The amount must be more than $0; record a refund by lowering the expense it refunds.';
  else if (amountCents === null) errors.amount = `"${amountText}" is not an amount; give dollars, such as 12500 or $12,500.50.`;
  else if (amountCents <= 0) errors.amount = 'The amount must be more than $0; leave out expenses that cost nothing.';

  const date = text('date');
  if (!date) errors.date = 'Give the date it was paid or falls due, as YYYY-MM-DD.';
  else if (!isCalendarDate(date)) errors.date = `"${date}" is not a date; write it as YYYY-MM-DD, such as 2027-01-15.`;

  const note = text('note');
  if (note.length > MAX_NOTE) errors.note = `Keep the note to ${MAX_NOTE} characters or fewer (it has ${note.length}).`;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, expense: { category: category as BudgetCategoryKey, vendor, amountCents: amountCents as number, date, note: note || null } };
}

/** What is wrong with an expense CSV's header row, or null when it is usable. */
export function checkExpenseHeader(columns: string[]): string | null {
  const names = columns.map((c) => c.trim().toLowerCase());
  const known: readonly string[] = EXPENSE_CSV_COLUMNS;
  const unknown = names.filter((n) => !known.includes(n));
  const missing = EXPENSE_CSV_COLUMNS.filter((c) => c !== 'note' && !names.includes(c));
  const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  const problems = [
    ...missing.map((c) => `the "${c}" column is missing`),
    ...unknown.map((c) => `"${c}" is not a column this file can have`),
    ...repeated.map((c) => `the "${c}" column appears more than once`),
  ];
  if (problems.length === 0) return null;
  return `The header row is wrong: ${problems.join('; ')}. The first row must be: ${EXPENSE_CSV_COLUMNS.join(',')} (note may be left out).`;
}

export interface ExpenseRowProblem {
  /** The file's line number (the header is line 1). */
  line: number;
  messages: string[];
}

/** Every row, or every bad row with its line and reasons: a file with any bad row is rejected whole. */
export function parseExpenseRows(
  rows: readonly { line: number; input: ExpenseInput }[],
): { ok: true; expenses: Expense[] } | { ok: false; problems: ExpenseRowProblem[] } {
  const expenses: Expense[] = [];
  const problems: ExpenseRowProblem[] = [];
  for (const { line, input } of rows) {
    const result = parseExpense(input);
    if (result.ok) expenses.push(result.expense);
    else problems.push({ line, messages: EXPENSE_CSV_COLUMNS.flatMap((f) => result.errors[f] ?? []) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, expenses };
}

export function expenseStatus(expense: Pick<Expense, 'date'>, asOf: string): ExpenseStatus {
  return expense.date <= asOf ? 'actual' : 'committed';
}

// ── the report ───────────────────────────────────────────────────────────────────────────────

/** Spend against plan: within ±5% of it, or beyond it either way. */
export type Adherence = 'within' | 'over' | 'under';

export interface BudgetReportInput {
  plan: BudgetPlan;
  expenses: Expense[];
  expectedHeadcount: number;
  /** Checked-in attendees once the event has them. */
  actualAttendees: number | null;
  asOf: string;
  /** The event's last day. */
  eventEnd: string;
}

interface BudgetFigures {
  plannedCents: number;
  actualCents: number;
  committedCents: number;
  /** Planned − actual − committed; negative when over. */
  remainingCents: number;
  /** (actual + committed − planned) ÷ planned, in percent to one decimal; null when nothing was planned. */
  variancePct: number | null;
  adherence: Adherence;
}

export interface CategoryReport extends BudgetFigures {
  key: BudgetCategoryKey;
  label: string;
  projectedCents: number;
  expenses: number;
}

interface BudgetProjection {
  totalCents: number;
  variancePct: number | null;
  adherence: Adherence;
  /** How the projection is made, in a sentence a reader can check. */
  method: string;
}

interface CostPerAttendee {
  /** The projected total at completion (what has been spent, once the event is over). */
  basisCents: number;
  targetCents: number;
  expectedHeadcount: number;
  perExpectedCents: number;
  perExpectedMeetsTarget: boolean;
  actualAttendees: number | null;
  perActualCents: number | null;
  perActualMeetsTarget: boolean | null;
}

export interface BudgetReport {
  asOf: string;
  eventOver: boolean;
  tolerancePct: number;
  categories: CategoryReport[];
  totals: BudgetFigures;
  projection: BudgetProjection;
  costPerAttendee: CostPerAttendee;
}

const METHOD_BEFORE =
  'Until the event is over, each category is projected at the larger of its plan and what is already spent or committed in it: money planned but not yet committed is assumed to be spent, and a category already over its plan stays over.';
const METHOD_AFTER = 'The event is over, so the projection is what has been spent or committed.';
const METHOD_NO_EXPENSES = 'No expenses are recorded yet, so the projection is the plan itself; record them with `/sko budget add`.';

/** What the report needs of one category's expenses: what is spent (dated on or before the report's day), what is committed after it, and how many there are. */
export interface ExpenseTotals {
  category: string;
  actualCents: number;
  committedCents: number;
  count: number;
}

/** The expenses summed per category as of `asOf`, as the report counts them. */
function tallyExpenses(expenses: readonly Expense[], asOf: string): ExpenseTotals[] {
  const byCategory = new Map<string, ExpenseTotals>();
  for (const e of expenses) {
    const totals = getOrAdd(byCategory, e.category, () => ({ category: e.category, actualCents: 0, committedCents: 0, count: 0 }));
    if (expenseStatus(e, asOf) === 'actual') totals.actualCents += e.amountCents;
    else totals.committedCents += e.amountCents;
    totals.count += 1;
  }
  return [...byCategory.values()];
}

export function budgetReport(input: BudgetReportInput): BudgetReport {
  const { expenses, ...rest } = input;
  return budgetReportFromTotals({ ...rest, totals: tallyExpenses(expenses, input.asOf) });
}

/** The report from expenses already summed per category (the database sums tens of thousands of them faster than reading each). */
export function budgetReportFromTotals(input: Omit<BudgetReportInput, 'expenses'> & { totals: readonly ExpenseTotals[] }): BudgetReport {
  const { plan, totals: tallied, expectedHeadcount, actualAttendees, asOf, eventEnd } = input;
  if (!isCalendarDate(asOf) || !isCalendarDate(eventEnd)) throw new Error(`budgetReport needs dates as YYYY-MM-DD; got "${asOf}" and "${eventEnd}".`);
  if (!Number.isSafeInteger(expectedHeadcount) || expectedHeadcount < 1)
    throw new Error(`The expected headcount must be a whole number of 1 or more; got ${expectedHeadcount}.`);
  if (actualAttendees !== null && (!Number.isSafeInteger(actualAttendees) || actualAttendees < 0)) {
    throw new Error(`The number of attendees must be a whole number of 0 or more; got ${actualAttendees}.`);
  }
  const eventOver = asOf > eventEnd;
  // With nothing recorded there is nothing to project from: "$0, 100% under budget" would be a claim, not a figure.
  const projectFromPlan = tallied.every((t) => t.count === 0);

  const categories = plan.categories.map((c): CategoryReport => {
    const own = tallied.find((t) => t.category === c.key);
    const actualCents = own?.actualCents ?? 0;
    const committedCents = own?.committedCents ?? 0;
    const recorded = actualCents + committedCents;
    return {
      key: c.key,
      label: c.label,
      ...figures(c.plannedCents, actualCents, committedCents),
      projectedCents: eventOver && !projectFromPlan ? recorded : Math.max(c.plannedCents, recorded),
      expenses: own?.count ?? 0,
    };
  });

  const total = (pick: (c: CategoryReport) => number) => categories.reduce((s, c) => s + pick(c), 0);
  const plannedCents = total((c) => c.plannedCents);
  const projectedCents = total((c) => c.projectedCents);

  return {
    asOf,
    eventOver,
    tolerancePct: BUDGET_TOLERANCE_PCT,
    categories,
    totals: figures(
      plannedCents,
      total((c) => c.actualCents),
      total((c) => c.committedCents),
    ),
    projection: {
      totalCents: projectedCents,
      variancePct: variancePct(projectedCents, plannedCents),
      adherence: adherence(projectedCents, plannedCents),
      method: projectFromPlan ? METHOD_NO_EXPENSES : eventOver ? METHOD_AFTER : METHOD_BEFORE,
    },
    costPerAttendee: costPerAttendee(projectedCents, expectedHeadcount, actualAttendees),
  };
}

function costPerAttendee(basisCents: number, expectedHeadcount: number, actualAttendees: number | null): CostPerAttendee {
  const perExpectedCents = Math.round(basisCents / expectedHeadcount);
  const perActualCents = actualAttendees ? Math.round(basisCents / actualAttendees) : null;
  return {
    basisCents,
    targetCents: COST_PER_ATTENDEE_TARGET_CENTS,
    expectedHeadcount,
    perExpectedCents,
    perExpectedMeetsTarget: perExpectedCents < COST_PER_ATTENDEE_TARGET_CENTS,
    actualAttendees,
    perActualCents,
    perActualMeetsTarget: perActualCents === null ? null : perActualCents < COST_PER_ATTENDEE_TARGET_CENTS,
  };
}

function figures(plannedCents: number, actualCents: number, committedCents: number): BudgetFigures {
  const recorded = actualCents + committedCents;
  return {
    plannedCents,
    actualCents,
    committedCents,
    remainingCents: plannedCents - recorded,
    variancePct: variancePct(recorded, plannedCents),
    adherence: adherence(recorded, plannedCents),
  };
}

/** Compared in integers, so exactly 5% is within and one cent more is not. */
function adherence(recordedCents: number, plannedCents: number): Adherence {
  const diff = recordedCents - plannedCents;
  if (Math.abs(diff) * 100 <= BUDGET_TOLERANCE_PCT * plannedCents) return 'within';
  return diff > 0 ? 'over' : 'under';
}

/** Rounded half away from zero, so +2.25% and −2.25% show as 2.3 and −2.3. */
function variancePct(recordedCents: number, plannedCents: number): number | null {
  if (plannedCents === 0) return null;
  const tenths = ((recordedCents - plannedCents) * 1000) / plannedCents;
  const rounded = Math.round(Math.abs(tenths)) / 10;
  return tenths < 0 && rounded > 0 ? -rounded : rounded;
}
