import { describe, expect, it } from 'vitest';
import {
  nextActionReminder,
  type PlannedReminder,
  planActionReminders,
  REMINDER_DEFAULTS,
  type ReminderItem,
  type ReminderSettings,
  snoozeUntil,
  weekdaysOverdue,
} from '../../../src/domain/action-items/reminders.js';

// Late 2026: Mon 30 Nov, Tue 1 Dec … Fri 4, Sat 5, Sun 6, Mon 7 … Fri 11, Mon 14 … Fri 18 Dec.
// New York is on EST (UTC−5) all December, so 09:00 local is 14:00Z.
const settings: ReminderSettings = { timeZone: 'America/New_York', ...REMINDER_DEFAULTS };
const createdMonday = new Date('2026-11-30T15:00:00Z');
const dueFriday: ReminderItem = { due: '2026-12-04', createdAt: createdMonday, status: 'open' };

type Row = [kind: string, date: string, at: string, overdueWeekday?: number];
const expected: Row[] = [
  ['day-before', '2026-12-03', '2026-12-03T14:00:00.000Z'],
  ['due-day', '2026-12-04', '2026-12-04T14:00:00.000Z'],
  ['overdue', '2026-12-07', '2026-12-07T14:00:00.000Z', 1],
  ['overdue', '2026-12-08', '2026-12-08T14:00:00.000Z', 2],
  ['overdue', '2026-12-09', '2026-12-09T14:00:00.000Z', 3],
  ['escalation', '2026-12-09', '2026-12-09T14:00:00.000Z', 3],
];
const rows = (plan: PlannedReminder[]): Row[] =>
  plan.map((r) => (r.overdueWeekday === undefined ? [r.kind, r.date, r.at.toISOString()] : [r.kind, r.date, r.at.toISOString(), r.overdueWeekday]));

/**
 * A dispatcher on a simulated clock: it sleeps until the next planned reminder, sends everything
 * due by then (an escalation shares its instant with that day's reminder), records the
 * escalation, lets the owner react, and stops at `until`. It returns what was received.
 */
function simulate(start: ReminderItem, until: string, react: (sent: PlannedReminder, item: ReminderItem) => ReminderItem = (_sent, item) => item): Row[] {
  let item = start;
  let now = item.createdAt;
  const sent: PlannedReminder[] = [];
  for (let next = nextActionReminder(item, settings, now); next && next.at <= new Date(until); next = nextActionReminder(item, settings, now)) {
    const wake = next.at;
    const due = planActionReminders(item, settings).filter((r) => r.at > now && r.at <= wake);
    now = wake;
    for (const reminder of due) {
      sent.push(reminder);
      item = react(reminder, reminder.kind === 'escalation' ? { ...item, escalatedAt: reminder.at } : item);
    }
  }
  return rows(sent);
}

describe('an item due Friday 2026-12-04, created Monday, 09:00 in New York', () => {
  it('is reminded the day before, on the day, on three overdue weekdays, and escalated once on the third', () => {
    expect(rows(planActionReminders(dueFriday, settings))).toEqual(expected);
  });

  it('gets exactly those on a clock that runs two more weeks, and none at the weekend', () => {
    expect(simulate(dueFriday, '2026-12-31T00:00:00Z')).toEqual(expected);
  });

  it('reaches the manager once even when the owner snoozes after the escalation', () => {
    const sent = simulate(dueFriday, '2026-12-31T00:00:00Z', (reminder, item) =>
      reminder.kind === 'escalation' ? { ...item, snoozedUntil: snoozeUntil(reminder.date, '1d') } : item,
    );
    expect(sent).toEqual([
      ...expected,
      ['overdue', '2026-12-10', '2026-12-10T14:00:00.000Z', 4],
      ['overdue', '2026-12-11', '2026-12-11T14:00:00.000Z', 5],
      ['overdue', '2026-12-14', '2026-12-14T14:00:00.000Z', 6],
    ]);
    expect(sent.filter(([kind]) => kind === 'escalation')).toHaveLength(1);
  });

  it('stops when it is done', () => {
    expect(planActionReminders({ ...dueFriday, status: 'done' }, settings)).toEqual([]);
    const sent = simulate(dueFriday, '2026-12-31T00:00:00Z', (reminder, item) => (reminder.kind === 'due-day' ? { ...item, status: 'done' } : item));
    expect(sent).toEqual(expected.slice(0, 2));
  });

  it('is never chased without a due date', () => {
    expect(planActionReminders({ ...dueFriday, due: null }, settings)).toEqual([]);
  });
});

describe('snoozing', () => {
  it('moves the next reminder to the snooze date and restarts the overdue count there', () => {
    // Snoozed a week from the day-before reminder on Thursday 3 Dec: nothing until Thursday 10 Dec.
    const snoozed = { ...dueFriday, snoozedUntil: snoozeUntil('2026-12-03', '1w') };
    expect(snoozed.snoozedUntil).toBe('2026-12-10');
    expect(rows(planActionReminders(snoozed, settings))).toEqual([
      ['overdue', '2026-12-10', '2026-12-10T14:00:00.000Z', 4],
      ['overdue', '2026-12-11', '2026-12-11T14:00:00.000Z', 5],
      ['overdue', '2026-12-14', '2026-12-14T14:00:00.000Z', 6],
      ['escalation', '2026-12-14', '2026-12-14T14:00:00.000Z', 6],
    ]);
    expect(nextActionReminder(dueFriday, settings, new Date('2026-12-03T14:00:00Z'))?.at.toISOString()).toBe('2026-12-04T14:00:00.000Z');
    expect(nextActionReminder(snoozed, settings, new Date('2026-12-03T14:00:00Z'))?.at.toISOString()).toBe('2026-12-10T14:00:00.000Z');
  });

  it('on a clock: snoozing the first overdue reminder for a day skips nothing but moves the escalation', () => {
    const sent = simulate(dueFriday, '2026-12-31T00:00:00Z', (reminder, item) =>
      reminder.kind === 'overdue' && reminder.date === '2026-12-07' ? { ...item, snoozedUntil: snoozeUntil('2026-12-07', '1d') } : item,
    );
    expect(sent).toEqual([
      ['day-before', '2026-12-03', '2026-12-03T14:00:00.000Z'],
      ['due-day', '2026-12-04', '2026-12-04T14:00:00.000Z'],
      ['overdue', '2026-12-07', '2026-12-07T14:00:00.000Z', 1],
      ['overdue', '2026-12-08', '2026-12-08T14:00:00.000Z', 2],
      ['overdue', '2026-12-09', '2026-12-09T14:00:00.000Z', 3],
      ['overdue', '2026-12-10', '2026-12-10T14:00:00.000Z', 4],
      ['escalation', '2026-12-10', '2026-12-10T14:00:00.000Z', 4],
    ]);
  });

  it('before the due date only holds back what falls before the snooze', () => {
    const snoozed = { ...dueFriday, snoozedUntil: snoozeUntil('2026-12-03', '1d') };
    expect(snoozed.snoozedUntil).toBe('2026-12-04');
    expect(rows(planActionReminders(snoozed, settings))).toEqual(expected.slice(1));
  });

  it('resumes on a weekday: a day from Friday or Saturday is Monday, a week from Saturday is the Monday after', () => {
    expect(snoozeUntil('2026-12-02', '1d')).toBe('2026-12-03');
    expect(snoozeUntil('2026-12-04', '1d')).toBe('2026-12-07');
    expect(snoozeUntil('2026-12-05', '1d')).toBe('2026-12-07');
    expect(snoozeUntil('2026-12-02', '1w')).toBe('2026-12-09');
    expect(snoozeUntil('2026-12-05', '1w')).toBe('2026-12-14');
  });
});

describe('weekends', () => {
  it('announces an item due Monday on the Friday before', () => {
    expect(rows(planActionReminders({ ...dueFriday, due: '2026-12-07' }, settings))).toEqual([
      ['day-before', '2026-12-04', '2026-12-04T14:00:00.000Z'],
      ['due-day', '2026-12-07', '2026-12-07T14:00:00.000Z'],
      ['overdue', '2026-12-08', '2026-12-08T14:00:00.000Z', 1],
      ['overdue', '2026-12-09', '2026-12-09T14:00:00.000Z', 2],
      ['overdue', '2026-12-10', '2026-12-10T14:00:00.000Z', 3],
      ['escalation', '2026-12-10', '2026-12-10T14:00:00.000Z', 3],
    ]);
  });

  it('sends no due-day reminder for a Saturday or Sunday due date; Friday warns and Monday is overdue', () => {
    const weekendPlan: Row[] = [
      ['day-before', '2026-12-04', '2026-12-04T14:00:00.000Z'],
      ['overdue', '2026-12-07', '2026-12-07T14:00:00.000Z', 1],
      ['overdue', '2026-12-08', '2026-12-08T14:00:00.000Z', 2],
      ['overdue', '2026-12-09', '2026-12-09T14:00:00.000Z', 3],
      ['escalation', '2026-12-09', '2026-12-09T14:00:00.000Z', 3],
    ];
    expect(rows(planActionReminders({ ...dueFriday, due: '2026-12-05' }, settings))).toEqual(weekendPlan);
    expect(rows(planActionReminders({ ...dueFriday, due: '2026-12-06' }, settings))).toEqual(weekendPlan);
  });

  it('counts overdue weekdays across a weekend', () => {
    expect(rows(planActionReminders({ ...dueFriday, due: '2026-12-10' }, settings))).toEqual([
      ['day-before', '2026-12-09', '2026-12-09T14:00:00.000Z'],
      ['due-day', '2026-12-10', '2026-12-10T14:00:00.000Z'],
      ['overdue', '2026-12-11', '2026-12-11T14:00:00.000Z', 1],
      ['overdue', '2026-12-14', '2026-12-14T14:00:00.000Z', 2],
      ['overdue', '2026-12-15', '2026-12-15T14:00:00.000Z', 3],
      ['escalation', '2026-12-15', '2026-12-15T14:00:00.000Z', 3],
    ]);
  });

  it('weekdaysOverdue counts weekdays after the due date up to today', () => {
    expect(weekdaysOverdue('2026-12-04', '2026-12-03')).toBe(0);
    expect(weekdaysOverdue('2026-12-04', '2026-12-04')).toBe(0);
    expect(weekdaysOverdue('2026-12-04', '2026-12-05')).toBe(0);
    expect(weekdaysOverdue('2026-12-04', '2026-12-06')).toBe(0);
    expect(weekdaysOverdue('2026-12-04', '2026-12-07')).toBe(1);
    expect(weekdaysOverdue('2026-12-04', '2026-12-09')).toBe(3);
    expect(weekdaysOverdue('2026-12-04', '2026-12-14')).toBe(6);
  });
});

describe('creation time', () => {
  it('keeps the due-day reminder for an item created that morning before the hour', () => {
    const created = { ...dueFriday, createdAt: new Date('2026-12-04T13:00:00Z') };
    expect(rows(planActionReminders(created, settings))).toEqual(expected.slice(1));
  });

  it('starts with the first overdue weekday for an item created on the due day after the hour', () => {
    const created = { ...dueFriday, createdAt: new Date('2026-12-04T15:00:00Z') };
    expect(rows(planActionReminders(created, settings))).toEqual(expected.slice(2));
  });

  it('sends nothing at the very instant the item was created', () => {
    const created = { ...dueFriday, createdAt: new Date('2026-12-03T14:00:00Z') };
    expect(rows(planActionReminders(created, settings))[0]).toEqual(['due-day', '2026-12-04', '2026-12-04T14:00:00.000Z']);
  });
});

describe('settings', () => {
  it('default to 09:00, three overdue reminders and an escalation on the third overdue weekday', () => {
    expect(REMINDER_DEFAULTS).toEqual({ hour: '09:00', maxOverdueReminders: 3, escalateAfterWeekdays: 3 });
  });

  it('sends at most maxOverdueReminders overdue reminders, and escalates on its own day regardless', () => {
    expect(rows(planActionReminders(dueFriday, { ...settings, maxOverdueReminders: 1 })).slice(2)).toEqual([
      ['overdue', '2026-12-07', '2026-12-07T14:00:00.000Z', 1],
      ['escalation', '2026-12-09', '2026-12-09T14:00:00.000Z', 3],
    ]);
    expect(rows(planActionReminders(dueFriday, { ...settings, maxOverdueReminders: 5 })).slice(2)).toEqual([
      ['overdue', '2026-12-07', '2026-12-07T14:00:00.000Z', 1],
      ['overdue', '2026-12-08', '2026-12-08T14:00:00.000Z', 2],
      ['overdue', '2026-12-09', '2026-12-09T14:00:00.000Z', 3],
      ['escalation', '2026-12-09', '2026-12-09T14:00:00.000Z', 3],
      ['overdue', '2026-12-10', '2026-12-10T14:00:00.000Z', 4],
      ['overdue', '2026-12-11', '2026-12-11T14:00:00.000Z', 5],
    ]);
  });

  it('plans no escalation once one has gone out', () => {
    const escalated = { ...dueFriday, escalatedAt: new Date('2026-12-09T14:00:00Z') };
    expect(rows(planActionReminders(escalated, settings)).map(([kind]) => kind)).toEqual(['day-before', 'due-day', 'overdue', 'overdue', 'overdue']);
  });

  it('uses the hour in the event time zone', () => {
    const tokyo = { ...settings, timeZone: 'Asia/Tokyo', hour: '08:30' };
    expect(rows(planActionReminders(dueFriday, tokyo))[0]).toEqual(['day-before', '2026-12-03', '2026-12-02T23:30:00.000Z']);
  });

  it('refuses settings it cannot follow', () => {
    expect(() => planActionReminders(dueFriday, { ...settings, hour: '9am' })).toThrow('The reminder hour "9am" is not a time in the form HH:mm.');
    expect(() => planActionReminders(dueFriday, { ...settings, timeZone: 'Mars/Olympus' })).toThrow(
      '"Mars/Olympus" is not an IANA time zone such as America/New_York.',
    );
    expect(() => planActionReminders(dueFriday, { ...settings, maxOverdueReminders: -1 })).toThrow(
      'maxOverdueReminders must be a whole number of 0 or more; got -1.',
    );
    expect(() => planActionReminders(dueFriday, { ...settings, escalateAfterWeekdays: 0 })).toThrow(
      'escalateAfterWeekdays must be a whole number of 1 or more; got 0.',
    );
  });
});

describe('daylight saving time', () => {
  it('keeps 09:00 local when New York springs forward on Sunday 2027-03-14', () => {
    // Thu 11 Mar 2027 is due; EST (UTC−5) until the Sunday, EDT (UTC−4) from Monday 15.
    const item: ReminderItem = { due: '2027-03-11', createdAt: new Date('2027-03-08T15:00:00Z'), status: 'open' };
    expect(rows(planActionReminders(item, settings))).toEqual([
      ['day-before', '2027-03-10', '2027-03-10T14:00:00.000Z'],
      ['due-day', '2027-03-11', '2027-03-11T14:00:00.000Z'],
      ['overdue', '2027-03-12', '2027-03-12T14:00:00.000Z', 1],
      ['overdue', '2027-03-15', '2027-03-15T13:00:00.000Z', 2],
      ['overdue', '2027-03-16', '2027-03-16T13:00:00.000Z', 3],
      ['escalation', '2027-03-16', '2027-03-16T13:00:00.000Z', 3],
    ]);
  });
});
