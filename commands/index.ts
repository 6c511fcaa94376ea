import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockButtonAction,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlashCommand,
} from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import { isUserFacing } from '../src/errors.js';
import { audiencesFor } from '../src/services/people/access.js';
import { isHandle } from '../src/services/plan/which-sko.js';
import type { SlackMessage } from '../views/kit/blocks.js';
import { AGENT_REPLY } from '../views/kit/ids.js';
import { replacePrivately, replyPrivately, sendInDm } from '../views/kit/private-reply.js';
import { buildDmPointer, buildHelpMessage, buildUnknownCommandMessage, closestCommand } from '../views/plan/help-message.js';
import { actionCommand } from './action-items/action.js';
import { actionsCommand } from './action-items/actions.js';
import { agendaCommand } from './agenda/agenda.js';
import { runOfShowCommand } from './agenda/runofshow.js';
import { budgetCommand } from './budget/budget.js';
import { checkInCommand } from './check-in/check-in.js';
import { commsCommand } from './comms/comms.js';
import { contentCommand } from './content/content.js';
import { digestCommand } from './insights/digest.js';
import { historyCommand } from './insights/history.js';
import { metricsCommand } from './insights/metrics.js';
import { briefCommand } from './narrative/brief.js';
import { adminsCommand } from './people/admins.js';
import { settingsCommand } from './people/settings.js';
import { planCommand } from './plan/plan.js';
import { setupCommand } from './plan/setup.js';
import { statusCommand } from './plan/status.js';
import { tasksCommand } from './plan/tasks.js';
import { askCommand } from './qa/ask.js';
import { compCommand } from './sales/comp.js';
import { forecastCommand } from './sales/forecast.js';
import { materialsCommand } from './sales/materials.js';
import { meCommand } from './sales/me.js';
import { perfCommand } from './sales/perf.js';
import { pipelineCommand } from './sales/pipeline.js';
import { territoryCommand } from './sales/territory.js';
import { certificationCommand } from './surveys/certification.js';
import { surveyCommand } from './surveys/survey.js';
import { travelCommand } from './travel/travel.js';
import type { CommandContext, Subcommand } from './types.js';

/** The `/sko` dispatch table: one entry per subcommand, in the order help lists them. */
const SUBCOMMANDS: Subcommand[] = [
  statusCommand,
  planCommand,
  tasksCommand,
  actionCommand,
  actionsCommand,
  commsCommand,
  surveyCommand,
  digestCommand,
  metricsCommand,
  historyCommand,
  budgetCommand,
  agendaCommand,
  meCommand,
  perfCommand,
  forecastCommand,
  pipelineCommand,
  territoryCommand,
  compCommand,
  materialsCommand,
  certificationCommand,
  setupCommand,
  settingsCommand,
  adminsCommand,
  briefCommand,
  runOfShowCommand,
  travelCommand,
  checkInCommand,
  contentCommand,
  askCommand,
];

const helpCommand: Subcommand = {
  name: 'help',
  usage: '/sko help',
  summary: 'This list',
  async run({ ack, deps, command }) {
    await ack(buildHelpMessage(shownTo(deps), audiencesFor(deps.db, command.user_id)));
  },
};

const allSubcommands = () => [...SUBCOMMANDS, helpCommand];
/** The subcommands this installation offers: the model's only when it is set up. */
const shownTo = (deps: Deps) => allSubcommands().filter((s) => s.enabled?.(deps) ?? true);

/** Every `/sko` subcommand's name: the manifest's usage hint and the README list them all. */
export const subcommandNames = (): string[] => allSubcommands().map((s) => s.name);

export function register(app: App, deps: Deps): void {
  // Routed in a global middleware rather than app.command: Bolt runs every request past each of the
  // app's listeners (about fifty matchers, each an async chain), which cost /sko's acknowledgement
  // more than the command itself. A /sko request is answered here and goes no further.
  app.use(async (args) => {
    if (!isSkoCommand(args)) return args.next();
    const { command, ack, respond } = args;
    await dispatch(deps, command, respond, async (reply) => {
      await ack(typeof reply === 'string' ? { response_type: 'ephemeral', text: reply } : reply ? { response_type: 'ephemeral', ...reply } : undefined);
    });
  });
  app.event('message', handleDirectMessage(deps));
  // The buttons under an agent's short first answer ask the same command again, for more of it.
  for (const [actionId, mode] of [
    [AGENT_REPLY.showDetails, 'details'],
    [AGENT_REPLY.download, 'csv'],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const command = {
        command: '/sko',
        text: action.value ?? '',
        user_id: body.user.id,
        user_name: body.user.name ?? body.user.username ?? '',
        team_id: body.team?.id ?? '',
        channel_id: body.channel?.id ?? '',
        response_url: body.response_url,
        trigger_id: body.trigger_id,
      } as SlashCommand;
      await dispatch(deps, command, respond, (reply) => (reply === undefined ? Promise.resolve() : replacePrivately(respond, reply)), mode);
    });
  }
}

function isSkoCommand(args: AnyMiddlewareArgs): args is SlackCommandMiddlewareArgs {
  return 'command' in args && (args as SlackCommandMiddlewareArgs).command?.command === '/sko';
}

/** What the app answers when written to in its DM: the commands people reach for first. */
const DM_WORDS = new Set(['help', 'status', 'tasks', 'me']);

/**
 * A message written to the app in its DM (its Messages tab): "help", "status", "tasks" and "me"
 * are answered there as `/sko` would answer them; anything else gets a short pointer. Files shared
 * there are the importer's (views/sales/import-dm.ts).
 */
function handleDirectMessage(deps: Deps) {
  return async ({ event }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if (event.channel_type !== 'im' || event.subtype !== undefined || 'bot_id' in event) return;
    const text = (event.text ?? '').trim();
    const word = text.split(/\s+/)[0]?.toLowerCase() ?? '';
    const inDm = (message: SlackMessage | string) => sendInDm(deps.slack, event.channel, message);
    if (!DM_WORDS.has(word)) {
      await inDm(buildDmPointer());
      return;
    }
    // A DM has no response_url: what a command would reply privately goes in the same DM, which only this person reads.
    const respond = (async (message: string | Record<string, unknown>) => {
      if (typeof message === 'string') return inDm(message);
      const { response_type: _type, replace_original: _replace, ...rest } = message;
      return inDm(rest as unknown as SlackMessage);
    }) as unknown as CommandContext['respond'];
    const command = { command: '/sko', text, user_id: event.user, channel_id: event.channel, team_id: event.team ?? '' } as SlashCommand;
    await dispatch(deps, command, respond, (reply) => (reply === undefined ? Promise.resolve() : inDm(reply)));
  };
}

async function dispatch(
  deps: Deps,
  command: SlashCommand,
  respond: CommandContext['respond'],
  ackWith: (reply?: SlackMessage | string) => Promise<void>,
  mode?: CommandContext['mode'],
): Promise<void> {
  const [name = 'help', ...words] = command.text.trim().split(/\s+/).filter(Boolean);
  const offered = shownTo(deps);
  const subcommand = offered.find((s) => s.name === name.toLowerCase());
  // `/sko status emea-fy27`: a first word that is an SKO's handle says which SKO, and is no argument.
  const handle = isHandle(deps.db, words[0]) ? words[0] : undefined;
  const args = handle ? words.slice(1) : words;
  const afterName = command.text.trim().replace(/^\S+\s*/, '');

  let acked = false;
  const context: CommandContext = {
    deps,
    command,
    args,
    text: handle ? afterName.replace(/^\S+\s*/, '') : afterName,
    ...(handle ? { handle } : {}),
    respond,
    ack: async (reply?: SlackMessage | string) => {
      acked = true;
      await ackWith(reply);
    },
    ...(mode ? { mode } : {}),
  };

  if (!subcommand) {
    await context.ack(
      buildUnknownCommandMessage(
        name,
        closestCommand(
          name,
          offered.map((s) => s.name),
        ),
        offered,
        audiencesFor(deps.db, command.user_id),
      ),
    );
    return;
  }
  try {
    await subcommand.run(context);
  } catch (error) {
    if (!isUserFacing(error)) {
      deps.logger.error(`/sko ${subcommand.name} failed for ${command.user_id}:`, error);
    }
    const message = isUserFacing(error)
      ? error.message
      : `Something went wrong running \`/sko ${subcommand.name}\`. It has been logged; please try again in a minute.`;
    if (acked) await replyPrivately(respond, message);
    else await context.ack(message);
  }
}
