import { describe, expect, it } from 'vitest';
import { holidayTest } from '../../../src/domain/send-times/holidays.js';
import { DEFAULT_WORKING_HOURS, type EventClock, natureOf, type Reader, sendAt } from '../../../src/domain/send-times/send-time.js';

/** An SKO in Berlin, days 1–3 Tue 13 – Thu 15 Apr 2027; plan DMs at 10:00 Berlin time. */
const event: EventClock = { timeZone: 'Europe/Berlin', eventDays: ['2027-04-13', '2027-04-14', '2027-04-15'], hours: DEFAULT_WORKING_HOURS };
const reader = (timeZone: string, more: Partial<Reader> = {}): Reader => ({ timeZone, isHoliday: () => false, pausedUntil: null, ...more });
const plain = { eventDay: false } as const;
const at = (iso: string) => new Date(iso);

describe('when a DM reaches its reader', () => {
  it('goes at the wall-clock time of the plan, read on the reader’s own clock', () => {
    const mondayTen = at('2027-03-01T09:00:00Z'); // Mon 1 Mar 10:00 in Berlin
    const now = at('2027-02-28T00:00:00Z');
    expect(sendAt(mondayTen, plain, reader('Australia/Sydney'), event, now).toISOString()).toBe('2027-02-28T23:00:00.000Z');
    expect(sendAt(mondayTen, plain, reader('America/Los_Angeles'), event, now).toISOString()).toBe('2027-03-01T18:00:00.000Z');
  });

  it('moves off weekends and holidays of the reader’s calendar to the next working morning', () => {
    // Easter Monday 2027 (29 Mar) is a public holiday in Germany, not in the United States.
    const easterMonday = at('2027-03-29T08:00:00Z');
    const now = at('2027-03-27T00:00:00Z');
    const german = holidayTest({ country: 'DE', region: null, added: [], removed: [] });
    expect(sendAt(easterMonday, plain, reader('Europe/Berlin', { isHoliday: german }), event, now).toISOString()).toBe('2027-03-30T06:00:00.000Z');
    const added = holidayTest({ country: 'US', region: null, added: ['2027-03-29'], removed: [] });
    expect(sendAt(easterMonday, plain, reader('Europe/Berlin', { isHoliday: added }), event, now).toISOString()).toBe('2027-03-30T06:00:00.000Z');
    const removed = holidayTest({ country: 'DE', region: null, added: [], removed: ['2027-03-29'] });
    expect(sendAt(easterMonday, plain, reader('Europe/Berlin', { isHoliday: removed }), event, now).toISOString()).toBe('2027-03-29T08:00:00.000Z');
  });

  it('sends a catch-up at once inside working hours, and at the next working morning outside them', () => {
    const missed = at('2027-03-01T09:00:00Z');
    expect(sendAt(missed, plain, reader('Europe/Berlin'), event, at('2027-03-01T13:00:00Z')).toISOString()).toBe('2027-03-01T13:00:00.000Z');
    expect(sendAt(missed, plain, reader('Europe/Berlin'), event, at('2027-03-02T01:00:00Z')).toISOString()).toBe('2027-03-02T07:00:00.000Z');
  });

  it('holds reminders during the event until the morning after, but not event-day messages', () => {
    const dayTwo = at('2027-04-14T08:00:00Z');
    const now = at('2027-04-14T07:00:00Z');
    expect(sendAt(dayTwo, plain, reader('Europe/Berlin'), event, now).toISOString()).toBe('2027-04-16T06:00:00.000Z');
    const eventDay = natureOf('overdue', { dueDate: '2027-04-13' }, event.eventDays);
    expect(sendAt(dayTwo, eventDay, reader('Europe/Berlin'), event, now).toISOString()).toBe('2027-04-14T08:00:00.000Z');
    // An event-day message for that day goes on the event's clock, even before working hours.
    const morning = at('2027-04-14T05:00:00Z');
    expect(sendAt(morning, natureOf('morning-agenda', {}, event.eventDays), reader('Europe/Berlin'), event, at('2027-04-14T05:00:00Z')).toISOString()).toBe(
      '2027-04-14T05:00:00.000Z',
    );
  });

  it('waits out a pause, except for event communications', () => {
    const mondayTen = at('2027-03-01T09:00:00Z');
    const paused = reader('Europe/Berlin', { pausedUntil: at('2027-03-03T12:00:00Z') });
    const now = at('2027-02-28T00:00:00Z');
    expect(sendAt(mondayTen, plain, paused, event, now).toISOString()).toBe('2027-03-03T12:00:00.000Z');
    expect(sendAt(mondayTen, natureOf('save-the-date', {}, event.eventDays), paused, event, now).toISOString()).toBe('2027-03-01T09:00:00.000Z');
  });
});
