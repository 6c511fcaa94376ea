/**
 * The scorecard's Q1 figures (productivity, deal velocity, activity, pipeline) fold every deal of two years: seconds at
 * a million deals, which no Slack answer may wait for and the app's event loop must not spend. So
 * they are worked out ahead, in the agent worker, once a day and again whenever the sales data
 * changes, and stored; `/sko metrics`, App Home and the digest read what is stored.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { salesFigures } from '../../../db/schema.js';
import { type Q1Impact, type Q1Window, q1Impact, q1Window } from '../../agents/q1-impact.js';
import { localDate } from '../../domain/dates.js';
import { activeEvents, type EventRow } from '../plan/event-store.js';
import { salesDataVersion } from '../sales/data-version.js';
import { dealsOpenOrClosedSince, hasDeals, loadPeople } from '../sales/sales-data.js';
import { fiscalCalendar } from '../sales/settings.js';

const keyOf = (window: Q1Window) => `q1:${window.thisYear.from}:${window.thisYear.to}`;

/** The Q1 figures stored for this window from the current sales data, if they have been worked out. */
export function storedQ1Impact(db: Db, window: Q1Window): Q1Impact | undefined {
  const row = db
    .select()
    .from(salesFigures)
    .where(eq(salesFigures.key, keyOf(window)))
    .get();
  return row && row.version === salesDataVersion(db) ? (row.value as Q1Impact) : undefined;
}

/** Works the figures out and stores them: in the agent worker for the app, directly on the command line. */
export function computeQ1Impact(db: Db, window: Q1Window, now: Date): Q1Impact {
  // Read before the deals: a change landing meanwhile moves the version past it, so these are worked out again.
  const version = salesDataVersion(db);
  const impact = q1Impact(window, loadPeople(db, { kind: 'all' }), dealsOpenOrClosedSince(db, window.lastYear.from));
  db.insert(salesFigures)
    .values({ key: keyOf(window), version, value: impact, computedAt: now.toISOString() })
    .onConflictDoUpdate({ target: salesFigures.key, set: { version, value: impact, computedAt: now.toISOString() } })
    .run();
  return impact;
}

/** The SKO's Q1 window as of `now` (its own zone), when its stored figures are missing or out of date. */
function staleQ1Window(db: Db, event: EventRow, now: Date): Q1Window | null {
  const window = q1Window(event.day1, localDate(now, event.timeZone), fiscalCalendar(db));
  return window && !storedQ1Impact(db, window) ? window : null;
}

/** Brings every running SKO's Q1 figures up to date, through `workOut` (the agent worker) when given; how many were worked out. */
export async function refreshQ1Figures(db: Db, now: Date, workOut?: (window: Q1Window) => Promise<unknown>): Promise<number> {
  if (!hasDeals(db)) return 0;
  // SKOs opening the same Q1 share its figures: worked out once.
  const stale = new Map(
    activeEvents(db).flatMap((event) => {
      const window = staleQ1Window(db, event, now);
      return window ? [[keyOf(window), window] as const] : [];
    }),
  );
  for (const window of stale.values()) await (workOut ? workOut(window) : computeQ1Impact(db, window, now));
  return stale.size;
}

/** For the command line, which may wait: this SKO's Q1 figures, worked out here if they are not stored. */
export function workOutQ1Figures(db: Db, event: EventRow, now: Date): void {
  const window = hasDeals(db) ? staleQ1Window(db, event, now) : null;
  if (window) computeQ1Impact(db, window, now);
}
