import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../db/schema.js';
import { timeZonesJob } from '../../schedules/time-zones.js';
import { ManualClock } from '../../src/clock.js';
import { setTaskStatus } from '../../src/services/plan/tasks.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { U } from '../support/builders.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import { walk } from '../support/schedule-walk.js';
import { submitSetup } from '../support/sko.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };

/**
 * Issue 14: DMs go in waves, each reader at their own hour, and each wave is written when it goes.
 * The SKO is in New York (day 1 Tue 2 Feb 2027: week 3 starts Mon 14 Dec 2026); Dana reads in Sydney,
 * Priya in Los Angeles, so Dana's Monday 09:00 comes 19 hours before Priya's.
 */
describe('a DM written at its reader’s own hour', () => {
  const clock = new ManualClock('2026-11-20T15:00:00Z');
  let fake: FakeSlack;
  let t: TestApp;
  let priyaBefore: number;

  beforeAll(async () => {
    fake = await FakeSlack.start({ now: () => clock.now().getTime() });
    fake.addUser({ id: U.dana, name: 'dana', tz: 'Australia/Sydney' });
    fake.addUser({ id: U.priya, name: 'priya', tz: 'America/Los_Angeles' });
    t = await startTestApp({ clock, fake });
    const res = await submitSetup(t);
    if (res.status !== 200 || res.text !== '') throw new Error(`setup was refused: ${res.text}`);
    await timeZonesJob(t.deps.slack).run(t.deps, clock.now());
    // Mon 14 Dec, 07:00 in New York: Dana's week-3 DM has gone (Monday 09:00 in Sydney); Priya's has not.
    await walk(t, '2026-12-14T12:00:00Z', { stepMs: 60 * 60_000 });
    priyaBefore = fake.messagesIn(U.priya).length;
    // Her Monday morning, before her DM: she finishes one of her week's tasks.
    const training = t.db.select().from(tasks).where(eq(tasks.key, 'w2-training-content')).get();
    setTaskStatus(t.db, training?.id as number, U.priya, 'done', clock.now());
    await walk(t, '2026-12-14T18:00:00Z', { stepMs: 60 * 60_000 });
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('reaches Dana at 09:00 in Sydney and Priya at 09:00 in Los Angeles', () => {
    const weekly = (user: string) => fake.messagesIn(user).filter((m) => (m.text ?? '').split('\n').some((part) => part.startsWith('Week 3 of 12')));
    expect(weekly(U.dana).map((m) => new Date(Number(m.ts.split('.')[0]) * 1000).toISOString())).toEqual(['2026-12-13T22:00:00.000Z']);
    expect(weekly(U.priya).map((m) => new Date(Number(m.ts.split('.')[0]) * 1000).toISOString())).toEqual(['2026-12-14T17:00:00.000Z']);
  });

  it('shows Priya her week as it stands at her hour, with what she finished that morning done', () => {
    const dm = fake
      .messagesIn(U.priya)
      .slice(priyaBefore)
      .find((m) => (m.text ?? '').split('\n').some((part) => part.startsWith('Week 3 of 12')));
    const text = renderPlainText(dm?.blocks as KnownBlock[], names);
    // Three tasks were hers this week when Dana's wave went; the one she finished is not listed as to do.
    expect(text).toContain('You have 2 open tasks this week.');
    expect(text).not.toContain('Outline the training content');
  });
});
