import { decideDraftBrief } from '../../src/domain/access.js';
import { InputError, NotAllowedError, NotFoundError } from '../../src/errors.js';
import { BRIEF_TITLES, type BriefKind, writeBrief } from '../../src/services/narrative/brief.js';
import type { StoryResult } from '../../src/services/narrative/story.js';
import { actorFor } from '../../src/services/people/access.js';
import { replyPrivately } from '../../views/kit/private-reply.js';
import { briefMarkdown, buildBriefReply, createBriefCanvas } from '../../views/narrative/brief-canvas.js';
import { prepareAgentRequest } from '../sales/agent-command.js';
import { type CommandContext, type Subcommand, withPlan } from '../types.js';
import { NARRATED } from './specs.js';

const usage = '/sko brief committee|review';

/** The agents a brief draws on; each runs with the requester's own access, and one they may not see is left out. */
const SOURCES: Record<BriefKind, readonly (keyof typeof NARRATED)[]> = {
  committee: ['perf', 'forecast'],
  review: ['perf', 'forecast', 'pipeline'],
};

const RESULT_KEY = { perf: 'performance', forecast: 'forecast', pipeline: 'pipeline' } as const;

/**
 * `/sko brief committee` drafts the week-1 planning committee pack, `/sko brief review` the FY review
 * outline, each as a canvas in the requester's DM. Only with the model layer on: without it the
 * command does not exist (the dispatcher hides it), so nothing mentions it.
 */
export const briefCommand: Subcommand = {
  name: 'brief',
  usage,
  summary: 'Draft the planning committee pack (week 1) or the FY review outline as a canvas in your DM, from the plan and the figures you may see',
  enabled: (deps) => deps.narrative !== null,
  run: withPlan(async (ctx, plan) => {
    const narrator = ctx.deps.narrative;
    const kind = ctx.args[0]?.toLowerCase();
    if (!narrator) return;
    if (kind !== 'committee' && kind !== 'review') throw new InputError(`Say which brief: \`${usage}\`.`);
    const decision = decideDraftBrief(actorFor(ctx.deps.db, ctx.command.user_id, plan.event));
    if (!decision.allowed) throw new NotAllowedError(decision.reason);
    const title = BRIEF_TITLES[kind];
    await ctx.ack(`:hourglass_flowing_sand: Drafting “${title}” from the plan and the figures you may see…`);
    const { results, salesLabel } = await gatherResults(ctx, kind);
    const written = await writeBrief(narrator, kind, { plan, salesLabel, results });
    const purpose = `brief:${kind}`;
    if (written.kind === 'text') await createBriefCanvas(ctx.deps.slack, ctx.command.user_id, title, briefMarkdown(title, written.text));
    await replyPrivately(ctx.respond, buildBriefReply(written, title, purpose));
  }),
};

async function gatherResults(ctx: CommandContext, kind: BriefKind) {
  const results: Record<'performance' | 'forecast' | 'pipeline', StoryResult | null> = { performance: null, forecast: null, pipeline: null };
  let salesLabel = 'nobody';
  for (const source of SOURCES[kind]) {
    const spec = NARRATED[source];
    try {
      const request = await prepareAgentRequest(ctx.deps, ctx.command.user_id, [], spec);
      salesLabel = request.auth.label;
      results[RESULT_KEY[source]] = (await ctx.deps.agents.run(spec.job(request))) as StoryResult;
    } catch (error) {
      // Someone not in the sales data (an event lead) still gets the pack, without figures.
      if (!(error instanceof NotFoundError) && !(error instanceof NotAllowedError)) throw error;
    }
  }
  return { results, salesLabel };
}
