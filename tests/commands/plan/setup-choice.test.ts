import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, tasks } from '../../../db/schema.js';
import { SETUP_CHOICE, SETUP_MODAL } from '../../../views/kit/ids.js';
import { addPeople, setupValues, U } from '../../support/builders.js';
import { setupChoices, submitNewSko, submitSetup } from '../../support/sko.js';
import { stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/**
 * Dana (an admin) leads the Americas kickoff and set up the EMEA one, which Emil leads. Ava is a
 * rep. `/sko setup` is typed outside any SKO's channel, where nothing says which SKO is meant.
 */
const EMIL = 'UEMIL0001';
const AVA = 'UAVA00001';
const AMER = 'CAMER0001';
const EMEA = 'CEMEA0001';

let t: TestApp;
const eventNamed = (name: string) => t.db.select().from(events).where(eq(events.name, name)).get();
const idOf = (name: string) => String(eventNamed(name)?.id);
const roster = (region: string) => stateValue.options([`region:${region}`]);

/** `/sko setup` by this person: the buttons offered, or the refusal, and whether a modal opened at once. */
async function setup(userId: string) {
  const before = t.fake.callsTo('views.open').length;
  const res = await t.driver.slashCommand({ userId, text: 'setup' });
  return { res, buttons: setupChoices(res.json?.blocks), opened: () => openedView(t, before) };
}

const replies = (url: string | undefined) => {
  const sent = t.fake.responsesTo(url as string);
  return sent.length > 0 && sent;
};

/** Clicks a button of `/sko setup`'s private reply. */
async function click(userId: string, blocks: unknown, actionId: string, value?: string) {
  const before = t.fake.callsTo('views.open').length;
  const res = await t.driver.blockAction({ userId, actionId, ...(value ? { value } : {}), ephemeral: true, message: { blocks } });
  return { res, before };
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  addPeople(t.db, [
    { slackUserId: AVA, name: 'Ava', team: 'East', region: 'Americas' },
    { slackUserId: EMIL, name: 'Emil', team: 'DACH', region: 'EMEA' },
  ]);
  await submitSetup(t, setupValues({ name: stateValue.text('Americas Kickoff FY27'), channelId: stateValue.channel(AMER), roster: roster('Americas') }));
  await submitNewSko(
    t,
    setupValues({
      name: stateValue.text('EMEA Kickoff FY27'),
      day1: stateValue.date('2027-02-09'),
      timeZone: stateValue.option('Europe/Berlin'),
      channelId: stateValue.channel(EMEA),
      sko_lead: stateValue.user(EMIL),
      roster: roster('EMEA'),
    }),
  );
  expect(eventNamed('EMEA Kickoff FY27')).toBeDefined();
});
afterAll(async () => {
  await t.close();
});

describe('/sko setup offers New SKO and Edit <name>', () => {
  it('offers an admin every running SKO to edit, and a new one', async () => {
    const { res, buttons } = await setup(U.dana);
    expect(res.json?.text).toBe('Set up a new SKO, or change one.');
    expect(buttons).toEqual([
      { text: 'Edit EMEA Kickoff FY27', actionId: SETUP_CHOICE.edit, value: idOf('EMEA Kickoff FY27') },
      { text: 'Edit Americas Kickoff FY27', actionId: SETUP_CHOICE.edit, value: idOf('Americas Kickoff FY27') },
      { text: 'New SKO', actionId: SETUP_CHOICE.newSko },
    ]);
    expect(t.fake.callsTo('views.open')).toHaveLength(2);
  });

  it('Edit opens that SKO’s form with the click’s trigger id', async () => {
    const { res } = await setup(U.dana);
    const { res: clicked, before } = await click(U.dana, res.json?.blocks, SETUP_CHOICE.edit, idOf('EMEA Kickoff FY27'));
    const view = await openedView(t, before);
    expect(t.fake.callsTo('views.open').at(-1)?.args.trigger_id).toBe(clicked.triggerId);
    expect(view.private_metadata).toBe(idOf('EMEA Kickoff FY27'));
    expect((view.title as { text: string }).text).toBe('Edit your SKO');
  });

  it('New SKO opens an empty form that may start from either SKO', async () => {
    const { res } = await setup(U.dana);
    const { before } = await click(U.dana, res.json?.blocks, SETUP_CHOICE.newSko);
    const view = await openedView(t, before);
    expect(view.private_metadata).toBe('new');
    const startFrom = (view.blocks as { block_id?: string; element?: { options?: { text: { text: string } }[] } }[]).find(
      (b) => b.block_id === SETUP_MODAL.blocks.copyFrom,
    );
    expect(startFrom?.element?.options?.map((o) => o.text.text)).toEqual(['EMEA Kickoff FY27 (2027)', 'Americas Kickoff FY27 (2027)']);
  });

  it('an SKO lead of one SKO gets its form at once: it is the only choice they have', async () => {
    const { res, buttons, opened } = await setup(EMIL);
    expect(res.text).toBe('');
    expect(buttons).toEqual([]);
    expect((await opened()).private_metadata).toBe(idOf('EMEA Kickoff FY27'));
  });

  it('an SKO lead is refused, in plain words, an Edit button of another SKO', async () => {
    const { res: clicked, before } = await click(EMIL, [], SETUP_CHOICE.edit, idOf('Americas Kickoff FY27'));
    const [reply] = await eventually(() => replies(clicked.responseUrl));
    expect(reply?.body.text).toBe(
      `Only an admin or the SKO lead (<@${U.dana}>) can change the SKO setup. Ask them to make the change, or to make you an admin.`,
    );
    expect(t.fake.callsTo('views.open')).toHaveLength(before);
  });

  it('a rep is refused in plain words, and no form opens', async () => {
    const before = t.fake.callsTo('views.open').length;
    const { res, buttons } = await setup(AVA);
    expect(buttons).toEqual([]);
    expect(res.text).toContain('Only an admin or the SKO lead can change the SKO setup.');
    expect(t.fake.callsTo('views.open')).toHaveLength(before);
  });

  it('Edit changes that SKO and no other', async () => {
    const americas = eventNamed('Americas Kickoff FY27');
    const americasTasks = t.db
      .select()
      .from(tasks)
      .where(eq(tasks.eventId, Number(americas?.id)))
      .all();
    const { res } = await setup(U.dana);
    const { before } = await click(U.dana, res.json?.blocks, SETUP_CHOICE.edit, idOf('EMEA Kickoff FY27'));
    const view = await openedView(t, before);
    const values = setupValues({
      name: stateValue.text('EMEA Kickoff FY27'),
      day1: stateValue.date('2027-02-16'),
      timeZone: stateValue.option('Europe/Berlin'),
      headcount: stateValue.text('180'),
      channelId: stateValue.channel(EMEA),
      sko_lead: stateValue.user(EMIL),
      roster: roster('EMEA'),
    });
    const saved = await t.driver.viewSubmission({ userId: U.dana, viewId: view.id, callbackId: SETUP_MODAL.callbackId, values });
    expect(saved.text).toBe('');
    expect(eventNamed('EMEA Kickoff FY27')).toMatchObject({ day1: '2027-02-16', headcount: 180 });
    expect(eventNamed('Americas Kickoff FY27')).toEqual(americas);
    expect(
      t.db
        .select()
        .from(tasks)
        .where(eq(tasks.eventId, Number(americas?.id)))
        .all(),
    ).toEqual(americasTasks);
  });

  it('an SKO lead of two SKOs chooses between them, and is offered no new one', async () => {
    await submitNewSko(
      t,
      setupValues({
        name: stateValue.text('APAC Kickoff FY27'),
        channelId: stateValue.channel('CAPAC0001'),
        sko_lead: stateValue.user(EMIL),
        roster: roster('EMEA'),
      }),
    );
    const { res, buttons } = await setup(EMIL);
    expect(res.json?.text).toBe('Which SKO do you want to change?');
    expect(buttons.map((b) => b.text)).toEqual(['Edit APAC Kickoff FY27', 'Edit EMEA Kickoff FY27']);
  });

  it('an archived SKO is offered to no one, and its old Edit button says why it cannot change', async () => {
    const { res: old } = await setup(U.dana);
    t.db.update(events).set({ archivedAt: '2026-11-20T15:00:00Z' }).where(eq(events.name, 'Americas Kickoff FY27')).run();
    const { buttons } = await setup(U.dana);
    expect(buttons.map((b) => b.text)).not.toContain('Edit Americas Kickoff FY27');
    const { res: clicked, before } = await click(U.dana, old.json?.blocks, SETUP_CHOICE.edit, idOf('Americas Kickoff FY27'));
    const [reply] = await eventually(() => replies(clicked.responseUrl));
    expect(reply?.body.text).toBe(
      'Americas Kickoff FY27 is archived: its week 12 has ended, so it can be read but not changed. `/sko setup new` sets up the next SKO.',
    );
    expect(t.fake.callsTo('views.open')).toHaveLength(before);
  });
});
