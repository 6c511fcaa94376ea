import { beforeEach, describe, expect, it } from 'vitest';
import { buildStatusReport, type StatusTask } from '../../../src/domain/plan/status.js';
import { buildTimeline } from '../../../src/domain/plan/timeline.js';

// Day 1 Tue 2 Feb 2027 (3 days, with day 0) in New York, planned from Fri 20 Nov 2026:
// week 1 starts Mon 30 Nov 2026, week 10 Mon 1 Feb 2027, week 12 ends Sun 21 Feb 2027.
let timeline: ReturnType<typeof buildTimeline>;
// Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
beforeEach(() => {
  timeline = buildTimeline({ day1: '2027-02-02', days: 3, hasDay0: true, timeZone: 'America/New_York' }, '2026-11-20');
});
const event = { name: 'FY27 SKO', day1: '2027-02-02', days: 3, hasDay0: true, location: 'Chicago' };

const task = (over: Partial<StatusTask> & Pick<StatusTask, 'id' | 'title' | 'weekFrom' | 'weekTo' | 'dueDate'>): StatusTask => ({
  key: `t${over.id}`,
  phase: 1,
  eventDay: null,
  ownerRole: 'sko_lead',
  owner: { personId: 1, slackUserId: 'U1', name: 'Dana' },
  status: 'open',
  milestone: false,
  ...over,
});

const tasks: StatusTask[] = [
  task({ id: 1, title: 'Retrospective', weekFrom: 1, weekTo: 1, dueDate: '2026-12-04', status: 'done' }),
  task({ id: 2, title: 'Committee meeting', weekFrom: 1, weekTo: 1, dueDate: '2026-12-04', milestone: true }),
  task({ id: 3, title: 'Agenda draft', weekFrom: 2, weekTo: 3, dueDate: '2026-12-18' }),
  task({ id: 4, title: 'Awards', weekFrom: 2, weekTo: 3, dueDate: '2026-12-18', milestone: true }),
  task({ id: 5, title: 'Venue', weekFrom: 4, weekTo: 4, dueDate: '2026-12-25', phase: 2 }),
];

const at = (iso: string) => buildStatusReport({ event, timeline, tasks }, new Date(iso));

describe('buildStatusReport', () => {
  it('in week 2: its tasks, the slipped week-1 task, and the next three milestones', () => {
    const report = at('2026-12-09T15:00:00Z');
    expect(report.today).toBe('2026-12-09');
    expect(report.countdown).toEqual({ kind: 'until', days: 55 });
    expect(report.position).toMatchObject({ kind: 'week', week: 2, phase: 1 });
    expect(report.phase).toEqual({ number: 1, name: 'Planning and data analysis' });
    expect(report.weekTasks.map((t) => t.id)).toEqual([3, 4]); // same due date, so by title
    expect(report.overdue.map((t) => t.id)).toEqual([2]);
    expect(report.milestones).toEqual([
      { date: '2026-12-18', label: 'Awards' },
      { date: '2026-12-21', label: 'Phase 2 begins: Logistics and communications' },
      { date: '2027-01-11', label: 'Phase 3 begins: Content finalization' },
    ]);
    expect(report.progress).toEqual({ done: 1, total: 5 });
    expect(report.compression).toBeNull();
  });

  it('counts event days, including the last one, then days since', () => {
    expect(at('2027-02-01T15:00:00Z').countdown).toEqual({ kind: 'until', days: 1 });
    expect(at('2027-02-02T15:00:00Z').countdown).toEqual({ kind: 'during', day: 1, of: 3 });
    expect(at('2027-02-04T15:00:00Z').countdown).toEqual({ kind: 'during', day: 3, of: 3 });
    expect(at('2027-02-05T15:00:00Z').countdown).toEqual({ kind: 'over', daysAgo: 1 });
  });

  it('before week 1 it previews week 1; after week 12 there is no focus and no milestones', () => {
    const before = at('2026-11-25T15:00:00Z');
    expect(before.position).toEqual({ kind: 'before', firstWeekStarts: '2026-11-30', daysUntil: 5 });
    expect(before.focus?.week).toBe(1);
    expect(before.weekTasks.map((t) => t.id)).toEqual([2, 1]);
    expect(before.overdue).toEqual([]);

    const after = at('2027-02-22T15:00:00Z');
    expect(after.position).toEqual({ kind: 'after', lastWeekEnded: '2027-02-21' });
    expect(after.focus).toBeNull();
    expect(after.weekTasks).toEqual([]);
    expect(after.milestones).toEqual([]);
  });
});

describe('buildStatusReport around the edges', () => {
  it('a task due today is not overdue yet; the day after it is, and the overdue list runs by due date then title', () => {
    expect(at('2026-12-18T15:00:00Z').overdue.map((t) => t.id)).toEqual([2]);
    expect(at('2026-12-19T15:00:00Z').overdue.map((t) => t.id)).toEqual([2, 3, 4]);
  });

  it('a task spanning weeks 2–3 is in week 3’s list but not week 4’s', () => {
    expect(at('2026-12-16T15:00:00Z').weekTasks.map((t) => t.id)).toEqual([3, 4]);
    const week4 = at('2026-12-23T15:00:00Z');
    expect(week4.weekTasks.map((t) => t.id)).toEqual([5]);
    expect(week4.phase).toEqual({ number: 2, name: 'Logistics and communications' });
    expect(week4.focus).toEqual({ week: 4, text: 'Venue and logistics' });
  });

  it('names day 0 and each event day as milestones, and leaves out one falling today', () => {
    expect(at('2027-01-31T15:00:00Z').milestones).toEqual([
      { date: '2027-02-01', label: 'Day 0: early arrivals' },
      { date: '2027-02-01', label: 'Phase 4 begins: Event execution' },
      { date: '2027-02-02', label: 'Event day 1' },
    ]);
    expect(at('2027-02-01T15:00:00Z').milestones.map((m) => m.label)).toEqual(['Event day 1', 'Event day 2', 'Event day 3']);
    expect(at('2027-02-04T15:00:00Z').milestones).toEqual([
      { date: '2027-02-08', label: 'Phase 5 begins: Post-event follow-up' },
      { date: '2027-02-21', label: 'End of week 12: plan complete' },
    ]);
  });

  it('drops a milestone task once it is done', () => {
    const doneAwards = tasks.map((t) => (t.id === 4 ? { ...t, status: 'done' as const } : t));
    const report = buildStatusReport({ event, timeline, tasks: doneAwards }, new Date('2026-12-09T15:00:00Z'));
    expect(report.milestones[0]).toEqual({ date: '2026-12-21', label: 'Phase 2 begins: Logistics and communications' });
    expect(report.progress).toEqual({ done: 2, total: 5 });
  });
});
