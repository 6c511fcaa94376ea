import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { subcommandNames } from '../commands/index.js';

const root = join(import.meta.dirname, '..');
const read = (name: string) => readFileSync(join(root, name), 'utf8');
const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen'];

describe('the README, the manifest and the app agree', () => {
  it('the README counts the bot scopes the manifest asks for', () => {
    const scopes = (parse(read('manifest.yml')) as { oauth_config: { scopes: { bot: string[] } } }).oauth_config.scopes.bot;
    const said = /\b(\w+)\s+bot scopes\b/.exec(read('README.md'))?.[1];
    expect(said).toBe(NUMBERS[scopes.length]);
  });

  it("the manifest's usage hint and the README's Slack table name every /sko subcommand", () => {
    const manifest = parse(read('manifest.yml')) as { features: { slash_commands: { usage_hint: string }[] } };
    const hint = manifest.features.slash_commands[0]?.usage_hint ?? '';
    const hinted = hint.split('|').map((part) => part.trim().split(/\s+/)[0]);
    const readme = read('README.md');
    for (const name of subcommandNames()) {
      expect(hinted, `usage hint: ${name}`).toContain(name);
      expect(readme, `README: /sko ${name}`).toContain(`\`/sko ${name}`);
    }
  });

  it('the configuration table, .env.example and the connect steps name the same settings', () => {
    const readme = read('README.md');
    const table = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    const example = [...read('.env.example').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]).sort();
    expect(table).toEqual(example);
    const configure = /\*\*Configure\*\*:([^\n]*\n){1,3}/.exec(readme)?.[0] ?? '';
    for (const required of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SURVEY_KEY_SECRET']) expect(configure).toContain(required);
  });
});
