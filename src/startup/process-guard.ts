/**
 * The last line: what happens to an error nothing else caught. A promise rejected with no one
 * waiting on it belongs to one request or one job; that one is lost, the rest of the app is sound,
 * so it is logged and the app keeps serving. An exception thrown out of a callback leaves no
 * telling what state it interrupted (Node's own advice is to stop), so the app stops as on
 * SIGTERM: in-flight work finishes, the outbox lease is given up, and the supervisor starts it again.
 */
import type { Logger } from '../logger.js';

export function guardProcess(logger: Logger, stop: (reason: string, exitCode: number) => void): void {
  process.on('unhandledRejection', (reason) => {
    logger.error('a failure nothing was waiting for (logged; the app keeps serving):', reason);
  });
  process.on('uncaughtException', (error) => {
    logger.error('an uncaught exception; stopping cleanly so the app can be started again:', error);
    stop('uncaught exception', 1);
  });
}
