/**
 * The moment each scheduled DM may reach its reader (issue 14): the SKO's working hours and
 * holiday calendar, each person's Slack time zone, country and pause, applied through the pure
 * rules of src/domain/send-times. Loaded once per dispatch, so a fan-out to thousands reads each
 * person once.
 */
import { and, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type EventRow, events, outbox, people } from '../../../db/schema.js';
import { addDays, isValidTimeZone } from '../../domain/dates.js';
import { getOrAdd } from '../../domain/maps.js';
import { type HolidayCalendar, holidayTest, parseCountry } from '../../domain/send-times/holidays.js';
import { type DmNature, type EventClock, nextWorkingMoment, type Reader, sendAt } from '../../domain/send-times/send-time.js';
import { type InParts, straightThrough } from '../in-parts.js';
import { combineMissed } from './combine.js';
import { deliveryRulesOf } from './delivery-rules.js';

interface SendRules {
  hours: { start: string; end: string; days: number[] };
  holidays: HolidayCalendar;
}

function sendRulesOf(db: Db, eventId: number): SendRules {
  const rules = deliveryRulesOf(db, eventId);
  return {
    hours: { start: rules.workStart, end: rules.workEnd, days: rules.workDays },
    holidays: { country: rules.holidayCountry, region: rules.holidayRegion, added: rules.holidaysAdded, removed: rules.holidaysRemoved },
  };
}

export function eventDaysOf(event: Pick<EventRow, 'day1' | 'days' | 'hasDay0'>): string[] {
  const days: string[] = [];
  for (let d = event.hasDay0 ? 0 : 1; d <= event.days; d++) days.push(addDays(event.day1, d - 1));
  return days;
}

/** When a DM to a person may go: `at(personId, nominal, nature)`. */
export interface SendClock {
  at(personId: number, nominal: Date, nature: DmNature): Date;
}

function readerOf(
  row: { timeZone: string | null; country: string | null; pausedUntil: string | null },
  event: EventRow,
  rules: SendRules,
  eventHolidays: (date: string) => boolean,
): Reader {
  const own = row.country ? parseCountry(row.country) : null;
  return {
    timeZone: row.timeZone && isValidTimeZone(row.timeZone) ? row.timeZone : event.timeZone,
    // Their own country's holidays where the people file says it; the days the SKO lead added or removed still hold.
    isHoliday: own ? holidayTest({ ...rules.holidays, ...own }) : eventHolidays,
    pausedUntil: row.pausedUntil ? new Date(row.pausedUntil) : null,
  };
}

const readerColumns = { id: people.id, slackUserId: people.slackUserId, timeZone: people.timeZone, country: people.country, pausedUntil: people.pausedUntil };

export function sendClock(db: Db, event: EventRow, personIds: readonly number[], now: Date): SendClock {
  return straightThrough(sendClockInParts(db, event, personIds, now));
}

/** The clock, its people read 500 at a time: a fan-out to thousands lets the event loop in between. */
export function* sendClockInParts(db: Db, event: EventRow, personIds: readonly number[], now: Date): InParts<SendClock> {
  const rules = sendRulesOf(db, event.id);
  const clock: EventClock = { timeZone: event.timeZone, eventDays: eventDaysOf(event), hours: rules.hours };
  const eventHolidays = holidayTest(rules.holidays);
  // Thousands of readers share a handful of zones, countries and pauses: each such situation's
  // moment is worked out once (a Monday's 5,000 took half a second of the event loop otherwise).
  const situationOf = new Map<number, string>();
  const readers = new Map<string, Reader>();
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db
      .select(readerColumns)
      .from(people)
      .where(inArray(people.id, ids.slice(i, i + 500)))
      .all();
    for (const row of rows) {
      const situation = JSON.stringify([row.timeZone, row.country, row.pausedUntil]);
      situationOf.set(row.id, situation);
      getOrAdd(readers, situation, () => readerOf(row, event, rules, eventHolidays));
    }
    yield;
  }
  const fallback: Reader = { timeZone: event.timeZone, isHoliday: eventHolidays, pausedUntil: null };
  const moments = new Map<string, number>();
  return {
    at: (personId, nominal, nature) => {
      const situation = situationOf.get(personId) ?? '';
      const moment = getOrAdd(moments, `${situation}@${nominal.getTime()}:${nature.eventDay}`, () =>
        sendAt(nominal, nature, readers.get(situation) ?? fallback, clock, now).getTime(),
      );
      return new Date(moment);
    },
  };
}

/** The first moment at or after `at` that a DM to this person may go: after their pause, in their working hours. */
export function nextMomentFor(db: Db, event: EventRow, personId: number, at: Date): Date {
  const rules = sendRulesOf(db, event.id);
  const row = db.select(readerColumns).from(people).where(eq(people.id, personId)).get();
  const reader = row
    ? readerOf(row, event, rules, holidayTest(rules.holidays))
    : { timeZone: event.timeZone, isHoliday: holidayTest(rules.holidays), pausedUntil: null };
  return nextWorkingMoment(reader.pausedUntil && reader.pausedUntil > at ? reader.pausedUntil : at, reader, rules.hours);
}

/** A DM this late for its moment was held up by downtime, not by pacing. */
const MISSED_MS = 5 * 60_000;

/**
 * DMs that waited in the outbox for their reader's moment and missed it (the app was down) go at
 * the reader's next working moment, not whenever the app comes back: a restart at night sends
 * nothing until each reader's morning. Returns how many were moved.
 */
export function holdMissedDms(db: Db, now: Date): number {
  const late = db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        eq(outbox.attempts, 0),
        isNull(outbox.lastError),
        isNotNull(outbox.eventId),
        lt(outbox.notBefore, new Date(now.getTime() - MISSED_MS).toISOString()),
      ),
    )
    .orderBy(outbox.notBefore, outbox.id)
    .all();
  let moved = 0;
  const byEvent = new Map<number, typeof late>();
  for (const row of late) getOrAdd(byEvent, row.eventId as number, () => []).push(row);
  for (const [eventId, rows] of byEvent) {
    const event = db.select().from(events).where(eq(events.id, eventId)).get();
    if (!event) continue;
    const rules = sendRulesOf(db, event.id);
    const eventHolidays = holidayTest(rules.holidays);
    const channels = [...new Set(rows.map((r) => r.channel))];
    const readers = new Map<string, Reader>();
    for (let i = 0; i < channels.length; i += 500) {
      for (const person of db
        .select(readerColumns)
        .from(people)
        .where(inArray(people.slackUserId, channels.slice(i, i + 500)))
        .all())
        readers.set(person.slackUserId as string, readerOf(person, event, rules, eventHolidays));
    }
    const byChannel = new Map<string, typeof rows>();
    for (const row of rows) getOrAdd(byChannel, row.channel, () => []).push(row);
    for (const [channel, missed] of byChannel) {
      const reader = readers.get(channel);
      if (!reader) continue;
      const next = nextWorkingMoment(now, reader, rules.hours);
      const at = next > now ? next : now;
      if (next > now)
        moved += db
          .update(outbox)
          .set({ notBefore: at.toISOString() })
          .where(
            inArray(
              outbox.id,
              missed.map((r) => r.id),
            ),
          )
          .run().changes;
      if (missed.length > 1) combineMissed(db, missed, at);
    }
  }
  return moved;
}
