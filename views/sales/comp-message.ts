import type { CalcStep, CompPlan, CompResult, Payout, PlanExamples } from '../../src/agents/comp.js';
import type { DataNotes } from '../../src/agents/data-notes.js';
import { type Blocks, context, escapeMrkdwn, fields, header, type SlackMessage, section, table } from '../kit/blocks.js';
import { formatAmount, formatDate, formatExact, formatPct, formatPeriod, plural } from '../kit/format.js';
import { alertBlocks, dataAsOfLine } from './agent-footer.js';

// Each plan with its worked steps is about 2,500 characters; Slack refuses messages past about 13,000.
const PLANS_SHOWN = 3;

/** `/sko comp`: a rep's statement for the period, and each plan with worked payouts and their steps. */
export function buildCompMessage(result: CompResult & DataNotes, view: { label: string; periodLabel: string }): SlackMessage {
  const blocks: Blocks = [
    header(result.rep ? `Comp · ${result.rep.name} · ${view.periodLabel}` : `Comp plans · ${view.periodLabel}`),
    context(`${escapeMrkdwn(view.label)} · ${formatPeriod(result.period)}`),
    ...alertBlocks(result),
  ];
  if (result.rep && result.plans.length === 0)
    blocks.push(
      section(`No comp plan applies to ${escapeMrkdwn(result.rep.name)}: an admin assigns one in the comp-plans CSV (applies_to: their email, team or title).`),
    );
  if (result.statement) blocks.push(...statementBlocks(result.statement));
  else if (result.noStatement) blocks.push(section(`No statement: ${escapeMrkdwn(result.noStatement)}`));
  for (const plan of result.plans.slice(0, PLANS_SHOWN)) blocks.push(...planBlocks(plan));
  if (result.plans.length > PLANS_SHOWN) blocks.push(context(`…and ${result.plans.length - PLANS_SHOWN} more plans.`));
  blocks.push(context(dataAsOfLine(result), 'Comp figures are for you alone: this reply is visible only to you.'));
  const text = result.statement
    ? `Comp ${view.periodLabel} for ${result.rep?.name}: ${formatExact(result.statement.total)}`
    : `Comp plans: ${plural(result.plans.length, 'plan')}`;
  return { text, blocks };
}

export function statementBlocks(statement: NonNullable<CompResult['statement']>): Blocks {
  return [
    fields(
      `*Quota*\n${formatExact(statement.quota)}${statement.quotaSource === 'plan' ? ' (the plan’s)' : ''}`,
      `*Won*\n${formatExact(statement.revenue)} · ${plural(statement.wonDeals, 'deal')}`,
      `*Attainment*\n${formatPct(statement.attainment, 1)}`,
      `*Earned*\n${formatExact(statement.total)}`,
    ),
    ...(statement.employedFrom
      ? [context(`Hired ${formatDate(statement.employedFrom, { year: true })}: base, target variable and quota are prorated to the time employed.`)]
      : []),
    section(`*How it adds up*\n${steps(statement.steps)}`),
  ];
}

export function planSummary(plan: CompPlan): string {
  const tiers = plan.tiers.map((t) => `${t.toPct === null ? `${t.fromPct}%+` : `${t.fromPct}–${t.toPct}%`} at ${t.rate}×`).join(', ');
  const spiffs = plan.spiffs.map(
    (s) =>
      `${escapeMrkdwn(s.name)}: ${formatExact(s.amountCents / 100)} per won ${s.product ? `${escapeMrkdwn(s.product)} ` : ''}deal${s.minDealCents === null ? '' : ` of ${formatAmount(s.minDealCents / 100)} or more`}`,
  );
  return [
    `*${escapeMrkdwn(plan.name)}*${plan.appliesTo ? ` (for ${escapeMrkdwn(plan.appliesTo)})` : ' (for everyone without another plan)'}`,
    `OTE ${formatAmount(plan.oteCents / 100)}, ${plan.basePct}/${100 - plan.basePct} base/variable${plan.quotaCents === null ? '' : `, plan quota ${formatAmount(plan.quotaCents / 100)}`}${plan.capPct === null ? ', no cap' : `, variable capped at ${plan.capPct}%`}`,
    `Tiers: ${tiers}`,
    ...(spiffs.length ? [`SPIFFs: ${spiffs.join('; ')}`] : []),
  ].join('\n');
}

function planBlocks(entry: PlanExamples): Blocks {
  const blocks: Blocks = [section(planSummary(entry.plan))];
  if (entry.quota === 0) return [...blocks, context('No worked examples: the quota is zero, so there is no commission rate to work them with.')];
  if (entry.examples.length === 0) return [...blocks, context('No worked examples: the plan has no quota and neither does the rep.')];
  blocks.push(
    section(
      `*Worked payouts* on a ${formatAmount(entry.quota)} ${entry.quotaSource === 'rep' ? 'personal ' : ''}quota\n${table(
        ['Attainment', 'Revenue', 'Base', 'Commission', 'Total'],
        entry.examples.map((e) => [
          formatPct(e.attainment),
          formatAmount(e.revenue),
          formatAmount(e.base),
          formatAmount(e.variable) + (e.capped ? ' (cap)' : ''),
          formatAmount(e.total),
        ]),
      )}`,
    ),
    section(entry.examples.map((e) => `*At ${formatPct(e.attainment)}* (${formatExact(e.revenue)} won)\n${steps(commissionSteps(e))}`).join('\n')),
  );
  return blocks;
}

/** The steps that differ between examples: the commission, not the base. */
function commissionSteps(payout: Payout): CalcStep[] {
  return payout.steps.filter((s) => s.kind !== 'base' && s.kind !== 'target variable');
}

function steps(list: CalcStep[]): string {
  return list.map((s) => `• ${stepText(s)}`).join('\n');
}

/** One calculation step, written so a person can redo it on a calculator. */
function stepText(step: CalcStep): string {
  const share = (s: number) => (s === 1 ? '' : ` × ${formatPct(s, 1)} of the year`);
  switch (step.kind) {
    case 'base':
      return `Base: ${formatExact(step.ote)} OTE × ${step.basePct}%${share(step.share)} = ${formatExact(step.amount)}`;
    case 'target variable':
      return `Target variable: ${formatExact(step.ote)} OTE × ${step.variablePct}%${share(step.share)} = ${formatExact(step.amount)}`;
    case 'commission rate':
      return `Base commission rate: ${formatExact(step.variable)} ÷ ${formatExact(step.quota)} quota = ${formatPct(step.rate, 2)}`;
    case 'tier':
      return `${step.fromPct}–${step.toPct === null ? '∞' : step.toPct}% of quota: ${formatExact(step.revenue)} × ${formatPct(step.commissionRate, 2)} × ${step.rate} = ${formatExact(step.amount)}`;
    case 'cap':
      return step.before > step.limit
        ? `Cap at ${step.capPct}% of target variable (${formatExact(step.limit)}): ${formatExact(step.before)} → ${formatExact(step.amount)}`
        : `Cap at ${step.capPct}% of target variable (${formatExact(step.limit)}): not reached`;
    case 'spiff':
      return `SPIFF ${escapeMrkdwn(step.name)}: ${plural(step.deals, 'deal')} × ${formatExact(step.each)} = ${formatExact(step.amount)}`;
    case 'total':
      return `*Total: ${formatExact(step.base)} base + ${formatExact(step.variable)} commission${step.spiffs ? ` + ${formatExact(step.spiffs)} SPIFFs` : ''} = ${formatExact(step.amount)}*`;
  }
}
