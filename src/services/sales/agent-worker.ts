import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../db/client.js';
import { type AgentJob, runAgentJob } from './agent-jobs.js';
import type { PlainError } from './agent-runner.js';

/**
 * The agent worker: a thread with its own SQLite connection, so folding a million deals never
 * holds up the app's event loop (acknowledgements, other commands). Jobs arrive one at a time.
 */
const db = openDatabase((workerData as { dbPath: string }).dbPath);

parentPort?.on('message', ({ id, job }: { id: number; job: AgentJob }) => {
  try {
    parentPort?.postMessage({ id, result: runAgentJob(db, job) });
  } catch (error) {
    parentPort?.postMessage({ id, error: plainError(error) });
  }
});

/** An error as plain data for postMessage, its cause chain included, so the log in the main thread can say what went wrong. */
function plainError(error: unknown, depth = 0): PlainError {
  const { name, message, stack, cause } = error instanceof Error ? error : new Error(String(error));
  return { name, message, stack, cause: cause === undefined || depth >= 4 ? undefined : plainError(cause, depth + 1) };
}
