import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView, PlainTextOption } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import {
  BUDGET_CATEGORIES,
  type BudgetCategoryKey,
  type BudgetPlan,
  type CategoryReport,
  type Expense,
  type ExpenseField,
  expenseStatus,
} from '../../src/domain/budget/budget.js';
import type { BudgetSplitInput } from '../../src/domain/budget/split.js';
import { localDate } from '../../src/domain/dates.js';
import { isUserFacing } from '../../src/errors.js';
import { budgetPlanOf } from '../../src/services/budget/budget.js';
import { eventForBudgetEdit, recordExpenseAs, setBudgetSplitAs } from '../../src/services/budget/editing.js';
import { context, escapeMrkdwn, input, plain, section, table } from '../kit/blocks.js';
import { formatDate, formatMoney } from '../kit/format.js';
import { BUDGET } from '../kit/ids.js';
import { openModalOr } from '../kit/open-modal.js';
import { skoIdFrom, skoRef } from '../kit/sko-ref.js';
import { tellClicker } from '../kit/tell.js';
import { buildNoticeModal } from '../plan/setup-modal.js';
import { ADHERENCE, signedPct } from './message.js';

const E = BUDGET.expense;
const S = BUDGET.split;

const categoryOption = (c: (typeof BUDGET_CATEGORIES)[number]): PlainTextOption => ({ text: plain(c.label), value: c.key });

/** Record an expense: the category, who is paid, how much, when, and a note. */
function buildExpenseModal(options: { eventName: string; today: string }): ModalView {
  return {
    type: 'modal',
    callback_id: E.callbackId,
    title: plain('Record an expense'),
    submit: plain('Record'),
    close: plain('Cancel'),
    blocks: [
      context(`For ${escapeMrkdwn(options.eventName)}. Dated on or before today it counts as spent; dated later, as committed until then.`),
      input(E.blocks.category, 'Category', {
        type: 'static_select',
        action_id: E.actionId,
        options: BUDGET_CATEGORIES.map(categoryOption),
        placeholder: plain('Choose a category'),
      }),
      input(E.blocks.vendor, 'Vendor', { type: 'plain_text_input', action_id: E.actionId, max_length: 100, placeholder: plain('Hyatt Regency Chicago') }),
      input(E.blocks.amount, 'Amount (US dollars)', { type: 'plain_text_input', action_id: E.actionId, max_length: 30, placeholder: plain('12,500.50') }),
      input(
        E.blocks.date,
        'Date',
        { type: 'datepicker', action_id: E.actionId, initial_date: options.today },
        { hint: 'When it was paid, or when it falls due.' },
      ),
      input(
        E.blocks.note,
        'Note',
        { type: 'plain_text_input', action_id: E.actionId, multiline: true, max_length: 500, placeholder: plain('Deposit, 50% of the contract') },
        { optional: true },
      ),
    ],
  };
}

/** The budget split: an amount per category, blank to follow the template, against the event's total. */
function buildBudgetSplitModal(plan: BudgetPlan, eventName: string): ModalView {
  return {
    type: 'modal',
    callback_id: S.callbackId,
    title: plain('Budget split'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      section(
        `*${escapeMrkdwn(eventName)}*: total budget *${formatMoney(plan.totalCents)}* (set in \`/sko setup\`).\nSet a category's amount by hand, or leave it blank: blank categories share what the others leave, by the playbook's template.`,
      ),
      ...plan.categories.map((c) =>
        input(
          `${S.categoryPrefix}${c.key}`,
          `${c.label} (template ${c.sharePct}%)`,
          {
            type: 'plain_text_input',
            action_id: S.actionId,
            max_length: 30,
            ...(c.source === 'override' ? { initial_value: formatMoney(c.plannedCents) } : {}),
            placeholder: plain(`blank: ${formatMoney(c.plannedCents)} now`),
          },
          {
            optional: true,
            hint: c.source === 'override' ? 'Set by hand; clear it to follow the template.' : `Follows the template: ${formatMoney(c.plannedCents)} now.`,
          },
        ),
      ),
    ],
  };
}

/** A category's figures after a change, as the confirmation shows them. */
function categoryFigures(c: CategoryReport): string {
  return `*${c.label}* now: planned ${formatMoney(c.plannedCents)} · actual ${formatMoney(c.actualCents)} · committed ${formatMoney(c.committedCents)} · remaining ${formatMoney(c.remainingCents)} · ${signedPct(c.variancePct)} (${ADHERENCE[c.adherence]})`;
}

function expenseRecordedText(expense: Expense, category: CategoryReport, asOf: string): string {
  const when = expenseStatus(expense, asOf) === 'actual' ? 'spent' : 'committed';
  return `Recorded *${formatMoney(expense.amountCents)}* to ${escapeMrkdwn(expense.vendor)}, dated ${formatDate(expense.date)} (${when}).\n${categoryFigures(category)}\n\`/sko budget\` shows the whole budget.`;
}

function splitSavedText(plan: BudgetPlan): string {
  const rows = plan.categories.map((c) => [c.label, formatMoney(c.plannedCents), c.source === 'override' ? 'set' : `template ${c.sharePct}%`]);
  rows.push(['Total', formatMoney(plan.totalCents), '']);
  return `The budget split is saved.\n${table(['Category', 'Planned', 'From'], rows, { align: ['left', 'right', 'left'] })}`;
}

export type BudgetModal = 'expense' | 'split';

/** Opens one of the budget's modals for someone who may change the budget; anyone else gets `refuse` with the reason. */
export async function openBudgetModal(
  deps: Deps,
  which: BudgetModal,
  /** The SKO, or how to find it from the button (only when the modal opens, so a refusal reaches the clicker). */
  eventId: number | (() => number),
  slackUserId: string,
  triggerId: string,
  refuse: (text: string) => Promise<void>,
): Promise<void> {
  const build = (): ModalView => {
    const event = eventForBudgetEdit(deps.db, typeof eventId === 'number' ? eventId : eventId(), slackUserId);
    const modal =
      which === 'expense'
        ? buildExpenseModal({ eventName: event.name, today: localDate(deps.clock.now(), event.timeZone) })
        : buildBudgetSplitModal(budgetPlanOf(deps.db, event), event.name);
    return { ...modal, private_metadata: skoRef(event.id) };
  };
  await openModalOr(deps, triggerId, build, refuse);
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Record an expense / Edit the budget split… under `/sko budget`. */
export function handleBudgetButton(deps: Deps, which: BudgetModal) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const sko = () => skoIdFrom(action.value, { db: deps.db, userId: body.user.id, channelId: body.channel?.id });
    await openBudgetModal(deps, which, sko, body.user.id, body.trigger_id, (text) =>
      tellClicker(deps, body, respond, text, 'why the budget cannot be changed'),
    );
  };
}

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const EXPENSE_BLOCKS: Record<ExpenseField, string> = E.blocks;

/** Records the expense, or puts each problem beside its field and records nothing. */
export function handleExpenseSubmission(deps: Deps) {
  return async ({ ack, body, view }: SubmitArgs): Promise<void> => {
    const el = (block: string) => view.state.values[block]?.[E.actionId];
    try {
      const outcome = recordExpenseAs(
        deps.db,
        skoIdFrom(view.private_metadata),
        body.user.id,
        {
          category: el(E.blocks.category)?.selected_option?.value,
          vendor: el(E.blocks.vendor)?.value ?? undefined,
          amount: el(E.blocks.amount)?.value ?? undefined,
          date: el(E.blocks.date)?.selected_date ?? undefined,
          note: el(E.blocks.note)?.value ?? undefined,
        },
        deps.clock.now(),
      );
      if (!outcome.ok) {
        await ack({
          response_action: 'errors',
          errors: Object.fromEntries(Object.entries(outcome.errors).map(([field, message]) => [EXPENSE_BLOCKS[field as ExpenseField], message])),
        });
        return;
      }
      await ack({
        response_action: 'update',
        view: buildNoticeModal('Expense recorded', expenseRecordedText(outcome.expense, outcome.category, outcome.asOf)),
      });
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await ack({ response_action: 'update', view: buildNoticeModal('Not recorded', error.message) });
    }
  };
}

/** Saves the split, or puts each problem beside its category and saves nothing. */
export function handleSplitSubmission(deps: Deps) {
  return async ({ ack, body, view }: SubmitArgs): Promise<void> => {
    const input: BudgetSplitInput = Object.fromEntries(
      BUDGET_CATEGORIES.map((c) => [c.key, view.state.values[`${S.categoryPrefix}${c.key}`]?.[S.actionId]?.value ?? null]),
    );
    try {
      const outcome = setBudgetSplitAs(deps.db, skoIdFrom(view.private_metadata), body.user.id, input);
      if (!outcome.ok) {
        await ack({
          response_action: 'errors',
          errors: Object.fromEntries(Object.entries(outcome.errors).map(([key, message]) => [`${S.categoryPrefix}${key as BudgetCategoryKey}`, message])),
        });
        return;
      }
      await ack({ response_action: 'update', view: buildNoticeModal('Budget split saved', splitSavedText(outcome.plan)) });
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await ack({ response_action: 'update', view: buildNoticeModal('Not saved', error.message) });
    }
  };
}
