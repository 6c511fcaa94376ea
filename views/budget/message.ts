import type { BudgetReport } from '../../src/domain/budget/budget.js';
import type { ChartSpec } from '../../src/domain/insights/charts.js';
import type { MessageAttachment } from '../../src/services/delivery/enqueue.js';
import { actions, button, context, header, type SlackMessage, section, table } from '../kit/blocks.js';
import { formatDate, formatMoney } from '../kit/format.js';
import { BUDGET } from '../kit/ids.js';
import { skoRef } from '../kit/sko-ref.js';

export const ADHERENCE = { within: 'within ±5%', over: 'over budget', under: 'under budget' } as const;

export function signedPct(value: number | null): string {
  if (value === null) return '–';
  return `${value > 0 ? '+' : ''}${value.toFixed(1)}%`;
}

/** `/sko budget`: planned, actual and committed by category, adherence, cost per attendee and the projection; buttons for those who may change it. */
export function buildBudgetMessage(report: BudgetReport, eventName: string, options: { mayEdit?: boolean; eventId?: number } = {}): SlackMessage {
  const ref = options.eventId === undefined ? {} : { value: skoRef(options.eventId) };
  const rows = report.categories.map((c) => [
    c.label,
    formatMoney(c.plannedCents),
    formatMoney(c.actualCents),
    formatMoney(c.committedCents),
    formatMoney(c.remainingCents),
    signedPct(c.variancePct),
    ADHERENCE[c.adherence],
  ]);
  const t = report.totals;
  rows.push([
    'Total',
    formatMoney(t.plannedCents),
    formatMoney(t.actualCents),
    formatMoney(t.committedCents),
    formatMoney(t.remainingCents),
    signedPct(t.variancePct),
    ADHERENCE[t.adherence],
  ]);
  const p = report.projection;
  const c = report.costPerAttendee;
  const perActual =
    c.perActualCents === null
      ? 'per confirmed attendee: not measured yet (RSVPs come from the save-the-date, week 6)'
      : `per confirmed attendee (${c.actualAttendees} RSVPed attending): *${formatMoney(c.perActualCents)}* ${c.perActualMeetsTarget ? ':white_check_mark:' : ':warning:'}`;
  return {
    text: `Budget for ${eventName}: ${formatMoney(t.actualCents + t.committedCents)} spent or committed of ${formatMoney(t.plannedCents)}; projected ${formatMoney(p.totalCents)} (${signedPct(p.variancePct)}, ${ADHERENCE[p.adherence]}).`,
    blocks: [
      header(`Budget: ${eventName}`),
      section(`As of ${formatDate(report.asOf)} · spent is dated on or before today, committed is dated after it.`),
      section(table(['Category', 'Planned', 'Actual', 'Committed', 'Remaining', 'Var.', 'Adherence'], rows)),
      section(`*Projection at completion:* ${formatMoney(p.totalCents)} (${signedPct(p.variancePct)} against plan, ${ADHERENCE[p.adherence]})\n${p.method}`),
      section(
        `*Cost per attendee* (target below ${formatMoney(c.targetCents)}):\n• per expected attendee (${c.expectedHeadcount}): *${formatMoney(c.perExpectedCents)}* ${c.perExpectedMeetsTarget ? ':white_check_mark:' : ':warning:'}\n• ${perActual}`,
      ),
      ...(options.mayEdit
        ? [
            {
              ...actions(
                button('Record an expense', BUDGET.recordExpense, { style: 'primary', ...ref }),
                button('Edit the budget split…', BUDGET.editSplit, ref),
              ),
              block_id: BUDGET.actionsBlock,
            },
          ]
        : []),
      context(
        options.mayEdit
          ? 'Adherence: within ±5% of plan. Record an expense here or with `/sko budget add`, and change the split with `/sko budget edit`.'
          : 'Adherence: within ±5% of plan. The logistics lead, the SKO lead and admins record the expenses and set the split.',
      ),
    ],
  };
}

/** Planned against actual and committed, by category, as a picture. */
export function budgetChart(report: { categories: { label: string; plannedCents: number; actualCents: number; committedCents: number }[] }): ChartSpec {
  const dollars = (cents: number) => Math.round(cents / 100);
  return {
    type: 'bar',
    title: 'Budget: planned against actual and committed',
    labels: report.categories.map((c) => c.label),
    series: [
      { label: 'Planned', data: report.categories.map((c) => dollars(c.plannedCents)) },
      { label: 'Actual', data: report.categories.map((c) => dollars(c.actualCents)) },
      { label: 'Committed', data: report.categories.map((c) => dollars(c.committedCents)) },
    ],
    yLabel: 'US dollars',
    stackedGroups: [['Planned'], ['Actual', 'Committed']],
  };
}

export function budgetAttachment(report: Parameters<typeof budgetChart>[0]): MessageAttachment {
  return { filename: 'budget.png', title: 'Budget: planned against actual and committed, by category', chart: budgetChart(report) };
}
