import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, people, tasks } from '../../../db/schema.js';
import { SETUP_MODAL } from '../../../views/kit/ids.js';
import { EVENT_CHANNEL, setupValues, U } from '../../support/builders.js';
import { openSetupModal, submitSetup } from '../../support/sko.js';
import { stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const B = SETUP_MODAL.blocks;

describe('/sko setup', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  const submit = (values = setupValues()) => submitSetup(t, values);
  const rowCount = (table: typeof events | typeof tasks) => t.db.select({ n: count() }).from(table).get()?.n;

  it('opens the setup modal with the trigger id of the command', async () => {
    const res = await t.driver.slashCommand({ userId: U.dana, text: 'setup' });
    expect(res.status).toBe(200);
    const [open] = await eventually(() => t.fake.callsTo('views.open').length > 0 && t.fake.callsTo('views.open'));
    expect(open?.args.trigger_id).toBe(res.triggerId);
    const view = open?.args.view as { callback_id: string; blocks: { block_id?: string }[] };
    expect(view.callback_id).toBe(SETUP_MODAL.callbackId);
    const blockIds = view.blocks.map((b) => b.block_id);
    // Who attends is asked only when the people data has teams or regions; this workspace has none
    // yet. Nor has it a past SKO to start from.
    for (const id of Object.values(B)) if (id !== B.roster && id !== B.copyFrom) expect(blockIds).toContain(id);
    expect(blockIds).not.toContain(B.roster);
    expect(blockIds).not.toContain(B.copyFrom);
    expect(t.errors).toEqual([]);
  });

  it('opens the modal filled in with the current setup when run again', async () => {
    await submit();
    const view = (await openSetupModal(t, U.dana)) as unknown as {
      title: { text: string };
      blocks: { block_id?: string; element?: Record<string, unknown> }[];
    };
    const element = (id: string) => view.blocks.find((b) => b.block_id === id)?.element ?? {};
    expect(view.title.text).toBe('Edit your SKO');
    expect(element(B.name).initial_value).toBe('FY27 Sales Kickoff');
    expect(element(B.day1).initial_date).toBe('2027-02-02');
    expect(element(B.budget).initial_value).toBe('$620,000');
    expect(element(B.channelId).initial_conversation).toBe(EVENT_CHANNEL);
    expect(element(B.logistics_lead).initial_user).toBe(U.marco);
    expect(element(B.salesLeaders).initial_users).toEqual([U.elena]);
  });

  it('answers bad fields inline, on the field at fault, and writes nothing', async () => {
    const res = await submit(
      setupValues({
        day1: stateValue.date('2026-11-01'),
        headcount: stateValue.text('12.5'),
        budget: stateValue.text('-3'),
        logistics_lead: null,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBe('errors');
    const errors = res.json?.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual([B.budget, B.day1, B.headcount, B.logistics_lead].sort());
    expect(errors[B.day1]).toContain('in the past');
    expect(errors[B.headcount]).toContain('whole number');
    expect(errors[B.budget]).toContain('positive amount');
    expect(errors[B.logistics_lead]).toContain('logistics lead');
    expect(rowCount(events)).toBe(0);
    expect(rowCount(tasks)).toBe(0);
    // Only Dana, the admin who opened the form, is known; none of the leads it named.
    expect(
      t.db
        .select()
        .from(people)
        .all()
        .map((p) => p.slackUserId),
    ).toEqual([U.dana]);
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers a day 1 that is not on the calendar (30 February) beside the field, and writes nothing', async () => {
    const res = await submit(setupValues({ day1: stateValue.date('2027-02-30') }));
    expect(res.json?.errors).toEqual({ [B.day1]: '2027-02-30 is not a date on the calendar; pick day 1 from the date picker.' });
    expect(rowCount(events)).toBe(0);
  });

  it('refuses a day 1 under 4 weeks away, saying why', async () => {
    // Today is Fri 20 Nov; planning weeks count from Mon 16 Nov, and Tue 8 Dec sits in the week of Mon 7 Dec: 3 weeks.
    const res = await submit(setupValues({ day1: stateValue.date('2026-12-08') }));
    const errors = res.json?.errors as Record<string, string>;
    expect(errors[B.day1]).toMatch(/only 3 weeks/);
    expect(errors[B.day1]).toContain('2026-12-14');
    expect(rowCount(events)).toBe(0);
  });

  it('stores the event and the playbook as tasks with owners and due dates, and posts the summary', async () => {
    const res = await submit();
    expect(res.status).toBe(200);
    expect(res.text).toBe('');

    const event = t.db.select().from(events).get();
    expect(event).toMatchObject({
      name: 'FY27 Sales Kickoff',
      day1: '2027-02-02',
      days: 3,
      timeZone: 'America/New_York',
      headcount: 240,
      budgetCents: 62_000_000,
      channelId: EVENT_CHANNEL,
      planStart: '2026-11-20',
    });

    const rows = t.db.select().from(tasks).all();
    expect(rows.length).toBeGreaterThan(40);
    const retrospective = rows.find((r) => r.key === 'w1-performance-retrospective');
    // Week 10 holds Tue 2 Feb 2027, so it starts Mon 1 Feb and week 1 starts nine weeks earlier, Mon 30 Nov 2026.
    expect(retrospective).toMatchObject({ weekFrom: 1, dueDate: '2026-12-04', startDate: '2026-11-30', ownerRole: 'sko_lead', status: 'open' });
    expect(rows.every((r) => r.dueDate >= '2026-11-30' && r.dueDate <= '2027-02-19')).toBe(true);

    // Setting the SKO up made nobody an admin: Dana is one by the SKO_ADMINS setting, and keeps her people role.
    expect(t.db.select().from(people).where(eq(people.slackUserId, U.dana)).get()?.role).toBe('rep');
    expect(t.db.select().from(people).where(eq(people.slackUserId, U.elena)).get()?.role).toBe('leader');

    const [summary] = await eventually(() => t.fake.messagesIn(EVENT_CHANNEL).length > 0 && t.fake.messagesIn(EVENT_CHANNEL));
    const text = JSON.stringify(summary?.blocks);
    expect(summary?.text).toContain('SKO set up: FY27 Sales Kickoff');
    expect(text).toContain('Tue 2 Feb 2027');
    expect(text).toContain(`<@${U.priya}>`);
    expect(text).toContain('week 1 starts Mon 30 Nov 2026');
    expect(t.errors).toEqual([]);
  });

  it('edits the event when run again, moving open tasks and leaving done ones', async () => {
    await submit();
    const done = t.db.select().from(tasks).where(eq(tasks.key, 'w1-performance-retrospective')).get();
    t.db
      .update(tasks)
      .set({ status: 'done', doneAt: '2026-11-25T10:00:00Z' })
      .where(eq(tasks.id, done?.id ?? -1))
      .run();

    const res = await submit(setupValues({ day1: stateValue.date('2027-02-09'), location: stateValue.text('Denver') }));
    expect(res.text).toBe('');
    expect(rowCount(events)).toBe(1);
    const event = t.db.select().from(events).get();
    expect(event).toMatchObject({ day1: '2027-02-09', location: 'Denver', planStart: '2026-11-20' });
    expect(t.db.select().from(tasks).where(eq(tasks.key, 'w1-performance-retrospective')).get()?.dueDate).toBe('2026-12-04');
    expect(t.db.select().from(tasks).where(eq(tasks.key, 'w4-venue-booking')).get()?.dueDate).toBe('2027-01-01');

    const updates = await eventually(() => t.fake.messagesIn(EVENT_CHANNEL).length === 2 && t.fake.messagesIn(EVENT_CHANNEL));
    expect(updates.map((m) => m.text).join('\n')).toContain('SKO updated');
  });

  it('says only what changed when only the reminder time changed', async () => {
    await submit();
    await eventually(() => t.fake.messagesIn(EVENT_CHANNEL).length === 1);
    expect((await submit(setupValues({ reminderTime: stateValue.time('08:00') }))).text).toBe('');
    const [, change] = await eventually(() => t.fake.messagesIn(EVENT_CHANNEL).length === 2 && t.fake.messagesIn(EVENT_CHANNEL));
    expect(change?.text).toBe('Reminders for FY27 Sales Kickoff now go out at 08:00 (America/New_York), instead of 09:00.');
    expect(JSON.stringify(change?.blocks)).not.toContain('Who owns what');
  });

  it('lets only an admin or the SKO lead change the setup', async () => {
    // A modal Dana (an admin) opened, which the rep then submits as his own.
    const stale = await openSetupModal(t, U.dana);
    await submit();
    const opened = t.fake.callsTo('views.open').length;
    const refused = await t.driver.slashCommand({ userId: U.rep, text: 'setup' });
    expect(refused.json?.text).toContain('Only an admin or the SKO lead');
    expect(t.fake.callsTo('views.open')).toHaveLength(opened);

    const before = t.db.select().from(events).get();
    const sneaky = await t.driver.viewSubmission({
      userId: U.rep,
      viewId: stale.id,
      callbackId: SETUP_MODAL.callbackId,
      values: setupValues({ name: stateValue.text('Hijacked') }),
    });
    expect(sneaky.json?.response_action).toBe('update');
    expect(t.db.select().from(events).get()).toEqual(before);
  });

  it('tells the person who set it up when the summary cannot be posted in the channel', async () => {
    t.fake.failNext('chat.postMessage', { kind: 'error', error: 'not_in_channel' }, 1, { channel: EVENT_CHANNEL });
    await submit();
    const dmsTo = () => t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === U.dana);
    const [dm] = await eventually(() => dmsTo().length > 0 && dmsTo());
    expect(String(dm?.args.text)).toContain('/invite @SKO Conductor');
    expect(rowCount(events)).toBe(1);
  });
});
