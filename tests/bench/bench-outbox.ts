import { createOutbox } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { SLACK_POST_LIMITS } from '../../src/domain/delivery.js';
import { createLogger } from '../../src/logger.js';
import { FakeSlack } from '../support/fake-slack/server.js';

/** The app's own outbox, built from the configuration a real start would load, sending to a fake Slack; quiet, as a bench prints only its report. */
export function benchOutbox(apiUrl: string, options: Omit<Parameters<typeof createOutbox>[1], 'logger'>): ReturnType<typeof createOutbox> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'unused',
    SLACK_API_URL: apiUrl,
    SURVEY_KEY_SECRET: 'unused-survey-key-0123456789',
  });
  return createOutbox(config, { ...options, logger: createLogger('error', () => undefined) });
}

/** A fake Slack holding chat.postMessage to Slack's own published limits, on the bench's simulated clock. */
export function slackAtItsLimits(clock: Clock): Promise<FakeSlack> {
  return FakeSlack.start({
    now: () => clock.now().getTime(),
    rateLimits: {
      postMessagePerChannelPerSecond: SLACK_POST_LIMITS.perChannelPerSecond,
      postMessageBurst: SLACK_POST_LIMITS.channelBurst,
      postMessagePerMinute: SLACK_POST_LIMITS.workspacePerMinute,
      postMessageWorkspaceBurst: SLACK_POST_LIMITS.workspaceBurst,
    },
  });
}
