import type { DataNotes } from '../../src/agents/data-notes.js';
import type { RepPackage, TerritoryGroup, TerritoryResult } from '../../src/agents/territory.js';
import { actions, type Blocks, button, context, escapeMrkdwn, fields, header, type SlackMessage, section, table } from '../kit/blocks.js';
import { formatAmount, formatPct, formatPeriod, plural } from '../kit/format.js';
import { EXPORTS } from '../kit/ids.js';
import { alertBlocks, dataAsOfLine } from './agent-footer.js';

/** `/sko territory`: next year's quotas checked against the target, by team and region, and the reps' packages. */
export function buildTerritoryMessage(result: TerritoryResult & DataNotes, view: { label: string; saved: boolean }): SlackMessage {
  const t = result.totals;
  const p = result.parameters;
  const check = t.meetsTarget
    ? `:white_check_mark: ${formatAmount(t.assigned)} = ${formatPct(t.coverage, 1)} of target`
    : `:warning: ${formatAmount(t.assigned)}: ${formatAmount(t.target - t.assigned)} short of target`;
  const blocks: Blocks = [
    header(`Territory and quota plan · ${result.fiscalYear}`),
    context(
      `${escapeMrkdwn(view.label)} · ${formatPeriod(result.period)} · over-assignment ${p.overAssignmentPct}% · ramp ${p.ramp.join('/')}% by month from hire · ${p.historyWeightPct}% of each share from last year's results, ${100 - p.historyWeightPct}% from territory potential${view.saved ? ' · saved as the plan' : ''}`,
    ),
    ...alertBlocks(result),
    fields(
      `*Company target*\n${formatAmount(t.target)}`,
      `*Quotas to assign*\n${formatAmount(t.toAssign)} (+${p.overAssignmentPct}%)`,
      `*Assigned*\n${check}`,
      `*Reps*\n${t.reps} · ${t.capacity.toFixed(1)} at full productivity`,
    ),
  ];
  if (result.packages.length === 1) blocks.push(...packageBlocks(result.packages[0] as RepPackage));
  else {
    if (result.byTeam.length) blocks.push(section(`*By team*\n${groupTable(result.byTeam, 'Team')}`));
    if (result.byRegion.length > 1) blocks.push(section(`*By region*\n${groupTable(result.byRegion, 'Region')}`));
    if (result.packages.length) {
      blocks.push(
        section(
          `*Rep packages*\n${table(
            ['Rep', 'Team', 'Accts', 'Full quota', result.fiscalYear, 'Q1', 'Q2', 'Q3', 'Q4'],
            result.packages.map((r) => [
              r.name.slice(0, 20),
              r.team.slice(0, 14),
              String(r.accounts.length),
              formatAmount(r.fullQuota),
              formatAmount(r.quota),
              ...r.byQuarter.map((q) => formatAmount(q.quota)),
            ]),
            { align: ['left', 'left'] },
          )}`,
        ),
      );
    }
  }
  blocks.push(context(`Last year's results: ${dataAsOfLine(result)}`, `Each rep sees their own package with \`/sko me\` or \`/sko territory\`. `));
  blocks.push(actions(button('Send the CRM update files', EXPORTS.crmUpdate)));
  return { text: `Territory plan ${result.fiscalYear}: ${formatAmount(t.assigned)} of quota for a ${formatAmount(t.target)} target`, blocks };
}

/** One rep's package: their accounts, quota by quarter and ramp. */
export function packageBlocks(pkg: RepPackage): Blocks {
  const accounts = pkg.accounts.length
    ? pkg.accounts
        .slice(0, 25)
        .map((a) => `${escapeMrkdwn(a.name)}${a.potential === null ? '' : ` (${formatAmount(a.potential)})`}`)
        .join(', ') + (pkg.accounts.length > 25 ? `, and ${pkg.accounts.length - 25} more` : '')
    : '_No accounts assigned yet._';
  const ramp = pkg.ramp.length ? `\n*Ramp:* ${pkg.ramp.map((r) => `${r.month} ${r.pct}%`).join(' · ')}, then 100%` : '';
  return [
    section(
      `*${escapeMrkdwn(pkg.name)}* · ${escapeMrkdwn(pkg.team)} · ${escapeMrkdwn(pkg.region)}${pkg.hireDate ? ` · hired ${pkg.hireDate}` : ''}\n` +
        `*Quota:* ${formatAmount(pkg.quota)} this year (${formatAmount(pkg.fullQuota)} at full productivity) · ${pkg.byQuarter.map((q) => `${q.key.slice(-2)} ${formatAmount(q.quota)}`).join(' · ')}${ramp}\n` +
        `*Territory:* ${plural(pkg.accounts.length, 'account')}, ${formatAmount(pkg.potential)} potential: ${accounts}\n` +
        `*Basis:* ${formatPct(pkg.share, 1)} of the plan · last year ${formatAmount(pkg.history.wonRevenue)} won over ${plural(pkg.history.months, 'month')}`,
    ),
  ];
}

function groupTable(rows: TerritoryGroup[], title: string): string {
  return table(
    [title, 'Reps', 'Full quota', 'This year', 'Of target'],
    rows.map((g) => [g.key.slice(0, 22), String(g.reps), formatAmount(g.fullQuota), formatAmount(g.quota), formatPct(g.shareOfTarget, 1)]),
  );
}
