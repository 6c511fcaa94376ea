import type { PerfResult } from '../src/agents/perf.js';
import { buildPerfMessage } from '../views/perf-message.js';
import { crunchingLine, runAgentCommand } from './agent-command.js';
import type { Subcommand } from './types.js';

const usage = '/sko perf [fy2026 | ytd | --from YYYY-MM-DD --to YYYY-MM-DD] [by rep|team|region|segment|product|quarter] [@rep | team <name>]';

export const perfCommand: Subcommand = {
  name: 'perf',
  usage,
  summary: 'Performance by rep, team, region, segment, product and quarter; top performers and coaching needs',
  run: (ctx) =>
    runAgentCommand<PerfResult>(ctx, {
      what: 'performance',
      accepts: ['subject', 'period', 'by'],
      usage,
      // The year to date is how weeks 11–12 track the new year's start: against the same dates last year.
      job: ({ period, auth, args }) => ({ agent: 'perf', period, scope: auth.scope, compareWithLastYear: args.period.kind === 'to-date' }),
      crunching: (request, reps) => `Crunching ${crunchingLine(request, reps)}…`,
      render: (result, { auth, args, periodLabel }) =>
        buildPerfMessage(result, { label: auth.label, periodLabel, by: args.by, jsonCommand: `npm run sko -- perf --from ${result.period.from} --to ${result.period.to} --json` }),
    }),
};
