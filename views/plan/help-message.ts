import type { SectionBlock } from '@slack/types';
import type { Audience } from '../../src/domain/access.js';
import { context, escapeMrkdwn, SECTION_TEXT_LIMIT, type SlackMessage, section } from '../kit/blocks.js';

const GROUPS: { audience: Audience; title: string; names: readonly string[] }[] = [
  { audience: 'everyone', title: 'For everyone', names: ['status', 'tasks', 'me', 'actions', 'action', 'survey', 'agenda', 'travel', 'certification', 'help'] },
  {
    audience: 'event-lead',
    title: 'For the SKO lead and the event leads',
    names: ['plan', 'comms', 'budget', 'metrics', 'history', 'digest', 'runofshow', 'checkin'],
  },
  { audience: 'sales-leader', title: 'For sales leaders and managers', names: ['perf', 'forecast', 'pipeline', 'territory', 'comp', 'materials'] },
  { audience: 'admin', title: 'For admins', names: ['setup', 'settings', 'admins'] },
];

interface HelpEntry {
  name: string;
  usage: string;
  summary: string;
}

/** The group a command is listed in; one no group names is for everyone. */
const groupOf = (name: string) => GROUPS.find((g) => g.names.includes(name)) ?? (GROUPS[0] as (typeof GROUPS)[number]);

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

const nameList = (entries: readonly HelpEntry[]) => entries.map((s) => `\`/sko ${s.name}\``).join(' · ');

/** `/sko help`: the commands for who you are, each with what it does; the others by name. */
export function buildHelpMessage(subcommands: readonly HelpEntry[], audiences: ReadonlySet<Audience>): SlackMessage {
  const lines: string[] = [];
  const others: HelpEntry[] = [];
  for (const group of GROUPS) {
    const members = subcommands.filter((s) => groupOf(s.name) === group);
    if (members.length === 0) continue;
    if (!audiences.has(group.audience)) {
      others.push(...members);
      continue;
    }
    // Usages name their arguments in angle brackets, which mrkdwn would read as links.
    lines.push(`*${group.title}*`, ...members.map((s) => `• \`${escapeMrkdwn(s.usage)}\`: ${escapeMrkdwn(s.summary)}`), '');
  }
  if (others.length) lines.push(`*Also there, for other roles:* ${nameList(others)}`);
  return {
    text: `SKO Conductor commands: ${nameList(subcommands)}`,
    blocks: [
      section('*SKO Conductor* runs your Sales Kickoff from the first planning week to the last follow-up week.'),
      ...sectionsOf(lines),
      context('Replies are visible only to you. You can also write "help", "status", "tasks" or "me" to me in a direct message.'),
    ],
  };
}

/** `/sko stauts`: the command they probably meant, and a short list rather than the whole help. */
export function buildUnknownCommandMessage(
  typed: string,
  suggestion: string | null,
  subcommands: readonly HelpEntry[],
  audiences: ReadonlySet<Audience>,
): SlackMessage {
  const own = subcommands.filter((s) => audiences.has(groupOf(s.name).audience));
  const head = suggestion ? `Did you mean \`/sko ${suggestion}\`?` : `I don't know \`/sko ${escapeMrkdwn(typed)}\`.`;
  return {
    text: head,
    blocks: [section(head), context(`Yours: ${nameList(own)}. \`/sko help\` says what each does.`)],
  };
}

/** The known name closest to what was typed (a typo, a swapped pair of letters, a prefix), if any is close. */
export function closestCommand(typed: string, names: readonly string[]): string | null {
  const word = typed.toLowerCase();
  const prefixed = names.filter((n) => word.length >= 3 && n.startsWith(word));
  if (prefixed.length === 1) return prefixed[0] as string;
  let best: { name: string; distance: number } | null = null;
  for (const name of names) {
    const distance = editDistance(word, name);
    if (distance <= Math.min(2, Math.floor(name.length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours each cost one. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Anything written to the app in its DM that it does not answer there. */
export function buildDmPointer(): SlackMessage {
  const line =
    'Here I answer *help*, *status*, *tasks* and *me*, and I import CSV files you drop in. Everything else is a `/sko` command: `/sko help` lists them.';
  return { text: line.replace(/\*/g, ''), blocks: [section(line)] };
}
