import type { SkoChoice } from '../../src/domain/plan/which-sko.js';
import type { EventRow } from '../../src/services/plan/event-store.js';
import { type SlackMessage, section } from '../kit/blocks.js';
import { NO_EVENT_TEXT } from './status-message.js';

type NotFound = Exclude<SkoChoice<EventRow>, { kind: 'found' }>;

const listed = (events: readonly EventRow[]) => events.map((e) => `*${e.name}*${e.archivedAt ? ' (archived)' : ''}: \`${e.handle}\``).join(', ');

/** Where a file or a message did not say which SKO: the SKOs to name, in a sentence. */
export function skoChoicesText(choice: NotFound): string {
  if (choice.kind === 'none') return NO_EVENT_TEXT;
  const lead = choice.kind === 'unknown-handle' ? `There is no SKO called \`${choice.handle}\`.` : 'You are in several SKOs.';
  return `${lead} Say which with its handle: ${listed(choice.choices)}.`;
}

/** The reply when a command could be about several SKOs, or names one there is not: each SKO with what to type. */
export function buildWhichSkoMessage(choice: Extract<NotFound, { kind: 'ambiguous' | 'unknown-handle' }>, subcommand: string): SlackMessage {
  const lead =
    choice.kind === 'ambiguous' ? `Which SKO do you mean? You are in ${choice.choices.length}:` : `There is no SKO called \`${choice.handle}\`. The SKOs are:`;
  const lines = choice.choices.map((e) => `• *${e.name}*${e.archivedAt ? ' (archived)' : ''}: \`/sko ${subcommand} ${e.handle}\``);
  const text = `${lead}\n${lines.join('\n')}\nIn an SKO's channel, \`/sko ${subcommand}\` is about that SKO.`;
  return { text, blocks: [section(text)] };
}
