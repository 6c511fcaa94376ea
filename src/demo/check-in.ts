/**
 * The demo's check-in (issue 20): each event morning most of those who RSVPed attending click I'm
 * here on the agenda; on day 1 the logistics lead checks in at the door the few who forgot, and a
 * few never come. The clock is the demo's, the randomness seeded, so every run counts the same.
 */
import type { Db } from '../../db/client.js';
import { atLocalTime } from '../domain/dates.js';
import { checkInOthers, checkInSelf } from '../services/check-in/check-in.js';
import { roleHolders, timelineOf } from '../services/plan/event-store.js';
import type { DemoLife, Step } from './living.js';
import { seededRandom } from './random.js';

/** Of those attending: about 1 in 16 does not come after all, and 1 in 8 forgets to click on day 1. */
const NO_SHOW = 0.0625;
const FORGETS = 0.125;

export function checkInSteps(db: Db, life: DemoLife): Step[] {
  const { event } = life;
  const random = seededRandom(event.id * 20);
  // Who comes and who forgets is drawn once, in roster order, so the same people stay away every run.
  const fate = new Map(life.attendees.map((p) => [p.personId, random()]));
  const coming = () => life.attending().filter((p) => (fate.get(p.personId) ?? 0) >= NO_SHOW);
  const forgets = (personId: number) => (fate.get(personId) ?? 0) < NO_SHOW + FORGETS;
  const lead = roleHolders(db, event.id).find((h) => h.role === 'logistics_lead')?.person.slackUserId;

  const steps: Step[] = [];
  for (const { day, date } of timelineOf(event).eventDays.filter((d) => d.day >= 1)) {
    steps.push({
      at: atLocalTime(date, '08:30', event.timeZone),
      run: () => {
        for (const person of coming()) {
          if (day === 1 && forgets(person.personId)) continue;
          if (person.slackUserId) checkInSelf(db, event.id, person.slackUserId, atLocalTime(date, '08:30', event.timeZone));
        }
      },
    });
  }
  const day1 = timelineOf(event).eventDays.find((d) => d.day === 1);
  if (lead && day1) {
    const at = atLocalTime(day1.date, '09:15', event.timeZone);
    steps.push({
      at,
      run: () => {
        const forgot = coming().filter((p) => forgets(p.personId) && p.slackUserId);
        if (forgot.length > 0)
          checkInOthers(
            db,
            event.id,
            lead,
            forgot.map((p) => p.slackUserId as string),
            at,
          );
      },
    });
  }
  return steps;
}
