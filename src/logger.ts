import type { Logger as SlackLogger, LogLevel as SlackLogLevel } from '@slack/bolt';
import type { LogLevel } from './config.js';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Logger = SlackLogger;

/**
 * A small structured logger (one JSON line per entry on stderr) that Bolt can use too,
 * so the app and the framework log in one format.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  let current: LogLevel = level;
  let name = 'sko';
  const log =
    (at: LogLevel) =>
    (...msgs: unknown[]) => {
      if (ORDER[at] < ORDER[current]) return;
      const parts = msgs.map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m : JSON.stringify(m)));
      write(JSON.stringify({ t: new Date().toISOString(), level: at, name, msg: parts.join(' ') }));
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel: (l: SlackLogLevel) => {
      current = (l as string as LogLevel) in ORDER ? (l as string as LogLevel) : current;
    },
    getLevel: () => current as string as SlackLogLevel,
    setName: (n: string) => {
      name = n;
    },
  };
}

/** For tests and the command line: drops everything below error. */
export const quietLogger = (): Logger => createLogger('error', () => undefined);
