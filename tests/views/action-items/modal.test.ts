import type { KnownBlock } from '@slack/types';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionItems, people, schedule, tasks } from '../../../db/schema.js';
import { ACTION_ITEMS, ACTION_MODAL, ACTION_REASSIGN_MODAL, ACTION_SHORTCUT } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import type { StoredMessage, StoredView } from '../../support/fake-slack/types.js';
import { submitSetup } from '../../support/sko.js';
import { type StateValues, stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';
import { openedView as opened } from '../../support/views.js';

const NAMES: Record<string, string> = { [U.dana]: 'Dana', [U.priya]: 'Priya', [U.rep]: 'Rita', [U.marco]: 'Marco' };
const names = { user: (id: string) => NAMES[id], channel: () => undefined };
const { blocks: B, actionId: A } = ACTION_MODAL;

let t: TestApp;
const count = (table: typeof actionItems | typeof schedule) => t.db.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
const item = (title: string) => t.db.select().from(actionItems).where(eq(actionItems.title, title)).get();
const personId = (slackId: string) => t.db.select().from(people).where(eq(people.slackUserId, slackId)).get()?.id;

/** The modal the app opened last, as Slack stores it. */
const openedView = (before: number): Promise<StoredView> => opened(t, before);

/** The new action item form as `userId` opens it with `/sko action`. */
async function openForm(userId: string): Promise<StoredView> {
  const before = t.fake.callsTo('views.open').length;
  await t.driver.slashCommand({ userId, text: 'action' });
  return openedView(before);
}

const form = (fields: { title?: string; owner?: string; due?: string; notes?: string; task?: number }): StateValues => ({
  [B.title]: { [A]: stateValue.text(fields.title ?? null) },
  [B.owner]: { [A]: stateValue.user(fields.owner ?? null) },
  [B.due]: { [A]: stateValue.date(fields.due ?? null) },
  [B.notes]: { [A]: stateValue.text(fields.notes ?? null) },
  [B.task]: { [A]: stateValue.option(fields.task === undefined ? null : String(fields.task)) },
});

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  t.fake.addUser({ id: U.priya, name: 'priya', realName: 'Priya' });
  t.fake.addUser({ id: 'UNINA0001', name: 'nina', realName: 'Nina Novak' });
  t.fake.addUser({ id: U.rep, name: 'rita', realName: 'Rita' });
  await submitSetup(t);
  await eventually(() => t.db.select().from(people).where(eq(people.slackUserId, U.priya)).get()?.name === 'Priya');
  // Mon 30 Nov 2026, 10:00 in New York.
  t.clock.set('2026-11-30T15:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('the new action item form', () => {
  it('shows every problem on its field and stores nothing', async () => {
    const before = { items: count(actionItems), schedule: count(schedule) };
    const view = await openForm(U.dana);
    const res = await t.driver.viewSubmission({
      userId: U.dana,
      viewId: view.id,
      callbackId: ACTION_MODAL.callbackId,
      values: form({ title: '   ', due: '2026-11-27', owner: U.dana }),
    });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        [B.title]: 'Say what needs doing.',
        [B.due]: '2026-11-27 is in the past (today is 2026-11-30 in America/New_York). Pick today or a later date.',
      },
    });
    const ghost = await t.driver.viewSubmission({
      userId: U.dana,
      viewId: view.id,
      callbackId: ACTION_MODAL.callbackId,
      values: form({ title: 'Send the deck', owner: 'UGHOST001' }),
    });
    expect(ghost.json).toEqual({
      response_action: 'errors',
      errors: { [B.owner]: 'Slack has no user <@UGHOST001> in this workspace. Pick the owner from the list that opens as you type @.' },
    });
    expect({ items: count(actionItems), schedule: count(schedule) }).toEqual(before);
  });

  it('stores the item with its notes and plan task, says so in the modal, and tells the owner', async () => {
    const budget = t.db.select().from(tasks).where(eq(tasks.key, 'w1-budget-logistics-plan')).get();
    const view = await openForm(U.dana);
    const res = await t.driver.viewSubmission({
      userId: U.dana,
      viewId: view.id,
      callbackId: ACTION_MODAL.callbackId,
      values: form({ title: 'Get three caterer quotes', owner: U.priya, due: '2026-12-04', notes: 'Vegetarian options for 40', task: budget?.id as number }),
    });
    expect(res.json?.response_action).toBe('update');
    expect(JSON.stringify(res.json?.view)).toContain(
      `Added for <@${U.priya}>, who has been told by direct message: *Get three caterer quotes*\\nNext reminder: Thu 3 Dec 2026 09:00 EST.`,
    );
    expect(item('Get three caterer quotes')).toMatchObject({
      ownerId: personId(U.priya),
      creatorId: personId(U.dana),
      due: '2026-12-04',
      notes: 'Vegetarian options for 40',
      taskId: budget?.id,
      source: 'modal',
      link: null,
    });
    const dm = await eventually(() => t.fake.messagesIn(U.priya).find((m) => m.text?.includes('Get three caterer quotes')));
    expect(renderPlainText(dm.blocks as KnownBlock[], names)).toContain(`○ Get three caterer quotes
Due Fri 4 Dec (in 4 days) · added by @Dana · plan task: ${budget?.title}
Vegetarian options for 40`);
  });
});

describe('the "Create action item" message shortcut', () => {
  it('opens the form with the message as the title, the one person it names as owner, and a link back', async () => {
    const posted = await t.deps.slack.chat.postMessage({ channel: 'C0GENERAL', text: `Can <@${U.priya}> send the deck to finance by Friday? &amp; cc legal` });
    const before = t.fake.callsTo('views.open').length;
    const res = await t.driver.messageShortcut({
      userId: U.marco,
      callbackId: ACTION_SHORTCUT.callbackId,
      channelId: 'C0GENERAL',
      messageTs: posted.ts as string,
    });
    expect(res.status).toBe(200);
    const view = await openedView(before);
    const link = `https://sko-test.slack.com/archives/C0GENERAL/p${(posted.ts as string).replace('.', '')}`;
    const blocks = view.blocks as { block_id?: string; elements?: { text: string }[]; element?: { initial_value?: string; initial_user?: string } }[];
    expect(blocks[0]?.elements?.[0]?.text).toBe(`From <${link}|this message>; the item will link back to it.`);
    expect(blocks.find((b) => b.block_id === B.title)?.element?.initial_value).toBe('Can @Priya send the deck to finance by Friday? & cc legal');
    expect(blocks.find((b) => b.block_id === B.owner)?.element?.initial_user).toBe(U.priya);

    const submitted = await t.driver.viewSubmission({
      userId: U.marco,
      callbackId: ACTION_MODAL.callbackId,
      viewId: view.id,
      values: form({ title: 'Send the deck to finance, cc legal', owner: U.priya, due: '2026-12-04' }),
    });
    expect(submitted.json?.response_action).toBe('update');
    expect(item('Send the deck to finance, cc legal')).toMatchObject({ link, source: 'shortcut', creatorId: personId(U.marco), ownerId: personId(U.priya) });
  });

  it('links a reply in a thread to its place in the thread', async () => {
    const parent = await t.deps.slack.chat.postMessage({ channel: 'C0GENERAL', text: 'Venue options' });
    const before = t.fake.callsTo('views.open').length;
    await t.driver.messageShortcut({
      userId: U.marco,
      callbackId: ACTION_SHORTCUT.callbackId,
      channelId: 'C0GENERAL',
      message: { type: 'message', user: U.dana, ts: '1764514800.000200', thread_ts: parent.ts, text: 'I will call the Hyatt' },
    });
    const view = await openedView(before);
    const blocks = view.blocks as { block_id?: string; elements?: { text: string }[]; element?: { initial_user?: string } }[];
    expect(blocks[0]?.elements?.[0]?.text).toContain(
      `<https://sko-test.slack.com/archives/C0GENERAL/p1764514800000200?thread_ts=${parent.ts}&cid=C0GENERAL|this message>`,
    );
    // Nobody is named, so the person using the shortcut owns it unless they choose otherwise.
    expect(blocks.find((b) => b.block_id === B.owner)?.element?.initial_user).toBe(U.marco);
  });
});

describe('Reassign…', () => {
  let dm: StoredMessage;
  let itemId: number;
  const buttonValue = (message: StoredMessage, actionId: string) =>
    (message.blocks as { block_id?: string; elements?: { action_id: string; value: string }[] }[])
      .find((b) => b.block_id === `${ACTION_ITEMS.buttonsPrefix}${itemId}`)
      ?.elements?.find((e) => e.action_id === actionId)?.value;

  beforeAll(async () => {
    // Rita is new to the app, so Slack is asked about her first and the item is stored just after the acknowledgement.
    await t.driver.slashCommand({ userId: U.dana, text: `action Pull the win-loss numbers <@${U.rep}> due:fri` });
    itemId = await eventually(() => item('Pull the win-loss numbers')?.id);
    dm = await eventually(() => t.fake.messagesIn(U.rep).find((m) => m.text?.includes('Pull the win-loss numbers')));
  });

  it('is refused, with no modal, to someone who may not change the item', async () => {
    const before = t.fake.callsTo('views.open').length;
    const click = await t.driver.blockAction({
      userId: U.marco,
      actionId: ACTION_ITEMS.reassign,
      value: JSON.stringify({ i: itemId }),
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body.text).toBe(
      `Only its owner (<@${U.rep}>), the person who created it, the SKO lead, an admin or a sales leader can change this action item. Ask one of them to make the change.`,
    );
    expect(t.fake.callsTo('views.open')).toHaveLength(before);
  });

  it('hands the item to the chosen person, tells them, and changes the old owner’s DM in place', async () => {
    const before = t.fake.callsTo('views.open').length;
    await t.driver.blockAction({
      userId: U.rep,
      actionId: ACTION_ITEMS.reassign,
      value: buttonValue(dm, ACTION_ITEMS.reassign),
      channelId: dm.channel,
      messageTs: dm.ts,
    });
    const view = await openedView(before);
    expect(view.callback_id).toBe(ACTION_REASSIGN_MODAL.callbackId);

    const owner = (id: string | null) => ({ [ACTION_REASSIGN_MODAL.blocks.owner]: { [ACTION_REASSIGN_MODAL.actionId]: stateValue.user(id) } });
    const bot = await t.driver.viewSubmission({ userId: U.rep, callbackId: ACTION_REASSIGN_MODAL.callbackId, viewId: view.id, values: owner('UGHOST002') });
    expect(bot.json).toEqual({
      response_action: 'errors',
      errors: {
        [ACTION_REASSIGN_MODAL.blocks.owner]: 'Slack has no user <@UGHOST002> in this workspace. Pick the owner from the list that opens as you type @.',
      },
    });

    const res = await t.driver.viewSubmission({ userId: U.rep, callbackId: ACTION_REASSIGN_MODAL.callbackId, viewId: view.id, values: owner('UNINA0001') });
    expect(JSON.stringify(res.json?.view)).toContain('*Pull the win-loss numbers* now belongs to <@UNINA0001>, who has been told by direct message.');
    expect(item('Pull the win-loss numbers')?.ownerId).toBe(personId('UNINA0001'));
    await eventually(() => t.fake.messagesIn('UNINA0001').some((m) => m.text === `New action item from <@${U.rep}>: Pull the win-loss numbers`));
    // Rita neither owns nor created it now: her DM shows the new owner, without buttons.
    const updated = await eventually(() => t.fake.messagesIn(U.rep).find((m) => m.ts === dm.ts && m.edited));
    expect(
      renderPlainText(updated.blocks as KnownBlock[], { ...names, user: (id) => NAMES[id] ?? (id === 'UNINA0001' ? 'Nina' : undefined) }),
    ).toBe(`@Dana gave you an action item in FY27 Sales Kickoff:

○ Pull the win-loss numbers
Due Fri 4 Dec (in 4 days) · @Nina · added by @Dana

Next reminder: Thu 3 Dec 2026 09:00 EST.`);
  });

  it('a stale Done in the old owner’s DM is refused and changes nothing', async () => {
    const before = item('Pull the win-loss numbers');
    const click = await t.driver.blockAction({
      userId: U.rep,
      actionId: ACTION_ITEMS.done,
      value: JSON.stringify({ i: itemId }),
      channelId: dm.channel,
      messageTs: dm.ts,
    });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body.text).toBe(
      'Only its owner (<@UNINA0001>), the person who created it, the SKO lead, an admin or a sales leader can change this action item. Ask one of them to make the change.',
    );
    expect(item('Pull the win-loss numbers')).toEqual(before);
    expect(t.errors).toEqual([]);
  });
});
