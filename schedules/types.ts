import type { Deps } from '../src/deps.js';

/** What a job needs: no Slack client of its own, since everything it sends goes through the outbox. */
type JobDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'outbox'> & {
  /** The agent worker, for work that takes seconds; without it (a simulation) that work runs in place. */
  agents?: Pick<Deps['agents'], 'q1Figures'>;
  dispatcher?: Deps['dispatcher'];
  /** Null only in a preview of a database nobody has answered a survey in, where it is never needed. */
  surveyKeySecret: string | null;
};

/**
 * A timed job: node-cron wakes it on `cron` (and once at start); tests call `run` with a ManualClock's
 * time. `signal` is aborted when the app stops: a long job stops at its next safe point.
 */
export interface Job {
  name: string;
  cron: string;
  run(deps: JobDeps, now: Date, signal?: AbortSignal): Promise<void>;
}
