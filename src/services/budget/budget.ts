/**
 * The event's budget as stored: the template split with any categories set by hand, the expenses
 * recorded against it, and the report `/sko budget` and the digest show.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { budgetOverrides, type EventRow, expenses } from '../../../db/schema.js';
import {
  BUDGET_CATEGORIES,
  type BudgetCategoryKey,
  type BudgetPlan,
  type BudgetReport,
  budgetReportFromTotals,
  checkExpenseHeader,
  type Expense,
  type ExpenseInput,
  type ExpenseTotals,
  parseExpense,
  parseExpenseRows,
  planBudget,
} from '../../domain/budget/budget.js';
import { tallyAttendance } from '../../domain/comms/audience.js';
import { localDate } from '../../domain/dates.js';
import { InputError } from '../../errors.js';
import { readCsvRows } from '../csv-rows.js';
import { rsvpsOf } from '../people/attendees.js';
import { eventRoster } from '../people/people.js';
import { timelineOf } from '../plan/event-store.js';

/** Attendees whose RSVP is attending; null before anyone has answered the save-the-date. */
function confirmedAttendees(db: Db, event: EventRow): number | null {
  const answers = rsvpsOf(db, event.id);
  return answers.size === 0 ? null : tallyAttendance(eventRoster(db, event.id), answers, event.headcount).attending;
}

export function budgetPlanOf(db: Db, event: EventRow): BudgetPlan {
  const overrides: Partial<Record<BudgetCategoryKey, number>> = {};
  for (const row of db.select().from(budgetOverrides).where(eq(budgetOverrides.eventId, event.id)).all()) overrides[row.category] = row.amountCents;
  const result = planBudget(event.budgetCents, overrides);
  // Overrides are checked against the total when set; a total lowered since then falls back to the template.
  if (result.ok) return result.plan;
  const fallback = planBudget(event.budgetCents);
  if (!fallback.ok) throw new InputError(fallback.errors.total ?? 'The total budget is not valid; set it again in /sko setup.');
  return fallback.plan;
}

/** Sets (or with null, clears) one category's amount; refused, with the reason, when the plan would not add up. */
export function setBudgetCategory(db: Db, event: EventRow, category: BudgetCategoryKey, amountCents: number | null): BudgetPlan {
  return db.transaction(() => {
    const current: Partial<Record<BudgetCategoryKey, number>> = {};
    for (const row of db.select().from(budgetOverrides).where(eq(budgetOverrides.eventId, event.id)).all()) current[row.category] = row.amountCents;
    if (amountCents === null) delete current[category];
    else current[category] = amountCents;
    const result = planBudget(event.budgetCents, current);
    if (!result.ok) throw new InputError(Object.values(result.errors)[0] ?? 'That budget does not add up.', category);
    db.delete(budgetOverrides).where(eq(budgetOverrides.eventId, event.id)).run();
    const rows = BUDGET_CATEGORIES.filter((c) => current[c.key] !== undefined).map((c) => ({
      eventId: event.id,
      category: c.key,
      amountCents: current[c.key] as number,
    }));
    if (rows.length) db.insert(budgetOverrides).values(rows).run();
    return result.plan;
  });
}

/** Each category's expenses summed by the database as of `asOf` (a local date): tens of thousands of rows are not read one by one. */
function expenseTotals(db: Db, eventId: number, asOf: string): ExpenseTotals[] {
  return db.$client
    .prepare(
      `SELECT category, SUM(CASE WHEN date <= @asOf THEN amount_cents ELSE 0 END) AS actualCents,
              SUM(CASE WHEN date <= @asOf THEN 0 ELSE amount_cents END) AS committedCents, COUNT(*) AS count
         FROM expenses WHERE event_id = @eventId GROUP BY category`,
    )
    .all({ eventId, asOf }) as ExpenseTotals[];
}

export function hasExpenses(db: Db, eventId: number): boolean {
  return db.$client.prepare('SELECT 1 FROM expenses WHERE event_id = ? LIMIT 1').get(eventId) !== undefined;
}

/** Records one expense from a modal's fields; bad fields come back as one InputError per field. */
export function recordExpense(db: Db, eventId: number, input: ExpenseInput): Expense | { errors: Partial<Record<keyof ExpenseInput, string>> } {
  const result = parseExpense(input);
  if (!result.ok) return { errors: result.errors };
  db.insert(expenses)
    .values({ eventId, ...result.expense })
    .run();
  return result.expense;
}

/**
 * Imports an expenses CSV (category,vendor,amount,date,note): every row or none. A file with any bad
 * row is refused with each bad row's line number and reasons.
 */
export function importExpenses(db: Db, eventId: number, csv: string): { imported: number; totalCents: number } {
  const { header, rows } = readCsvRows(csv, 'category,vendor,amount,date,note');
  if (!header) throw new InputError('The file is empty; the first row must be: category,vendor,amount,date,note.');
  const headerProblem = checkExpenseHeader(header);
  if (headerProblem) throw new InputError(headerProblem);
  if (rows.length === 0) throw new InputError('The file has a header row but no expenses below it.');
  const names = header.map((h) => h.trim().toLowerCase());
  const inputs = rows.map(({ line, cells }) => ({ line, input: Object.fromEntries(names.map((n, i) => [n, cells[i]])) as ExpenseInput }));
  const parsed = parseExpenseRows(inputs);
  if (!parsed.ok) {
    const lines = parsed.problems.map((p) => `line ${p.line}: ${p.messages.join(' ')}`);
    throw new InputError(
      `Nothing was imported: ${parsed.problems.length} row${parsed.problems.length === 1 ? ' has' : 's have'} problems. Fix ${parsed.problems.length === 1 ? 'it' : 'them'} and import the file again.\n${lines.join('\n')}`,
    );
  }
  db.transaction(() => {
    for (const e of parsed.expenses)
      db.insert(expenses)
        .values({ eventId, ...e })
        .run();
  });
  return { imported: parsed.expenses.length, totalCents: parsed.expenses.reduce((s, e) => s + e.amountCents, 0) };
}

/**
 * The budget report as of `now`, in the event's calendar. The app has no check-in, so the people
 * who come are those whose RSVP says attending (PRODUCT §5: "RSVPs, then check-in").
 */
export function budgetReportFor(db: Db, event: EventRow, now: Date): BudgetReport {
  const timeline = timelineOf(event);
  const lastDay = timeline.eventDays[timeline.eventDays.length - 1]?.date ?? event.day1;
  const asOf = localDate(now, event.timeZone);
  return budgetReportFromTotals({
    plan: budgetPlanOf(db, event),
    totals: expenseTotals(db, event.id, asOf),
    expectedHeadcount: event.headcount,
    actualAttendees: confirmedAttendees(db, event),
    asOf,
    eventEnd: lastDay,
  });
}
