import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on `entry` (a .js file compiled, a .ts file from the sources). From the
 * TypeScript sources (tsx, vitest) a worker thread has no TypeScript loader of its own, so it
 * registers tsx's before importing the .ts entry.
 */
export function startWorker(entry: URL, workerData: unknown): Worker {
  if (!entry.href.endsWith('.ts')) return new Worker(entry, { workerData });
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']?.import
    .default as string;
  const bootstrap = `import(${JSON.stringify(pathToFileURL(join(dirname(manifest), api)).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** The entry beside `base` (a module's import.meta.url) named `name`, as compiled or as source, like the module itself. */
export function workerEntry(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
