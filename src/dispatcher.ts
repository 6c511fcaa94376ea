import type { Worker } from 'node:worker_threads';
import type { LogLevel } from './config.js';
import type { DispatchReport } from './services/delivery/dispatch.js';
import { startWorker, workerEntry } from './worker-thread.js';

type Reply = { id: number; report?: DispatchReport; error?: { message: string; stack: string | undefined } };

/**
 * Runs the dispatcher (src/services/delivery/dispatch.ts) in a worker thread (src/dispatch-worker.ts)
 * with its own connection to the database file, one run at a time as the minute job asks. Started
 * on first use. An aborted signal stops the run in hand at its next safe point, as in place.
 */
export class DispatchWorker {
  #worker: Worker | undefined;
  #pending = new Map<number, { resolve: (report: DispatchReport) => void; reject: (error: Error) => void }>();
  #next = 0;

  constructor(
    readonly dbPath: string,
    readonly logLevel: LogLevel,
  ) {}

  dispatchDue(now: Date, surveyKey: string | null, signal?: AbortSignal): Promise<DispatchReport> {
    const worker = this.#ensure();
    this.#next += 1;
    const id = this.#next;
    const stop = () => worker.postMessage({ stop: true });
    signal?.addEventListener('abort', stop, { once: true });
    return new Promise<DispatchReport>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, at: now.toISOString(), surveyKey });
    }).finally(() => signal?.removeEventListener('abort', stop));
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker(workerEntry('dispatch-worker', import.meta.url), { dbPath: this.dbPath, logLevel: this.logLevel });
    worker.on('message', (reply: Reply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.error) pending.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
      else pending.resolve(reply.report as DispatchReport);
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the dispatch worker stopped (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }
}
