import { boxed } from '../cli/terminal.js';

/** Lines of a Slack surface the demo shows; the rest is counted, so the walkthrough reads in a few minutes. */
const LINES_SHOWN = 5;

/** A Slack surface as the demo prints it: its first lines in a box, and how many more Slack would show; a table the demo is about shows more. */
export function demoBox(title: string, body: string, shown = LINES_SHOWN): string {
  // Blank lines and heading underlines are spacing in Slack; in a short excerpt they only take room.
  const lines = body.split('\n').filter((line) => line.trim() !== '' && !/^═+$/.test(line.trim()));
  if (lines.length <= shown + 2) return boxed(title, lines.join('\n'));
  return boxed(title, [...lines.slice(0, shown), `… ${lines.length - shown} more lines in Slack`].join('\n'));
}

/** Lines of a list the demo prints before it says how many more there are. */
const LIST_SHOWN = 8;

/** Prints a list's first lines, indented, and how many more there are. */
export function printList(lines: readonly string[], print: (line: string) => void): void {
  for (const line of lines.slice(0, LIST_SHOWN)) print(`  ${line}`);
  if (lines.length > LIST_SHOWN) print(`  … and ${lines.length - LIST_SHOWN} more`);
}
