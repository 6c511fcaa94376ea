import type { KnownBlock } from '@slack/types';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionItems, people } from '../../../db/schema.js';
import { dispatchJob } from '../../../schedules/dispatch.js';
import { attendees } from '../../../src/services/people/attendees.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { COMMITMENTS } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import type { StoredView } from '../../support/fake-slack/types.js';
import { runUntil, submitSetup } from '../../support/sko.js';
import { type StateValues, stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const MONA = 'UMONA0001';
const GUS = 'UGUS00001';
const names = { user: () => undefined, channel: () => undefined };

let t: TestApp;
let sentBeforeNine: number;
const ritaId = () => t.db.select().from(people).where(eq(people.slackUserId, U.rep)).get()?.id as number;
const commitmentsOf = (personId: number) =>
  t.db
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.ownerId, personId), eq(actionItems.source, 'commitment')))
    .all();

async function openCommitments(userId: string): Promise<StoredView> {
  const before = t.fake.callsTo('views.open').length;
  const invite = t.fake.messagesIn(userId).find((m) => m.text?.includes('Record up to 3 commitments'));
  await t.driver.blockAction({ userId, actionId: COMMITMENTS.open, channelId: invite?.channel, messageTs: invite?.ts });
  const calls = await eventually(() => t.fake.callsTo('views.open').length > before && t.fake.callsTo('views.open'));
  return t.fake.view((calls[calls.length - 1]!.response.view as { id: string }).id) as StoredView;
}

const rows = (entries: [string | null, string | null][]): StateValues =>
  Object.fromEntries(
    entries.flatMap(([text, due], i) => [
      [`${COMMITMENTS.text}${i + 1}`, { [COMMITMENTS.actionId]: stateValue.text(text) }],
      [`${COMMITMENTS.due}${i + 1}`, { [COMMITMENTS.actionId]: stateValue.date(due) }],
    ]),
  );

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  await submitSetup(t);
  // The roster: Rita reports to Mona; Gus is a guest speaker; Sam was imported without a Slack id;
  // Tom, the technology lead, is recorded as a guest but holds a role on the event.
  const mona = t.db.insert(people).values({ slackUserId: MONA, name: 'Mona', role: 'manager' }).returning().get();
  t.db
    .insert(people)
    .values([
      { slackUserId: U.rep, name: 'Rita', role: 'rep', managerId: mona.id },
      { slackUserId: GUS, name: 'Gus', role: 'guest' },
      { slackUserId: null, email: 'sam@example.com', name: 'Sam', role: 'rep' },
    ])
    .run();
  t.db.update(people).set({ role: 'guest' }).where(eq(people.slackUserId, U.tom)).run();
  // Day 1 is Tue 2 Feb 2027, so week 11 runs Mon 8 – Sun 14 Feb; its Friday is the 12th.
  await runUntil(t, '2027-02-12T13:59:00Z');
  sentBeforeNine = t.fake.allMessages().filter((m) => m.text?.includes('Record up to 3 commitments')).length;
  t.clock.set('2027-02-12T14:00:00Z');
  await dispatchJob.run(t.deps, t.clock.now());
});
afterAll(async () => {
  await t.close();
});

describe('the week-11 commitments', () => {
  it('invites every attendee at 09:00 on Friday of week 11: people with a Slack id, guests only if they hold a role', () => {
    const invited = (id: string) =>
      // The invitation may travel with the morning's other DMs to the same person: a line of the DM's text each.
      t.fake
        .messagesIn(id)
        .filter((m) => (m.text ?? '').split('\n').includes('FY27 Sales Kickoff is over: what will you do differently? Record up to 3 commitments.'));
    const everyone = [U.dana, U.priya, U.marco, U.aisha, U.tom, U.elena, MONA, U.rep];
    expect(everyone.map((id) => invited(id).length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(invited(GUS)).toEqual([]);
    expect(
      attendees(t.db, newestEvent(t.db) as NonNullable<ReturnType<typeof newestEvent>>)
        .map((p) => p.slackUserId)
        .sort(),
    ).toEqual([...everyone].sort());
    expect(sentBeforeNine).toBe(0);
    const [dm] = invited(U.rep);
    expect(renderPlainText(dm?.blocks as KnownBlock[], names)).toBe(`YOUR SKO COMMITMENTS
════════════════════

FY27 Sales Kickoff is behind us. What will you do differently, starting Monday? Write down up to 3 commitments from the SKO, each with a date. Each becomes one of your action items: I will remind you as it comes due, and your manager can see them.

[ Record my commitments ]

FY27 Sales Kickoff · /sko actions lists them afterwards`);
  });

  it('the form says what to fix on each row and records nothing until all is right', async () => {
    const view = await openCommitments(U.rep);
    expect(view.callback_id).toBe(COMMITMENTS.callbackId);
    expect((view.blocks as { block_id?: string }[]).filter((b) => b.block_id?.startsWith(COMMITMENTS.text))).toHaveLength(3);
    const res = await t.driver.viewSubmission({
      userId: U.rep,
      callbackId: COMMITMENTS.callbackId,
      viewId: view.id,
      values: rows([
        ['Coach one call a week with the discovery framework', null],
        [null, '2027-02-01'],
        [null, null],
      ]),
    });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        [`${COMMITMENTS.due}1`]: 'Pick the date you will have done it by.',
        [`${COMMITMENTS.text}2`]: 'Write what you will do, or clear the date beside it.',
        [`${COMMITMENTS.due}2`]: '2027-02-01 is in the past (today is 2027-02-12 in America/New_York). Pick today or a later date.',
      },
    });
    const empty = await t.driver.viewSubmission({
      userId: U.rep,
      callbackId: COMMITMENTS.callbackId,
      viewId: view.id,
      values: rows([
        [null, null],
        [null, null],
        [null, null],
      ]),
    });
    expect(empty.json).toEqual({
      response_action: 'errors',
      errors: { [`${COMMITMENTS.text}1`]: 'Write at least one commitment: one thing you will do differently after the SKO.' },
    });
    expect(commitmentsOf(ritaId())).toEqual([]);
  });

  it('records them as the attendee’s own action items with their dates, at most three in all', async () => {
    const first = await openCommitments(U.rep);
    const res = await t.driver.viewSubmission({
      userId: U.rep,
      callbackId: COMMITMENTS.callbackId,
      viewId: first.id,
      values: rows([
        ['Coach one call a week with the discovery framework', '2027-03-31'],
        ['Build an account plan for my top 5 accounts', '2027-02-26'],
        [null, null],
      ]),
    });
    expect(res.json?.response_action).toBe('update');
    expect(JSON.stringify(res.json?.view)).toContain(
      '• *Coach one call a week with the discovery framework* by Wed 31 Mar\\n• *Build an account plan for my top 5 accounts* by Fri 26 Feb',
    );
    expect(commitmentsOf(ritaId()).map((c) => [c.title, c.due, c.ownerId, c.creatorId])).toEqual([
      ['Coach one call a week with the discovery framework', '2027-03-31', ritaId(), ritaId()],
      ['Build an account plan for my top 5 accounts', '2027-02-26', ritaId(), ritaId()],
    ]);

    const second = await openCommitments(U.rep);
    const labels = (second.blocks as { block_id?: string; label?: { text: string } }[])
      .filter((b) => b.block_id?.startsWith(COMMITMENTS.text))
      .map((b) => b.label?.text);
    expect(labels).toEqual(['Third commitment']);
    await t.driver.viewSubmission({
      userId: U.rep,
      callbackId: COMMITMENTS.callbackId,
      viewId: second.id,
      values: rows([['Open every QBR with the new narrative', '2027-03-15']]),
    });
    expect(commitmentsOf(ritaId())).toHaveLength(3);

    const full = await openCommitments(U.rep);
    expect(JSON.stringify(full.blocks)).toContain('You have recorded your 3 commitments.');
  });

  it('the manager sees them; a colleague does not', async () => {
    const manager = await t.driver.slashCommand({ userId: MONA, text: `actions <@${U.rep}>` });
    expect(manager.json?.text).toBe(`Action items owned by @${U.rep}: 3 open items`);
    const colleague = await t.driver.slashCommand({ userId: U.priya, text: `actions <@${U.rep}>` });
    expect(colleague.json?.text).toBe('You can see your own action items, the ones you created, and those of people who report to you.');
    expect(t.errors).toEqual([]);
  });
});
