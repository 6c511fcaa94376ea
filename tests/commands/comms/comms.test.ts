import type { KnownBlock } from '@slack/types';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communications, schedule } from '../../../db/schema.js';
import { PREVIEW_REPLY } from '../../../views/comms/messages.js';
import { COMMS } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, setupValues, U } from '../../support/builders.js';
import { runUntil, startWithSko, submitSetup } from '../../support/sko.js';
import { type StateValues, stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, type TestApp } from '../../support/test-app.js';

const NAMES: Record<string, string> = { [U.aisha]: 'Aisha', UGONE0001: 'Gone' };
const names = { user: (id: string) => NAMES[id], channel: () => 'sko' };
const E = COMMS.edit;
type Block = KnownBlock & { accessory?: { type: string } };

let t: TestApp;

async function comms(user: string): Promise<{ blocks: Block[]; text: string }> {
  const res = await t.driver.slashCommand({ userId: user, text: 'comms' });
  expect(res.json?.response_type).toBe('ephemeral');
  const blocks = (res.json?.blocks ?? []) as Block[];
  return { blocks, text: blocks.length ? renderPlainText(blocks, names) : String(res.json?.text) };
}

async function menu(user: string, value: string): Promise<{ responseUrl: string; triggerId: string }> {
  const { blocks } = await comms(user);
  const click = await t.driver.blockAction({
    userId: user,
    actionId: COMMS.menu,
    actionType: 'overflow',
    selectedOption: { value },
    channelId: 'C0GENERAL',
    ephemeral: true,
    message: { blocks },
  });
  return { responseUrl: click.responseUrl as string, triggerId: click.triggerId };
}

async function openEditor(key: string): Promise<{ id: string; blocks: { block_id?: string; element?: Record<string, unknown> }[] }> {
  const before = t.fake.callsTo('views.open').length;
  await menu(U.aisha, `edit:${key}`);
  const calls = await eventually(() => t.fake.callsTo('views.open').length > before && t.fake.callsTo('views.open'));
  return calls[calls.length - 1]?.response.view as { id: string; blocks: { block_id?: string; element?: Record<string, unknown> }[] };
}

function editValues(fields: { date: string; time: string; body: string; closes?: [string, string]; highlights?: string; links?: string }): StateValues {
  const v: StateValues = {
    [E.blocks.sendDate]: { [E.actionId]: stateValue.date(fields.date) },
    [E.blocks.sendTime]: { [E.actionId]: stateValue.time(fields.time) },
    [E.blocks.body]: { [E.actionId]: stateValue.text(fields.body) },
  };
  if (fields.closes) {
    v[E.blocks.closesDate] = { [E.actionId]: stateValue.date(fields.closes[0]) };
    v[E.blocks.closesTime] = { [E.actionId]: stateValue.time(fields.closes[1]) };
  }
  if (fields.highlights !== undefined) v[E.blocks.highlights] = { [E.actionId]: stateValue.text(fields.highlights) };
  if (fields.links !== undefined) v[E.blocks.links] = { [E.actionId]: stateValue.text(fields.links) };
  return v;
}

const rowOf = (key: string) =>
  t.db
    .select()
    .from(schedule)
    .where(eq(schedule.key, `comm:1:${key}`))
    .get();
const reminderRows = (key: string) =>
  t.db
    .select()
    .from(schedule)
    .where(like(schedule.key, `comm:1:${key}:reminder-%`))
    .all();

beforeAll(async () => {
  t = await startWithSko();
  addPeople(t.db, [
    { slackUserId: U.rep, name: 'Rita', team: 'East' },
    { slackUserId: 'UGONE0001', name: 'Gone', team: 'East' },
  ]);
});
afterAll(async () => {
  await t.close();
});

describe('/sko comms', () => {
  it('lists the calendar from setup: each message, its time, audience and reminders', async () => {
    const { text, blocks } = await comms(U.aisha);
    // Day 1 Tue 2 Feb 2027: week 6 starts Mon 4 Jan, week 11 Mon 8 Feb, week 12 Mon 15 Feb; 8 attendees
    // (6 role holders, 2 reps); nobody has RSVPed, so "those attending" are 0; leaders are Dana and Elena.
    expect(text).toBe(`COMMUNICATIONS: FY27 SALES KICKOFF
══════════════════════════════════

RSVPs: 0 attending · 0 not attending · 0 maybe · 8 not answered
Attending is 0% of the expected 240 (target above 95%).

Surveys: Pre-event survey: 0 of 0 answered · Post-event feedback: 0 of 0 answered · no certification quiz (/sko survey quiz on adds one)

──────────────────────────────────────────────────────────────────────────────

🗓 Save the date (RSVP) · Mon 4 Jan 2027 10:00 EST
To all attendees (8 people as of now) · scheduled
Reminders to those who have not answered: Fri 8 Jan 2027 10:00 EST (scheduled) · Thu 14 Jan 2027 10:00 EST (scheduled)

🗓 Pre-event survey · Tue 5 Jan 2027 10:00 EST
To all attendees (8 people as of now) · scheduled
Closes Fri 22 Jan 2027 17:00 EST
Reminders to those who have not answered: Wed 13 Jan 2027 10:00 EST (scheduled) · Thu 21 Jan 2027 10:00 EST (scheduled)

🗓 Travel booking instructions · Wed 6 Jan 2027 10:00 EST
To those attending (0 people as of now) · scheduled

🗓 Agenda preview · Thu 7 Jan 2027 10:00 EST
To all attendees (8 people as of now) · scheduled

🗓 Thank-you and recap · Mon 8 Feb 2027 10:00 EST
To all attendees (8 people as of now) · scheduled
No highlights or materials links yet: as it stands it goes as a plain thank-you. Choose Edit to add them.

🗓 Post-event feedback survey · Tue 9 Feb 2027 10:00 EST
To those attending (0 people as of now) · scheduled
Closes Tue 16 Feb 2027 17:00 EST
Reminders to those who have not answered: Fri 12 Feb 2027 10:00 EST (scheduled) · Mon 15 Feb 2027 10:00 EST (scheduled)

🗓 Q1 kickoff reinforcement · Thu 11 Feb 2027 10:00 EST
To those attending (0 people as of now) · scheduled

🗓 Survey analysis and lessons learned · Thu 18 Feb 2027 10:00 EST
To leaders (2 people as of now) · scheduled

Times in America/New_York. Each scheduled message has a menu: edit its time and text, send yourself a preview, or cancel it.`);
    expect(blocks.filter((b) => b.accessory?.type === 'overflow')).toHaveLength(8);
  });

  it('shows a sales leader the calendar without the menus, and refuses a rep', async () => {
    const leader = await comms(U.elena);
    expect(leader.blocks.some((b) => b.accessory)).toBe(false);
    expect(leader.text).toContain('The communications lead, the SKO lead and admins can change these.');
    expect((await comms(U.rep)).text).toBe('The communications calendar is shown to the communications lead, the SKO lead, sales leaders and admins.');
  });
});

describe('editing a pending message', () => {
  it('opens a modal with its time and text, and puts each problem beside its field', async () => {
    const modal = await openEditor('save-the-date');
    const field = (id: string) => modal.blocks.find((b) => b.block_id === id)?.element;
    expect(field(E.blocks.sendDate)?.initial_date).toBe('2027-01-04');
    expect(field(E.blocks.sendTime)?.initial_time).toBe('10:00');
    expect(String(field(E.blocks.body)?.initial_value)).toMatch(/^Save the date! Our Sales Kickoff/);

    const past = await t.driver.viewSubmission({
      userId: U.aisha,
      callbackId: E.callbackId,
      viewId: modal.id,
      values: editValues({ date: '2026-11-19', time: '10:00', body: 'Hello' }),
    });
    expect(past.json).toEqual({ response_action: 'errors', errors: { [E.blocks.sendDate]: 'Choose a time that is still ahead.' } });
    const outside = await t.driver.viewSubmission({
      userId: U.aisha,
      callbackId: E.callbackId,
      viewId: modal.id,
      values: editValues({ date: '2027-03-01', time: '10:00', body: 'Hello' }),
    });
    expect(outside.json).toEqual({
      response_action: 'errors',
      errors: { [E.blocks.sendDate]: 'Choose a time for "Save the date (RSVP)" between 2026-11-30 and 2027-02-21, the plan\'s 12 weeks.' },
    });
    for (const [date, time] of [
      ['2027-02-30', '10:00'],
      ['2027-01-05', '25:99'],
    ] as const) {
      const impossible = await t.driver.viewSubmission({
        userId: U.aisha,
        callbackId: E.callbackId,
        viewId: modal.id,
        values: editValues({ date, time, body: 'Hello' }),
      });
      expect(impossible.json).toEqual({ response_action: 'errors', errors: { [E.blocks.sendDate]: 'Pick the day and the time it goes out.' } });
    }
    const empty = await t.driver.viewSubmission({
      userId: U.aisha,
      callbackId: E.callbackId,
      viewId: modal.id,
      values: editValues({ date: '2027-01-05', time: '11:30', body: '   ' }),
    });
    expect(empty.json).toEqual({ response_action: 'errors', errors: { [E.blocks.body]: 'Write the message, or put back the default text.' } });
    expect(rowOf('save-the-date')?.dueAt).toBe('2027-01-04T15:00:00.000Z');
  });

  it('refuses a survey message that would go out after its survey closes', async () => {
    const modal = await openEditor('pre-event-survey');
    const res = await t.driver.viewSubmission({
      userId: U.aisha,
      callbackId: E.callbackId,
      viewId: modal.id,
      values: editValues({ date: '2027-01-25', time: '10:00', body: 'Tell us', closes: ['2027-01-22', '17:00'] }),
    });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        [E.blocks.closesDate]:
          '"Pre-event survey" would go out (2027-01-25 10:00) after its survey closes (2027-01-22 17:00); send it earlier or close the survey later.',
      },
    });
  });

  it('saves a new time and text, moving its reminders with it', async () => {
    const modal = await openEditor('save-the-date');
    const res = await t.driver.viewSubmission({
      userId: U.aisha,
      callbackId: E.callbackId,
      viewId: modal.id,
      values: editValues({ date: '2027-01-05', time: '11:30', body: 'Block the first week of February: we kick off FY27 together.' }),
    });
    expect(renderPlainText((res.json!.view as { blocks: KnownBlock[] }).blocks, names)).toBe('Save the date (RSVP) goes out Tue 5 Jan 2027 11:30 EST.');
    expect(rowOf('save-the-date')?.dueAt).toBe('2027-01-05T16:30:00.000Z');
    // From Tue 5 Jan to the RSVP-by date (Fri 15 Jan): Fri 8 Jan (the working day before the midpoint, Sat 9) and Thu 14 Jan.
    expect(reminderRows('save-the-date').map((r) => r.dueAt)).toEqual(['2027-01-08T15:00:00.000Z', '2027-01-14T15:00:00.000Z']);
    expect((await comms(U.aisha)).text).toContain(
      '🗓 Save the date (RSVP) · Tue 5 Jan 2027 11:30 EST\nTo all attendees (8 people as of now) · scheduled\nReminders to those who have not answered: Fri 8 Jan 2027 10:00 EST (scheduled) · Thu 14 Jan 2027 10:00 EST (scheduled)\ntime and text edited',
    );
  });

  it('takes the recap’s highlights and materials links, checking each link', async () => {
    const modal = await openEditor('thank-you-recap');
    const bad = await t.driver.viewSubmission({
      userId: U.aisha,
      callbackId: E.callbackId,
      viewId: modal.id,
      values: editValues({
        date: '2027-02-08',
        time: '10:00',
        body: 'Thank you!',
        highlights: '',
        links: 'Slides https://example.com/slides\nRecordings on the wiki',
      }),
    });
    expect(bad.json).toEqual({
      response_action: 'errors',
      errors: { [E.blocks.links]: 'Line 2 has no link: write a label and a web address starting with https://, such as "Slides https://…".' },
    });
    const good = await t.driver.viewSubmission({
      userId: U.aisha,
      callbackId: E.callbackId,
      viewId: modal.id,
      values: editValues({
        date: '2027-02-08',
        time: '10:00',
        body: 'Thank you for three great days.',
        highlights: 'Record attendance and a new standard for discovery.',
        links: 'Slides https://example.com/slides\nRecordings | https://example.com/rec',
      }),
    });
    expect(good.json?.response_action).toBe('update');
    expect(t.db.select().from(communications).where(eq(communications.key, 'thank-you-recap')).get()).toMatchObject({
      sendAt: null,
      body: 'Thank you for three great days.',
      details: {
        highlights: 'Record attendance and a new standard for discovery.',
        links: [
          { label: 'Slides', url: 'https://example.com/slides' },
          { label: 'Recordings', url: 'https://example.com/rec' },
        ],
      },
    });
  });

  it('cancels a message with its reminders, and restores it', async () => {
    await menu(U.aisha, 'cancel:post-event-survey');
    await eventually(() => rowOf('post-event-survey') === undefined);
    expect(reminderRows('post-event-survey')).toEqual([]);
    expect((await comms(U.aisha)).text).toContain('🚫 Post-event feedback survey · Tue 9 Feb 2027 10:00 EST\nTo those attending · cancelled');
    await menu(U.aisha, 'restore:post-event-survey');
    await eventually(() => rowOf('post-event-survey') !== undefined);
    expect(reminderRows('post-event-survey')).toHaveLength(2);
  });

  it('refuses everyone but the communications lead, the SKO lead and admins', async () => {
    const { responseUrl } = await (async () => {
      const { blocks } = await comms(U.aisha);
      const click = await t.driver.blockAction({
        userId: U.priya,
        actionId: COMMS.menu,
        actionType: 'overflow',
        selectedOption: { value: 'cancel:save-the-date' },
        channelId: 'C0GENERAL',
        ephemeral: true,
        message: { blocks },
      });
      return { responseUrl: click.responseUrl as string };
    })();
    const [reply] = await eventually(() => t.fake.responsesTo(responseUrl).length > 0 && t.fake.responsesTo(responseUrl));
    expect(reply?.body.text).toBe('Only the communications lead, the SKO lead or an admin can change the communications calendar.');
    expect(rowOf('save-the-date')).toBeDefined();
  });
});

describe('a preview', () => {
  it('reaches the communications lead by DM, as a recipient will see it, with buttons that record nothing', async () => {
    const { responseUrl } = await menu(U.aisha, 'preview:save-the-date');
    const [reply] = await eventually(() => t.fake.responsesTo(responseUrl).length > 0 && t.fake.responsesTo(responseUrl));
    expect(reply?.body.text).toBe('A preview of the save-the-date is on its way to you by direct message.');
    const [dm] = await eventually(() => t.fake.messagesIn(U.aisha).length > 0 && t.fake.messagesIn(U.aisha));
    expect(renderPlainText(dm?.blocks as KnownBlock[], names)).toBe(`👀 Preview of the save-the-date, as a recipient will see it.

SAVE THE DATE: FY27 SALES KICKOFF
═════════════════════════════════

Tue 2 Feb – Thu 4 Feb 2027 · Chicago

Block the first week of February: we kick off FY27 together.

Will you be there? Please answer by Fri 15 Jan.

[ Attending ] [ Not attending ] [ Maybe ]`);
    const attending = (dm!.blocks as { elements?: { action_id?: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id);
    expect(attending?.action_id).toBe(`${COMMS.previewButton}_0`);
    const click = await t.driver.blockAction({ userId: U.aisha, actionId: attending?.action_id as string, channelId: dm?.channel, messageTs: dm?.ts });
    const [answer] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(answer?.body.text).toBe(PREVIEW_REPLY);
    expect(t.db.$client.prepare('SELECT count(*) AS n FROM rsvps').get()).toEqual({ n: 0 });
  });
});

describe('the certification quiz', () => {
  it('is planned when turned on and dropped when turned off', async () => {
    expect((await t.driver.slashCommand({ userId: U.rep, text: 'survey quiz on' })).json?.text).toBe(
      'Only the communications lead, the SKO lead or an admin can change the communications calendar.',
    );
    await t.driver.slashCommand({ userId: U.aisha, text: 'survey quiz on' });
    expect(rowOf('certification-quiz')).toMatchObject({ dueAt: '2027-02-10T15:00:00.000Z', staleAt: '2027-02-16T22:00:00.000Z' });
    expect((await comms(U.aisha)).text).toContain(
      '🗓 Certification quiz · Wed 10 Feb 2027 10:00 EST\nTo those attending (0 people as of now) · scheduled\nCloses Tue 16 Feb 2027 17:00 EST',
    );
    const off = await t.driver.slashCommand({ userId: U.aisha, text: 'survey quiz off' });
    expect(off.json?.text).toBe('The certification quiz is off, and will not be sent.');
    expect(rowOf('certification-quiz')).toBeUndefined();
  });
});

describe('when the event’s dates move', () => {
  it('moves every message not yet sent, an edited time by as many days', async () => {
    await submitSetup(t, setupValues({ day1: stateValue.date('2027-02-09') }));
    // A week later: the edited save-the-date keeps its Tuesday 11:30, the rest keep their defaults.
    expect(rowOf('save-the-date')?.dueAt).toBe('2027-01-12T16:30:00.000Z');
    expect(rowOf('pre-event-survey')?.dueAt).toBe('2027-01-12T15:00:00.000Z');
    expect(rowOf('thank-you-recap')?.dueAt).toBe('2027-02-15T15:00:00.000Z');
  });
});

describe('after a message goes out', () => {
  it('shows delivery counts and failures, and can no longer be changed', async () => {
    t.fake.failAlways('chat.postMessage', { kind: 'error', error: 'account_inactive' }, { channel: 'UGONE0001' });
    await runUntil(t, '2027-01-12T16:30:00Z');
    const { text, blocks } = await comms(U.aisha);
    expect(text).toContain(
      '✔ Save the date (RSVP) · Tue 12 Jan 2027 11:30 EST\nTo all attendees · sent: 7 delivered, 1 failed\n   ↳ @Gone: @Gone is not reachable in Slack (deactivated or gone), so nothing more is sent to them: remove them from the people file if they have left, or fix their Slack id or email there.',
    );
    const sent = blocks.find((b) => b.type === 'section' && 'text' in b && b.text?.text.includes('Save the date'));
    expect(sent?.accessory).toBeUndefined();
    const stale = await t.driver.blockAction({
      userId: U.aisha,
      actionId: COMMS.menu,
      actionType: 'overflow',
      selectedOption: { value: 'edit:save-the-date' },
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks },
    });
    const [reply] = await eventually(() => t.fake.responsesTo(stale.responseUrl as string).length > 0 && t.fake.responsesTo(stale.responseUrl as string));
    expect(reply?.body.text).toBe('Save the date (RSVP) has already gone out, so it can no longer be changed.');
    expect(
      t.db
        .select()
        .from(schedule)
        .where(and(eq(schedule.key, 'comm:1:save-the-date'), eq(schedule.status, 'done')))
        .get(),
    ).toBeDefined();
  });
});

describe('the thank-you and recap', () => {
  it('carries the highlights and materials links the communications lead set', async () => {
    // A week later than first planned, after the move: Mon 15 Feb at 10:00.
    await runUntil(t, '2027-02-15T15:00:00Z');
    const [recap] = t.fake.messagesIn(U.rep).filter((m) => m.text?.startsWith('Thank you'));
    expect(renderPlainText(recap?.blocks as KnownBlock[], names)).toBe(`THANK YOU: FY27 SALES KICKOFF
═════════════════════════════

Thank you for three great days.

Highlights
Record attendance and a new standard for discovery.

Materials
• Slides (https://example.com/slides)
• Recordings (https://example.com/rec)`);
  });
});
