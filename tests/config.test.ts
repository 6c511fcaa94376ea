import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadCrmConfig, loadSurveyKeySecret } from '../src/config.js';
import { ConfigError, InputError } from '../src/errors.js';

const KEY = 'a-survey-key-of-32-characters-xx';

describe('configuration', () => {
  it('reads a complete HTTP-mode environment, with defaults for the rest', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SURVEY_KEY_SECRET: KEY });
    expect(config).toEqual({
      slack: { botToken: 'xoxb-1', signingSecret: 'secret', appToken: undefined, apiUrl: 'https://slack.com/api/', mode: 'http' },
      port: 3000,
      databasePath: './data/sko.db',
      logLevel: 'info',
      surveyKeySecret: KEY,
      admins: [],
      crm: { salesforce: null, hubspot: null },
      narrative: null,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('turns the model layer on with ANTHROPIC_API_KEY, with the current Haiku and Sonnet unless set', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SURVEY_KEY_SECRET: KEY };
    expect(loadConfig({ ...base, ANTHROPIC_API_KEY: ' ' }).narrative).toBeNull();
    expect(loadConfig({ ...base, ANTHROPIC_API_KEY: 'sk-ant-1' }).narrative).toEqual({
      apiKey: 'sk-ant-1',
      baseUrl: undefined,
      quickModel: 'claude-haiku-5-5',
      longModel: 'claude-sonnet-5-5',
      individualData: true,
    });
    const set = loadConfig({
      ...base,
      ANTHROPIC_API_KEY: 'sk-ant-1',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/',
      NARRATIVE_QUICK_MODEL: 'quick-1',
      NARRATIVE_LONG_MODEL: 'long-1',
      NARRATIVE_INDIVIDUAL_DATA: 'OFF',
    }).narrative;
    expect(set).toEqual({ apiKey: 'sk-ant-1', baseUrl: 'http://127.0.0.1:9', quickModel: 'quick-1', longModel: 'long-1', individualData: false });
    expect(() => loadConfig({ ...base, NARRATIVE_INDIVIDUAL_DATA: 'maybe' })).toThrow(
      "NARRATIVE_INDIVIDUAL_DATA must be on or off (off keeps every individual rep's figures away from the model).",
    );
  });

  it('chooses Socket Mode when an app token is set, and normalises the API URL', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      PORT: '8080',
      LOG_LEVEL: 'DEBUG',
      SURVEY_KEY_SECRET: KEY,
    });
    expect(config.slack.mode).toBe('socket');
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9/api/');
    expect(config.port).toBe(8080);
    expect(config.logLevel).toBe('debug');
  });

  it('lists every problem at once, each saying how to fix it', () => {
    let error: unknown;
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'not-a-token', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: ' ', PORT: 'eighty', LOG_LEVEL: 'loud', SLACK_API_URL: 'slack' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toContain('SLACK_BOT_TOKEN must be a bot token that starts with "xoxb-"');
    expect(problems.join('\n')).toContain('Set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or SLACK_SIGNING_SECRET');
    expect(problems.join('\n')).toContain('PORT must be a whole number');
    expect(problems.join('\n')).toContain('LOG_LEVEL must be one of debug, info, warn, error');
    expect(problems.join('\n')).toContain('SLACK_API_URL must be a full URL');
    expect(problems.join('\n')).toContain('SURVEY_KEY_SECRET is missing: set a random secret of at least 16 characters (`openssl rand -hex 32` makes one)');
  });

  it('takes PORT from 1 to 65535 only, and SKO_ADMINS as Slack member ids', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SURVEY_KEY_SECRET: KEY };
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ PORT: '0' })).toEqual(['PORT must be a whole number between 1 and 65535.']);
    expect(problems({ PORT: '65536' })).toEqual(['PORT must be a whole number between 1 and 65535.']);
    expect(loadConfig({ ...base, PORT: '1', SKO_ADMINS: ' U012AB3CD, W045EF6GH U012AB3CD ' })).toMatchObject({ port: 1, admins: ['U012AB3CD', 'W045EF6GH'] });
    expect(problems({ SKO_ADMINS: 'U012AB3CD,@dana' })).toEqual([
      'SKO_ADMINS must list Slack member ids separated by commas, such as U012AB3CD,U045EF6GH (a profile\'s ⋮ menu → "Copy member ID"); "@dana" is not one.',
    ]);
  });

  it('refuses a survey key short enough to guess, in the app and on the command line', () => {
    let error: unknown;
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SURVEY_KEY_SECRET: 'short-15-chars!' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      'SURVEY_KEY_SECRET is too short: set a random secret of at least 16 characters (`openssl rand -hex 32` makes one) and keep it out of database backups; anonymous survey answers are stored under keys made with it.',
    ]);
    expect(() => loadSurveyKeySecret({ SURVEY_KEY_SECRET: 'short-15-chars!' })).toThrow(InputError);
    expect(loadSurveyKeySecret({ SURVEY_KEY_SECRET: ` ${KEY} ` })).toBe(KEY);
    expect(loadSurveyKeySecret({})).toBeNull();
  });

  it('makes the app exit with code 1 and a plain message, no stack trace', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sko-config-'));
    const result = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(import.meta.dirname, '..', 'src', 'main.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'oops' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SKO Conductor cannot start. Fix these settings');
    expect(result.stderr).toContain('SLACK_BOT_TOKEN must be a bot token');
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the CRM sync settings', () => {
  const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SURVEY_KEY_SECRET: KEY };

  it('turns each sync on with its settings, trimming the URLs, and HubSpot’s URL defaults to HubSpot’s', () => {
    const config = loadConfig({
      ...slack,
      SALESFORCE_LOGIN_URL: 'https://acme.my.salesforce.com/',
      SALESFORCE_CLIENT_ID: 'id',
      SALESFORCE_CLIENT_SECRET: 'shh',
      HUBSPOT_ACCESS_TOKEN: 'pat-na1-x',
    });
    expect(config.crm).toEqual({
      salesforce: { loginUrl: 'https://acme.my.salesforce.com', clientId: 'id', clientSecret: 'shh' },
      hubspot: { accessToken: 'pat-na1-x', apiUrl: 'https://api.hubapi.com' },
    });
    expect(loadCrmConfig({ HUBSPOT_ACCESS_TOKEN: 't', HUBSPOT_API_URL: 'http://127.0.0.1:9' }).hubspot).toEqual({
      accessToken: 't',
      apiUrl: 'http://127.0.0.1:9',
    });
  });

  it('names each missing Salesforce setting, and a URL that is not one, together with the rest', () => {
    let error: unknown;
    try {
      loadConfig({ ...slack, SALESFORCE_CLIENT_ID: 'id', HUBSPOT_API_URL: 'hubspot' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['HUBSPOT_API_URL must be a full URL such as https://api.hubapi.com.']);
    expect(() => loadCrmConfig({ SALESFORCE_CLIENT_ID: 'id' })).toThrow(
      'SALESFORCE_LOGIN_URL is missing: Salesforce sync needs SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET (a connected app with the client-credentials flow), or none of them to leave it off.',
    );
  });
});
