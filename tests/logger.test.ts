import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { U } from './support/builders.js';
import { eventually, startTestApp, type TestApp } from './support/test-app.js';

interface LoggedError {
  name: string;
  message: string;
  stack?: string;
  code?: unknown;
  data?: Record<string, unknown>;
  cause?: LoggedError | string;
  errors?: LoggedError[];
}

interface Line {
  level: string;
  msg: string;
  err?: LoggedError;
  errs?: LoggedError[];
}

function capture(): { lines: Line[]; raw: string[]; logger: ReturnType<typeof createLogger> } {
  const raw: string[] = [];
  const lines: Line[] = [];
  const logger = createLogger('debug', (line) => {
    raw.push(line);
    lines.push(JSON.parse(line) as Line);
  });
  return { lines, raw, logger };
}

/** Thrown from a named function, so its stack can be told apart from its cause's. */
function openTheDatabase(): never {
  throw new Error('SQLITE_BUSY: database is locked');
}

function saveTheTask(): never {
  try {
    openTheDatabase();
  } catch (error) {
    throw new Error('could not save the task', { cause: error });
  }
}

describe('the logger', () => {
  it('keeps an error’s stack and its cause’s stack, with msg still readable', () => {
    const { lines, logger } = capture();
    try {
      saveTheTask();
    } catch (error) {
      logger.error('job reminders failed:', error);
    }
    const [line] = lines;
    expect(line?.level).toBe('error');
    expect(line?.msg).toBe('job reminders failed: Error: could not save the task');
    expect(line?.err).toMatchObject({
      name: 'Error',
      message: 'could not save the task',
      cause: { name: 'Error', message: 'SQLITE_BUSY: database is locked' },
    });
    expect(line?.err?.stack).toContain('saveTheTask');
    expect((line?.err?.cause as LoggedError | undefined)?.stack).toContain('openTheDatabase');
  });

  it('follows the `original` that Slack’s libraries wrap errors in, and keeps their code and data', () => {
    const { lines, logger } = capture();
    const platform = Object.assign(new Error('An API error occurred: channel_not_found'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'channel_not_found' },
    });
    const wrapped = Object.assign(new Error(platform.message), { code: 'slack_bolt_unknown_error', original: platform });
    logger.warn(wrapped);
    expect(lines[0]?.err).toMatchObject({
      code: 'slack_bolt_unknown_error',
      cause: { code: 'slack_webapi_platform_error', data: { ok: false, error: 'channel_not_found' } },
    });
  });

  it('stops a cause chain at a depth limit, cycles included', () => {
    const { lines, logger } = capture();
    const loop = new Error('loop');
    loop.cause = loop;
    logger.error(loop);
    let depth = 0;
    let at: LoggedError | string | undefined = lines[0]?.err;
    while (typeof at === 'object') {
      at = at.cause;
      depth += 1;
    }
    expect(depth).toBeLessThan(10);
    expect(at).toBe('[deeper causes left out]');
  });

  it('lists every error of an aggregate', () => {
    const { lines, logger } = capture();
    logger.error('several failed:', new AggregateError([new Error('first'), new Error('second')], 'two failures'));
    expect(lines[0]?.err?.errors?.map((e) => e.message)).toEqual(['first', 'second']);
  });

  it('never writes a token, not even one inside an error', () => {
    const { raw, logger } = capture();
    const error = Object.assign(new Error('auth failed for xoxb-123-456-abc'), { data: { ok: false, headers: { authorization: 'Bearer anything' } } });
    logger.error(error, { token: 'plain' });
    expect(raw[0]).not.toMatch(/xoxb-123|Bearer anything|plain/);
    expect(raw[0]).toContain('[redacted]');
  });

  it('still writes a line when an argument cannot be turned into JSON', () => {
    const { lines, logger } = capture();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    logger.info('state:', cyclic, 10n);
    expect(lines[0]?.msg).toBe('state: [object Object] "10"');
  });
});

describe('errors from the running app', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('a listener that throws leaves its stack, and the stack of what it wrapped, in the log', async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    t.app.action('test_throws', async ({ ack }) => {
      await ack();
      saveTheTask();
    });
    await t.driver.blockAction({ userId: U.dana, actionId: 'test_throws' });
    const [line] = (await eventually(() => t.errors.length > 0 && t.errors)).map((l) => JSON.parse(l) as Line);
    expect(line?.msg).toBe('unhandled error in a listener: Error: could not save the task');
    // Bolt hands app.error() its own wrapper; the listener's error is inside it, with its cause.
    const thrown = line?.err?.cause as LoggedError | undefined;
    expect(thrown?.stack).toContain('saveTheTask');
    expect((thrown?.cause as LoggedError | undefined)?.stack).toContain('openTheDatabase');
  });

  it('a /sko command that fails on a Slack call logs the Web API error with its code and data', async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    t.fake.failNext('views.open', { kind: 'error', error: 'internal_error' });
    await t.driver.slashCommand({ userId: U.dana, text: 'setup' });
    const [line] = (await eventually(() => t.errors.length > 0 && t.errors)).map((l) => JSON.parse(l) as Line);
    expect(line?.msg).toMatch(/^\/sko setup failed for UDANA0001: WebAPIPlatformError: An API error occurred: internal_error$/);
    expect(line?.err).toMatchObject({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'internal_error' } });
    // The async frames lead back to the command that made the call.
    expect(line?.err?.stack).toContain('commands/plan/setup');
  });
});
