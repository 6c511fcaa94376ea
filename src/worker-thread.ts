import { readFileSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants, setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on `entry` (a .js file compiled, a .ts file from the sources). From the
 * TypeScript sources (tsx, vitest) a worker thread has no TypeScript loader of its own, so it
 * registers tsx's before importing the .ts entry.
 */
function startWorker(entry: URL, workerData: unknown): Worker {
  if (!entry.href.endsWith('.ts')) return new Worker(entry, { workerData });
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']?.import
    .default as string;
  const bootstrap = `import(${JSON.stringify(pathToFileURL(join(dirname(manifest), api)).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Lowers the calling thread's priority, for a worker's long work (a Monday's composing, a fold over a
 * million deals, an import): on a machine with few cores it would otherwise take turns with the
 * thread that answers Slack, and an acknowledgement could wait out its turn. Linux sets priorities
 * per thread and names this thread's id in /proc/thread-self; elsewhere the thread keeps the
 * process's priority, and the answer is false.
 */
export function workAtLowPriority(): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId)) return false;
    setPriority(threadId, constants.priority.PRIORITY_LOW);
    return true;
  } catch {
    return false;
  }
}

/** The entry beside `base` (a module's import.meta.url) named `name`, as compiled or as source, like the module itself. */
export function workerEntry(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/** What a worker answers a request with: its result, or its error as plain data. */
interface Reply<E> {
  id: number;
  result?: unknown;
  error?: E;
}

/**
 * A long-lived worker thread that answers numbered requests, one reply each: started on first use
 * and kept; if it stops, every request in hand is rejected and the next one starts it again.
 * `revive` turns an error the worker sent back as plain data into the Error the caller should see.
 */
export class RequestThread<E> {
  #worker: Worker | undefined;
  readonly #pending = new Map<number, { resolve: (result: never) => void; reject: (error: Error) => void }>();
  #next = 0;

  constructor(
    readonly name: string,
    readonly entry: URL,
    readonly workerData: unknown,
    readonly revive: (plain: E) => Error,
  ) {}

  request<T>(message: object): Promise<T> {
    const worker = this.#ensure();
    this.#next += 1;
    const id = this.#next;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (result: never) => void, reject });
      worker.postMessage({ id, ...message });
    });
  }

  /** A message with no reply (a stop), to the worker if it is running. */
  tell(message: object): void {
    this.#worker?.postMessage(message);
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker(this.entry, this.workerData);
    worker.on('message', (reply: Reply<E>) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.error) pending.reject(this.revive(reply.error));
      else pending.resolve(reply.result as never);
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the ${this.name} stopped (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }
}
