import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import type { EventRow } from '../src/services/plan/event-store.js';
import { currentEvent, currentPlan, type EventPlan } from '../src/services/plan/event-store.js';
import type { SlackMessage } from '../views/kit/blocks.js';
import { buildNoEventMessage } from '../views/plan/status-message.js';

/** What a subcommand gets: the parsed call, and one way to answer it privately. */
export interface CommandContext {
  deps: Deps;
  command: SlashCommand;
  /** The words after the subcommand's name. */
  args: string[];
  /** Everything after the subcommand's name as typed, for subcommands that read free text. */
  text: string;
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
 * A subcommand that needs the SKO to exist: without one, the reply says how to set it up, and the
 * subcommand never runs. The plan variant also loads the tasks and timeline.
 */
export function withEvent(run: (context: CommandContext, event: EventRow) => Promise<void>): Subcommand['run'] {
  return async (context) => {
    const event = currentEvent(context.deps.db);
    if (!event) return context.ack(buildNoEventMessage());
    return run(context, event);
  };
}

export function withPlan(run: (context: CommandContext, plan: EventPlan) => Promise<void>): Subcommand['run'] {
  return async (context) => {
    const plan = currentPlan(context.deps.db);
    if (!plan) return context.ack(buildNoEventMessage());
    return run(context, plan);
  };
}
