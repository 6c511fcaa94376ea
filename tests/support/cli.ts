import { spawnSync } from 'node:child_process';
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
