import type { PerfResult } from '../../src/agents/perf.js';
import type { TrackingResult } from '../../src/agents/tracking.js';
import type { WithNotes } from '../../src/services/sales/agent-jobs.js';
import { plural } from '../../views/kit/format.js';
import { buildPerfMessage } from '../../views/sales/perf-message.js';
import { buildTrackingMessage } from '../../views/sales/tracking-message.js';
import type { Subcommand } from '../types.js';
import { type AgentCommandSpec, crunchingLine, runAgentCommand } from './agent-command.js';

const usage = '/sko perf [fy2026 | ytd | tracking | --from YYYY-MM-DD --to YYYY-MM-DD] [by rep|team|region|segment|product|quarter] [@rep | team <name>]';

/** What `/sko perf` runs; its story (the "Write the story" button) runs the same again. */
export const perfSpec: AgentCommandSpec<WithNotes<PerfResult> | WithNotes<TrackingResult>> = {
  what: 'performance',
  accepts: ['subject', 'period', 'by', 'tracking'],
  usage,
  // The year to date is how weeks 11–12 track the new year's start: against the same dates last year; `tracking` by week, with activity.
  job: ({ period, auth, args, today }) =>
    args.tracking
      ? { agent: 'tracking', today, scope: auth.scope }
      : { agent: 'perf', today, period, scope: auth.scope, compareWithLastYear: args.period.kind === 'to-date' },
  crunching: (request, reps) =>
    request.args.tracking
      ? `Tracking this fiscal year's first weeks against last year's for ${plural(reps, 'rep')}…`
      : `Crunching ${crunchingLine(request, reps)}…`,
  render: (result, { auth, args, periodLabel }) =>
    'view' in result
      ? buildTrackingMessage(result, { label: auth.label })
      : buildPerfMessage(result, {
          label: auth.label,
          periodLabel,
          by: args.by,
        }),
  story: 'perf',
};

export const perfCommand: Subcommand = {
  name: 'perf',
  usage,
  summary: 'Performance by rep, team, region, segment, product and quarter; top performers and coaching needs; `tracking` for the new year’s first weeks',
  run: (ctx) => runAgentCommand(ctx, perfSpec),
};
