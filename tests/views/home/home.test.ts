import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionItems, people, tasks } from '../../../db/schema.js';
import { ACTION_ITEMS, HOME, SETUP_MODAL, TASKS } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { submitSetup } from '../../support/sko.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => undefined };

describe('App Home', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-09T15:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  const openHome = async (user: string) => {
    const before = t.fake.callsTo('views.publish').length;
    const res = await t.driver.event({ type: 'app_home_opened', user, channel: 'D1', tab: 'home', event_ts: '1.1' });
    expect(res.status).toBe(200);
    const calls = await eventually(() => t.fake.callsTo('views.publish').length > before && t.fake.callsTo('views.publish'));
    const call = calls[calls.length - 1];
    expect(call?.args.user_id).toBe(user);
    const view = call?.args.view as { type: string; blocks: KnownBlock[] };
    expect(view.type).toBe('home');
    return view.blocks;
  };

  it('invites the first person to set up the SKO when there is none', async () => {
    const text = renderPlainText(await openHome(U.dana), names);
    expect(text).toContain('No SKO yet');
    expect(text).toContain('[ Set up the SKO ]');
  });

  it('shows the status to everyone, and the setup button only to those who may use it', async () => {
    t.clock.set('2026-11-20T15:00:00Z');
    await submitSetup(t);
    t.clock.set('2026-12-09T15:00:00Z');
    const forLead = renderPlainText(await openHome(U.dana), names);
    expect(forLead).toContain('Week 2 of 12');
    expect(forLead).toContain('[ Edit the SKO setup ]');
    const forRep = renderPlainText(await openHome(U.rep), names);
    expect(forRep).toContain('Week 2 of 12');
    expect(forRep).not.toContain('Edit the SKO setup');
  });

  it("shows the reader's open action items with their buttons, and redraws the tab after a click", async () => {
    t.clock.set('2026-11-20T15:00:00Z');
    await submitSetup(t);
    t.clock.set('2026-12-09T15:00:00Z');
    await t.driver.slashCommand({ userId: U.priya, text: 'action Confirm the caterer due:fri' });
    const home = await openHome(U.priya);
    expect(renderPlainText(home, names)).toContain(`My action items · 1 open item

○ Confirm the caterer
Due Fri 11 Dec (in 2 days)

[ Done ] [ Snooze 1 day ] [ Snooze 1 week ] [ Reassign… ]

[ New action item ]`);
    const done = (home as { block_id?: string; elements?: { action_id: string; value: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === ACTION_ITEMS.done);
    const before = t.fake.callsTo('views.publish').length;
    await t.driver.blockAction({ userId: U.priya, actionId: ACTION_ITEMS.done, value: done?.value, container: 'view', view: { id: 'VHOME', type: 'home' } });
    const calls = await eventually(() => t.fake.callsTo('views.publish').length > before && t.fake.callsTo('views.publish'));
    expect(renderPlainText((calls.at(-1)!.args.view as { blocks: KnownBlock[] }).blocks, names)).toContain(
      'My action items · none open\n\n[ New action item ]',
    );
    expect(renderPlainText(await openHome(U.rep), names)).toContain('My action items · none open');
  });

  it('answers a refused click on the Home tab, which has no response_url, by DM', async () => {
    t.clock.set('2026-11-20T15:00:00Z');
    await submitSetup(t);
    await t.driver.slashCommand({ userId: U.priya, text: 'action Confirm the caterer due:fri' });
    const [item] = t.db.select().from(actionItems).all();
    await t.driver.blockAction({
      userId: U.marco,
      actionId: ACTION_ITEMS.done,
      value: JSON.stringify({ i: item?.id }),
      container: 'view',
      view: { id: 'VHOME', type: 'home' },
    });
    const [dm] = await eventually(() => t.fake.messagesIn(U.marco).length > 0 && t.fake.messagesIn(U.marco));
    expect(dm?.text).toBe(
      `Only its owner (<@${U.priya}>), the person who created it, the SKO lead, an admin or a sales leader can change this action item. Ask one of them to make the change.`,
    );
    expect(t.db.select().from(actionItems).all()[0]?.status).toBe('open');
  });

  it('shows each person their own work, a leader the scorecard, and the SKO lead the overdue work', async () => {
    t.clock.set('2026-11-20T15:00:00Z');
    await submitSetup(t);
    t.db.update(people).set({ role: 'leader' }).where(eq(people.slackUserId, U.elena)).run();
    // Wed 9 Dec, week 2: week 1's five tasks (Dana's, due Fri 4 Dec) are all overdue.
    t.clock.set('2026-12-09T15:00:00Z');
    const rep = renderPlainText(await openHome(U.rep), names);
    expect(rep).toContain('My tasks (0 open)\nNothing open: nice.');
    expect(rep).toContain('My RSVP\nNot measured yet. RSVPs are counted from the save-the-date buttons (week 6).');
    expect(rep).toContain('My pending surveys\nNo surveys waiting for you.');
    expect(rep).not.toContain('Scorecard:');
    expect(rep).not.toContain('Overdue work');

    const leader = renderPlainText(await openHome(U.elena), names);
    expect(leader).toContain('My tasks (4 open)');
    // 5 tasks due so far, none done on time: 0% (missed); $620,000 ÷ 240 = $2,583.33 (met).
    expect(leader).toContain('Scorecard: 1 met · 0 at risk · 1 missed · 16 not measured');
    expect(leader).toContain('● missed · Planning on schedule 0%');
    expect(leader).not.toContain('Overdue work');

    const lead = renderPlainText(await openHome(U.dana), names);
    expect(lead).toContain('Overdue work\n• @UDANA0001: 5 overdue tasks');
  });

  it("refreshes the owner's App Home when they mark a task done", async () => {
    t.clock.set('2026-11-20T15:00:00Z');
    await submitSetup(t);
    t.clock.set('2026-12-09T15:00:00Z');
    const task = t.db.select().from(tasks).where(eq(tasks.key, 'w1-revenue-plan')).get();
    const before = t.fake.callsTo('views.publish').length;
    await t.driver.blockAction({
      userId: U.dana,
      actionId: TASKS.markDone,
      blockId: `${TASKS.blockPrefix}${task?.id}`,
      value: JSON.stringify({ t: task?.id, l: [task?.id] }),
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    const calls = await eventually(() => t.fake.callsTo('views.publish').length > before && t.fake.callsTo('views.publish'));
    const view = calls[calls.length - 1]?.args.view as { blocks: KnownBlock[] };
    expect(renderPlainText(view.blocks, names)).toContain('Overdue work\n• @UDANA0001: 4 overdue tasks');
  });

  it('opens the setup modal from the button', async () => {
    await t.driver.blockAction({ userId: U.dana, actionId: HOME.openSetup, container: 'view', view: { id: 'VHOME', type: 'home' } });
    const [open] = await eventually(() => t.fake.callsTo('views.open').length > 0 && t.fake.callsTo('views.open'));
    expect((open!.args.view as { callback_id: string }).callback_id).toBe(SETUP_MODAL.callbackId);
  });
});
