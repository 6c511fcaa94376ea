/** Rep retention after an SKO: its attendees' leaving dates, from the people files. */
import type { Db } from '../../../db/client.js';
import type { EventRow } from '../../../db/schema.js';
import { isAttendee } from '../../domain/comms/audience.js';
import { type Retention, retentionAfter } from '../../domain/insights/retention.js';
import { eventRoster } from '../people/people.js';

/**
 * Null before day 1, and while no people file has given anyone a leaving date: without one the
 * app cannot tell "nobody left" from "nobody told us".
 */
export function retentionOf(db: Db, event: EventRow, today: string): Retention | null {
  if (today < event.day1) return null;
  if (db.$client.prepare('SELECT 1 FROM people WHERE left_on IS NOT NULL LIMIT 1').get() === undefined) return null;
  const leftOn = db.$client.prepare('SELECT left_on FROM people WHERE id = ?').pluck();
  const attendees = eventRoster(db, event.id)
    .filter(isAttendee)
    .map((p) => ({ name: p.name, leftOn: leftOn.get(p.personId) as string | null }));
  return retentionAfter(event.day1, attendees);
}
