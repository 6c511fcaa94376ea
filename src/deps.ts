import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.js';
import type { Clock } from './clock.js';
import type { DispatchWorker } from './dispatcher.js';
import type { Logger } from './logger.js';
import type { Outbox } from './services/delivery/outbox.js';
import type { Narrator } from './services/narrative/narrator.js';
import type { AgentRunner } from './services/sales/agent-runner.js';

/** Everything a handler, job or service needs, built once in main.ts (or by a test) and passed down. */
export interface Deps {
  db: Db;
  logger: Logger;
  clock: Clock;
  /** Web API calls that answer a person directly (modals, in-place updates, App Home). */
  slack: WebClient;
  /** The one sender of messages: everything posted goes through it, once per key. */
  outbox: Outbox;
  /** Runs the analysis agents off the event loop, in a worker thread with its own connection. */
  agents: AgentRunner;
  /** The key of anonymous survey answers' keyed hashes (SURVEY_KEY_SECRET). */
  surveyKeySecret: string;
  /** Runs the minute job's dispatcher in a worker thread; without it (tests, the demo) the job dispatches in place. */
  dispatcher?: Pick<DispatchWorker, 'dispatchDue'>;
  /** The model that writes stories from the agents' figures; null when ANTHROPIC_API_KEY is not set. */
  narrative: Narrator | null;
}
