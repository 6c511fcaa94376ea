import { existsSync } from 'node:fs';
import { z } from 'zod';
import { MIN_SECRET_LENGTH } from './domain/surveys/anonymity.js';
import { ConfigError, InputError } from './errors.js';

const DEFAULT_DATABASE_PATH = './data/sko.db';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

const SURVEY_KEY_HELP = `set a random secret of at least ${MIN_SECRET_LENGTH} characters (\`openssl rand -hex 32\` makes one) and keep it out of database backups; anonymous survey answers are stored under keys made with it.`;

const surveyKeySecret = z.preprocess(
  blankToUndefined,
  z.string({ error: `SURVEY_KEY_SECRET is missing: ${SURVEY_KEY_HELP}` }).min(MIN_SECRET_LENGTH, `SURVEY_KEY_SECRET is too short: ${SURVEY_KEY_HELP}`),
);

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** SKO_ADMINS: Slack member ids, separated by commas or spaces. */
const settingAdmins = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : []),
  z.array(
    z.string().regex(SLACK_USER_ID, {
      error: (issue) =>
        `SKO_ADMINS must list Slack member ids separated by commas, such as U012AB3CD,U045EF6GH (a profile's ⋮ menu → "Copy member ID"); "${String(issue.input)}" is not one.`,
    }),
  ),
);

const schema = z.object({
  SLACK_BOT_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'SLACK_BOT_TOKEN is missing: copy the Bot User OAuth Token (xoxb-…) from your app\'s "OAuth & Permissions" page.' })
      .startsWith('xoxb-', 'SLACK_BOT_TOKEN must be a bot token that starts with "xoxb-" (from "OAuth & Permissions").'),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .startsWith(
        'xapp-',
        'SLACK_APP_TOKEN must be an app-level token that starts with "xapp-" (from "Basic Information" → "App-Level Tokens", scope connections:write).',
      )
      .optional(),
  ),
  SLACK_API_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ message: 'SLACK_API_URL must be a full URL such as https://slack.com/api/.' })
      .default('https://slack.com/api/')
      .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  ),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'PORT must be a whole number between 1 and 65535.' })
      .int('PORT must be a whole number between 1 and 65535.')
      .min(1, 'PORT must be a whole number between 1 and 65535.')
      .max(65535, 'PORT must be a whole number between 1 and 65535.')
      .default(3000),
  ),
  DATABASE_PATH: z.preprocess(blankToUndefined, z.string().default(DEFAULT_DATABASE_PATH)),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === 'string' ? blankToUndefined(value.toLowerCase()) : value),
    z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` }).default('info'),
  ),
  SURVEY_KEY_SECRET: surveyKeySecret,
  SKO_ADMINS: settingAdmins,
});

const urlSetting = (name: string, example: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .url({ message: `${name} must be a full URL such as ${example}.` })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  );

/** The CRMs' live sync: each is off until its settings are given, and then needs all of them. */
const crmSchema = z.object({
  SALESFORCE_LOGIN_URL: urlSetting('SALESFORCE_LOGIN_URL', 'https://login.salesforce.com (or your My Domain URL)'),
  SALESFORCE_CLIENT_ID: optionalText,
  SALESFORCE_CLIENT_SECRET: optionalText,
  HUBSPOT_ACCESS_TOKEN: optionalText,
  HUBSPOT_API_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ message: 'HUBSPOT_API_URL must be a full URL such as https://api.hubapi.com.' })
      .default('https://api.hubapi.com')
      .transform((url) => url.replace(/\/+$/, '')),
  ),
});

/** The current Haiku (quick answers) and Sonnet (long documents); a setting overrides each. */
const DEFAULT_QUICK_MODEL = 'claude-haiku-5-5';
const DEFAULT_LONG_MODEL = 'claude-sonnet-5-5';

const SALESFORCE_SETTINGS = ['SALESFORCE_LOGIN_URL', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET'] as const;

export interface CrmConfig {
  /** A connected app's client-credentials flow; null when Salesforce sync is off. */
  readonly salesforce: { readonly loginUrl: string; readonly clientId: string; readonly clientSecret: string } | null;
  /** A private app's access token; null when HubSpot sync is off. */
  readonly hubspot: { readonly accessToken: string; readonly apiUrl: string } | null;
}

function crmProblems(env: NodeJS.ProcessEnv): { problems: string[]; crm: CrmConfig | null } {
  const parsed = crmSchema.safeParse(env);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => issue.message), crm: null };
  const e = parsed.data;
  const given = SALESFORCE_SETTINGS.filter((name) => e[name] !== undefined);
  const problems =
    given.length > 0 && given.length < SALESFORCE_SETTINGS.length
      ? SALESFORCE_SETTINGS.filter((name) => e[name] === undefined).map(
          (name) =>
            `${name} is missing: Salesforce sync needs ${SALESFORCE_SETTINGS.join(', ')} (a connected app with the client-credentials flow), or none of them to leave it off.`,
        )
      : [];
  const salesforce =
    e.SALESFORCE_LOGIN_URL && e.SALESFORCE_CLIENT_ID && e.SALESFORCE_CLIENT_SECRET
      ? Object.freeze({ loginUrl: e.SALESFORCE_LOGIN_URL, clientId: e.SALESFORCE_CLIENT_ID, clientSecret: e.SALESFORCE_CLIENT_SECRET })
      : null;
  const hubspot = e.HUBSPOT_ACCESS_TOKEN ? Object.freeze({ accessToken: e.HUBSPOT_ACCESS_TOKEN, apiUrl: e.HUBSPOT_API_URL }) : null;
  return { problems, crm: problems.length ? null : Object.freeze({ salesforce, hubspot }) };
}

/** The CRM settings alone, for the command line (which runs without Slack settings). */
export function loadCrmConfig(env: NodeJS.ProcessEnv = process.env): CrmConfig {
  const { problems, crm } = crmProblems(env);
  if (!crm) throw new ConfigError(problems);
  return crm;
}

/** The model layer (issue 21): off unless ANTHROPIC_API_KEY is set. */
const narrativeSchema = z.object({
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: urlSetting('ANTHROPIC_BASE_URL', 'https://api.anthropic.com'),
  NARRATIVE_QUICK_MODEL: z.preprocess(blankToUndefined, z.string().trim().default(DEFAULT_QUICK_MODEL)),
  NARRATIVE_LONG_MODEL: z.preprocess(blankToUndefined, z.string().trim().default(DEFAULT_LONG_MODEL)),
  NARRATIVE_INDIVIDUAL_DATA: z.preprocess(
    (value) => (typeof value === 'string' ? blankToUndefined(value.trim().toLowerCase()) : value),
    z
      .enum(['on', 'off'], { error: "NARRATIVE_INDIVIDUAL_DATA must be on or off (off keeps every individual rep's figures away from the model)." })
      .default('on'),
  ),
});

export interface NarrativeConfig {
  readonly apiKey: string;
  /** Unset: the SDK's own default (api.anthropic.com). */
  readonly baseUrl: string | undefined;
  /** For answers in a message: a story under an agent's reply, an answer in the assistant. */
  readonly quickModel: string;
  /** For long documents: the planning committee pack, the FY review outline, lessons learned. */
  readonly longModel: string;
  /** False: no individual rep's figures go to the model, and stories about one person are not offered. */
  readonly individualData: boolean;
}

function narrativeProblems(env: NodeJS.ProcessEnv): { problems: string[]; narrative: NarrativeConfig | null } {
  const parsed = narrativeSchema.safeParse(env);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => issue.message), narrative: null };
  const e = parsed.data;
  if (!e.ANTHROPIC_API_KEY) return { problems: [], narrative: null };
  return {
    problems: [],
    narrative: Object.freeze({
      apiKey: e.ANTHROPIC_API_KEY,
      baseUrl: e.ANTHROPIC_BASE_URL,
      quickModel: e.NARRATIVE_QUICK_MODEL,
      longModel: e.NARRATIVE_LONG_MODEL,
      individualData: e.NARRATIVE_INDIVIDUAL_DATA === 'on',
    }),
  };
}

const MODE_PROBLEM =
  'SLACK_SIGNING_SECRET: Set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or SLACK_SIGNING_SECRET (from "Basic Information" → "App Credentials") for HTTP mode.';

export interface Config {
  readonly slack: {
    readonly botToken: string;
    readonly signingSecret: string | undefined;
    readonly appToken: string | undefined;
    readonly apiUrl: string;
    readonly mode: 'socket' | 'http';
  };
  readonly port: number;
  readonly databasePath: string;
  readonly logLevel: LogLevel;
  /** The key of the keyed hashes that stand in for people in anonymous survey answers. */
  readonly surveyKeySecret: string;
  /** Slack member ids who are admins whatever Slack says (SKO_ADMINS). */
  readonly admins: readonly string[];
  readonly crm: CrmConfig;
  /** The model layer; null (off) unless ANTHROPIC_API_KEY is set. */
  readonly narrative: NarrativeConfig | null;
}

/** Parses the environment once; every problem is reported together, so one edit of .env fixes them all. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      });
  // Checked apart from the schema so it is reported even when other settings are wrong too.
  if (!env.SLACK_APP_TOKEN?.trim() && !env.SLACK_SIGNING_SECRET?.trim()) problems.push(MODE_PROBLEM);
  const crm = crmProblems(env);
  problems.push(...crm.problems);
  const narrative = narrativeProblems(env);
  problems.push(...narrative.problems);
  if (!parsed.success || !crm.crm || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  return Object.freeze({
    slack: Object.freeze({
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      mode: e.SLACK_APP_TOKEN ? ('socket' as const) : ('http' as const),
    }),
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    logLevel: e.LOG_LEVEL,
    surveyKeySecret: e.SURVEY_KEY_SECRET,
    admins: Object.freeze([...new Set(e.SKO_ADMINS)]),
    crm: crm.crm,
    narrative: narrative.narrative,
  });
}

/** Reads .env from the working directory, if there is one; variables already set win over it. */
export function readEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** What the command line needs: only the database, so it works without Slack credentials. */
export function loadDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
}

/** The survey key for the command line, which runs without Slack settings: null when unset. */
export function loadSurveyKeySecret(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.SURVEY_KEY_SECRET?.trim();
  if (!raw) return null;
  const parsed = surveyKeySecret.safeParse(raw);
  if (!parsed.success) throw new InputError(parsed.error.issues.map((i) => i.message).join(' '));
  return parsed.data;
}
