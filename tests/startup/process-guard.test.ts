import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function run(failure: 'rejection' | 'exception') {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tests', 'support', 'guarded-child.ts'), failure], { cwd: root, encoding: 'utf8' });
}

describe('the last-line guard on errors nothing caught (issue 22, point 7)', () => {
  it('logs a rejected promise nobody awaited and keeps serving', () => {
    const res = run('rejection');
    expect(res.status).toBe(0);
    expect(res.stderr).toContain('a failure nothing was waiting for (logged; the app keeps serving)');
    expect(res.stderr).toContain('a listener forgot to await');
    expect(res.stdout).toContain('still serving');
  });

  it('stops cleanly, with exit code 1, on an exception thrown out of a callback', () => {
    const res = run('exception');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('an uncaught exception; stopping cleanly');
    expect(res.stdout).toContain('stopping: uncaught exception');
    expect(res.stdout).not.toContain('still serving');
  });
});
