import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionItems, people } from '../../../db/schema.js';
import { ACTION_ITEMS } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { submitSetup } from '../../support/sko.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const MONA = 'UMONA0001';
const NAMES: Record<string, string> = { [U.dana]: 'Dana', [U.priya]: 'Priya', [U.rep]: 'Rita', [MONA]: 'Mona' };
const names = { user: (id: string) => NAMES[id], channel: () => undefined };
type Block = KnownBlock & { block_id?: string; elements?: { action_id: string; value: string }[] };

let t: TestApp;
const item = (title: string) => t.db.select().from(actionItems).where(eq(actionItems.title, title)).get();
const list = async (userId: string, text = '') => {
  const res = await t.driver.slashCommand({ userId, text: `actions ${text}`.trim() });
  expect(res.json?.response_type).toBe('ephemeral');
  return { text: res.json?.text as string, blocks: res.json?.blocks as Block[], plain: renderPlainText((res.json?.blocks ?? []) as KnownBlock[], names) };
};
const titles = (plain: string) => [...plain.matchAll(/^[●○✔💤] (.+)$/gmu)].map((m) => m[1]);
const buttonValue = (blocks: Block[], itemId: number, actionId: string) =>
  blocks.find((b) => b.block_id === `${ACTION_ITEMS.buttonsPrefix}${itemId}`)?.elements?.find((e) => e.action_id === actionId)?.value;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  await submitSetup(t);
  const mona = t.db.insert(people).values({ slackUserId: MONA, name: 'Mona', role: 'manager' }).returning().get();
  t.db.insert(people).values({ slackUserId: U.rep, name: 'Rita', role: 'rep', managerId: mona.id }).run();
  // Mon 30 Nov 2026, 10:00 in New York.
  t.clock.set('2026-11-30T15:00:00Z');
  for (const [userId, text] of [
    [U.dana, `Send the pricing deck <@${U.rep}> due:fri`],
    [U.rep, 'Call Acme back due:thu'],
    [U.priya, 'Confirm the caterer'],
    [U.dana, 'Review the budget due:2026-12-10'],
  ] as const) {
    const res = await t.driver.slashCommand({ userId, text: `action ${text}` });
    expect(res.json?.text).toMatch(/^Added an action item/);
  }
  // Wed 9 Dec, 10:00: two of them are overdue.
  t.clock.set('2026-12-09T15:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('/sko actions', () => {
  it('shows the caller’s open items, overdue first, each with its buttons', async () => {
    const { text, plain } = await list(U.rep);
    expect(text).toBe('Your action items: 2 open items, 2 overdue');
    expect(plain).toBe(`Your action items · 2 open items, 2 overdue

● Call Acme back
Overdue since Thu 3 Dec

[ Done ] [ Snooze 1 day ] [ Snooze 1 week ] [ Reassign… ]

● Send the pricing deck
Overdue since Fri 4 Dec · added by @Dana

[ Done ] [ Snooze 1 day ] [ Snooze 1 week ] [ Reassign… ]

[ New action item ]

Add one: /sko action <what> @owner due:<date>, or /sko action alone for a form · /sko actions shows yours; all, overdue or @someone for more`);
    expect((await list(U.rep, 'mine')).plain).toBe(plain);
  });

  it('all: everything for the SKO lead, the reports’ items for a manager, one’s own for everyone else', async () => {
    expect(titles((await list(U.dana, 'all')).plain)).toEqual(['Call Acme back', 'Send the pricing deck', 'Review the budget', 'Confirm the caterer']);
    expect(titles((await list(MONA, 'all')).plain)).toEqual(['Call Acme back', 'Send the pricing deck']);
    expect(titles((await list(U.rep, 'all')).plain)).toEqual(['Call Acme back', 'Send the pricing deck']);
    expect(titles((await list(U.priya, 'all')).plain)).toEqual(['Confirm the caterer']);
  });

  it('a manager sees a report’s items without buttons; they may not change them', async () => {
    const { plain } = await list(MONA, `<@${U.rep}|rita>`);
    expect(plain).toBe(`Action items owned by @Rita · 2 open items, 2 overdue

● Call Acme back
Overdue since Thu 3 Dec · @Rita

● Send the pricing deck
Overdue since Fri 4 Dec · @Rita · added by @Dana

[ New action item ]

Add one: /sko action <what> @owner due:<date>, or /sko action alone for a form · /sko actions shows yours; all, overdue or @someone for more`);
  });

  it('overdue, and @someone the caller may not see, which says so', async () => {
    expect(titles((await list(U.dana, 'overdue')).plain)).toEqual(['Call Acme back', 'Send the pricing deck']);
    const refused = await list(U.priya, `<@${U.rep}>`);
    expect(refused.text).toBe('You can see your own action items, the ones you created, and those of people who report to you.');
    expect(titles(refused.plain)).toEqual([]);
  });

  it.each([
    [
      'everything',
      "I don't know `/sko actions everything`. Use `/sko actions` (yours), `/sko actions all`, `/sko actions overdue` or `/sko actions @someone`.",
    ],
    [
      '@rita',
      'Slack did not recognise @rita as a person. Pick them from the list that opens as you type @. Use `/sko actions` (yours), `/sko actions all`, `/sko actions overdue` or `/sko actions @someone`.',
    ],
  ])('says what to write for "%s"', async (arg, message) => {
    const res = await t.driver.slashCommand({ userId: U.dana, text: `actions ${arg}` });
    expect(res.json).toEqual({ response_type: 'ephemeral', text: message });
  });

  it('is in /sko help, its arguments escaped for mrkdwn', async () => {
    const res = await t.driver.slashCommand({ userId: U.rep, text: 'help' });
    expect(JSON.stringify(res.json?.blocks)).toContain('• `/sko action &lt;what&gt; @owner due:&lt;date&gt;`: Add an action item');
    expect(JSON.stringify(res.json?.blocks)).toContain('• `/sko actions [mine|all|overdue|@someone]`: Open action items');
  });
});

describe('buttons in the list', () => {
  it('Done redraws the list in place (the item stays, with Reopen), and Reopen undoes it', async () => {
    const { blocks } = await list(U.rep);
    const acme = item('Call Acme back')?.id as number;
    const click = await t.driver.blockAction({
      userId: U.rep,
      actionId: ACTION_ITEMS.done,
      value: buttonValue(blocks, acme, ACTION_ITEMS.done),
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks },
    });
    const [replaced] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(replaced?.body.replace_original).toBe(true);
    const after = replaced?.body.blocks as Block[];
    expect(renderPlainText(after.slice(0, 3), names)).toBe(`Your action items · 1 open item, 1 overdue

✔ Call Acme back
Done by @Rita Wed 9 Dec

[ Reopen ]`);
    expect(item('Call Acme back')).toMatchObject({
      status: 'done',
      doneAt: '2026-12-09T15:00:00.000Z',
      doneBy: t.db.select().from(people).where(eq(people.slackUserId, U.rep)).get()?.id,
    });

    const undo = await t.driver.blockAction({
      userId: U.rep,
      actionId: ACTION_ITEMS.reopen,
      value: buttonValue(after, acme, ACTION_ITEMS.reopen),
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: after },
    });
    await eventually(() => t.fake.responsesTo(undo.responseUrl as string).length > 0);
    expect(item('Call Acme back')).toMatchObject({ status: 'open', doneAt: null, doneBy: null });
  });

  it('refuses, clearly, someone who may not change the item, and changes nothing', async () => {
    const deck = item('Send the pricing deck');
    const click = await t.driver.blockAction({
      userId: U.priya,
      actionId: ACTION_ITEMS.done,
      value: JSON.stringify({ i: deck?.id }),
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: `Only its owner (<@${U.rep}>), the person who created it, the SKO lead, an admin or a sales leader can change this action item. Ask one of them to make the change.`,
    });
    expect(item('Send the pricing deck')).toEqual(deck);
  });

  it('Snooze on an item with no due date is not offered, and a stale click says there is nothing to snooze', async () => {
    const { blocks } = await list(U.priya);
    const caterer = item('Confirm the caterer')?.id as number;
    expect(buttonValue(blocks, caterer, ACTION_ITEMS.snoozeDay)).toBeUndefined();
    const click = await t.driver.blockAction({
      userId: U.priya,
      actionId: ACTION_ITEMS.snoozeDay,
      value: JSON.stringify({ i: caterer }),
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks },
    });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body.text).toBe('This action item has no due date, so it sends no reminders to snooze.');
    expect(item('Confirm the caterer')?.snoozedUntil).toBeNull();
    expect(t.errors).toEqual([]);
  });
});
