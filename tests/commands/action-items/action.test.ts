import type { KnownBlock } from '@slack/types';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionItems, people, schedule } from '../../../db/schema.js';
import { ACTION_MODAL } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { submitSetup } from '../../support/sko.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const NAMES: Record<string, string> = { [U.dana]: 'Dana', [U.priya]: 'Priya', [U.rep]: 'Rita', UNINA0001: 'Nina' };
const names = { user: (id: string) => NAMES[id], channel: () => undefined };

let t: TestApp;
const count = (table: typeof actionItems | typeof schedule | typeof people) => t.db.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
const counts = () => ({ items: count(actionItems), schedule: count(schedule), people: count(people) });
const lastItem = () => t.db.select().from(actionItems).orderBy(sql`${actionItems.id} DESC`).limit(1).get();
const personId = (slackId: string) => t.db.select().from(people).where(eq(people.slackUserId, slackId)).get()?.id;

/** `/sko action …` as Dana (or `userId`) types it; the ack body, or what came through the response_url after an empty ack. */
async function action(text: string, userId: string = U.dana): Promise<{ text: string; blocks?: KnownBlock[] }> {
  const res = await t.driver.slashCommand({ userId, text: `action ${text}` });
  expect(res.status).toBe(200);
  if (res.json) return res.json as { text: string; blocks?: KnownBlock[] };
  const [reply] = await eventually(() => t.fake.responsesTo(res.responseUrl).length > 0 && t.fake.responsesTo(res.responseUrl));
  return reply?.body as { text: string; blocks?: KnownBlock[] };
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  await submitSetup(t);
  // Mon 30 Nov 2026, 10:00 in New York (EST, UTC−5).
  t.clock.set('2026-11-30T15:00:00Z');
  t.fake.addUser({ id: 'UNINA0001', name: 'nina', realName: 'Nina Novak', tz: 'Europe/Berlin' });
  t.fake.addUser({ id: 'UGONE0001', name: 'gone', deleted: true });
  t.fake.addUser({ id: 'UBOT00001', name: 'deploybot', isBot: true });
});
afterAll(async () => {
  await t.close();
});

describe('/sko action: every form', () => {
  it('@owner and due:YYYY-MM-DD: the item is the owner’s, the creator sees it with its buttons, the owner hears by DM', async () => {
    const reply = await action('Send the pricing deck to finance <@UPRIYA001|priya> due:2026-12-04');
    expect(lastItem()).toMatchObject({
      title: 'Send the pricing deck to finance',
      ownerId: personId(U.priya),
      creatorId: personId(U.dana),
      due: '2026-12-04',
      status: 'open',
      source: 'command',
      createdAt: '2026-11-30T15:00:00.000Z',
    });
    expect(renderPlainText(reply.blocks ?? [], names)).toBe(`✔ Added an action item for @Priya, who has been told by direct message:

○ Send the pricing deck to finance
Due Fri 4 Dec (in 4 days) · @Priya

[ Done ] [ Snooze 1 day ] [ Snooze 1 week ] [ Reassign… ]

Next reminder: Thu 3 Dec 2026 09:00 EST.`);
    const [dm] = await eventually(() => t.fake.messagesIn(U.priya).length > 0 && t.fake.messagesIn(U.priya));
    expect(dm?.text).toBe(`New action item from <@${U.dana}>: Send the pricing deck to finance`);
    expect(renderPlainText(dm?.blocks as KnownBlock[], names)).toBe(`@Dana gave you an action item in FY27 Sales Kickoff:

○ Send the pricing deck to finance
Due Fri 4 Dec (in 4 days) · added by @Dana

[ Done ] [ Snooze 1 day ] [ Snooze 1 week ] [ Reassign… ]

Next reminder: Thu 3 Dec 2026 09:00 EST.`);
  });

  it.each([
    ['due:tomorrow', 'Book the offsite room due:tomorrow', 'Book the offsite room', '2026-12-01'],
    ['due:fri (the coming Friday)', 'Draft the Q1 territory plan due:fri', 'Draft the Q1 territory plan', '2026-12-04'],
    ['due:in 3 days', 'Call the venue due:in 3 days about parking', 'Call the venue about parking', '2026-12-03'],
    ['no due: no date, and no reminders', 'Share the keynote recording', 'Share the keynote recording', null],
  ])('%s, no owner: the caller owns it', async (_form, text, title, due) => {
    const before = counts().items;
    const reply = await action(text);
    expect(counts().items).toBe(before + 1);
    expect(lastItem()).toMatchObject({ title, due, ownerId: personId(U.dana), creatorId: personId(U.dana) });
    expect(reply.text).toBe(`Added an action item for you: ${title}`);
    if (due === null) expect(renderPlainText(reply.blocks ?? [], names)).toContain('No due date\n\n[ Done ] [ Reassign… ]\n\nNo due date, so no reminders.');
  });

  it('a person Slack knows but the app has not met: checked with users.info, then created with their name', async () => {
    const before = counts();
    const reply = await action('Send the EMEA pipeline review <@UNINA0001> due:2026-12-10');
    expect(reply.text).toBe('Added an action item for <@UNINA0001>, who has been told by direct message: Send the EMEA pipeline review');
    expect(t.fake.callsTo('users.info').filter((c) => c.args.user === 'UNINA0001')).toHaveLength(1);
    expect(counts()).toMatchObject({ items: before.items + 1, people: before.people + 1 });
    expect(t.db.select().from(people).where(eq(people.slackUserId, 'UNINA0001')).get()).toMatchObject({
      name: 'Nina Novak',
      timeZone: 'Europe/Berlin',
      role: 'rep',
    });
  });
});

describe('/sko action: bad input says what to fix and creates nothing', () => {
  it.each([
    [
      'an unknown user',
      'Send the deck <@UGHOST001> due:fri',
      `Slack has no user <@UGHOST001> in this workspace. Pick the owner from the list that opens as you type @. Nothing was added.`,
    ],
    [
      'a deactivated user',
      'Send the deck <@UGONE0001> due:fri',
      `<@UGONE0001> has been deactivated in Slack, so they would never see it. Choose someone else as the owner. Nothing was added.`,
    ],
    ['a bot', 'Send the deck <@UBOT00001> due:fri', `<@UBOT00001> is an app, not a person. Choose a person as the owner. Nothing was added.`],
    [
      'a date in the past',
      'Send the deck <@UPRIYA001> due:2026-11-27',
      "2026-11-27 is in the past (today is 2026-11-30 in America/New_York). Pick today or a later date.\nFor example: `/sko action Send the pricing deck to finance @Maria due:fri` (pick @Maria from Slack's list)",
    ],
    [
      'an empty title',
      '<@UPRIYA001> due:fri',
      "Say what needs doing, then the owner and the due date.\nFor example: `/sko action Send the pricing deck to finance @Maria due:fri` (pick @Maria from Slack's list)",
    ],
    [
      'a title longer than Slack can show',
      `${'x'.repeat(2001)} due:fri`,
      "The title has 2,001 characters; an action item's title can have at most 2,000 so Slack can show it. Shorten it.\nFor example: `/sko action Send the pricing deck to finance @Maria due:fri` (pick @Maria from Slack's list)",
    ],
    [
      'a name Slack did not turn into a mention',
      'Send the deck @maria due:fri',
      "Slack did not recognise @maria as a person in this workspace. Pick the owner from the list that opens as you type @, so the name becomes a mention (or drop the @ if it is not a person).\nFor example: `/sko action Send the pricing deck to finance @Maria due:fri` (pick @Maria from Slack's list)",
    ],
  ])('%s', async (_case, text, message) => {
    const before = counts();
    const reply = await action(text);
    expect(reply.text).toBe(message);
    expect(counts()).toEqual(before);
  });
});

describe('/sko action alone', () => {
  it('opens the form, the caller as owner, the open plan tasks to link', async () => {
    const opened = t.fake.callsTo('views.open').length;
    const res = await t.driver.slashCommand({ userId: U.dana, text: 'action' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const open = await eventually(() => t.fake.callsTo('views.open')[opened]);
    expect(open.response.ok).toBe(true);
    const view = open.args.view as { callback_id: string; blocks: { block_id: string; element: { initial_user?: string; options?: unknown[] } }[] };
    expect(view.callback_id).toBe(ACTION_MODAL.callbackId);
    expect(view.blocks.find((b) => b.block_id === ACTION_MODAL.blocks.owner)?.element.initial_user).toBe(U.dana);
    // The 62 tasks of the plan, none done yet, less the 8 the app does by sending its messages.
    expect(view.blocks.find((b) => b.block_id === ACTION_MODAL.blocks.task)?.element.options).toHaveLength(54);
  });
});

describe('/sko action before any SKO is set up', () => {
  it('says how to start one and stores nothing', async () => {
    const fresh = await startTestApp({ now: '2026-11-30T15:00:00Z' });
    try {
      const res = await fresh.driver.slashCommand({ userId: U.dana, text: 'action Send the deck due:fri' });
      expect(res.json?.text).toBe('No SKO yet. Run `/sko setup` to plan your Sales Kickoff: it takes about two minutes.');
      expect(fresh.db.select().from(actionItems).all()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
