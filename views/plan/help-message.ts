import type { SectionBlock } from '@slack/types';
import { context, escapeMrkdwn, SECTION_TEXT_LIMIT, type SlackMessage, section } from '../kit/blocks.js';

/** Lines packed into as few sections as Slack's per-section limit allows, none cut. */
function sectionsOf(lines: readonly string[]): SectionBlock[] {
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= SECTION_TEXT_LIMIT) chunks[chunks.length - 1] = `${last}\n${line}`;
    else chunks.push(line);
  }
  return chunks.map(section);
}

export function buildHelpMessage(subcommands: readonly { usage: string; summary: string }[], preface?: string): SlackMessage {
  // Usages name their arguments in angle brackets, which mrkdwn would read as links.
  const list = subcommands.map((s) => `• \`${escapeMrkdwn(s.usage)}\`: ${escapeMrkdwn(s.summary)}`);
  return {
    text: `${preface ? `${preface} ` : ''}SKO Conductor commands: ${subcommands.map((s) => escapeMrkdwn(s.usage)).join(', ')}`,
    blocks: [
      section(`${preface ? `${preface}\n\n` : ''}*SKO Conductor* runs your Sales Kickoff from the first planning week to the last follow-up week.`),
      ...sectionsOf(list),
      context('Replies are visible only to you.'),
    ],
  };
}
