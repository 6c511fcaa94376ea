import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../db/client.js';
import { type AgentJob, runAgentJob } from './agent-jobs.js';

/**
 * The agent worker: a thread with its own SQLite connection, so folding a million deals never
 * holds up the app's event loop (acknowledgements, other commands). Jobs arrive one at a time.
 */
const db = openDatabase((workerData as { dbPath: string }).dbPath);

parentPort?.on('message', ({ id, job }: { id: number; job: AgentJob }) => {
  try {
    parentPort?.postMessage({ id, result: runAgentJob(db, job) });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    parentPort?.postMessage({ id, error: { name, message, stack: error instanceof Error ? error.stack : undefined } });
  }
});
