import type { ActionsBlock } from '@slack/types';
import type { Written } from '../../src/services/narrative/narrator.js';
import { actions, type Blocks, button, context, type SlackMessage, section } from '../kit/blocks.js';
import { NARRATIVE } from '../kit/ids.js';

/** Slack's limit on a section's text; a longer text is split at line ends. */
const SECTION_LIMIT = 3000;

/** Under an agent's reply: the button that asks for its story; `value` says which command to run again. */
export function storyButton(value: string): ActionsBlock {
  return actions(button('Write the story', NARRATIVE.writeStory, { value }));
}

/** The label and the feedback buttons every text the model wrote carries; `purpose` says which kind it was. */
export function aiTextFooter(purpose: string): Blocks {
  return [
    context(':sparkles: Written by AI from the figures; every number in it was checked against them. Check it before you share it.'),
    actions(button(':thumbsup: Useful', NARRATIVE.useful, { value: purpose }), button(':thumbsdown: Not useful', NARRATIVE.notUseful, { value: purpose })),
  ];
}

/** A long text in sections Slack accepts, split between lines. */
function textSections(text: string): Blocks {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (current && current.length + line.length + 1 > SECTION_LIMIT) {
      parts.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line.slice(0, SECTION_LIMIT);
  }
  if (current) parts.push(current);
  return parts.map(section);
}

const NOT_WRITTEN: Record<Extract<Written, { kind: 'figures-only' }>['reason'], string> = {
  unchecked:
    'The story that was written used numbers that are not in the figures, so it is not shown. The figures above are the facts; try again for a new story.',
  unavailable: 'The story could not be written just now: the writing service is busy or out of reach. The figures above stand; try again in a few minutes.',
};

/** The story of an agent's reply, or, when none passed the number check, a plain note that the figures stand alone. */
export function buildStoryMessage(written: Written, options: { title: string; purpose: string }): SlackMessage {
  if (written.kind === 'figures-only') return { text: NOT_WRITTEN[written.reason], blocks: [section(`:information_source: ${NOT_WRITTEN[written.reason]}`)] };
  return {
    text: `${options.title} (written by AI)`,
    blocks: [section(`*${options.title}*`), ...textSections(written.text), ...aiTextFooter(options.purpose)],
  };
}
