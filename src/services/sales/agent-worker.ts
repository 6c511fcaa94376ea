import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../db/client.js';
import { workAtLowPriority } from '../../worker-thread.js';
import { computeQ1Impact } from '../insights/q1-figures.js';
import { type AgentJob, runAgentJob } from './agent-jobs.js';
import type { FileImportJob, PlainError, Q1FiguresJob } from './agent-runner.js';
import { importCsv } from './import/import-csv.js';
import { ImportRejected } from './import/staging.js';

/**
 * The agent worker: a thread with its own SQLite connection, so folding a million deals or
 * importing a million-row file never holds up the app's event loop (acknowledgements, other
 * commands). Agent jobs run one at a time; an import yields between its batches, so a job that
 * arrives meanwhile runs between them.
 */
const db = openDatabase((workerData as { dbPath: string }).dbPath);
workAtLowPriority();

parentPort?.on('message', (message: { id: number; job?: AgentJob; importFile?: FileImportJob; q1Figures?: Q1FiguresJob }) => {
  const { id, job, importFile, q1Figures } = message;
  if (importFile) {
    importCsv(db, importFile.kind, createReadStream(importFile.path), importFile.options).then(
      (result) => parentPort?.postMessage({ id, result }),
      (error: unknown) => parentPort?.postMessage({ id, error: plainError(error) }),
    );
    return;
  }
  try {
    const result = q1Figures ? computeQ1Impact(db, q1Figures.window, new Date(q1Figures.at)) : runAgentJob(db, job as AgentJob);
    parentPort?.postMessage({ id, result });
  } catch (error) {
    parentPort?.postMessage({ id, error: plainError(error) });
  }
});

/** An error as plain data for postMessage, its cause chain included, so the log in the main thread can say what went wrong. */
function plainError(error: unknown, depth = 0): PlainError {
  const { name, message, stack, cause } = error instanceof Error ? error : new Error(String(error));
  const rejected =
    error instanceof ImportRejected
      ? { kind: error.kind, problems: error.problems, badRows: error.badRows, fileProblems: error.fileProblems, undecided: [...error.undecided] }
      : undefined;
  return { name, message, stack, cause: cause === undefined || depth >= 4 ? undefined : plainError(cause, depth + 1), rejected };
}
