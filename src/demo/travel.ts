/** How the demo company gives its travel details: the logistics lead sets a cut-off, most fill the form in soon, the rest after the reminder. */
import type { Db } from '../../db/client.js';
import { addDays } from '../domain/dates.js';
import { DIETARY_NEEDS, eventSpan, hotelNightsOffered, REMINDER_DAYS_BEFORE } from '../domain/travel/details.js';
import { logisticsLead } from '../services/comms/composers.js';
import { saveTravelDetails, setTravelCutoff } from '../services/travel/details.js';
import type { DemoLife, Step } from './living.js';
import { seededRandom } from './random.js';

const DAY_MS = 86_400_000;
/** The cut-off, this many days before day 1: the hotel wants its rooming list two weeks out. */
const CUTOFF_DAYS_BEFORE = 14;
/** Share of those attending who fill the form in within days of the save-the-date; most of the rest answer the reminder. */
const EARLY_SHARE = 0.7;
const AFTER_REMINDER_SHARE = 0.8;

export function travelSteps(db: Db, life: DemoLife): Step[] {
  const saveTheDate = life.entry('save-the-date');
  const lead = logisticsLead(db, life.event.id);
  const { event } = life;
  const cutoff = addDays(event.day1, -CUTOFF_DAYS_BEFORE);
  // A plan compressed so far that the save-the-date comes after the cut-off has no travel round.
  if (!saveTheDate || !lead || saveTheDate.at.toISOString().slice(0, 10) >= addDays(cutoff, -REMINDER_DAYS_BEFORE)) return [];
  const random = seededRandom(event.id * 7919);
  const { first, last } = eventSpan(event);
  const nights = hotelNightsOffered(event).filter((n) => n >= addDays(first, -1) && n < last);
  const fill = (slackUserId: string, at: Date) => {
    const diet = random();
    const need = diet < 0.25 ? [DIETARY_NEEDS[Math.floor(diet * 4 * DIETARY_NEEDS.length)]?.key ?? 'other'] : [];
    saveTravelDetails(
      db,
      event.id,
      slackUserId,
      {
        arrival: addDays(first, -1),
        departure: last,
        // About one in ten lives near the venue and needs no room.
        hotelNights: random() < 0.1 ? [] : nights,
        dietary: need,
        accessibility: random() < 0.04 ? 'Step-free room near the lifts' : null,
      },
      at,
    );
  };
  const cutoffAt = new Date(saveTheDate.at.getTime() + DAY_MS);
  const earlyAt = new Date(saveTheDate.at.getTime() + 2 * DAY_MS);
  // On the cut-off day itself: the reminder may have waited out a weekend.
  const afterReminderAt = new Date(Date.parse(`${cutoff}T12:00:00Z`));
  const given = new Set<number>();
  const fillShare = (share: number, at: Date) => {
    for (const person of life.attending()) {
      if (!person.slackUserId || given.has(person.personId) || random() >= share) continue;
      given.add(person.personId);
      fill(person.slackUserId, at);
    }
  };
  return [
    { at: cutoffAt, run: () => void setTravelCutoff(db, event.id, lead, cutoff, cutoffAt) },
    { at: earlyAt, run: () => fillShare(EARLY_SHARE, earlyAt) },
    { at: afterReminderAt, run: () => fillShare(AFTER_REMINDER_SHARE, afterReminderAt) },
  ];
}
