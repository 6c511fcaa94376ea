/**
 * Changing the budget from Slack: expenses one at a time and the split by category, for those
 * PRODUCT §3 and seed 000's roles let change it. Each answer carries the figures it changed.
 */
import type { Db } from '../../../db/client.js';
import type { EventRow } from '../../../db/schema.js';
import { type Decision, decideEditBudget } from '../../domain/access.js';
import {
  BUDGET_CATEGORIES,
  type BudgetPlan,
  type BudgetPlanErrors,
  type CategoryReport,
  type Expense,
  type ExpenseErrors,
  type ExpenseInput,
} from '../../domain/budget/budget.js';
import { type BudgetSplitInput, parseBudgetSplit } from '../../domain/budget/split.js';
import { InputError } from '../../errors.js';
import { actorFor, eventFor } from '../people/access.js';
import { budgetReportFor, recordExpense, setBudgetCategory } from './budget.js';

export function budgetEditDecision(db: Db, slackUserId: string, event: EventRow): Decision {
  return decideEditBudget(actorFor(db, slackUserId, event));
}

/** The SKO, if this person may change its budget; otherwise the reason, as an error. */
export function eventForBudgetEdit(db: Db, eventId: number, slackUserId: string): EventRow {
  return eventFor(db, eventId, slackUserId, decideEditBudget);
}

export type RecordedExpense = { ok: true; expense: Expense; category: CategoryReport; asOf: string } | { ok: false; errors: ExpenseErrors };

/** Records one expense from the modal; on success, its category's figures as they now stand, as of today in the event's calendar. */
export function recordExpenseAs(db: Db, eventId: number, slackUserId: string, input: ExpenseInput, now: Date): RecordedExpense {
  return db.transaction(() => {
    const event = eventForBudgetEdit(db, eventId, slackUserId);
    const recorded = recordExpense(db, event.id, input);
    if ('errors' in recorded) return { ok: false, errors: recorded.errors };
    const report = budgetReportFor(db, event, now);
    return { ok: true, expense: recorded, category: report.categories.find((c) => c.key === recorded.category) as CategoryReport, asOf: report.asOf };
  });
}

export type SavedSplit = { ok: true; plan: BudgetPlan } | { ok: false; errors: BudgetPlanErrors };

/** Replaces the split: each category's amount, or blank to follow the template; refused whole unless it adds up. */
export function setBudgetSplitAs(db: Db, eventId: number, slackUserId: string, input: BudgetSplitInput): SavedSplit {
  return db.transaction(() => {
    const event = eventForBudgetEdit(db, eventId, slackUserId);
    const split = parseBudgetSplit(event.budgetCents, input);
    if (!split.ok) {
      if (split.errors.total) throw new InputError(split.errors.total);
      return split;
    }
    // Cleared first, so no step on the way to a valid split is checked against a half-changed one.
    for (const c of BUDGET_CATEGORIES) setBudgetCategory(db, event, c.key, null);
    for (const c of BUDGET_CATEGORIES) {
      const amount = split.overrides[c.key];
      if (amount !== undefined) setBudgetCategory(db, event, c.key, amount);
    }
    return { ok: true, plan: split.plan };
  });
}
