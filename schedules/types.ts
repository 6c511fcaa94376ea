import type { Deps } from '../src/deps.js';

/** A timed job: node-cron wakes it on `cron` (and once at start); tests call `run` with a ManualClock's time. */
export interface Job {
  name: string;
  cron: string;
  run(deps: Deps, now: Date): Promise<void>;
}
