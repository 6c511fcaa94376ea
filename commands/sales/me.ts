import type { MeResult, WithNotes } from '../../src/services/sales/agent-jobs.js';
import { buildMeMessage } from '../../views/sales/me-message.js';
import type { Subcommand } from '../types.js';
import { runAgentCommand } from './agent-command.js';

export const meCommand: Subcommand = {
  name: 'me',
  usage: '/sko me',
  summary: 'Your own package: quota, territory, comp plan and attainment, only for you',
  run: (ctx) =>
    runAgentCommand<WithNotes<MeResult>>(ctx, {
      what: 'performance',
      accepts: [],
      usage: '/sko me',
      job: ({ actorId, today }) => ({ agent: 'me', personId: actorId, today }),
      crunching: (request) => `Gathering your ${request.periodLabel} package…`,
      render: (me) => buildMeMessage(me),
    }),
};
