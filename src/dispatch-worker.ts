import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/client.js';
import { renderNotice } from '../views/notices.js';
import type { LogLevel } from './config.js';
import { createLogger } from './logger.js';
import { dispatchDue, type FanoutBatch } from './services/delivery/dispatch.js';
import { workAtLowPriority } from './worker-thread.js';

/**
 * The dispatch worker: a thread with its own SQLite connection that turns what has fallen due into
 * outbox messages, so a Monday's 5,000 digests are composed beside the app's event loop, not on
 * it, and `/sko status` meanwhile answers as fast as on any other morning.
 */
/**
 * Here no request waits behind a batch, but each batch's commit moves the app's data version and so
 * empties its caches (the status, the plan): fewer, longer batches keep them warm through a Monday.
 * A batch is composed before its transaction, so a button's write in the app waits only while one
 * is stored, and a stop waits at most for the batch in hand.
 */
const WORKER_BATCH: FanoutBatch = { people: 1_000, ms: 500 };

const { dbPath, logLevel } = workerData as { dbPath: string; logLevel: LogLevel };
const db = openDatabase(dbPath);
const logger = createLogger(logLevel);
if (!workAtLowPriority()) logger.debug("the dispatch worker keeps the app's priority: this system sets none per thread");
let running: AbortController | null = null;

parentPort?.on('message', (message: { id: number; at: string; surveyKey: string | null } | { stop: true }) => {
  if ('stop' in message) {
    running?.abort();
    return;
  }
  const run = new AbortController();
  running = run;
  dispatchDue(db, new Date(message.at), renderNotice, logger, message.surveyKey, run.signal, WORKER_BATCH)
    .then(
      (result) => parentPort?.postMessage({ id: message.id, result }),
      (error: unknown) => {
        const { message: text, stack } = error instanceof Error ? error : new Error(String(error));
        parentPort?.postMessage({ id: message.id, error: { message: text, stack } });
      },
    )
    .finally(() => {
      if (running === run) running = null;
    });
});
