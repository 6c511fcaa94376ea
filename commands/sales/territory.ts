import { fiscalYearOf } from '../../src/agents/definitions.js';
import type { TerritoryResult } from '../../src/agents/territory.js';
import { InputError, NotFoundError } from '../../src/errors.js';
import { assertMaySetTerritoryPlan } from '../../src/services/people/access.js';
import type { WithNotes } from '../../src/services/sales/agent-jobs.js';
import { noTerritoryTarget, saveTerritorySettings, territorySettings } from '../../src/services/sales/settings.js';
import { buildTerritoryMessage } from '../../views/sales/territory-message.js';
import type { Subcommand } from '../types.js';
import { type AgentRequest, runAgentCommand } from './agent-command.js';

const usage = '/sko territory [fy2027] [target $50M] [over 10%] [ramp 0/25/50/75/100] [history 50%] [@rep | team <name>]';

export const territoryCommand: Subcommand = {
  name: 'territory',
  usage,
  summary: "Next year's quotas from the company target: by team and region, with each rep's package",
  async run(ctx) {
    let saved = false;
    await runAgentCommand<WithNotes<TerritoryResult>>(ctx, {
      what: 'territory',
      accepts: ['subject', 'period', 'territory'],
      usage,
      job(request) {
        const fiscalYear = planYear(ctx.deps.db, request);
        const { target, overAssignmentPct, ramp, historyWeightPct } = request.args;
        if (target !== null || overAssignmentPct !== null || ramp !== null || historyWeightPct !== null) {
          assertMaySetTerritoryPlan(ctx.deps.db, request.actorId);
          saveTerritorySettings(ctx.deps.db, fiscalYear, {
            ...(target === null ? {} : { targetCents: target }),
            ...(overAssignmentPct === null ? {} : { overAssignmentPct }),
            ...(ramp === null ? {} : { ramp }),
            ...(historyWeightPct === null ? {} : { historyWeightPct }),
          });
          saved = true;
        } else if (territorySettings(ctx.deps.db)?.fiscalYear !== fiscalYear) {
          throw new NotFoundError(noTerritoryTarget(fiscalYear));
        }
        return { agent: 'territory', today: request.today, fiscalYear, scope: request.auth.scope };
      },
      crunching: (request, reps) =>
        `Planning FY${planYear(ctx.deps.db, request)} quotas for ${reps === 1 && request.auth.personId === request.actorId ? 'you' : `${reps.toLocaleString('en-US')} reps`}…`,
      render: (result, { auth }) => buildTerritoryMessage(result, { label: auth.label, saved }),
    });
  },
};

/** The year asked for, else the one the saved plan is for, else next fiscal year. */
function planYear(db: Parameters<typeof territorySettings>[0], request: AgentRequest): number {
  const { period } = request.args;
  if (period.kind !== 'fiscal-year') throw new InputError(`A territory plan is for a fiscal year, e.g. \`fy2027\`.\nUsage: \`${usage}\``);
  return period.fiscalYear ?? territorySettings(db)?.fiscalYear ?? fiscalYearOf(request.today, request.calendar) + 1;
}
