import type { DataNotes } from '../../src/agents/data-notes.js';
import type { Cohort, PipelineResult } from '../../src/agents/pipeline.js';
import { type Blocks, context, escapeMrkdwn, fields, header, type SlackMessage, section, table } from '../kit/blocks.js';
import { formatAmount, formatPct, formatPeriod, plural } from '../kit/format.js';
import { alertBlocks, howComputed } from './agent-footer.js';

const days = (d: number | null) => (d === null ? '–' : `${Math.round(d)}d`);

/** `/sko pipeline`: open pipeline by stage, velocity, conversion and the bottleneck, what top performers do differently. */
export function buildPipelineMessage(result: PipelineResult & DataNotes, view: { label: string; periodLabel: string }): SlackMessage {
  const v = result.velocity;
  const blocks: Blocks = [
    header(`Pipeline · ${view.periodLabel}`),
    context(`${escapeMrkdwn(view.label)} · rates over deals closed ${formatPeriod(result.period)}`),
    ...alertBlocks(result),
    fields(
      `*Open pipeline*\n${formatAmount(result.open.value)} · ${plural(result.open.count, 'deal')}`,
      `*Win rate*\n${formatPct(v.winRate)}`,
      `*Sales cycle*\n${days(v.avgCycleDays)}`,
      `*Average deal*\n${formatAmount(v.avgDealSize)}`,
      `*Sales velocity*\n${v.perDay === null ? '–' : `${formatAmount(v.perDay)} a day`}`,
    ),
  ];
  const w = result.activeWindow;
  if (w.maxAgeDays !== null) {
    blocks.push(
      context(
        `Velocity counts the ${plural(v.activeDeals, 'open deal')} no older than ${w.maxAgeDays} days (twice the median won cycle of ${w.medianWonCycleDays} days)${
          w.staleOpenDeals ? `; ${plural(w.staleOpenDeals, 'older deal')} ${w.staleOpenDeals === 1 ? 'is' : 'are'} left out as stale` : ''
        }.`,
      ),
    );
  }
  blocks.push(
    section(
      `*Open pipeline by stage*${result.stageOrder === 'age' ? ' (youngest first: no stage history imported)' : ''}\n${
        result.byStage.length
          ? table(
              ['Stage', 'Deals', 'Value', 'Avg age'],
              result.byStage.map((s) => [s.stage.slice(0, 22), String(s.count), formatAmount(s.value), days(s.avgAgeDays)]),
            )
          : '_No open deals._'
      }`,
    ),
  );
  if (result.velocityByTeam.length > 1) {
    blocks.push(
      section(
        `*Velocity by team*\n${table(
          ['Team', 'Open', 'Win', 'Avg deal', 'Cycle', 'Per day'],
          result.velocityByTeam.map((t) => [
            t.key.slice(0, 20),
            String(t.openDeals),
            formatPct(t.winRate),
            formatAmount(t.avgDealSize),
            days(t.avgCycleDays),
            formatAmount(t.perDay),
          ]),
        )}`,
      ),
    );
  }
  if (result.flow) {
    blocks.push(
      section(
        `*Stage to stage*\n${table(
          ['Stage', 'Entered', 'Moved on', 'Moved back', 'Conversion', 'Time in stage'],
          result.flow.map((f) => [
            f.stage.slice(0, 22),
            String(f.entered),
            `${f.advanced}/${f.left}`,
            String(f.regressed),
            formatPct(f.conversion),
            days(f.avgDaysInStage),
          ]),
        )}${result.regressions ? `\n${plural(result.regressions, 'move')} back to an earlier stage: each counts as leaving its stage without moving on.` : ''}`,
      ),
    );
    const b = result.bottleneck;
    if (b)
      blocks.push(
        section(
          `:construction: *Bottleneck: ${escapeMrkdwn(b.stage)}* (${b.reason}): ${formatPct(b.conversion)} of deals that left it moved on, after ${days(b.avgDaysInStage)} in it on average.`,
        ),
      );
  } else {
    blocks.push(context('No stage history: import one (`deal_id, stage, entered_date`) to see conversion, time in stage and the bottleneck.'));
  }
  const tp = result.topPerformers;
  if (tp) {
    const row = (name: string, c: Cohort) => [
      name,
      String(c.reps),
      formatPct(c.winRate),
      formatAmount(c.avgDealSize),
      days(c.avgCycleDays),
      c.coverage === null ? '–' : `${c.coverage.toFixed(1)}×`,
    ];
    blocks.push(
      section(
        `*What top performers do differently* (top quarter by won revenue)\n${table(['', 'Reps', 'Win', 'Avg deal', 'Cycle', 'Coverage'], [row('Top 25%', tp.top), row('The rest', tp.rest)])}`,
      ),
    );
  }
  blocks.push(
    howComputed({
      formula:
        'velocity = active open deals × win rate × average deal size ÷ cycle days; conversion = deals that moved on from a stage ÷ deals that left it; coverage = open pipeline ÷ won revenue.',
      asOf: result.dataAsOf,
      // The data problems are among the warnings at the top.
      warnings: [],
      clean: '',
    }),
  );
  return { text: `Pipeline: ${formatAmount(result.open.value)} open${result.bottleneck ? `, bottleneck ${result.bottleneck.stage}` : ''}`, blocks };
}
