import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLAYBOOK } from '../../src/domain/plan/playbook.js';
import { developersWordsInText } from '../support/plain-words.js';

const root = join(import.meta.dirname, '..', '..');

/** Commands as the demo and the README print them: in backticks, or after "as JSON:" in an agent's footer. */
function printedCommands(text: string): string[] {
  const found = [...text.matchAll(/(?:`|as JSON: )(npm run (?:sko|demo)\b[^`\n]*?)(?=`|\s{2}|\s·|$)/gm)].map((m) => (m[1] as string).trim());
  return [...new Set(found)];
}

/** `npm run demo` on a checkout, exactly as the README says (it writes ./data/demo.db), then what it suggests. */
describe('the commands the demo and the README suggest', () => {
  let output = '';
  beforeAll(() => {
    output = execFileSync('npm', ['run', 'demo', '--silent'], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  }, 180_000);

  it('the demo is short enough to read: about 300 lines', () => {
    expect(output.trimEnd().split('\n').length).toBeLessThanOrEqual(300);
    expect(output).toContain('Try it yourself on the demo data');
  });

  it("lives through last year's SKO and this year's two regional ones, then compares the three in /sko history", () => {
    const history = output.slice(output.indexOf('┌─ /sko history'));
    for (const name of ['Sales Kickoff FY26', 'Americas Kickoff FY27', 'EMEA & APAC Kickoff FY27']) expect(history).toContain(name);
    const skos = spawnSync('npm', ['run', '--silent', 'sko', '--', 'skos', '--json', '--db', './data/demo.db'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    const listed = (JSON.parse(skos.stdout) as { skos: { handle: string; archivedAt: string | null; roster: unknown }[] }).skos;
    expect(listed.map((s) => [s.handle, s.archivedAt !== null, s.roster])).toEqual([
      ['emea-apac-fy27', true, { teams: [], regions: ['EMEA', 'APAC'] }],
      ['americas-fy27', true, { teams: [], regions: ['Americas'] }],
      ['fy26', true, null],
    ]);
    // The EMEA & APAC SKO started from last year's, whose lessons its setup summary shows.
    expect(output).toContain('Lessons from Sales Kickoff FY26');
  });

  it('no Slack message, reply or App Home the demo shows names a seed, a server command or an agent code name', () => {
    // The terminal's own lines may name commands (they are for the operator); the boxes are what Slack shows.
    const slack = output.split('\n').filter((line) => /^\s*│/.test(line));
    expect(slack.length).toBeGreaterThan(100);
    expect(developersWordsInText(slack.join('\n'))).toEqual([]);
  });

  it('every command the demo and the README print for the demo data runs as printed', () => {
    const readme = printedCommands(readFileSync(join(root, 'README.md'), 'utf8')).filter((c) => c.includes('data/demo.db'));
    const hints = [...printedCommands(output), ...readme];
    expect(hints.length).toBeGreaterThanOrEqual(8);
    const failed = hints
      .map((command) => ({ command, run: spawnSync('sh', ['-c', command], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } }) }))
      .filter(({ run }) => run.status !== 0)
      .map(({ command, run }) => `${command}\n    exit ${run.status}: ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    expect(failed).toEqual([]);
  }, 240_000);

  it('the simulate it suggests shows the twelve weeks, and chases nobody for work the app did', () => {
    const command = printedCommands(output).find((c) => c.includes(' simulate '));
    expect(command).toBeDefined();
    const run = spawnSync('sh', ['-c', command as string], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(run.status).toBe(0);
    expect(Number(/(\d+) messages\./.exec(run.stdout)?.[1])).toBeGreaterThan(300);
    // A task of the app's shows up in a reminder only when the app could not do it, and then it says why.
    const appTasks = PLAYBOOK.tasks.filter((task) => task.performedBy).map((task) => task.title);
    const lines = run.stdout.split('\n');
    const named = lines.flatMap((line, i) => (appTasks.some((title) => line.includes(`● ${title}`) || line.includes(`○ ${title}`)) ? [i] : []));
    const unexplained = named.filter((i) => !lines.slice(i + 1, i + 4).some((next) => next.includes('SKO Conductor could not do it')));
    expect(unexplained.map((i) => lines[i])).toEqual([]);
    for (const sent of ['Send the save-the-date', 'Run the pre-event survey']) expect(run.stdout).not.toContain(sent);
  }, 240_000);

  it('after the demo, the scorecard it suggests has every success metric measured, with a figure, a target and a verdict', () => {
    const command = printedCommands(output).find((c) => c.includes(' metrics ') && c.includes('--json'));
    expect(command).toBeDefined();
    // Silent, so npm's own lines do not come before the JSON.
    const run = spawnSync('sh', ['-c', (command as string).replace('npm run ', 'npm run --silent ')], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.status).toBe(0);
    const results = JSON.parse(run.stdout) as { key: string; value: number | null; target: string; status: string }[];
    expect(results).toHaveLength(18);
    expect(results.filter((r) => r.status === 'not measured' || r.value === null || !r.target).map((r) => r.key)).toEqual([]);
  }, 60_000);
});
