import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Q1Impact, Q1Window } from '../../agents/q1-impact.js';
import type { ReadingChoice } from '../../domain/sales/file-conventions.js';
import type { ImportKind } from '../../domain/sales/import-formats.js';
import { InputError, NotAllowedError, NotFoundError } from '../../errors.js';
import { RequestThread, workerEntry } from '../../worker-thread.js';
import type { AgentJob, AgentOutput } from './agent-jobs.js';
import type { ImportOptions, ImportSummary } from './import/import-csv.js';
import { ImportRejected } from './import/staging.js';

/** A CSV file for the worker to import, already on disk. */
export interface FileImportJob {
  kind: ImportKind;
  path: string;
  options: ImportOptions;
}

/** The scorecard's Q1 figures to work out and store (src/services/insights/q1-figures.ts); `at` as an ISO time. */
export interface Q1FiguresJob {
  window: Q1Window;
  at: string;
}

const USER_FACING: Record<string, new (message: string) => Error> = { InputError, NotAllowedError, NotFoundError };

/**
 * Runs agent jobs and file imports in a worker thread (src/services/sales/agent-worker.ts) with its own connection to the
 * database file, started on first use and kept for the next job. Errors a person should read
 * come back as the same named errors.
 */
export class AgentRunner {
  readonly #thread: RequestThread<PlainError>;

  constructor(readonly dbPath: string) {
    this.#thread = new RequestThread('agent worker', workerEntry('agent-worker', import.meta.url), { dbPath }, (plain) => userFacing(plain) ?? revive(plain));
  }

  run(job: AgentJob): Promise<AgentOutput> {
    return this.#thread.request({ job });
  }

  /**
   * Imports a CSV file in the worker, on its connection: the file is written to a temporary file
   * first (the download stays here, with the token), so parsing, checking and writing a million
   * rows never runs on the app's event loop. Rejects with ImportRejected as importCsv does.
   */
  async importFile(kind: ImportKind, input: Readable, options: ImportOptions = {}): Promise<ImportSummary> {
    const dir = await mkdtemp(join(tmpdir(), 'sko-import-'));
    try {
      const path = join(dir, 'import.csv');
      await pipeline(input, createWriteStream(path));
      return await this.#thread.request<ImportSummary>({ importFile: { kind, path, options } satisfies FileImportJob });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Works the scorecard's Q1 figures out in the worker, which stores them. */
  q1Figures(window: Q1Window, now: Date): Promise<Q1Impact> {
    return this.#thread.request<Q1Impact>({ q1Figures: { window, at: now.toISOString() } });
  }

  close(): Promise<void> {
    return this.#thread.close();
  }
}

/** An error as it crosses from the agent worker: structured clone would drop its cause. */
export interface PlainError {
  name: string;
  message: string;
  stack: string | undefined;
  cause: PlainError | undefined;
  /** What an ImportRejected carries besides its message. */
  rejected?: { kind: ImportKind; problems: ImportRejected['problems']; badRows: number; fileProblems: string[]; undecided: ReadingChoice[] } | undefined;
}

/** The same named error a person reads, when it is one. */
function userFacing(plain: PlainError): Error | undefined {
  if (plain.rejected) {
    const { kind, problems, badRows, fileProblems, undecided } = plain.rejected;
    return new ImportRejected(kind, problems, badRows, fileProblems, undecided);
  }
  const Known = USER_FACING[plain.name];
  return Known ? new Known(plain.message) : undefined;
}

function revive(plain: PlainError): Error {
  const error = new Error(plain.message, plain.cause ? { cause: revive(plain.cause) } : undefined);
  return Object.assign(error, { name: plain.name, stack: plain.stack });
}
