/**
 * How the demo's content lead runs the show: each session marked Started within a few minutes of
 * plan and Ended near its end, except the first session of day 1 that has others after it, which
 * starts 12 minutes late; she moves the rest of that day by 12 minutes, and the later sessions keep
 * to the moved times. The same every run, so the agenda adherence figure can be checked.
 */
import type { Db } from '../../db/client.js';
import type { EventRow } from '../../db/schema.js';
import { addDays, atLocalTime } from '../domain/dates.js';
import { markSession, shiftRestOfDay } from '../services/agenda/run-of-show.js';
import { sessionsOf } from '../services/agenda/sessions.js';
import { roleHolders } from '../services/plan/event-store.js';
import type { DemoLife, Step } from './living.js';
import { seededRandom } from './random.js';

const LATE_MINUTES = 12;

/** One step at the first event day's midnight, when the agenda is final, that plans the day's clicks. */
export function runOfShowSteps(db: Db, life: DemoLife): Step[] {
  const { event } = life;
  const first = addDays(event.day1, event.hasDay0 ? -1 : 0);
  return [{ at: atLocalTime(first, '00:00', event.timeZone), run: () => life.meanwhile(clicks(db, event)) }];
}

function clicks(db: Db, event: EventRow): Step[] {
  const lead = roleHolders(db, event.id).find((r) => r.role === 'content_lead')?.person.slackUserId;
  if (!lead) return [];
  const random = seededRandom(event.id * 20);
  const sessions = sessionsOf(db, event.id);
  const late = sessions.find((s) => s.day === 1 && sessions.some((o) => o.day === 1 && o.start > s.start));
  const steps: Step[] = [];
  for (const s of sessions) {
    const date = addDays(event.day1, s.day - 1);
    const moved = late && s.day === late.day && s.start > late.start ? LATE_MINUTES : 0;
    const at = (time: string, minutes: number) => new Date(atLocalTime(date, time, event.timeZone).getTime() + (moved + minutes) * 60_000);
    const startsAt = at(s.start, s === late ? LATE_MINUTES : Math.floor(random() * 4));
    steps.push(
      { at: startsAt, run: () => markSession(db, event.id, s.id, lead, 'started', startsAt) },
      ...(s === late ? [{ at: new Date(startsAt.getTime() + 60_000), run: () => shiftRestOfDay(db, event.id, s.id, lead) }] : []),
    );
    const endsAt = at(s.end, s === late ? LATE_MINUTES : Math.floor(random() * 5));
    steps.push({ at: endsAt, run: () => markSession(db, event.id, s.id, lead, 'ended', endsAt) });
  }
  return steps;
}
