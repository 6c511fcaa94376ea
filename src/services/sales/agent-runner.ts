import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, NotAllowedError, NotFoundError } from '../../errors.js';
import type { AgentJob, AgentOutput } from './agent-jobs.js';

type Pending = { resolve: (output: AgentOutput) => void; reject: (error: Error) => void };

const USER_FACING: Record<string, new (message: string) => Error> = { InputError, NotAllowedError, NotFoundError };

/**
 * Runs agent jobs in a worker thread (src/services/agent-worker.ts) with its own connection to the
 * database file, started on first use and kept for the next job. Errors a person should read
 * come back as the same named errors.
 */
export class AgentRunner {
  #worker: Worker | undefined;
  #pending = new Map<number, Pending>();
  #next = 0;

  constructor(readonly dbPath: string) {}

  run(job: AgentJob): Promise<AgentOutput> {
    const worker = this.#ensure();
    this.#next += 1;
    const id = this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker(this.dbPath);
    worker.on('message', (message: { id: number; result?: AgentOutput; error?: PlainError }) => {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.error) {
        const Known = USER_FACING[message.error.name];
        const error = Known ? new Known(message.error.message) : revive(message.error);
        pending.reject(error);
      } else pending.resolve(message.result as AgentOutput);
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the agent worker stopped (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }
}

/**
 * Compiled (dist/), the worker is a .js file. From the TypeScript sources (tsx, vitest) a worker
 * thread has no TypeScript loader of its own, so it registers tsx's before importing the .ts entry.
 */
function startWorker(dbPath: string): Worker {
  const compiled = !import.meta.url.endsWith('.ts');
  const entry = new URL(compiled ? './agent-worker.js' : './agent-worker.ts', import.meta.url);
  if (compiled) return new Worker(entry, { workerData: { dbPath } });
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']?.import
    .default as string;
  const bootstrap = `import(${JSON.stringify(pathToFileURL(join(dirname(manifest), api)).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: { dbPath } });
}

/** An error as it crosses from the agent worker: structured clone would drop its cause. */
export interface PlainError {
  name: string;
  message: string;
  stack: string | undefined;
  cause: PlainError | undefined;
}

function revive(plain: PlainError): Error {
  const error = new Error(plain.message, plain.cause ? { cause: revive(plain.cause) } : undefined);
  return Object.assign(error, { name: plain.name, stack: plain.stack });
}
