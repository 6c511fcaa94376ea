/**
 * The budget split as a form gives it: an amount per category as typed, blank for the template's
 * share. Checked as a whole, since the categories must add up to the event's total budget.
 */

import { parseAmountCents } from '../plan/setup.js';
import { BUDGET_CATEGORIES, type BudgetCategoryKey, type BudgetPlan, type BudgetPlanErrors, planBudget } from './budget.js';

export type BudgetSplitInput = Partial<Record<BudgetCategoryKey, string | null | undefined>>;
export type BudgetSplitResult = { ok: true; overrides: Partial<Record<BudgetCategoryKey, number>>; plan: BudgetPlan } | { ok: false; errors: BudgetPlanErrors };

export function parseBudgetSplit(totalCents: number, input: BudgetSplitInput): BudgetSplitResult {
  const errors: BudgetPlanErrors = {};
  const overrides: Partial<Record<BudgetCategoryKey, number>> = {};
  for (const c of BUDGET_CATEGORIES) {
    const text = input[c.key]?.trim() ?? '';
    if (!text) continue;
    const cents = parseAmountCents(text);
    if (text.startsWith('-')) errors[c.key] = 'An amount cannot be below $0; leave it blank to follow the template.';
    else if (/\.\d{3,}$/.test(text.replace(/\s*usd$/i, ''))) errors[c.key] = `"${text}" has fractions of a cent; give at most two decimals, such as 50000.50.`;
    else if (cents === null) errors[c.key] = `"${text}" is not an amount; give dollars, such as 50000 or $50,000, or leave it blank to follow the template.`;
    else overrides[c.key] = cents;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const planned = planBudget(totalCents, overrides);
  return planned.ok ? { ok: true, overrides, plan: planned.plan } : planned;
}
