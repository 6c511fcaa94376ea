import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { StartupProblem } from './problems.js';

/** Who the bot is, from auth.test: Bolt needs it to ignore the bot's own messages. */
export interface SlackIdentity {
  botUserId: string;
  botId: string;
}

/** Where start-up stands, for /readyz: not ready until both tokens have been accepted. */
export interface Readiness {
  identity: SlackIdentity | null;
  /** Why the app is not ready yet, in a sentence. */
  waitingFor: string;
}

/** Answers that mean the token itself is wrong: retrying cannot help, the operator must change it. */
const REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'missing_scope',
  'no_permission',
  'team_access_not_granted',
  'ekm_access_denied',
  'org_login_required',
]);

const REFUSAL_HELP = {
  SLACK_BOT_TOKEN:
    'copy the Bot User OAuth Token (xoxb-…) again from your app\'s "OAuth & Permissions" page (reinstall the app there if it was uninstalled or the token revoked), then start again.',
  SLACK_APP_TOKEN:
    'generate an app-level token with the connections:write scope under "Basic Information" → "App-Level Tokens" (and turn Socket Mode on), or leave SLACK_APP_TOKEN empty for HTTP mode, then start again.',
} as const;

const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 30_000;

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e.code === ErrorCode.PlatformError ? e.data?.error : undefined;
}

/** Why there was no answer, as short as it gets, for the retry log line. */
function unreachableReason(error: unknown): string {
  const e = error as { code?: string; statusCode?: number };
  if (e.code === ErrorCode.HTTPError && e.statusCode) return `it answered HTTP ${e.statusCode}`;
  if (e.code === ErrorCode.RateLimitedError) return 'it asked to slow down';
  return 'no connection';
}

/**
 * Calls `method` until Slack answers. A refusal of the token is a StartupProblem naming the
 * setting; anything else (no network, Slack down, a proxy in the way) is logged with the URL and
 * tried again, backing off to every 30 s, until it answers or `signal` aborts.
 */
async function untilAnswered<T>(
  call: () => Promise<T>,
  url: string,
  setting: keyof typeof REFUSAL_HELP,
  readiness: Readiness,
  logger: Logger,
  signal: AbortSignal,
): Promise<T> {
  for (let delay = FIRST_RETRY_MS; ; delay = Math.min(delay * 2, LONGEST_RETRY_MS)) {
    try {
      return await call();
    } catch (error) {
      const code = errorCode(error);
      if (code && REFUSED.has(code)) throw new StartupProblem(`${setting} was refused by Slack (${code}): ${REFUSAL_HELP[setting]}`);
      readiness.waitingFor = `Slack cannot be reached at ${url} (${code ? `it answered ${code}` : unreachableReason(error)})`;
      logger.warn(`${readiness.waitingFor}; trying again in ${delay / 1000} s. Check the network or proxy, or SLACK_API_URL.`);
      await sleep(delay, undefined, { signal });
    }
  }
}

/**
 * Checks both tokens before the app takes requests: the bot token with auth.test and, in Socket
 * Mode, the app token with apps.connections.open (the call Socket Mode makes to connect).
 */
export async function checkSlack(config: Config, logger: Logger, readiness: Readiness, signal: AbortSignal): Promise<SlackIdentity> {
  // The client's own warnings would repeat the retry line below without the URL.
  const options = { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 0 }, timeout: 10_000, logger: createLogger('error') };
  const bot = new WebClient(config.slack.botToken, options);
  const auth = await untilAnswered(() => bot.auth.test(), `${config.slack.apiUrl}auth.test`, 'SLACK_BOT_TOKEN', readiness, logger, signal);
  if (config.slack.appToken) {
    const app = new WebClient(config.slack.appToken, options);
    await untilAnswered(() => app.apps.connections.open(), `${config.slack.apiUrl}apps.connections.open`, 'SLACK_APP_TOKEN', readiness, logger, signal);
  }
  return { botUserId: auth.user_id as string, botId: auth.bot_id as string };
}
