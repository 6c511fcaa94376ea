import type { DataNotes } from '../../src/agents/data-notes.js';
import type { Breakdown, GroupMetrics, PerfResult } from '../../src/agents/perf.js';
import type { BottomReason } from '../../src/agents/perf-ranking.js';
import { type Blocks, context, divider, escapeMrkdwn, fields, header, type SlackMessage, section, table } from '../kit/blocks.js';
import { formatAmount, formatCount, formatPct, formatPeriod, plural } from '../kit/format.js';
import { alertBlocks, dataAsOfLine } from './agent-footer.js';

export interface PerfView {
  /** Whose data: "the company", "your team", "Ann Lee". */
  label: string;
  /** "FY2026", or the dates of a custom range. */
  periodLabel: string;
  by: Breakdown | null;
  /** The command that gives every figure as JSON. */
}

const GROUPS: Record<
  Breakdown,
  { key: keyof Pick<PerfResult, 'byRep' | 'byTeam' | 'byRegion' | 'bySegment' | 'byProduct' | 'byQuarter'>; title: string; column: string }
> = {
  rep: { key: 'byRep', title: 'By rep', column: 'Rep' },
  team: { key: 'byTeam', title: 'By team', column: 'Team' },
  region: { key: 'byRegion', title: 'By region', column: 'Region' },
  segment: { key: 'bySegment', title: 'By segment', column: 'Segment' },
  product: { key: 'byProduct', title: 'By product', column: 'Product' },
  quarter: { key: 'byQuarter', title: 'By fiscal quarter', column: 'Quarter' },
};

/** `/sko perf`: the totals, top and bottom performers, the attainment spread, by team and by quarter; or one breakdown in full. */
export function buildPerfMessage(result: PerfResult & DataNotes, view: PerfView): SlackMessage {
  const t = result.totals;
  const blocks: Blocks = [
    header(`Performance · ${view.periodLabel}`),
    context(`${escapeMrkdwn(view.label)} · ${formatPeriod(result.period)}`),
    ...alertBlocks(result),
    fields(
      `*Won revenue*\n${formatAmount(t.wonRevenue)} · ${plural(t.wonCount, 'deal')}`,
      `*Attainment*\n${t.attainment === null ? 'no quotas' : `${formatPct(t.attainment)} of ${formatAmount(t.quota)}`}`,
      `*Win rate*\n${t.winRate === null ? '– (nothing closed)' : `${formatPct(t.winRate)} · ${formatCount(t.wonCount)} won, ${formatCount(t.lostCount)} lost`}`,
      `*Average deal*\n${formatAmount(t.avgDealSize)}`,
      `*Sales cycle*\n${t.avgCycleDays === null ? '–' : `${Math.round(t.avgCycleDays)} days`}`,
      `*Open pipeline*\n${formatAmount(t.openValue)} · ${plural(t.openCount, 'deal')}`,
    ),
  ];
  if (t.wonCount + t.lostCount + t.openCount === 0) blocks.push(section(`No deals closed or open in ${view.periodLabel} for ${escapeMrkdwn(view.label)}.`));
  if (result.priorYear) blocks.push(section(priorYearLine(t, result.priorYear)));

  if (view.by) {
    const group = GROUPS[view.by];
    blocks.push(section(`*${group.title}*\n${groupTable(result[group.key], group.column)}`));
  } else {
    blocks.push(divider(), ...rankings(result));
    if (result.byTeam.length > 1) blocks.push(section(`*By team*\n${groupTable(result.byTeam, 'Team')}`));
    blocks.push(section(`*By fiscal quarter*\n${groupTable(result.byQuarter, 'Quarter')}`));
  }
  if (result.overlays.length) {
    blocks.push(
      section(
        `*Overlay quotas* (each against its holder's organisation; not in the totals above)\n${result.overlays
          .map(
            (o) =>
              `• *${escapeMrkdwn(o.name)}*: ${formatAmount(o.wonRevenue)} won by ${plural(o.people, 'person', 'people')} = ${formatPct(o.attainment)} of ${formatAmount(o.quota)}`,
          )
          .join('\n')}`,
      ),
    );
  }
  if (result.unranked.length) {
    const shown = result.unranked.slice(0, 12).map((u) => `${escapeMrkdwn(u.name)} (${u.reason})`);
    blocks.push(
      context(`Not ranked: ${shown.join(', ')}${result.unranked.length > shown.length ? `, and ${result.unranked.length - shown.length} more` : ''}.`),
    );
  }
  blocks.push(
    context(
      dataAsOfLine(result),
      `Breakdowns: \`/sko perf by rep|team|region|segment|product|quarter\` · this year so far against last year: \`/sko perf ytd\``,
    ),
  );
  return {
    text: `Performance ${view.periodLabel} (${view.label}): ${formatAmount(t.wonRevenue)} won${t.attainment === null ? '' : `, ${formatPct(t.attainment)} of quota`}`,
    blocks,
  };
}

function rankings(result: PerfResult): Blocks {
  if (result.top.length === 0) return [section('*Top performers:* nobody to rank in this period.')];
  // One person's own figures are above; ranking them against nobody says nothing.
  if (result.top.length + result.bottom.length + result.unranked.length < 2) return [];
  const by = result.rankedBy === 'attainment' ? 'attainment' : 'won revenue (no quotas for this period)';
  const figure = (r: { attainment: number | null; wonRevenue: number; winRate: number | null }) =>
    `${result.rankedBy === 'attainment' ? `${formatPct(r.attainment)} of quota · ` : ''}${formatAmount(r.wonRevenue)} won · win rate ${formatPct(r.winRate)}`;
  const blocks: Blocks = [
    section(
      `:trophy: *Top performers* by ${by}: recognition and award candidates\n${result.top.map((r, i) => `${i + 1}. *${escapeMrkdwn(r.name)}* (${escapeMrkdwn(r.team)}): ${figure(r)}`).join('\n')}`,
    ),
  ];
  if (result.bottom.length) {
    blocks.push(
      section(
        `:compass: *Coaching needs*, lowest first\n${result.bottom
          .map(
            (r) =>
              `• *${escapeMrkdwn(r.name)}* (${escapeMrkdwn(r.team)}): ${figure(r)}\n   ${r.reasons.length ? r.reasons.map(reasonText).join('; ') : 'ranked lowest, though no single figure is far below the median'}`,
          )
          .join('\n')}`,
      ),
    );
  }
  if (result.rankedBy === 'attainment') {
    const total = result.attainmentDistribution.reduce((n, b) => n + b.count, 0);
    const bars = result.attainmentDistribution.map((b) => `${b.band.padStart(8)}  ${'█'.repeat(total ? Math.round((b.count / total) * 20) : 0)} ${b.count}`);
    blocks.push(section(`*Attainment distribution* (${plural(total, 'ranked rep')})\n\`\`\`\n${bars.join('\n')}\n\`\`\``));
  }
  return blocks;
}

/** The new year's start against the same dates last year. */
function priorYearLine(now: GroupMetrics, prior: NonNullable<PerfResult['priorYear']>): string {
  const change = (a: number, b: number) => (b === 0 ? '' : ` (${a >= b ? '+' : ''}${formatPct((a - b) / b)})`);
  const p = prior.totals;
  return [
    `*Against the same dates last year* (${formatPeriod(prior.period)})`,
    `Won ${formatAmount(now.wonRevenue)} against ${formatAmount(p.wonRevenue)}${change(now.wonRevenue, p.wonRevenue)} · ${formatCount(now.wonCount)} deals against ${formatCount(p.wonCount)}${change(now.wonCount, p.wonCount)}`,
    // Last year's open pipeline cannot be rebuilt from a snapshot of today's open deals: the alerts say so, and it is not compared.
    `Win rate ${formatPct(now.winRate)} against ${formatPct(p.winRate)} · open pipeline now ${formatAmount(now.openValue)}`,
  ].join('\n');
}

function reasonText(reason: BottomReason): string {
  if (reason.measure === 'openCount') {
    return `thin pipeline (${plural(reason.value ?? 0, 'open deal')} against a median of ${formatCount(reason.median)}; the open deals have no amounts)`;
  }
  const value = (v: number | null) => (reason.kind === 'low attainment' || reason.kind === 'low win rate' ? formatPct(v) : formatAmount(v));
  return `${reason.kind} (${value(reason.value)} against a median of ${value(reason.median)})`;
}

function groupTable(rows: GroupMetrics[], title: string): string {
  if (rows.length === 0) return '_Nothing in this period._';
  return table(
    [title, 'Won', 'W/L', 'Win', 'Avg deal', 'Cycle', 'Att.', 'Open'],
    rows.map((r) => [
      (r.name ?? r.key).slice(0, 22),
      formatAmount(r.wonRevenue),
      `${formatCount(r.wonCount)}/${formatCount(r.lostCount)}`,
      formatPct(r.winRate),
      formatAmount(r.avgDealSize),
      r.avgCycleDays === null ? '–' : `${Math.round(r.avgCycleDays)}d`,
      formatPct(r.attainment),
      formatAmount(r.openValue),
    ]),
  );
}
