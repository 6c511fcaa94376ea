import type { DataNotes } from '../../src/agents/data-notes.js';
import type { ForecastResult, PlanQuarter } from '../../src/agents/forecast.js';
import { type Blocks, context, escapeMrkdwn, fields, header, type SlackMessage, section, table } from '../kit/blocks.js';
import { formatAmount, formatPct, formatPeriod } from '../kit/format.js';
import { alertBlocks, howComputed } from './agent-footer.js';

/** `/sko forecast`: history by quarter, seasonality, next year's plan, the pipeline it needs, scenarios, assumptions. */
export function buildForecastMessage(result: ForecastResult & DataNotes, view: { label: string }): SlackMessage {
  const plan = result.plan;
  const blocks: Blocks = [header(`Revenue forecast${plan ? ` · ${plan.fiscalYear}` : ''}`), context(escapeMrkdwn(view.label))];
  blocks.push(...alertBlocks(result));
  if (result.shortHistory) blocks.push(section(`:information_source: ${result.shortHistory}`));
  if (plan) {
    blocks.push(
      fields(
        `*Plan*\n${formatAmount(plan.revenue)}${plan.growthPct === null ? '' : ` (${plan.growthPct >= 0 ? '+' : ''}${plan.growthPct}%)`}`,
        `*Base (trailing year)*\n${result.base ? formatAmount(result.base.revenue) : '–'}`,
        `*Win rate*\n${formatPct(result.winRate.value)}${result.valueWinRate ? ` by deals, ${formatPct(result.valueWinRate.value)} by value` : ''}${result.winRate.over ? ` (${formatPeriod(result.winRate.over)})` : ''}`,
        `*Pipeline needed*\n${plan.pipelineNeeded === null ? '–' : `${formatAmount(plan.pipelineNeeded)} (${(plan.coverageNeeded as number).toFixed(1)}× coverage at the ${result.coverage.basis === 'value' ? 'value' : 'deal'} win rate; rule of thumb ${result.coverage.rule}×)`}`,
        `*Open pipeline now*\n${formatAmount(result.openPipeline.value)} · ${formatAmount(result.openPipeline.inPlanYear)} expected in ${plan.fiscalYear}`,
      ),
      section(`*${plan.fiscalYear} by quarter*\n${planTable(plan.byQuarter, result)}`),
    );
  } else {
    blocks.push(section('No plan: there is no full quarter of history to grow from. Give a target: `/sko forecast --target 12M`.'));
  }
  if (result.scenarios.length) {
    blocks.push(
      section(
        `*Scenarios*\n${table(
          ['Scenario', 'Growth', 'Revenue', 'Q1', 'Q2', 'Q3', 'Q4'],
          result.scenarios.map((s) => [
            s.name,
            `${s.growthPct >= 0 ? '+' : ''}${s.growthPct}%`,
            formatAmount(s.revenue),
            ...s.byQuarter.map((q) => formatAmount(q.revenue)),
          ]),
        )}`,
      ),
    );
  }
  const shown = result.history.slice(-8);
  if (shown.length) {
    blocks.push(
      section(
        `*Won revenue by fiscal quarter*${result.history.length > shown.length ? ` (last ${shown.length})` : ''}\n${table(
          ['Quarter', 'Won', 'Deals', ''],
          shown.map((q) => [q.key, formatAmount(q.wonRevenue), String(q.wonCount), q.status === 'full' ? '' : q.status]),
        )}`,
      ),
    );
  }
  blocks.push(section(`*Assumptions*\n${result.assumptions.map((a) => `• ${escapeMrkdwn(a)}`).join('\n')}`));
  blocks.push(
    howComputed({
      formula: 'plan per quarter = plan × seasonality index ÷ 4; pipeline needed = plan ÷ win rate.',
      asOf: result.dataAsOf,
      // The data problems are among the warnings at the top.
      warnings: [],
      clean: '',
    }),
  );
  return { text: plan ? `Forecast ${plan.fiscalYear}: ${formatAmount(plan.revenue)}` : 'Forecast: not enough history for a plan', blocks };
}

function planTable(quarters: PlanQuarter[], result: ForecastResult): string {
  return table(
    ['Quarter', 'Plan', 'Season', 'Pipeline needed'],
    quarters.map((q, i) => [q.key, formatAmount(q.revenue), (result.seasonality.indices[i]?.index ?? 1).toFixed(2), formatAmount(q.pipelineNeeded)]),
  );
}
