/**
 * A process with the app's last-line guard, failing as asked:
 * `node --import tsx tests/support/guarded-child.ts rejection|exception`. It prints "still serving"
 * if it lives on, and stops (exit code given to the guard's stop) as main.ts would.
 */
import { createLogger } from '../../src/logger.js';
import { guardProcess } from '../../src/startup/process-guard.js';

const logger = createLogger('info', (line) => process.stderr.write(`${line}\n`));
guardProcess(logger, (reason, exitCode) => {
  process.stdout.write(`stopping: ${reason}\n`);
  process.exit(exitCode);
});
if (process.argv[2] === 'rejection') void Promise.reject(new Error('a listener forgot to await'));
else
  setTimeout(() => {
    throw new Error('a callback threw');
  }, 0);
setTimeout(() => process.stdout.write('still serving\n'), 200);
