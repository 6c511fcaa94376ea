import type { MeResult, WithNotes } from '../../src/services/sales/agent-jobs.js';
import { type Blocks, context, divider, escapeMrkdwn, fields, header, type SlackMessage, section, table } from '../kit/blocks.js';
import { formatAmount, formatPct, plural } from '../kit/format.js';
import { alertBlocks, dataAsOfLine } from './agent-footer.js';
import { planSummary, statementBlocks } from './comp-message.js';
import { packageBlocks } from './territory-message.js';

/** `/sko me`: a rep's own package (attainment, next year's territory and quota, comp plan), for their eyes only. */
export function buildMeMessage(me: WithNotes<MeResult>): SlackMessage {
  const p = me.performance;
  const blocks: Blocks = [
    header(`Your package · ${me.person.name}`),
    context(
      `${
        [me.person.team, me.person.region]
          .filter(Boolean)
          .map((s) => escapeMrkdwn(s as string))
          .join(' · ') || 'No team yet'
      } · only you can see this`,
    ),
    ...alertBlocks(me),
    section(`*${me.fiscalYear} so far*`),
    fields(
      `*Won*\n${formatAmount(p.wonRevenue)} · ${plural(p.wonCount, 'deal')}`,
      `*Attainment*\n${p.attainment === null ? 'no quota' : `${formatPct(p.attainment)} of ${formatAmount(p.quota)}`}`,
      `*Win rate*\n${formatPct(p.winRate)}`,
      `*Open pipeline*\n${formatAmount(p.openValue)} · ${plural(p.openCount, 'deal')}`,
    ),
    section(
      table(
        ['Quarter', 'Won', 'Quota', 'Att.'],
        me.byQuarter.map((q) => [q.key, formatAmount(q.wonRevenue), formatAmount(q.quota), formatPct(q.attainment)]),
      ),
    ),
    divider(),
  ];
  if (me.territory) blocks.push(section(`*Territory and quota for ${me.territory.fiscalYear}*`), ...packageBlocks(me.territory.package));
  else blocks.push(section('*Territory and quota:* next year’s plan is not out yet.'));
  blocks.push(divider());
  const plan = me.comp.plans[0];
  if (!plan) blocks.push(section('*Comp plan:* none assigned to you yet; ask your manager.'));
  else {
    blocks.push(section(`*Your comp plan*\n${planSummary(plan.plan)}`));
    if (me.comp.statement) blocks.push(section(`*Earned in ${me.fiscalYear} so far*`), ...statementBlocks(me.comp.statement));
    else if (me.comp.noStatement) blocks.push(section(`*Earned in ${me.fiscalYear} so far:* no statement. ${escapeMrkdwn(me.comp.noStatement)}`));
    if (plan.examples.length) {
      blocks.push(
        section(
          `*What you would earn* on your ${formatAmount(plan.quota)} quota\n${table(
            ['Attainment', 'Revenue', 'Total'],
            plan.examples.map((e) => [formatPct(e.attainment), formatAmount(e.revenue), formatAmount(e.total)]),
          )}`,
        ),
      );
    }
  }
  blocks.push(context(dataAsOfLine(me), 'The steps behind every figure: `/sko comp` · your performance in detail: `/sko perf`'));
  return { text: `Your ${me.fiscalYear} package: ${formatPct(p.attainment)} of quota so far`, blocks };
}
