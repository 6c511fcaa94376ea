/**
 * A lease in the database: work only one process may do at a time. Two app processes on one
 * database (an overlapping deploy, a second start by mistake) would otherwise both send, and each
 * would take the other's in-flight messages for a crash's leftovers and send them again.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client.js';

export type LeaseState = 'taken' | 'held' | 'busy';

export class Lease {
  readonly holder = randomUUID();
  #expiresAt = 0;

  constructor(
    readonly db: Db,
    readonly name: string,
    readonly ttlMs: number,
  ) {}

  /**
   * Holds the lease for `ttlMs` from `now`: 'taken' when it was someone else's (expired) or
   * nobody's, 'held' when it already was ours, 'busy' when another holder's has not expired.
   */
  acquire(now: number): LeaseState {
    const sqlite = this.db.$client;
    const state = sqlite
      .transaction((): LeaseState => {
        const current = sqlite.prepare('SELECT holder, expires_at AS expiresAt FROM leases WHERE name = ?').get(this.name) as
          | { holder: string; expiresAt: string }
          | undefined;
        if (current && current.holder !== this.holder && Date.parse(current.expiresAt) > now) return 'busy';
        sqlite
          .prepare(
            `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expiresAt)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
          )
          .run({ name: this.name, holder: this.holder, expiresAt: new Date(now + this.ttlMs).toISOString() });
        return current?.holder === this.holder ? 'held' : 'taken';
      })
      .immediate();
    this.#expiresAt = state === 'busy' ? 0 : now + this.ttlMs;
    return state;
  }

  /** Still ours for at least `marginMs`, renewing it once half its time is gone; false once lost. */
  keep(now: number, marginMs: number): boolean {
    if (this.#expiresAt - now > Math.max(marginMs, this.ttlMs / 2)) return true;
    const state = this.acquire(now);
    // Lapsed and taken back: someone may have worked in between, so start over as a newcomer would.
    if (state === 'taken') this.release();
    return state === 'held' && this.#expiresAt - now > marginMs;
  }

  /** Gives the lease up at once (a clean stop), so the next process need not wait for it to expire. */
  release(): void {
    this.db.$client.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(this.name, this.holder);
    this.#expiresAt = 0;
  }
}
