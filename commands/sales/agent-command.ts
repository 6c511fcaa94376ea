import { type FiscalCalendar, fiscalYearOf, fiscalYearPeriod, type Period } from '../../src/agents/definitions.js';
import type { Deps } from '../../src/deps.js';
import type { SalesData } from '../../src/domain/access.js';
import { resultTables } from '../../src/domain/sales/result-tables.js';
import { NotFoundError } from '../../src/errors.js';
import { type StoryContext, storyAllowed } from '../../src/services/narrative/story.js';
import { type Authorization, authorizeSalesData, type SubjectRequest } from '../../src/services/people/access.js';
import { adminsToAsk, isAdmin } from '../../src/services/people/admins.js';
import { identify } from '../../src/services/people/identity.js';
import { findPersonByEmail } from '../../src/services/people/people.js';
import type { AgentJob, AgentOutput } from '../../src/services/sales/agent-jobs.js';
import { countReps, hasDeals } from '../../src/services/sales/sales-data.js';
import { fiscalCalendar } from '../../src/services/sales/settings.js';
import type { SlackMessage } from '../../views/kit/blocks.js';
import { formatPeriod, plural } from '../../views/kit/format.js';
import { replacePrivately, replyPrivately, sendFilesInDm } from '../../views/kit/private-reply.js';
import { storyButton } from '../../views/narrative/story-message.js';
import { buildBrief } from '../../views/sales/brief.js';
import { buildNoSalesDataMessage } from '../../views/sales/no-sales-data.js';
import type { CommandContext } from '../types.js';
import { type AgentArgs, type ArgKind, type PeriodArg, parseAgentArgs } from './agent-args.js';

/** What an agent command has decided before it runs: who asked, about whom, over which period. */
export interface AgentRequest {
  args: AgentArgs;
  auth: Authorization;
  actorId: number;
  today: string;
  calendar: FiscalCalendar;
  period: Period;
  /** "FY2026", or the dates of a custom range. */
  periodLabel: string;
}

export interface AgentCommandSpec<T extends AgentOutput> {
  what: SalesData;
  accepts: readonly ArgKind[];
  usage: string;
  job(request: AgentRequest): AgentJob;
  /** The acknowledgement, e.g. "Crunching FY2026 for 1,240 reps…". */
  crunching(request: AgentRequest, reps: number): string;
  render(output: T, request: AgentRequest): SlackMessage;
  /** The subcommand whose reply offers "Write the story" when the model layer is on (issue 21). */
  story?: 'perf' | 'forecast' | 'pipeline';
}

/**
 * Every agent command runs the same way: parse, find the person asking, decide through the access
 * service (a refusal goes back in the acknowledgement), acknowledge at once, run the agent in the
 * worker thread, and reply privately to the person who asked.
 */
export async function runAgentCommand<T extends AgentOutput>(ctx: CommandContext, spec: AgentCommandSpec<T>): Promise<void> {
  const { deps, command } = ctx;
  const request = await prepareAgentRequest(deps, command.user_id, ctx.args, spec);
  if (!hasDeals(deps.db)) {
    await ctx.ack(buildNoSalesDataMessage(isAdmin(deps.db, command.user_id), await adminsToAsk(deps.db, deps.slack, deps.clock.now())));
    return;
  }
  const job = spec.job(request);
  await ctx.ack(`:hourglass_flowing_sand: ${spec.crunching(request, countReps(deps.db, request.auth.scope))}`);
  const output = (await deps.agents.run(job)) as T;
  const full = spec.render(output, request);
  if (ctx.mode === 'csv') {
    const files = resultTables(FILE_NAMES[job.agent], output as unknown as Record<string, unknown>);
    if (files.length === 0) return replacePrivately(ctx.respond, 'There is no table in this reply to send.');
    await sendFilesInDm(
      deps.slack,
      command.user_id,
      files.map((f) => ({ filename: f.filename, content: f.csv })),
      `${full.text}: ${plural(files.length, 'table')} as CSV, every row.`,
    );
    return replacePrivately(
      ctx.respond,
      buildBrief(full, { value: command.text }, `:inbox_tray: Sent ${plural(files.length, 'CSV file')} to our direct message.`),
    );
  }
  const story = spec.story && deps.narrative && storyAllowed(deps.narrative, storyContext(request));
  const withStory = (message: SlackMessage): SlackMessage =>
    story ? { ...message, blocks: [...message.blocks, storyButton([spec.story, ...ctx.args].join(' '))] } : message;
  if (ctx.mode === 'details') return replacePrivately(ctx.respond, withStory(full));
  await replyPrivately(ctx.respond, withStory(buildBrief(full, { value: command.text })));
}

/** What each agent's tables are called when they are sent as files. */
const FILE_NAMES: Record<AgentJob['agent'], string> = {
  perf: 'performance',
  tracking: 'tracking',
  forecast: 'forecast',
  pipeline: 'pipeline',
  territory: 'territory-plan',
  comp: 'comp',
  me: 'my-package',
};

/** Parses the words, finds the person asking and decides through the access service: the same for a command and its story. */
export async function prepareAgentRequest(
  deps: Deps,
  userId: string,
  words: string[],
  spec: Pick<AgentCommandSpec<AgentOutput>, 'accepts' | 'usage' | 'what'>,
): Promise<AgentRequest> {
  const args = parseAgentArgs(words, spec.accepts, spec.usage);
  const actor = await identify(deps, userId);
  const subject = await subjectRequest(deps, args);
  const auth = authorizeSalesData(deps.db, actor?.id ?? null, subject, spec.what);
  const today = deps.clock.now().toISOString().slice(0, 10);
  const calendar = fiscalCalendar(deps.db);
  const { period, label } = resolvePeriod(args.period, today, calendar);
  return { args, auth, actorId: actor?.id as number, today, calendar, period, periodLabel: label };
}

/** What the model is told about whose figures these are. */
export function storyContext(request: AgentRequest): StoryContext {
  return { label: request.auth.label, aboutOnePerson: request.auth.personId !== null };
}

async function subjectRequest(deps: Deps, args: AgentArgs): Promise<SubjectRequest> {
  const { subject } = args;
  switch (subject.kind) {
    case 'default':
    case 'team':
      return subject;
    case 'slack': {
      const person = await identify(deps, subject.slackUserId);
      if (!person) throw new NotFoundError(`<@${subject.slackUserId}> is not in the sales data: an admin adds people with the people CSV.`);
      return { kind: 'person', personId: person.id };
    }
    case 'email': {
      const person = findPersonByEmail(deps.db, subject.email);
      if (!person) throw new NotFoundError(`Nobody with the email ${subject.email} is in the sales data.`);
      return { kind: 'person', personId: person.id };
    }
  }
}

/** The period asked for; with none, the fiscal year today is in. */
function resolvePeriod(arg: PeriodArg, today: string, calendar: FiscalCalendar): { period: Period; label: string } {
  if (arg.kind === 'range') return { period: { from: arg.from, to: arg.to }, label: formatPeriod(arg) };
  const fy = arg.kind === 'fiscal-year' && arg.fiscalYear !== null ? arg.fiscalYear : fiscalYearOf(today, calendar);
  const year = fiscalYearPeriod(fy, calendar);
  return arg.kind === 'to-date' ? { period: { from: year.from, to: today }, label: `FY${fy} to date` } : { period: year, label: `FY${fy}` };
}

/** "FY2026 for 1,240 reps", "FY2026 for you". */
export function crunchingLine(request: AgentRequest, reps: number): string {
  const one = request.auth.scope.kind === 'people' && request.auth.scope.ids.length === 1;
  const who = !one ? plural(reps, 'rep') : request.auth.personId === request.actorId ? 'you' : request.auth.label;
  return `${request.periodLabel} for ${who}`;
}
