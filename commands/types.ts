import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import type { SlackMessage } from '../views/blocks.js';

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
}

export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  run(context: CommandContext): Promise<void>;
}
