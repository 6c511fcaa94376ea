import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_SHORTCUT } from '../views/kit/ids.js';

const root = join(import.meta.dirname, '..');
let schema: unknown;
let manifestText: string;
let manifest: ReturnType<typeof parse>;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The schema spells some patterns as a non-standard "regex" keyword; honour it rather than skip it.
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addKeyword({ keyword: 'regex', type: 'string', schemaType: 'string', validate: (pattern: string, data: string) => new RegExp(pattern).test(data) });
  return ajv.compile(schema as object);
}

describe('manifest.yml', () => {
  beforeAll(() => {
    // Slack's own manifest schema (slackapi/manifest-schema, MIT), copied beside the tests.
    schema = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'slack-manifest-schema.json'), 'utf8'));
    manifestText = readFileSync(join(root, 'manifest.yml'), 'utf8');
    manifest = parse(manifestText);
  });

  it("validates against Slack's app-manifest schema", () => {
    const validate = validator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked for real: a broken manifest fails the same schema', () => {
    const validate = validator();
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].command = 'sko';
    broken.display_information.background_color = 'blue';
    expect(validate(broken)).toBe(false);
  });

  it('declares /sko, the message shortcut, Socket Mode, interactivity, App Home and only the scopes the app uses, each with its reason', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/sko']);
    expect(manifest.features.slash_commands[0].usage_hint).toBeTruthy();
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'message.im']);
    // Admins share CSV files in the app's DM, so it must accept messages there.
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(manifest.features.shortcuts).toEqual([
      {
        name: 'Create action item',
        type: 'message',
        callback_id: ACTION_SHORTCUT.callbackId,
        description: 'Turn this message into an action item with an owner and a due date',
      },
    ]);
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect(scopes.sort()).toEqual([
      'canvases:write',
      'channels:history',
      'chat:write',
      'chat:write.public',
      'commands',
      'files:read',
      'files:write',
      'groups:history',
      'im:history',
      'im:write',
      'users:read',
      'users:read.email',
    ]);
    for (const entry of [...scopes, ...manifest.settings.event_subscriptions.bot_events]) {
      expect(manifestText, `a comment explains ${entry}`).toMatch(new RegExp(`#[^\\n]*\\n\\s*- ${entry.replace('.', '\\.')}\\n`));
    }
  });
});
