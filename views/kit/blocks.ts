import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  InputBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';

/** Small Block Kit helpers; builders stay plain objects typed by @slack/types. */
export const SECTION_TEXT_LIMIT = 3000;

export const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });
const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(truncate(text, 150)) });
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(truncate(text, SECTION_TEXT_LIMIT)) });
export const context = (...texts: string[]): ContextBlock => ({ type: 'context', elements: texts.slice(0, 10).map(mrkdwn) });
export const divider = (): DividerBlock => ({ type: 'divider' });
export const actions = (...elements: Button[]): ActionsBlock => ({ type: 'actions', elements });

/** A modal's input block: one element, a label, optionally a hint and optional. */
export function input(blockId: string, label: string, element: InputBlock['element'], options: { optional?: boolean; hint?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(truncate(label, 2000)),
    element,
    optional: options.optional ?? false,
    ...(options.hint ? { hint: plain(truncate(options.hint, 2000)) } : {}),
  };
}

export function button(text: string, actionId: string, options: { value?: string; style?: 'primary' | 'danger' } = {}): Button {
  return { type: 'button', text: plain(truncate(text, 75)), action_id: actionId, ...options };
}

/** Keeps text within a Slack limit, marking the cut so nobody mistakes it for the whole. */
export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** Escapes user-provided text for mrkdwn (Slack's three control characters). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const mention = (slackUserId: string): string => `<@${slackUserId}>`;
export const channelMention = (channelId: string): string => `<#${channelId}>`;

export type Blocks = KnownBlock[];

/** A message as every surface sends it: blocks, and the text Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: Blocks;
}

export const fields = (...texts: string[]): SectionBlock => ({ type: 'section', fields: texts.slice(0, 10).map((t) => mrkdwn(truncate(t, 2000))) });

/**
 * A fixed-width table in a code block, cut to what fits in one section (Slack's 3,000 characters),
 * with a last line saying how many rows did not fit.
 */
export function table(head: string[], rows: string[][], options: { align?: ('left' | 'right')[]; limit?: number } = {}): string {
  const all = [head, ...rows].map((r) => r.map(escapeMrkdwn));
  const widths = head.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) =>
        (options.align?.[c] ?? (c === 0 ? 'left' : 'right')) === 'left' ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number),
      )
      .join('  ')
      .trimEnd();
  const budget = (options.limit ?? SECTION_TEXT_LIMIT) - 60;
  const out = [line(all[0] as string[])];
  let used = (out[0] as string).length + 8;
  let shown = 0;
  for (const r of all.slice(1)) {
    const text = line(r);
    if (used + text.length + 1 > budget) break;
    out.push(text);
    used += text.length + 1;
    shown += 1;
  }
  if (shown < rows.length) out.push(`…and ${(rows.length - shown).toLocaleString('en-US')} more`);
  return `\`\`\`\n${out.join('\n')}\n\`\`\``;
}
