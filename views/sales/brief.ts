import type { ActionsBlock, KnownBlock, SectionBlock } from '@slack/types';
import { actions, button, context, type SlackMessage, section } from '../kit/blocks.js';
import { AGENT_REPLY } from '../kit/ids.js';

/** What fits on a phone screen before scrolling: the short first answer of every agent reply. */
const BRIEF_LINES = 5;

const isHeading = (b: KnownBlock) => b.type === 'header' || b.type === 'context';
const isAlert = (b: KnownBlock): b is SectionBlock => b.type === 'section' && (b.text?.text ?? '').startsWith(':warning:');

/** A section's lines as a reader sees them: a code block's fences are not lines. */
function linesOf(block: SectionBlock): string[] {
  if (block.fields?.length) return block.fields.map((f) => f.text.replace(/\n/, ': ').replace(/\n/g, ' '));
  return (block.text?.text ?? '').split('\n').filter((l) => l.trim() !== '' && l.trim() !== '```');
}

/**
 * An agent reply's first answer: its heading, then at most five lines (the key figures, else the
 * first section), a word on any data warnings, and a button for the rest. The full reply is what
 * "Show details" brings, so every builder keeps building the whole reply; buttons the full reply
 * ends with stay under the short one too.
 */
export function buildBrief(full: SlackMessage, details: { value: string }, note?: string): SlackMessage {
  const blocks = full.blocks;
  const firstBody = blocks.findIndex((b) => !isHeading(b));
  const heading = blocks.slice(0, firstBody === -1 ? blocks.length : firstBody);
  const alerts = blocks.filter(isAlert).flatMap(linesOf);
  const body = blocks.filter((b): b is SectionBlock => b.type === 'section' && !isAlert(b));
  const first = body.find((b) => b.fields?.length) ?? body[0];
  const room = alerts.length ? BRIEF_LINES - 1 : BRIEF_LINES;
  const lines = first ? linesOf(first).slice(0, room) : [];
  if (alerts.length)
    lines.push(`:warning: ${alerts.length === 1 ? 'One thing to know about the data' : `${alerts.length} things to know about the data`}: see the details.`);
  const code = first?.text?.text.includes('```') && !first.fields;
  const text = code
    ? `\`\`\`\n${lines.filter((l) => !l.startsWith(':warning:')).join('\n')}\n\`\`\`${alerts.length ? `\n${lines.at(-1)}` : ''}`
    : lines.join('\n');
  const own = blocks.filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements);
  const buttons = [
    button('Show details', AGENT_REPLY.showDetails, { value: details.value }),
    button('Send as CSV', AGENT_REPLY.download, { value: details.value }),
  ];
  const row: ActionsBlock = { ...actions(...buttons), block_id: AGENT_REPLY.actionsBlock };
  row.elements.push(...(own as ActionsBlock['elements']));
  return { text: full.text, blocks: [...heading, ...(text ? [section(text)] : []), row, ...(note ? [context(note)] : [])] };
}
