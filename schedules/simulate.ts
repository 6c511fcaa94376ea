import type { KnownBlock } from '@slack/types';
import { ManualClock } from '../src/clock.js';
import type { Deps } from '../src/deps.js';
import type { Logger } from '../src/logger.js';
import { ensureSchedule } from '../src/services/delivery/dispatch.js';
import { Outbox } from '../src/services/delivery/outbox.js';
import { nextWakeAt } from '../src/services/delivery/schedule.js';
import { RecordingTransport } from '../src/services/delivery/transports.js';
import { nextArchiveAt } from '../src/services/insights/archive.js';
import { dispatchJob } from './dispatch.js';

export interface SimulatedMessage {
  at: Date;
  /** The outbox key: what the message is ('comm:…' for the communications calendar). */
  key: string;
  channel: string;
  text: string;
  blocks: KnownBlock[] | null;
}

/**
 * Runs the dispatch job against a simulated clock, waking it whenever something falls due, as cron
 * would within the minute, and records what the outbox would send instead of sending it. Give it a
 * copy of the database: it dispatches and records as the app would.
 */
export async function simulateSchedule(
  db: Deps['db'],
  options: { from: Date; until: Date; logger: Logger; surveyKeySecret: string | null },
): Promise<SimulatedMessage[]> {
  const clock = new ManualClock(options.from);
  const transport = new RecordingTransport(clock);
  const outbox = new Outbox({ db, clock, logger: options.logger, transport, sleep: async (ms) => clock.advance(ms) });
  const deps = { db, logger: options.logger, clock, outbox, surveyKeySecret: options.surveyKeySecret };
  ensureSchedule(db, clock.now());
  let lastRun = Number.NaN;
  for (;;) {
    const next = earliest(nextWakeAt(db, clock.now()), nextArchiveAt(db));
    if (!next || next > options.until) break;
    if (next > clock.now()) clock.set(next);
    // Never run twice at one instant: whatever is still due then is waiting, and a minute on it is not.
    else if (clock.now().getTime() === lastRun) clock.advance(60_000);
    lastRun = clock.now().getTime();
    await dispatchJob.run(deps, clock.now());
  }
  await outbox.stop();
  return transport.sent.map((m) => ({ at: m.at, key: m.key, channel: m.channel, text: m.text, blocks: m.blocks as KnownBlock[] | null }));
}

const earliest = (a: Date | null, b: Date | null): Date | null => (a && b ? (a < b ? a : b) : (a ?? b));
