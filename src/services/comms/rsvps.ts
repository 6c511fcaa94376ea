/** RSVPs: a person's answer to the save-the-date, and the travel instructions a late yes still needs. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { rsvps, schedule } from '../../../db/schema.js';
import { isAttendee, type RosterPerson, type RsvpAnswer } from '../../domain/comms/audience.js';
import { composeTravel, type TravelNotice } from '../../domain/comms/notices.js';
import { atLocalTime } from '../../domain/dates.js';
import { InputError, NotFoundError } from '../../errors.js';
import { eventById } from '../plan/event-store.js';
import { commKey, loadCalendar } from './calendar.js';
import { bodyOf, contextOf, logisticsLead } from './composers.js';

export interface RsvpOutcome {
  person: RosterPerson;
  previous: RsvpAnswer | null;
  /** Travel instructions for someone who says yes after they went out; sent once, under the same key as the others. */
  travel: { key: string; notice: TravelNotice } | null;
}

/** Records (or changes) a person's answer to the save-the-date. */
export function recordRsvp(db: Db, eventId: number, slackUserId: string, answer: RsvpAnswer, now: Date): RsvpOutcome {
  return db.transaction(() => {
    const event = eventById(db, eventId);
    if (!event) throw new NotFoundError('That SKO is no longer there, so its RSVP is closed.');
    if (event.archivedAt) throw new InputError(`${event.name} is over, so RSVPs are closed.`);
    const calendar = loadCalendar(db, event);
    const ctx = contextOf(db, calendar);
    const person = ctx.roster.find((p) => p.slackUserId === slackUserId);
    if (!person || !isAttendee(person)) throw new NotFoundError('You are not on this SKO’s attendee list; ask the SKO lead to add you.');
    if (now >= atLocalTime(event.day1, '00:00', event.timeZone)) throw new InputError('The SKO has started, so RSVPs are closed.');
    const previous = ctx.rsvps.get(person.personId) ?? null;
    db.insert(rsvps)
      .values({ eventId, personId: person.personId, answer, answeredAt: now.toISOString() })
      .onConflictDoUpdate({ target: [rsvps.eventId, rsvps.personId], set: { answer, answeredAt: now.toISOString() } })
      .run();
    let travel: RsvpOutcome['travel'] = null;
    const travelKey = commKey(eventId, 'travel-instructions');
    const sent = db.select({ status: schedule.status }).from(schedule).where(eq(schedule.key, travelKey)).get();
    if (answer === 'attending' && sent?.status === 'done') {
      const withAnswer = { ...ctx, rsvps: new Map([...ctx.rsvps, [person.personId, answer]]) };
      const [notice] = composeTravel(withAnswer, {
        body: bodyOf(db, calendar, 'travel-instructions'),
        contact: logisticsLead(db, eventId),
        only: person.personId,
      });
      if (notice) travel = { key: travelKey, notice };
    }
    return { person, previous, travel };
  });
}
