import { beforeEach, describe, expect, it } from 'vitest';
import { planReminders, REMINDER_COMPOSERS, type ReminderPlan } from '../../../src/domain/plan/reminders.js';
import type { StatusTask } from '../../../src/domain/plan/status.js';
import { buildTimeline } from '../../../src/domain/plan/timeline.js';

const dana = { personId: 1, slackUserId: 'UDANA', name: 'Dana' };
const priya = { personId: 2, slackUserId: 'UPRIYA', name: 'Priya' };

const task = (over: Partial<StatusTask> & Pick<StatusTask, 'id' | 'dueDate' | 'weekFrom' | 'weekTo'>): StatusTask => ({
  key: `t${over.id}`,
  title: `Task ${over.id}`,
  phase: 1,
  eventDay: null,
  ownerRole: 'sko_lead',
  owner: dana,
  status: 'open',
  milestone: false,
  ...over,
});

// Day 1 Tue 2 Feb 2027 in New York, planning from Fri 20 Nov 2026: week 1 is Mon 30 Nov – Sun 6 Dec.
let timeline: ReturnType<typeof buildTimeline>;
// Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
beforeEach(() => {
  timeline = buildTimeline({ day1: '2027-02-02', days: 3, hasDay0: false, timeZone: 'America/New_York' }, '2026-11-20');
});
const plan = (tasks: StatusTask[], reminderTime = '09:00'): ReminderPlan => ({
  event: { id: 7, name: 'FY27 SKO', day1: '2027-02-02', channelId: 'CSKO', reminderTime },
  timeline,
  tasks,
});
const iso = (items: ReturnType<typeof planReminders>, kind: string) =>
  items.filter((i) => i.kind === kind).map((i) => [i.key, i.dueAt.toISOString(), i.staleAt?.toISOString()]);

describe('planReminders', () => {
  it('plans a phase post and a weekly DM on the first working day of each, at the reminder time in the event zone', () => {
    const items = planReminders(plan([], '07:30'));
    expect(iso(items, 'phase-start')).toEqual([
      ['phase-start:7:1:2026-11-30', '2026-11-30T12:30:00.000Z', '2026-12-07T05:00:00.000Z'],
      ['phase-start:7:2:2026-12-21', '2026-12-21T12:30:00.000Z', '2026-12-28T05:00:00.000Z'],
      ['phase-start:7:3:2027-01-11', '2027-01-11T12:30:00.000Z', '2027-01-18T05:00:00.000Z'],
      ['phase-start:7:4:2027-02-01', '2027-02-01T12:30:00.000Z', '2027-02-08T05:00:00.000Z'],
      ['phase-start:7:5:2027-02-08', '2027-02-08T12:30:00.000Z', '2027-02-15T05:00:00.000Z'],
    ]);
    expect(items.filter((i) => i.kind === 'week-start')).toHaveLength(12);
    expect(iso(items, 'week-start')[11]).toEqual(['week-start:7:12:2027-02-15', '2027-02-15T12:30:00.000Z', '2027-02-22T05:00:00.000Z']);
  });

  it('reminds two days ahead, moved back off a weekend, until the due day begins', () => {
    const items = planReminders(
      plan([task({ id: 1, dueDate: '2026-12-04', weekFrom: 1, weekTo: 1 }), task({ id: 2, dueDate: '2027-02-02', weekFrom: 10, weekTo: 10, eventDay: 1 })]),
    );
    expect(iso(items, 'due-soon')).toEqual([
      // Fri 4 Dec → Wed 2 Dec.
      ['due-soon:7:2026-12-04', '2026-12-02T14:00:00.000Z', '2026-12-04T05:00:00.000Z'],
      // Tue 2 Feb → Sun 31 Jan is a weekend → Fri 29 Jan.
      ['due-soon:7:2027-02-02', '2027-01-29T14:00:00.000Z', '2027-02-02T05:00:00.000Z'],
    ]);
  });

  it('flags overdue work on the next working day, for a week, week 12 included, and not later than two weeks after the plan', () => {
    const items = planReminders(
      plan([
        task({ id: 1, dueDate: '2026-12-04', weekFrom: 1, weekTo: 1 }),
        task({ id: 2, dueDate: '2027-02-19', weekFrom: 12, weekTo: 12 }),
        task({ id: 3, dueDate: '2027-03-12', weekFrom: 12, weekTo: 12 }),
      ]),
    );
    // Fri 19 Feb (week 12) → Mon 22 Feb; a date three weeks past the plan's end gets none.
    expect(iso(items, 'overdue')).toEqual([
      ['overdue:7:2026-12-04', '2026-12-07T14:00:00.000Z', '2026-12-14T14:00:00.000Z'],
      ['overdue:7:2027-02-19', '2027-02-22T14:00:00.000Z', '2027-03-01T14:00:00.000Z'],
    ]);
  });

  it('on a compressed plan whose week starts on a Sunday, sends the weekly DM on the Monday', () => {
    // Planning from Wed 9 Dec leaves 8 weeks: week 2 runs Sun 13 – Fri 18 Dec.
    const compressed = buildTimeline({ day1: '2027-02-02', days: 3, hasDay0: false, timeZone: 'America/New_York' }, '2026-12-09');
    const items = planReminders({ ...plan([]), timeline: compressed });
    expect(items.find((i) => i.key.startsWith('week-start:7:2:'))?.dueAt.toISOString()).toBe('2026-12-14T14:00:00.000Z');
  });
});

describe('composing what falls due', () => {
  const tasks = [
    task({ id: 1, dueDate: '2026-12-04', weekFrom: 1, weekTo: 1 }),
    task({ id: 2, dueDate: '2026-12-04', weekFrom: 1, weekTo: 1, status: 'done' }),
    task({ id: 3, dueDate: '2026-12-04', weekFrom: 1, weekTo: 1, owner: priya }),
    task({ id: 4, dueDate: '2026-12-04', weekFrom: 1, weekTo: 1, owner: null }),
    task({ id: 5, dueDate: '2026-12-18', weekFrom: 2, weekTo: 3, owner: priya }),
  ];
  const context = {
    get plan() {
      return plan(tasks);
    },
    now: new Date('2026-12-02T14:00:00Z'),
    mayReassign: (id: number) => id === dana.personId,
  };

  it('sends each owner one DM with their open tasks only; done and ownerless tasks drop out', () => {
    const notices = REMINDER_COMPOSERS['due-soon']({ dueDate: '2026-12-04' }, context);
    expect(notices.map((n) => [n.to, n.type === 'due-soon' ? n.tasks.map((t) => t.id) : []])).toEqual([
      [{ kind: 'person', person: dana, mayReassign: true }, [1]],
      [{ kind: 'person', person: priya, mayReassign: false }, [3]],
    ]);
  });

  it('lists a two-week task in both of its weeks while it is open', () => {
    const week = (n: number) =>
      REMINDER_COMPOSERS['week-start']({ week: n }, context).map((x) =>
        x.type === 'week-start' ? [x.to.kind === 'person' && x.to.person.name, x.tasks.map((t) => t.id)] : [],
      );
    expect(week(2)).toEqual([['Priya', [5]]]);
    expect(week(3)).toEqual([['Priya', [5]]]);
  });

  it('announces a phase in the event channel with its weeks and who owns how much', () => {
    const [notice] = REMINDER_COMPOSERS['phase-start']({ phase: 1 }, context);
    expect(notice).toMatchObject({
      to: { kind: 'channel', channelId: 'CSKO' },
      type: 'phase-start',
      phase: { number: 1, name: 'Planning and data analysis', firstWeek: 1, lastWeek: 3 },
      window: { start: '2026-11-30', end: '2026-12-20' },
      taskCount: 5,
      progress: { done: 1, total: 5 },
      daysToDay1: 62,
    });
  });
});

describe('the reminder schedule in full', () => {
  it('puts the phase post before the weekly DM at the same instant, and carries what each item is about', () => {
    const items = planReminders(
      plan([task({ id: 1, dueDate: '2026-12-09', weekFrom: 2, weekTo: 2 }), task({ id: 2, dueDate: '2026-12-09', weekFrom: 2, weekTo: 2 })]),
    );
    expect(items.slice(0, 2).map((i) => [i.key, i.payload])).toEqual([
      ['phase-start:7:1:2026-11-30', { phase: 1 }],
      ['week-start:7:1:2026-11-30', { week: 1 }],
    ]);
    // One due date, two tasks: one heads-up and one overdue item, keyed by the date. Mon 7 Dec also starts week 2.
    expect(items.filter((i) => i.kind === 'due-soon' || i.kind === 'overdue').map((i) => [i.key, i.payload])).toEqual([
      ['due-soon:7:2026-12-09', { dueDate: '2026-12-09' }],
      ['overdue:7:2026-12-09', { dueDate: '2026-12-09' }],
    ]);
    const times = items.map((i) => i.dueAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('sends the weekly DM on a week’s last day when that is its only working day', () => {
    // Planning from Mon 4 Jan 2027 leaves 4 weeks; week 7 runs Sat 23 – Mon 25 Jan.
    const compressed = buildTimeline({ day1: '2027-02-02', days: 3, hasDay0: false, timeZone: 'America/New_York' }, '2027-01-04');
    const items = planReminders({ ...plan([]), timeline: compressed });
    expect(items.find((i) => i.key.startsWith('week-start:7:7:'))?.key).toBe('week-start:7:7:2027-01-25');
  });
});

describe('composing each kind of notice', () => {
  const now = new Date('2026-12-02T14:00:00Z');
  const context = (tasks: StatusTask[]) => ({
    get plan() {
      return plan(tasks);
    },
    now,
    mayReassign: (id: number) => id === dana.personId,
  });
  const base = { eventName: 'FY27 SKO', today: '2026-12-02', timeZone: 'America/New_York', daysToDay1: 62 };

  it('a weekly DM: the week, its phase, window and focus, and the owner’s tasks by due date then title', () => {
    const tasks = [
      task({ id: 1, title: 'Zebra', dueDate: '2026-12-11', weekFrom: 2, weekTo: 2, owner: priya }),
      task({ id: 2, title: 'Apple', dueDate: '2026-12-11', weekFrom: 2, weekTo: 2, owner: priya }),
      task({ id: 3, title: 'Mango', dueDate: '2026-12-09', weekFrom: 1, weekTo: 2, owner: priya }),
      task({ id: 4, title: 'Later', dueDate: '2026-12-18', weekFrom: 3, weekTo: 3, owner: priya }),
      task({ id: 5, title: 'Mine', dueDate: '2026-12-11', weekFrom: 2, weekTo: 2 }),
    ];
    const notices = REMINDER_COMPOSERS['week-start']({ week: 2 }, context(tasks));
    expect(notices.map((n) => (n.to.kind === 'person' ? n.to.person.name : null))).toEqual(['Dana', 'Priya']);
    const [, forPriya] = notices;
    expect(forPriya).toEqual({
      ...base,
      to: { kind: 'person', person: priya, mayReassign: false },
      label: 'week 2 tasks',
      type: 'week-start',
      week: 2,
      weeks: 12,
      phase: { number: 1, name: 'Planning and data analysis' },
      window: { start: '2026-12-07', end: '2026-12-13' },
      focus: 'Content development',
      tasks: [tasks[2], tasks[1], tasks[0]],
    });
    expect(REMINDER_COMPOSERS['week-start']({ week: 13 }, context(tasks))).toEqual([]);
  });

  it('a phase post: the weeks’ focus, and owners with the most tasks first, by role when nobody owns them', () => {
    const tasks = [
      task({ id: 1, dueDate: '2026-12-04', weekFrom: 1, weekTo: 1, owner: null, ownerRole: 'content_lead' }),
      task({ id: 2, dueDate: '2026-12-04', weekFrom: 1, weekTo: 1, owner: priya }),
      task({ id: 3, dueDate: '2026-12-11', weekFrom: 2, weekTo: 2, owner: priya, status: 'done' }),
      task({ id: 4, dueDate: '2026-12-21', weekFrom: 4, weekTo: 4, phase: 2 }),
    ];
    const [notice] = REMINDER_COMPOSERS['phase-start']({ phase: 1 }, context(tasks));
    expect(notice).toEqual({
      ...base,
      to: { kind: 'channel', channelId: 'CSKO' },
      label: 'phase 1 announcement',
      type: 'phase-start',
      phase: { number: 1, name: 'Planning and data analysis', firstWeek: 1, lastWeek: 3 },
      window: { start: '2026-11-30', end: '2026-12-20' },
      weekFocus: [
        { week: 1, focus: 'Performance analysis and planning committee meeting #1' },
        { week: 2, focus: 'Content development' },
        { week: 3, focus: 'Content development' },
      ],
      owners: [
        { owner: priya, role: 'sko_lead', tasks: 2 },
        { owner: null, role: 'content_lead', tasks: 1 },
      ],
      taskCount: 3,
      progress: { done: 1, total: 4 },
    });
    expect(REMINDER_COMPOSERS['phase-start']({ phase: 6 }, context(tasks))).toEqual([]);
  });

  it('an overdue DM names the due date, lists the owner’s open tasks due then, and goes to owners in a stable order', () => {
    const tasks = [
      task({ id: 1, title: 'B', dueDate: '2026-12-04', weekFrom: 1, weekTo: 1, owner: priya }),
      task({ id: 2, title: 'A', dueDate: '2026-12-04', weekFrom: 1, weekTo: 1, owner: priya }),
      task({ id: 3, dueDate: '2026-12-04', weekFrom: 1, weekTo: 1 }),
      task({ id: 4, dueDate: '2026-12-05', weekFrom: 1, weekTo: 1 }),
    ];
    const notices = REMINDER_COMPOSERS.overdue({ dueDate: '2026-12-04' }, context(tasks));
    expect(
      notices.map((n) => [n.to.kind === 'person' ? n.to.person.name : null, n.label, n.type, n.type === 'overdue' ? n.tasks.map((t) => t.id) : []]),
    ).toEqual([
      ['Dana', 'overdue reminder (due 2026-12-04)', 'overdue', [3]],
      ['Priya', 'overdue reminder (due 2026-12-04)', 'overdue', [2, 1]],
    ]);
    expect(notices[0]).toMatchObject({ ...base, dueDate: '2026-12-04' });
  });
});
