import type { KnownBlock } from '@slack/types';
import { afterEach, describe, expect, it } from 'vitest';
import { addSession } from '../../src/services/agenda/sessions.js';
import { newestEvent } from '../../src/services/plan/event-store.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { U } from '../support/builders.js';
import type { FakeSlack } from '../support/fake-slack/server.js';
import { NAMES, setUpWalkEvent, startWalkApp, walk } from '../support/schedule-walk.js';
import type { TestApp } from '../support/test-app.js';

const names = { user: (id: string) => NAMES[id] ?? id, channel: () => 'sko' };

/** Day 1 Tue 13 Apr 2027 (New York): week 6 starts Mon 15 Mar, and the agenda preview goes on Thu 18 Mar at 10:00 EDT. */
describe('the week-6 agenda preview', () => {
  let t: TestApp & { ownFake: FakeSlack };
  const previews = (user: string) => t.ownFake.messagesIn(user).filter((m) => m.text?.startsWith('The agenda for '));

  afterEach(async () => {
    await t.close();
  });

  it('sends each attendee the sessions by day', async () => {
    t = await startWalkApp('2027-02-01T15:00:00Z');
    await setUpWalkEvent(t);
    const event = newestEvent(t.db);
    if (!event) throw new Error('no event');
    for (const session of [
      {
        day: 2,
        start: '09:00',
        end: '10:30',
        title: 'Territory workshop',
        kind: 'planning',
        format: 'workshop',
        speakers: 'Marco',
        takeaways: 'Your territory',
        nextSteps: 'Book account plans',
      },
      {
        day: 1,
        start: '09:00',
        end: '10:00',
        title: 'FY28 strategy',
        kind: 'strategy',
        format: 'panel',
        speakers: 'Elena\nDana',
        takeaways: 'The one narrative',
        nextSteps: 'Share it with your team',
      },
    ]) {
      expect(addSession(t.db, event, session).ok).toBe(true);
    }
    await walk(t, '2027-03-18T15:00:00Z', { stepMs: 60 * 60_000 });
    await t.deps.outbox.idle();

    const [preview, ...more] = previews(U.priya);
    expect(more).toEqual([]);
    expect(new Date(Number(preview?.ts.split('.')[0]) * 1000).toISOString()).toBe('2027-03-18T14:00:00.000Z');
    const text = renderPlainText(preview?.blocks as KnownBlock[], names);
    expect(text).toContain('Day 1 · Tue 13 Apr 2027\n09:00–10:00 FY28 strategy (strategy, panel) · Elena, Dana');
    expect(text).toContain('Day 2 · Wed 14 Apr 2027\n09:00–10:30 Territory workshop (planning, workshop) · Marco');
    for (const user of [U.dana, U.marco, U.aisha, U.tom, U.elena]) expect(previews(user)).toHaveLength(1);
  }, 60_000);

  it('sends nothing while the agenda has no sessions', async () => {
    t = await startWalkApp('2027-02-01T15:00:00Z');
    await setUpWalkEvent(t);
    await walk(t, '2027-03-18T15:00:00Z', { stepMs: 60 * 60_000 });
    await t.deps.outbox.idle();
    for (const user of [U.dana, U.priya, U.marco, U.aisha, U.tom, U.elena]) expect(previews(user)).toEqual([]);
  }, 60_000);
});
