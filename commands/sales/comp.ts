import type { CompResult } from '../../src/agents/comp.js';
import type { WithNotes } from '../../src/services/sales/agent-jobs.js';
import { buildCompMessage } from '../../views/sales/comp-message.js';
import type { Subcommand } from '../types.js';
import { crunchingLine, runAgentCommand } from './agent-command.js';

const usage = '/sko comp [@rep] [fy2026 | --from YYYY-MM-DD --to YYYY-MM-DD]';

export const compCommand: Subcommand = {
  name: 'comp',
  usage,
  summary: 'Comp plans with worked payouts at 50–150%, and a rep’s statement for the period (only you see it)',
  run: (ctx) =>
    runAgentCommand<WithNotes<CompResult>>(ctx, {
      what: 'comp',
      accepts: ['subject', 'period'],
      usage,
      // One person (yourself, or a rep you asked about) gets a statement; a team or the company gets the plans.
      job: ({ period, auth, today }) => ({
        agent: 'comp',
        today,
        period,
        repId: auth.scope.kind === 'people' && auth.scope.ids.length === 1 ? auth.personId : null,
        scope: auth.scope,
      }),
      crunching: (request, reps) => `Working out comp for ${crunchingLine(request, reps)}…`,
      render: (result, { auth, periodLabel }) => buildCompMessage(result, { label: auth.label, periodLabel }),
    }),
};
