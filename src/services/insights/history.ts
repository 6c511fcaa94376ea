/** The scorecards of every SKO held so far (`/sko history`), each as it stood when its follow-up ended. */
import { asc, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { events } from '../../../db/schema.js';
import { addDays, localDate } from '../../domain/dates.js';
import { compareScorecards, type History } from '../../domain/insights/history.js';
import { loadPlan } from '../plan/event-store.js';
import type { DigestSources } from './digest-sources.js';
import { scorecardFor } from './scorecard.js';

/** Every SKO whose day 1 has come, oldest first; one still in its 12 weeks is scored as of now, an archived one read as it was frozen. */
export function historyFor(db: Db, now: Date, sources: DigestSources): History {
  const today = localDate(now, 'UTC');
  const held = db.select().from(events).where(lte(events.day1, today)).orderBy(asc(events.day1), asc(events.id)).all();
  return compareScorecards(
    held.map((event) => {
      // An archived SKO's scorecard was stored when it ended: read, not measured again.
      if (event.frozenScorecard) return { name: event.name, day1: event.day1, inProgress: false, results: event.frozenScorecard };
      const plan = loadPlan(db, event);
      const end = plan.timeline.weeks.at(-1)?.end ?? event.day1;
      const inProgress = localDate(now, event.timeZone) <= end;
      // A finished SKO is judged as of the day after its week 12, when its own periods had closed.
      const asOf = inProgress ? now : new Date(`${addDays(end, 1)}T12:00:00Z`);
      return { name: event.name, day1: event.day1, inProgress, results: scorecardFor(db, plan, asOf, sources) };
    }),
  );
}
