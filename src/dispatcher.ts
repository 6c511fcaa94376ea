import type { LogLevel } from './config.js';
import type { DispatchReport } from './services/delivery/dispatch.js';
import { RequestThread, workerEntry } from './worker-thread.js';

/**
 * Runs the dispatcher (src/services/delivery/dispatch.ts) in a worker thread (src/dispatch-worker.ts)
 * with its own connection to the database file, one run at a time as the minute job asks. Started
 * on first use. An aborted signal stops the run in hand at its next safe point, as in place.
 */
export class DispatchWorker {
  readonly #thread: RequestThread<{ message: string; stack: string | undefined }>;

  constructor(dbPath: string, logLevel: LogLevel) {
    this.#thread = new RequestThread('dispatch worker', workerEntry('dispatch-worker', import.meta.url), { dbPath, logLevel }, (plain) =>
      Object.assign(new Error(plain.message), { stack: plain.stack }),
    );
  }

  async dispatchDue(now: Date, surveyKey: string | null, signal?: AbortSignal): Promise<DispatchReport> {
    const stop = () => this.#thread.tell({ stop: true });
    signal?.addEventListener('abort', stop, { once: true });
    try {
      return await this.#thread.request<DispatchReport>({ at: now.toISOString(), surveyKey });
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  close(): Promise<void> {
    return this.#thread.close();
  }
}
