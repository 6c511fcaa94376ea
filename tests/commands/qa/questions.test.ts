import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, people, questions } from '../../../db/schema.js';
import { addSession } from '../../../src/services/agenda/sessions.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { QA } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, EVENT_CHANNEL, U } from '../../support/builders.js';
import type { StoredMessage } from '../../support/fake-slack/types.js';
import { runUntil, startWithSko } from '../../support/sko.js';
import { option, type StateValues, stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

const SPEAKER = 'USPEAK001';
const VOTER = 'UVOTER001';
const names = { user: (id: string) => id, channel: () => 'sko' };

let t: TestApp;
const shown = (m: StoredMessage | undefined) => renderPlainText((m?.blocks ?? []) as KnownBlock[], names);
const channel = () => t.fake.messagesIn(EVENT_CHANNEL);
const questionMessage = (text: string) => channel().find((m) => m.text?.startsWith(`Question: ${text}`));

function formValues(text: string | null, anonymous: boolean): StateValues {
  return {
    [QA.blocks.question]: { [QA.actionId]: stateValue.text(text) },
    [QA.blocks.anonymous]: { [QA.actionId]: { type: 'checkboxes', selected_options: anonymous ? [option('anonymous', 'Ask anonymously')] : [] } },
  };
}

async function submitQuestion(userId: string, open: () => Promise<unknown>, text: string | null, anonymous = false) {
  const before = t.fake.callsTo('views.open').length;
  await open();
  const view = await openedView(t, before);
  const res = await t.driver.viewSubmission({ userId, viewId: view.id, callbackId: QA.callbackId, values: formValues(text, anonymous) });
  return { view, res };
}

async function click(userId: string, actionId: string, message: StoredMessage) {
  const res = await t.driver.blockAction({ userId, actionId, channelId: EVENT_CHANNEL, messageTs: message.ts });
  await t.deps.outbox.idle();
  return res;
}

/** The text of the modal a submission turned into (the notice after asking). */
const noticeOf = (res: { json?: Record<string, unknown> | null }) => renderPlainText(((res.json?.view ?? {}) as { blocks?: KnownBlock[] }).blocks ?? [], names);

/** What the app told the clicker privately, under the message. */
async function privateReply(res: { responseUrl?: string }): Promise<string | undefined> {
  const [reply] = await eventually(() => t.fake.responsesTo(res.responseUrl as string).length > 0 && t.fake.responsesTo(res.responseUrl as string));
  return reply?.body.text as string | undefined;
}

beforeAll(async () => {
  t = await startWithSko();
  addPeople(t.db, [
    { slackUserId: U.rep, name: 'Riley Rep' },
    { slackUserId: SPEAKER, name: 'Sam Okafor' },
    { slackUserId: VOTER, name: 'Vic Voter' },
  ]);
  const event = newestEvent(t.db);
  if (!event) throw new Error('no SKO');
  const session = { day: 1, kind: 'planning', format: 'interactive', takeaways: ['One plan'], nextSteps: ['Book the 1:1'] };
  addSession(t.db, event, { ...session, start: '10:00', end: '11:00', title: 'Territory plan', speakers: ['Sam Okafor'] });
  addSession(t.db, event, { ...session, start: '13:00', end: '14:00', title: 'Discovery role-plays', kind: 'training', format: 'role-play', speakers: [] });
  // 07:05 in New York on day 1 (Tue 2 Feb 2027): the morning agenda is in the event channel.
  await runUntil(t, '2027-02-02T12:05:00Z');
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('live Q&A', () => {
  it("asks from the morning agenda's button, named, in the thread of the session running now", async () => {
    t.clock.set('2027-02-02T15:30:00Z'); // 10:30, during "Territory plan"
    const agenda = channel().find((m) => m.text?.startsWith('Today at'));
    if (!agenda) throw new Error('no morning agenda in the event channel');
    const { view, res } = await submitQuestion(U.rep, () => click(U.rep, QA.ask, agenda), 'How do Q2 territories change?');
    const input = (view.blocks as { block_id?: string; hint?: { text: string } }[]).find((b) => b.block_id === QA.blocks.question);
    expect(input?.hint?.text).toBe('It goes to the event channel, under “Territory plan”, where everyone can upvote it.');
    expect(noticeOf(res)).toContain('in the thread of the session running now, “Territory plan”');
    const asked = await eventually(() => questionMessage('How do Q2 territories change?'));
    const parent = channel().find((m) => m.ts === asked.thread_ts);
    expect(parent?.text).toBe('Questions for “Territory plan” (day 1, 10:00–11:00)');
    expect(shown(asked)).toContain(`Asked by @${U.rep}`);
    expect(shown(asked)).toContain('0 votes');
  });

  it('asks with /sko ask, the form filled in; anonymous, the row and the message do not name the asker', async () => {
    const ask = () => t.driver.slashCommand({ userId: U.elena, text: 'ask Will quotas rise?', channelId: EVENT_CHANNEL });
    const { view } = await submitQuestion(U.elena, ask, 'Will quotas rise this year?', true);
    const input = (view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((b) => b.block_id === QA.blocks.question);
    expect(input?.element?.initial_value).toBe('Will quotas rise?');
    const asked = await eventually(() => questionMessage('Will quotas rise this year?'));
    expect(shown(asked)).toContain('Asked anonymously');
    const row = t.db.select().from(questions).where(eq(questions.text, 'Will quotas rise this year?')).get();
    expect(row?.askerId).toBeNull();
    const stored = JSON.stringify([row, ...t.db.select().from(outbox).where(eq(outbox.kind, 'qa')).all()]);
    expect(stored).not.toContain(U.elena);
    expect(JSON.stringify(asked)).not.toContain(U.elena);
    expect(row?.askerKey).toMatch(/^[0-9a-f]{64}$/);
    // Both questions are in the one thread of the session.
    const parents = channel().filter((m) => m.text?.startsWith('Questions for'));
    expect(parents).toHaveLength(1);
    expect(asked.thread_ts).toBe(parents[0]?.ts);
  });

  it('counts one upvote per person, shown on the question', async () => {
    const question = () => questionMessage('How do Q2 territories change?') as StoredMessage;
    await click(VOTER, QA.upvote, question());
    expect(shown(question())).toContain('1 vote');
    const again = await click(VOTER, QA.upvote, question());
    expect(await privateReply(again)).toBe('You have already upvoted this question: each person’s vote counts once.');
    expect(shown(question())).toContain('1 vote');
    await click(U.rep, QA.upvote, question());
    expect(shown(question())).toContain('2 votes');
    expect(question().edited).toBeDefined();
  });

  it('refuses a rep marking a question answered; the content lead marks it', async () => {
    const question = () => questionMessage('How do Q2 territories change?') as StoredMessage;
    const refused = await click(U.rep, QA.answered, question());
    expect(await privateReply(refused)).toBe("Only the session's speaker or the content lead can mark a question answered.");
    expect(shown(question())).toContain('Not answered yet');
    await click(U.priya, QA.answered, question());
    expect(shown(question())).toContain(`Answered (marked by @${U.priya})`);
    expect(shown(question())).not.toContain('Mark answered');
    expect(t.db.select().from(questions).where(eq(questions.text, 'How do Q2 territories change?')).get()?.answeredAt).toMatch(/^2027-02-02T15:30/);
  });

  it("lets the session's speaker mark a question answered", async () => {
    const question = () => questionMessage('Will quotas rise this year?') as StoredMessage;
    await click(SPEAKER, QA.answered, question());
    expect(shown(question())).toContain(`Answered (marked by @${SPEAKER})`);
  });

  it('refuses an empty question on its field and stores nothing', async () => {
    const before = t.db.select().from(questions).all().length;
    const ask = () => t.driver.slashCommand({ userId: U.rep, text: 'ask', channelId: EVENT_CHANNEL });
    const { res } = await submitQuestion(U.rep, ask, '  ');
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { [QA.blocks.question]: 'Write your question, such as "How will territories change in Q2?".' },
    });
    expect(t.db.select().from(questions).all()).toHaveLength(before);
  });

  it('between sessions, puts the question under the next session and says so; before the event, says when questions open', async () => {
    t.clock.set('2027-02-02T16:30:00Z'); // 11:30
    const ask = () => t.driver.slashCommand({ userId: VOTER, text: 'ask', channelId: EVENT_CHANNEL });
    const { res } = await submitQuestion(VOTER, ask, 'Can we get the slides?');
    expect(noticeOf(res)).toContain('in the thread of the next session, “Discovery role-plays” at 13:00: no session is running now.');
    const asked = await eventually(() => questionMessage('Can we get the slides?'));
    expect(channel().find((m) => m.ts === asked.thread_ts)?.text).toBe('Questions for “Discovery role-plays” (day 1, 13:00–14:00)');
    t.clock.set('2027-02-01T15:00:00Z');
    const early = await t.driver.slashCommand({ userId: VOTER, text: 'ask', channelId: EVENT_CHANNEL });
    expect(early.json?.text ?? '').toBe('');
    expect(await privateReply(early)).toBe('Questions open with the first session, on Tuesday 2 February.');
  });

  it('counts attendees who asked or voted towards engagement, the anonymous asker too', async () => {
    t.clock.set('2027-02-03T15:00:00Z');
    t.db.update(people).set({ role: 'leader' }).where(eq(people.slackUserId, U.elena)).run();
    const metrics = await t.driver.slashCommand({ userId: U.elena, text: 'metrics' });
    // Nine attendees (six role holders, the rep, the speaker, the voter); the rep, Elena (anonymously) and the voter asked or voted.
    expect(renderPlainText(metrics.json?.blocks as KnownBlock[], names)).toContain('Participant engagement 33.3%');
  });
});
