import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/client.js';
import { renderNotice } from '../views/notices.js';
import type { LogLevel } from './config.js';
import { createLogger } from './logger.js';
import { dispatchDue, type FanoutBatch } from './services/delivery/dispatch.js';

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

/**
 * Composing a Monday yields the processor to the thread that answers Slack: on a machine with few
 * cores, the two would otherwise take turns and a `/sko status` could wait out the composer's turn.
 * Linux sets priorities per thread, and names this thread's id in /proc/thread-self; elsewhere the
 * thread keeps the process's priority.
 */
function composeAtLowPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId)) setPriority(threadId, constants.priority.PRIORITY_LOW);
  } catch (error) {
    logger.debug("the dispatch worker keeps the app's priority:", error);
  }
}

const { dbPath, logLevel } = workerData as { dbPath: string; logLevel: LogLevel };
const db = openDatabase(dbPath);
const logger = createLogger(logLevel);
composeAtLowPriority();
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
