import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** `npm run sko -- …` as a user runs it (tsx over the sources), against the database at `dbPath`. */
export function runSko(dbPath: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), ...args, '--db', dbPath], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
}

/** Writes a file the command line can be given, beside the test's database; returns its path. */
export function fileBeside(dbPath: string, name: string, text: string): string {
  const path = join(dirname(dbPath), name);
  writeFileSync(path, text);
  return path;
}

/** The same, without blocking this process, so a fake server here can answer the command; `env` adds settings. */
export function runSkoAsync(
  dbPath: string,
  env: Record<string, string>,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), ...args, '--db', dbPath], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
