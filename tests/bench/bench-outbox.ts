import { createOutbox } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

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
