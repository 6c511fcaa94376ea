import type { Logger as SlackLogger, LogLevel as SlackLogLevel } from '@slack/bolt';
import type { LogLevel } from './config.js';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Causes nest this deep at most: a cycle, or a chain longer than anyone reads, stops here. */
const MAX_CAUSE_DEPTH = 5;
/** Keys whose values never reach the log (Slack error data can echo request headers and bodies). */
const SECRET_KEY = /token|secret|password|authorization|cookie/i;
/** Slack tokens wherever they turn up, in messages and stacks too. */
const SLACK_TOKEN = /\bx(?:ox[a-z]|app)-[\w-]+/g;

export type Logger = SlackLogger;

interface LoggedError {
  name: string;
  message: string;
  stack?: string;
  /** Slack's error code (`slack_webapi_platform_error` …), or a driver's (`SQLITE_CONSTRAINT` …). */
  code?: unknown;
  /** The Web API's answer for a platform error: `{ ok: false, error: 'channel_not_found', … }`. */
  data?: unknown;
  /** A LoggedError when the cause is an Error, else the value thrown. */
  cause?: unknown;
  /** Several causes: AggregateError's `errors`, Bolt's MultipleListenerError `originals`. */
  errors?: unknown[];
}

/**
 * An Error as structured fields. Bolt and @slack/web-api wrap the error that happened in
 * `original` (UnknownError, WebAPIRequestError) rather than `cause`, so both are followed.
 */
function errorFields(error: Error, depth = 0): LoggedError {
  const { code, data, original, originals, errors } = error as Error & Record<string, unknown>;
  const fields: LoggedError = { name: error.name, message: error.message };
  if (error.stack) fields.stack = error.stack;
  if (code !== undefined) fields.code = code;
  if (data !== undefined) fields.data = data;
  const inner = (value: unknown) => (depth >= MAX_CAUSE_DEPTH ? '[deeper causes left out]' : value instanceof Error ? errorFields(value, depth + 1) : value);
  const cause = error.cause ?? original;
  if (cause !== undefined) fields.cause = inner(cause);
  const several = errors ?? originals;
  if (Array.isArray(several)) fields.errors = several.map(inner);
  return fields;
}

/** JSON without secrets; never throws, so logging cannot be what breaks. */
function toJson(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value, (key, v: unknown) => (SECRET_KEY.test(key) ? '[redacted]' : typeof v === 'bigint' ? String(v) : v)) ?? String(value);
  } catch {
    json = String(value);
  }
  return json.replace(SLACK_TOKEN, '[redacted]');
}

/**
 * A small structured logger (one JSON line per entry on stderr) that Bolt can use too,
 * so the app and the framework log in one format. An Error keeps `name: message` in `msg`,
 * for reading, and comes whole in `err` (stack, code, data, causes), for diagnosing.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  let current: LogLevel = level;
  let name = 'sko';
  const log =
    (at: LogLevel) =>
    (...msgs: unknown[]) => {
      if (ORDER[at] < ORDER[current]) return;
      const parts = msgs.map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m : toJson(m)));
      const errors = msgs.filter((m): m is Error => m instanceof Error).map((e) => errorFields(e));
      const err = errors.length === 0 ? {} : errors.length === 1 ? { err: errors[0] } : { errs: errors };
      write(toJson({ t: new Date().toISOString(), level: at, name, msg: parts.join(' '), ...err }));
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
