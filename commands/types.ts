import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import type { EventRow } from '../src/services/plan/event-store.js';
import { type EventPlan, loadPlan } from '../src/services/plan/event-store.js';
import { whichSko } from '../src/services/plan/which-sko.js';
import type { SlackMessage } from '../views/kit/blocks.js';
import { buildNoEventMessage } from '../views/plan/status-message.js';
import { buildWhichSkoMessage } from '../views/plan/which-sko-message.js';

/** What a subcommand gets: the parsed call, and one way to answer it privately. */
export interface CommandContext {
  deps: Deps;
  command: SlashCommand;
  /** The words after the subcommand's name. */
  args: string[];
  /** Everything after the subcommand's name as typed, for subcommands that read free text. */
  text: string;
  /** The SKO's handle when the first word after the subcommand named one (`/sko status emea-fy27`); args and text leave it out. */
  handle?: string;
  /** Acknowledges the command; with a message, that message is the (private) reply. Call once, within 3 s. */
  ack: (reply?: SlackMessage | string) => Promise<void>;
  /** Replies privately after the acknowledgement (via the command's response_url). */
  respond: RespondFn;
  /**
   * Set when a button under an agent's short first answer asked again: 'details' for the whole
   * reply in its place, 'csv' for its tables as files in the DM. Unset for the command itself.
   */
  mode?: 'details' | 'csv';
}

export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  run(context: CommandContext): Promise<void>;
  /** False hides the subcommand from help and answers it as unknown: a feature whose settings are not given. */
  enabled?(deps: Deps): boolean;
}

/**
 * The SKO a command is about (its channel, the handle typed, or the person's own), or the reply
 * that stands in for it: how to set one up, or which SKOs there are to choose from.
 */
export function skoOf(context: CommandContext): { event: EventRow } | { reply: SlackMessage } {
  const choice = whichSko(context.deps.db, { slackUserId: context.command.user_id, channelId: context.command.channel_id, handle: context.handle });
  if (choice.kind === 'found') return { event: choice.event };
  if (choice.kind === 'none') return { reply: buildNoEventMessage() };
  return { reply: buildWhichSkoMessage(choice, context.command.text.trim().split(/\s+/)[0]?.toLowerCase() || 'status') };
}

/**
 * A subcommand that needs its SKO: without one, the reply says how to set it up (or asks which
 * SKO), and the subcommand never runs. The plan variant also loads the tasks and timeline.
 */
export function withEvent(run: (context: CommandContext, event: EventRow) => Promise<void>): Subcommand['run'] {
  return async (context) => {
    const sko = skoOf(context);
    if ('reply' in sko) return context.ack(sko.reply);
    return run(context, sko.event);
  };
}

export function withPlan(run: (context: CommandContext, plan: EventPlan) => Promise<void>): Subcommand['run'] {
  return withEvent((context, event) => run(context, loadPlan(context.deps.db, event)));
}
