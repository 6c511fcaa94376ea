import { describe, expect, it } from 'vitest';
import { planMorningAgendas } from '../../../src/domain/agenda/morning.js';
import { buildTimeline } from '../../../src/domain/plan/timeline.js';

describe("each event morning's agenda", () => {
  it('is posted at 07:00 local on every event day, day 0 included, and is stale from noon', () => {
    const t = buildTimeline({ day1: '2026-09-16', days: 2, hasDay0: true, timeZone: 'America/Chicago' }, '2026-07-13');
    expect(planMorningAgendas(7, t)).toEqual([
      {
        key: 'morning-agenda:7:0:2026-09-15',
        kind: 'morning-agenda',
        dueAt: new Date('2026-09-15T12:00:00.000Z'),
        staleAt: new Date('2026-09-15T17:00:00.000Z'),
        payload: { day: 0, date: '2026-09-15' },
      },
      {
        key: 'morning-agenda:7:1:2026-09-16',
        kind: 'morning-agenda',
        dueAt: new Date('2026-09-16T12:00:00.000Z'),
        staleAt: new Date('2026-09-16T17:00:00.000Z'),
        payload: { day: 1, date: '2026-09-16' },
      },
      {
        key: 'morning-agenda:7:2:2026-09-17',
        kind: 'morning-agenda',
        dueAt: new Date('2026-09-17T12:00:00.000Z'),
        staleAt: new Date('2026-09-17T17:00:00.000Z'),
        payload: { day: 2, date: '2026-09-17' },
      },
    ]);
  });
});
