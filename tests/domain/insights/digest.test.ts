import { describe, expect, it } from 'vitest';
import { planDigests } from '../../../src/domain/insights/digest.js';
import { buildTimeline, type EventDates } from '../../../src/domain/plan/timeline.js';

// Day 1 is Wednesday 2026-09-16; Chicago is on CDT (UTC-5) all through the plan.
const dates: EventDates = { day1: '2026-09-16', days: 3, hasDay0: false, timeZone: 'America/Chicago' };

describe('the weekly digest', () => {
  it('goes out on each plan week’s Monday at 08:00 local, one per week, and goes stale when the week ends', () => {
    const t = buildTimeline(dates, '2026-07-13');
    const digests = planDigests(7, t);
    expect(digests).toHaveLength(12);
    expect(digests[0]).toEqual({
      key: 'digest:7:1:2026-07-13',
      kind: 'digest',
      dueAt: new Date('2026-07-13T13:00:00.000Z'),
      staleAt: t.weeks[0]?.endsAt,
      payload: { week: 1 },
    });
    expect(digests.map((d) => d.dueAt.toISOString().slice(0, 10))).toEqual(t.weeks.map((w) => w.start));
    expect(digests[11]?.key).toBe('digest:7:12:2026-09-28');
  });

  it('in a compressed plan: on the Monday inside the week, else on the week’s first day', () => {
    // Weeks 1–9 squeezed into 4 calendar weeks: week 2 runs Thu 20 – Sat 22 Aug (no Monday), week 3 Sun 23 – Tue 25 Aug.
    const digests = planDigests(7, buildTimeline(dates, '2026-08-20'));
    expect(digests.slice(0, 3).map((d) => [d.key, d.dueAt.toISOString()])).toEqual([
      ['digest:7:1:2026-08-17', '2026-08-17T13:00:00.000Z'],
      ['digest:7:2:2026-08-20', '2026-08-20T13:00:00.000Z'],
      ['digest:7:3:2026-08-24', '2026-08-24T13:00:00.000Z'],
    ]);
  });
});
