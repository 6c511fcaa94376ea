import { App, HTTPReceiver, type LogLevel } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { handleSubmissionsOnce, inboundMiddleware } from './app-middleware.js';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import type { Logger } from './logger.js';
import { registerListeners } from './register.js';
import { guardRequests } from './request-guard.js';
import { ChartFiles } from './services/delivery/charts/files.js';
import { Outbox, type OutboxOptions, SLACK_CALL_DEADLINE_MS } from './services/delivery/outbox.js';
import { WebApiPacing } from './services/delivery/pacing.js';
import { slackTransport } from './services/delivery/transports.js';
import { healthRoutes } from './startup/health.js';
import type { Readiness } from './startup/slack-check.js';

export interface SlackClientOptions {
  /** Web API retries; tests turn them off to see failures at once. */
  retries?: number;
  /** Hand 429s back to the caller instead of waiting inside the client. */
  rejectRateLimited?: boolean;
  /** The process's one pacer for Slack's per-method tiers; it also holds each call to its deadline. */
  pacing?: WebApiPacing;
}

export function createSlackClient(config: Config, logger: Logger, options: SlackClientOptions = {}): WebClient {
  const pacing = options.pacing ?? new WebApiPacing({ now: Date.now, deadlineMs: SLACK_CALL_DEADLINE_MS });
  return new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    logger,
    fetch: pacing.fetch,
    ...(options.retries === undefined ? {} : { retryConfig: { retries: options.retries } }),
    ...(options.rejectRateLimited ? { rejectRateLimitedCalls: true } : {}),
  });
}

/**
 * The outbox with its own client: no retries or 429 waits inside the client for chat.postMessage,
 * since the outbox owns its pacing and retries; its other calls (chart uploads) share `pacing`.
 */
export function createOutbox(
  config: Config,
  parts: Pick<OutboxOptions, 'db' | 'clock' | 'logger'> & Partial<OutboxOptions> & { pacing?: WebApiPacing },
): Outbox {
  const { pacing: shared, ...options } = parts;
  const deadlineMs = parts.callDeadlineMs ?? SLACK_CALL_DEADLINE_MS;
  const pacing = shared ?? new WebApiPacing({ now: () => parts.clock.now().getTime(), deadlineMs, ...(parts.sleep ? { sleep: parts.sleep } : {}) });
  const client = createSlackClient(config, parts.logger, { retries: 0, rejectRateLimited: true, pacing });
  return new Outbox({ ...options, transport: slackTransport(client, new ChartFiles(parts.db, client, parts.clock, parts.logger)) });
}

/**
 * The Bolt app: Socket Mode when an app token is set, else the HTTP receiver on
 * `/slack/events` (Bolt's default path), which verifies every request's signature.
 * The bot's identity comes from the start-up check (readiness), so Bolt makes no auth.test of its
 * own, and a request that arrives before Slack accepted the token is refused rather than half-run.
 */
export function createApp(config: Config, deps: Deps, readiness: Readiness, pacing?: WebApiPacing): App {
  const common = {
    authorize: async () => {
      if (!readiness.identity) throw new Error(`not ready: ${readiness.waitingFor}`);
      return { botToken: config.slack.botToken, ...readiness.identity };
    },
    logger: deps.logger,
    logLevel: deps.logger.getLevel() as LogLevel,
    // No listener keeps conversation state: Bolt's store would be read on every request for nothing.
    convoStore: false as const,
    clientOptions: { slackApiUrl: config.slack.apiUrl, timeout: SLACK_CALL_DEADLINE_MS, ...(pacing ? { fetch: pacing.fetch } : {}) },
  };
  const app =
    config.slack.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: config.slack.appToken as string })
      : new App({ ...common, receiver: httpReceiver(config, deps, readiness) });
  handleSubmissionsOnce(app, deps);
  app.use(inboundMiddleware(deps));
  registerListeners(app, deps);
  app.error(async (error) => {
    deps.logger.error('unhandled error in a listener:', error);
  });
  return app;
}

/** Bolt's HTTP receiver, as App would make it, with the requests it mishandles refused in front of it. */
function httpReceiver(config: Config, deps: Deps, readiness: Readiness): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret as string,
    customRoutes: healthRoutes(readiness),
    logger: deps.logger,
    logLevel: deps.logger.getLevel() as LogLevel,
  });
  guardRequests(receiver, deps.logger);
  return receiver;
}
