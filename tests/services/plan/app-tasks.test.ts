import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { tasks } from '../../../db/schema.js';
import { setCancelled } from '../../../src/services/comms/editing.js';
import { type EventRow, loadPlan, newestEvent } from '../../../src/services/plan/event-store.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { runUntil, startWithSko } from '../../support/sko.js';
import type { TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };

function saveTheDateTask(t: TestApp) {
  const event = newestEvent(t.db);
  if (!event) throw new Error('no event');
  return loadPlan(t.db, event).tasks.find((task) => task.key === 'w6-save-the-date');
}

async function myTasks(t: TestApp, userId: string): Promise<string> {
  const res = await t.driver.slashCommand({ userId, text: 'tasks' });
  return renderPlainText(res.json?.blocks as KnownBlock[], names);
}

// The SKO of startWithSko: week 6 begins Mon 4 Jan 2027; the save-the-date goes out that day at 10:00 New York time.
describe('a task SKO Conductor performs', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('is nobody’s to do while its message is planned, and its owner’s again once the message is cancelled', async () => {
    t = await startWithSko();
    expect(saveTheDateTask(t)).toMatchObject({ status: 'scheduled', app: { sendsAt: '2027-01-04T15:00:00.000Z', failure: null } });
    expect(await myTasks(t, U.aisha)).not.toContain('Send the save-the-date');

    setCancelled(t.db, (newestEvent(t.db) as EventRow).id, U.aisha, 'save-the-date', true, t.clock.now());
    expect(saveTheDateTask(t)?.status).toBe('open');
    expect(saveTheDateTask(t)?.app).toBeUndefined();
    expect(await myTasks(t, U.aisha)).toContain('Send the save-the-date');
    await runUntil(t, '2027-01-04T14:00:00Z');
    const monday = t.fake.messagesIn(U.aisha).find((m) => m.text?.startsWith('Week 6 of 12'));
    expect(renderPlainText(monday?.blocks as KnownBlock[], names)).toContain('Send the save-the-date');

    setCancelled(t.db, (newestEvent(t.db) as EventRow).id, U.aisha, 'save-the-date', false, t.clock.now());
    expect(saveTheDateTask(t)).toMatchObject({ status: 'scheduled' });
  });

  it('is done by SKO Conductor once its message is delivered, with how many it reached', async () => {
    t = await startWithSko();
    await runUntil(t, '2027-01-04T15:00:00Z');
    // Done when the last of the six reached Slack (the outbox paces its posts), within the minute.
    const row = t.db.select().from(tasks).where(eq(tasks.key, 'w6-save-the-date')).get();
    expect(row).toMatchObject({ status: 'done', doneBy: null, performed: { delivered: 6, failed: 0, reason: null } });
    expect(row?.doneAt?.slice(0, 15)).toBe('2027-01-04T15:0');
    const res = await t.driver.slashCommand({ userId: U.dana, text: 'plan' });
    expect(renderPlainText(res.json?.blocks as KnownBlock[], names)).toContain('Send the save-the-date · done by SKO Conductor: sent to 6 people');
  });

  it('stays open, with the reason, when its message reached nobody', async () => {
    t = await startWithSko();
    t.fake.failAlways('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    await runUntil(t, '2027-01-04T15:00:00Z');
    t.fake.clearFailures();
    const row = t.db.select().from(tasks).where(eq(tasks.key, 'w6-save-the-date')).get();
    expect(row).toMatchObject({ status: 'open', performed: { delivered: 0, failed: 6 } });
    expect(saveTheDateTask(t)).toMatchObject({
      status: 'open',
      app: { failure: 'Slack refused it for every recipient (6; last answer `channel_not_found`).' },
    });
    const text = await myTasks(t, U.aisha);
    expect(text).toContain('Send the save-the-date');
    expect(text).toContain('SKO Conductor could not do it: Slack refused it for every recipient');
  });
});
