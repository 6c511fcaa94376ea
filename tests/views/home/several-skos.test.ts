import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionItems, events } from '../../../db/schema.js';
import { ACTION_ITEMS, ACTION_MODAL, HOME, SETUP_MODAL } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, setupValues, U } from '../../support/builders.js';
import { submitNewSko, submitSetup } from '../../support/sko.js';
import { stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/**
 * Two regional SKOs a week apart. Dana (an admin) is the SKO lead of the Americas one and the
 * technology lead of the EMEA one, whose SKO lead is Emil; Priya leads content in both. Ava is a
 * rep in the Americas.
 */
const EMIL = 'UEMIL0001';
const AVA = 'UAVA00001';
const names = { user: (id: string) => id, channel: () => undefined };

let t: TestApp;
const idOf = (name: string) => t.db.select().from(events).where(eq(events.name, name)).get()?.id;

async function openHome(user: string): Promise<KnownBlock[]> {
  const before = t.fake.callsTo('views.publish').length;
  await t.driver.event({ type: 'app_home_opened', user, channel: 'D1', tab: 'home', event_ts: '1.1' });
  const calls = await eventually(() => t.fake.callsTo('views.publish').length > before && t.fake.callsTo('views.publish'));
  return (calls.at(-1)?.args.view as { blocks: KnownBlock[] } | undefined)?.blocks ?? [];
}

type Element = { type: string; action_id: string; value?: string; text: { text: string } };
/** The Home tab's buttons that act on an SKO, in order, with the SKO id each carries. */
const buttonsOf = (blocks: KnownBlock[]) =>
  (blocks as { elements?: Element[] }[])
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.type === 'button' && (e.action_id === ACTION_ITEMS.create || e.action_id === HOME.openSetup));

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  addPeople(t.db, [
    { slackUserId: AVA, name: 'Ava', team: 'East', region: 'Americas' },
    { slackUserId: EMIL, name: 'Emil', team: 'DACH', region: 'EMEA' },
  ]);
  const amer = await submitSetup(
    t,
    setupValues({
      name: stateValue.text('Americas Kickoff FY27'),
      channelId: stateValue.channel('CAMER0001'),
      roster: stateValue.options(['region:Americas']),
    }),
  );
  expect(amer.text).toBe('');
  const emea = await submitNewSko(
    t,
    setupValues({
      name: stateValue.text('EMEA Kickoff FY27'),
      day1: stateValue.date('2027-02-09'),
      timeZone: stateValue.option('Europe/Berlin'),
      channelId: stateValue.channel('CEMEA0001'),
      sko_lead: stateValue.user(EMIL),
      technology_lead: stateValue.user(U.dana),
      roster: stateValue.options(['region:EMEA']),
    }),
  );
  expect(emea.text).toBe('');
  // Wed 9 Dec: week 2 of the Americas plan.
  t.clock.set('2026-12-09T15:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('App Home for someone in several SKOs', () => {
  it('shows each of their SKOs, the sooner first, with where it stands and their own tasks in it', async () => {
    const home = renderPlainText(await openHome(U.priya), names);
    expect(home).toContain('Your SKOs · 2 running');
    const americas = home.indexOf('Americas Kickoff FY27 · /sko status americas-fy27\n📅 Day 1 is in 55 days: Tue 2 Feb 2027 in Chicago, 3 days.');
    const emea = home.indexOf('EMEA Kickoff FY27 · /sko status emea-fy27\n📅 Day 1 is in 62 days: Tue 9 Feb 2027 in Chicago, 3 days.');
    expect(americas).toBeGreaterThan(-1);
    expect(emea).toBeGreaterThan(americas);
    // Priya's content tasks, in each SKO; the rest a command away with that SKO's handle.
    expect(home.slice(americas, emea)).toMatch(/My tasks \(\d+ open\)\n.+ · due .+\n.+\n.+\n…and \d+ more: \/sko tasks americas-fy27/);
    expect(home.slice(emea)).toMatch(/My tasks \(\d+ open\)\n(.+ · due .+\n){3}…and \d+ more: \/sko tasks emea-fy27/);
    expect(home).not.toContain('Your other SKOs');
  });

  it('gives the buttons of each section their own SKO, and only the setup buttons its reader may use', async () => {
    const americas = idOf('Americas Kickoff FY27');
    const emea = idOf('EMEA Kickoff FY27');
    const forDana = buttonsOf(await openHome(U.dana)).map((b) => [b.text.text, b.value]);
    expect(forDana).toEqual([
      ['New action item', String(americas)],
      ['Edit the SKO setup', String(americas)],
      ['New action item', String(emea)],
      ['Edit the SKO setup', String(emea)],
    ]);
    // Priya leads content: no setup buttons.
    expect(buttonsOf(await openHome(U.priya)).map((b) => b.text.text)).toEqual(['New action item', 'New action item']);
  });

  it("edits the EMEA SKO from its section's button", async () => {
    const emea = buttonsOf(await openHome(U.dana)).filter((b) => b.action_id === HOME.openSetup)[1];
    const before = t.fake.callsTo('views.open').length;
    await t.driver.blockAction({ userId: U.dana, actionId: HOME.openSetup, value: emea?.value, container: 'view', view: { id: 'VHOME', type: 'home' } });
    const view = await openedView(t, before);
    expect(view.callback_id).toBe(SETUP_MODAL.callbackId);
    // The form comes filled in with the EMEA SKO, Berlin and all.
    const form = JSON.stringify(view.blocks);
    expect(form).toContain('"initial_value":"EMEA Kickoff FY27"');
    expect(form).toContain('Europe/Berlin');
    expect(form).not.toContain('Americas Kickoff FY27');
  });

  it("records an action item on the SKO whose section's button was clicked", async () => {
    const emeaButton = buttonsOf(await openHome(U.priya)).filter((b) => b.action_id === ACTION_ITEMS.create)[1];
    const before = t.fake.callsTo('views.open').length;
    await t.driver.blockAction({
      userId: U.priya,
      actionId: ACTION_ITEMS.create,
      value: emeaButton?.value,
      container: 'view',
      view: { id: 'VHOME', type: 'home' },
    });
    const view = await openedView(t, before);
    const { blocks: B, actionId: A } = ACTION_MODAL;
    const res = await t.driver.viewSubmission({
      userId: U.priya,
      viewId: view.id,
      callbackId: ACTION_MODAL.callbackId,
      values: {
        [B.title]: { [A]: stateValue.text('Book the Berlin studio') },
        [B.owner]: { [A]: stateValue.user(U.priya) },
        [B.due]: { [A]: stateValue.date('2026-12-18') },
        [B.notes]: { [A]: stateValue.text(null) },
        [B.task]: { [A]: stateValue.option(null) },
      },
    });
    expect(res.status).toBe(200);
    const item = t.db.select().from(actionItems).where(eq(actionItems.title, 'Book the Berlin studio')).get();
    expect(item?.eventId).toBe(idOf('EMEA Kickoff FY27'));
    const home = renderPlainText(await openHome(U.priya), names);
    expect(home.slice(home.indexOf('EMEA Kickoff FY27'))).toContain('My action items: 1 open item, /sko actions emea-fy27 lists them');
    expect(home.slice(0, home.indexOf('EMEA Kickoff FY27'))).toContain('My action items: none open');
  });

  it('shows someone in one SKO that SKO in full, and nothing of the other', async () => {
    const home = renderPlainText(await openHome(AVA), names);
    expect(home).toContain('AMERICAS KICKOFF FY27');
    expect(home).toContain('Week 2 of 12');
    expect(home).not.toContain('EMEA');
    expect(home).not.toContain('Your SKOs');
  });

  it('keeps a workspace of many SKOs within the 100 blocks a Home tab may hold, naming those past the first ten', async () => {
    for (let i = 3; i <= 13; i += 1) {
      const res = await submitNewSko(
        t,
        setupValues({
          name: stateValue.text(`Partner Summit ${i}`),
          day1: stateValue.date(`2027-03-${String(i).padStart(2, '0')}`),
          channelId: stateValue.channel(`CPART00${String(i).padStart(2, '0')}`),
          content_lead: stateValue.user(U.priya),
        }),
      );
      expect(res.text).toBe('');
    }
    const blocks = await openHome(U.priya);
    expect(blocks.length).toBeLessThanOrEqual(100);
    const home = renderPlainText(blocks, names);
    expect(home).toContain('Your SKOs · 13 running');
    expect(home).toContain('Partner Summit 10 · /sko status partner-summit-10');
    expect(home).toContain(
      'Your other running SKOs: Partner Summit 11 (/sko status partner-summit-11), Partner Summit 12 (/sko status partner-summit-12), Partner Summit 13 (/sko status partner-summit-13)',
    );
  });

  it('keeps an archived SKO to one line under the running ones', async () => {
    t.db.update(events).set({ archivedAt: '2026-12-08T00:00:00.000Z' }).where(eq(events.name, 'Partner Summit 13')).run();
    const home = renderPlainText(await openHome(U.priya), names);
    expect(home).toContain('Your SKOs · 12 running');
    expect(home).toContain('Past SKOs: Partner Summit 13 (/sko status partner-summit-13)');
    expect(home).not.toContain('Partner Summit 13 · ');
  });

  it('says no SKO is running, not "No SKO yet", once every SKO of theirs is archived', async () => {
    t.db.update(events).set({ archivedAt: '2027-06-01T00:00:00.000Z' }).run();
    const home = renderPlainText(await openHome(U.priya), names);
    expect(home).toContain('No SKO is running now.');
    expect(home).not.toContain('No SKO yet');
    expect(home).toContain('Past SKOs: ');
  });

  it('opens a new SKO from Home with the same form as /sko setup, offering to start from a past SKO', async () => {
    const before = t.fake.callsTo('views.open').length;
    await t.driver.blockAction({ userId: U.dana, actionId: HOME.openSetup, container: 'view', view: { id: 'VHOME', type: 'home' } });
    const form = JSON.stringify((await openedView(t, before)).blocks);
    expect(form).toContain('Start from a past SKO');
    expect(form).toContain('EMEA Kickoff FY27');
  });

  it("answers a Home's old Edit button of an SKO archived since with why, and opens no form", async () => {
    const emea = t.db.select().from(events).where(eq(events.name, 'EMEA Kickoff FY27')).get();
    const before = t.fake.callsTo('views.open').length;
    await t.driver.blockAction({ userId: U.dana, actionId: HOME.openSetup, value: String(emea?.id), container: 'view', view: { id: 'VHOME', type: 'home' } });
    const note = await eventually(() => t.fake.messagesIn(t.fake.dmChannelOf(U.dana)).find((m) => m.text?.includes('EMEA Kickoff FY27 is archived')));
    expect(note?.text).toBe('EMEA Kickoff FY27 is archived: its week 12 has ended, so it can be read but not changed. `/sko setup new` sets up the next SKO.');
    expect(t.fake.callsTo('views.open').length).toBe(before);
  });
});
