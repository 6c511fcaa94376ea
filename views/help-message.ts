import { context, escapeMrkdwn, section, type SlackMessage } from './blocks.js';

export function buildHelpMessage(subcommands: readonly { usage: string; summary: string }[], preface?: string): SlackMessage {
  // Usages name their arguments in angle brackets, which mrkdwn would read as links.
  const list = subcommands.map((s) => `• \`${escapeMrkdwn(s.usage)}\`: ${escapeMrkdwn(s.summary)}`).join('\n');
  return {
    text: `${preface ? `${preface} ` : ''}SKO Conductor commands: ${subcommands.map((s) => escapeMrkdwn(s.usage)).join(', ')}`,
    blocks: [section(`${preface ? `${preface}\n\n` : ''}*SKO Conductor* runs your Sales Kickoff from the first planning week to the last follow-up week.\n\n${list}`), context('Replies are visible only to you.')],
  };
}
