import type { Server } from 'node:http';
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { appJobs, startSchedules } from '../schedules/index.js';
import { createApp, createOutbox, createSlackClient } from './app.js';
import { systemClock } from './clock.js';
import { type Config, loadConfig, readEnvFile } from './config.js';
import { ConfigError } from './errors.js';
import { createLogger } from './logger.js';
import { ensureSchedule } from './services/delivery/dispatch.js';
import { AgentRunner } from './services/sales/agent-runner.js';

function readConfig(): Config {
  readEnvFile();
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.databasePath);
  migrateDatabase(db);
  const deps = {
    db,
    logger,
    clock: systemClock,
    slack: createSlackClient(config, logger),
    outbox: createOutbox(config, { db, clock: systemClock, logger }),
    agents: new AgentRunner(config.databasePath),
    surveyKeySecret: config.surveyKeySecret,
  };
  ensureSchedule(db, systemClock.now());
  const app = createApp(config, deps);

  if (config.slack.mode === 'socket') {
    await app.start();
    logger.info('SKO Conductor is running in Socket Mode');
  } else {
    const server = (await app.start(config.port)) as Server;
    const address = server.address();
    logger.info(`SKO Conductor is listening on port ${typeof address === 'object' && address ? address.port : config.port} at /slack/events`);
  }

  const schedules = startSchedules(deps, appJobs(config.crm));

  const stop = async (signal: string) => {
    logger.info(`${signal}: stopping`);
    await schedules.stop();
    await deps.outbox.stop();
    await app.stop();
    await deps.agents.close();
    db.$client.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main();
