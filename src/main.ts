import { existsSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { type Db, openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { appJobs, type RunningSchedules, startSchedules } from '../schedules/index.js';
import { createApp, createOutbox, createSlackClient } from './app.js';
import { systemClock } from './clock.js';
import { type Config, loadConfig, readEnvFile } from './config.js';
import type { Deps } from './deps.js';
import { DispatchWorker } from './dispatcher.js';
import { ConfigError } from './errors.js';
import { createLogger } from './logger.js';
import { ensureSchedule } from './services/delivery/dispatch.js';
import { SLACK_CALL_DEADLINE_MS } from './services/delivery/outbox.js';
import { WebApiPacing } from './services/delivery/pacing.js';
import { forgetOldDeliveries } from './services/inbound/deliveries.js';
import { createNarrator } from './services/narrative/narrator.js';
import { syncSettingAdmins } from './services/people/admins.js';
import { AgentRunner } from './services/sales/agent-runner.js';
import { databaseProblem, portProblem, StartupProblem } from './startup/problems.js';
import { guardProcess } from './startup/process-guard.js';
import { checkSlack, type Readiness } from './startup/slack-check.js';

/** A supervisor (docker stop, systemd, pm2) waits about 10 s before killing; stop well inside that. */
const STOP_DEADLINE_MS = 8_000;

function readConfig(): Config {
  readEnvFile();
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new StartupProblem(`${error.message}\nSee .env.example for every setting.`);
    throw error;
  }
}

function openAndMigrate(path: string): Db {
  if (existsSync(path) && statSync(path).isDirectory()) throw databaseProblem(path, Object.assign(new Error('a folder'), { code: 'EISDIR' }));
  try {
    const db = openDatabase(path);
    migrateDatabase(db);
    return db;
  } catch (error) {
    throw databaseProblem(path, (error as { cause?: unknown }).cause ?? error);
  }
}

async function listen(app: ReturnType<typeof createApp>, port: number): Promise<Server> {
  try {
    return (await app.start(port)) as Server;
  } catch (error) {
    throw portProblem(port, error);
  }
}

/** config → database → app → (HTTP: listen) → Slack check → (Socket Mode: connect) → schedules; SIGTERM/SIGINT stop it in order. */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const db = openAndMigrate(config.databasePath);
  syncSettingAdmins(db, config.admins);
  // Slack counts each method's calls per workspace, whichever client makes them: one pacer for all.
  const pacing = new WebApiPacing({ now: Date.now, deadlineMs: SLACK_CALL_DEADLINE_MS });
  const dispatcher = new DispatchWorker(config.databasePath, config.logLevel);
  const deps: Deps = {
    db,
    logger,
    clock: systemClock,
    slack: createSlackClient(config, logger, { pacing }),
    outbox: createOutbox(config, { db, clock: systemClock, logger, pacing }),
    agents: new AgentRunner(config.databasePath),
    dispatcher,
    surveyKeySecret: config.surveyKeySecret,
    narrative: config.narrative ? createNarrator(config.narrative, logger) : null,
  };
  ensureSchedule(db, systemClock.now());
  forgetOldDeliveries(db, systemClock.now());
  const readiness: Readiness = { identity: null, waitingFor: 'checking the Slack tokens' };
  const app = createApp(config, deps, readiness, pacing);
  const stopping = new AbortController();
  let server: Server | undefined;
  let schedules: RunningSchedules | undefined;

  let stopRequested = false;
  const stop = async (signal: string, exitCode = 0) => {
    if (stopRequested) return;
    stopRequested = true;
    logger.info(`${signal}: stopping (finishing what is in flight)`);
    setTimeout(() => {
      logger.error(`did not stop within ${STOP_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    stopping.abort();
    // Idle keep-alive connections would hold the server open; requests being answered finish first.
    server?.closeIdleConnections();
    if (server || config.slack.mode === 'socket') await app.stop().catch(() => undefined);
    await schedules?.stop();
    await deps.outbox.stop();
    await deps.agents.close();
    await dispatcher.close();
    db.$client.close();
    logger.info('stopped');
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  guardProcess(logger, (reason, exitCode) => void stop(reason, exitCode));

  if (config.slack.mode === 'http') {
    server = await listen(app, config.port);
    logger.info(`SKO Conductor is listening on port ${config.port} at /slack/events (/healthz, /readyz)`);
  }
  try {
    readiness.identity = await checkSlack(config, logger, readiness, stopping.signal);
  } catch (error) {
    if (stopping.signal.aborted) return;
    throw error;
  }
  if (config.slack.mode === 'socket') await app.start();
  schedules = startSchedules(deps, appJobs(config.crm, deps.slack), stopping.signal);
  logger.info(`SKO Conductor is ready${config.slack.mode === 'socket' ? ' in Socket Mode' : ''}: Slack accepted the tokens`);
}

try {
  await main();
} catch (error) {
  if (!(error instanceof StartupProblem)) throw error;
  // One plain sentence for the operator; the stack would only hide it.
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
