import type { KnownBlock } from '@slack/types';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaSessions } from '../../../db/schema.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { surveyOf } from '../../../src/services/surveys/surveys.js';
import { AGENDA } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { checkView } from '../../support/block-kit-limits.js';
import { addPeople, setupValues, U } from '../../support/builders.js';
import type { StoredView } from '../../support/fake-slack/types.js';
import { runUntil, startWithSko, submitSetup } from '../../support/sko.js';
import { type StateValues, stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/**
 * FY27 SKO, days 1–3 from Tue 2 Feb 2027, seen on Fri 20 Nov 2026. Priya is the content lead,
 * Dana the SKO lead (and admin), Marco the logistics lead, Rita a rep.
 */
const names = { user: () => undefined, channel: () => undefined };
const { blocks: B, actionId: A, callbackId } = AGENDA.session;
const REFUSED = 'Only the content lead, the SKO lead or an admin can add sessions to the agenda. Send them the session.';
/** The post-event survey's own questions, before any session is added. */
const BASE_QUESTIONS = ['satisfaction', 'logistics', 'clarity', 'territory-quota', 'confidence', 'motivation', 'improve'];

let t: TestApp;
const sessionCount = () => t.db.select({ n: sql<number>`count(*)` }).from(agendaSessions).get()?.n ?? 0;
const postQuestions = () =>
  surveyOf(t.db, newestEvent(t.db)?.id as number, 'post')?.definition.questions.map((q) => (q.kind === 'rating' && q.session ? `${q.id}: ${q.prompt}` : q.id));
const text = (view: unknown) => renderPlainText((view as { blocks: KnownBlock[] }).blocks, names);
const sessionId = (title: string) => t.db.select().from(agendaSessions).where(eq(agendaSessions.title, title)).get()?.id;

interface Fields {
  day?: string;
  start?: string;
  end?: string;
  title?: string;
  kind?: string;
  format?: string;
  speakers?: string;
  takeaways?: string;
  nextSteps?: string;
}

const form = (f: Fields): StateValues => ({
  [B.day]: { [A]: stateValue.option(f.day ?? null) },
  [B.start]: { [A]: stateValue.time(f.start ?? null) },
  [B.end]: { [A]: stateValue.time(f.end ?? null) },
  [B.title]: { [A]: stateValue.text(f.title ?? null) },
  [B.kind]: { [A]: stateValue.option(f.kind ?? null) },
  [B.format]: { [A]: stateValue.option(f.format ?? null) },
  [B.speakers]: { [A]: stateValue.text(f.speakers ?? null) },
  [B.takeaways]: { [A]: stateValue.text(f.takeaways ?? null) },
  [B.nextSteps]: { [A]: stateValue.text(f.nextSteps ?? null) },
});

/** The session form `userId` opens with `/sko agenda add`. */
async function openForm(userId: string): Promise<StoredView> {
  const before = t.fake.callsTo('views.open').length;
  await t.driver.slashCommand({ userId, text: 'agenda add' });
  return openedView(t, before);
}

const VISION: Fields = {
  day: '1',
  start: '09:00',
  end: '10:00',
  title: 'FY vision',
  kind: 'strategy',
  format: 'lecture',
  speakers: 'Ana Ruiz\n',
  takeaways: 'One narrative\nThe three bets',
  nextSteps: 'Team talk track',
};

beforeAll(async () => {
  t = await startWithSko();
  addPeople(t.db, [{ slackUserId: U.rep, name: 'Rita', team: 'East' }]);
});
afterAll(async () => {
  await t.close();
});

describe('who may add sessions', () => {
  it.each([
    ['the content lead', U.priya, true],
    ['the SKO lead, who is the admin', U.dana, true],
    ['the logistics lead', U.marco, false],
    ['a rep', U.rep, false],
  ])('%s: the button under /sko agenda, and /sko agenda add', async (_who, userId, allowed) => {
    const res = await t.driver.slashCommand({ userId, text: 'agenda' });
    const blocks = res.json?.blocks as { block_id?: string; elements?: { action_id: string }[] }[];
    expect(blocks.find((b) => b.block_id === AGENDA.actionsBlock)?.elements?.map((e) => e.action_id)).toEqual(allowed ? [AGENDA.addSession] : undefined);
    expect(renderPlainText(blocks as KnownBlock[], names)).toContain(
      allowed ? 'No sessions yet. Add them with Add a session (or /sko agenda add).' : 'No sessions yet. The content lead, the SKO lead or an admin adds them.',
    );

    const before = t.fake.callsTo('views.open').length;
    const add = await t.driver.slashCommand({ userId, text: 'agenda add' });
    expect([add.status, add.text]).toEqual([200, '']);
    if (allowed) {
      expect((await openedView(t, before)).callback_id).toBe(callbackId);
    } else {
      const [reply] = await eventually(() => t.fake.responsesTo(add.responseUrl).length > 0 && t.fake.responsesTo(add.responseUrl));
      expect(reply?.body.text).toBe(REFUSED);
      expect(t.fake.callsTo('views.open')).toHaveLength(before);
    }
  });

  it('tells someone who clicks Add a session they may not use who can', async () => {
    const before = t.fake.callsTo('views.open').length;
    const click = await t.driver.blockAction({
      userId: U.marco,
      actionId: AGENDA.addSession,
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body.text).toBe(REFUSED);
    expect(t.fake.callsTo('views.open')).toHaveLength(before);
  });

  it('refuses a submission from someone who may no longer, and adds nothing', async () => {
    const view = await openForm(U.priya);
    // With the form open, Priya stops being the content lead.
    expect((await submitSetup(t, setupValues({ content_lead: stateValue.user(U.tom) }))).text).toBe('');
    const res = await t.driver.viewSubmission({ userId: U.priya, viewId: view.id, callbackId, values: form(VISION) });
    expect(text(res.json?.view)).toBe(REFUSED);
    expect(sessionCount()).toBe(0);
    // Priya is the content lead again for the tests that follow.
    expect((await submitSetup(t)).text).toBe('');
  });
});

describe('Add a session', () => {
  it('opens from the button with the event’s three days', async () => {
    const before = t.fake.callsTo('views.open').length;
    await t.driver.blockAction({ userId: U.priya, actionId: AGENDA.addSession, channelId: 'C0GENERAL', ephemeral: true, message: { blocks: [] } });
    const view = await openedView(t, before);
    expect(checkView(view)).toEqual([]);
    const blocks = view.blocks as {
      block_id?: string;
      label?: { text: string };
      optional?: boolean;
      element?: { options?: { text: { text: string }; value: string }[] };
    }[];
    expect(blocks.find((b) => b.block_id === B.day)?.element?.options?.map((o) => o.text.text)).toEqual([
      'Day 1 · Tue 2 Feb',
      'Day 2 · Wed 3 Feb',
      'Day 3 · Thu 4 Feb',
    ]);
    expect(blocks.find((b) => b.block_id === B.kind)?.element?.options?.map((o) => o.value)).toEqual([
      'strategy',
      'planning',
      'training',
      'recognition',
      'product',
      'social',
    ]);
    expect(blocks.find((b) => b.block_id === B.format)?.element?.options?.map((o) => o.value)).toEqual([
      'interactive',
      'workshop',
      'role-play',
      'panel',
      'lecture',
    ]);
    expect(blocks.filter((b) => b.optional).map((b) => b.label?.text)).toEqual(['Speakers', 'Takeaways', 'Next steps']);
  });

  it('puts each problem beside its field and adds nothing', async () => {
    const survey = postQuestions();
    const { id: viewId } = await openForm(U.priya);
    const empty = await t.driver.viewSubmission({ userId: U.priya, viewId, callbackId, values: form({}) });
    expect(empty.json).toEqual({
      response_action: 'errors',
      errors: {
        [B.day]: 'Choose an event day from 1 to 3.',
        [B.start]: 'Give the start time as HH:mm on a 24-hour clock, such as 09:00.',
        [B.end]: 'Give the end time as HH:mm on a 24-hour clock, such as 10:30.',
        [B.title]: 'Give the session a title, such as "Discovery role-plays".',
        [B.kind]: "Choose the session's kind: strategy, planning, training, recognition, product, social.",
        [B.format]: "Choose the session's format: interactive, workshop, role-play, panel, lecture.",
      },
    });
    const backwards = await t.driver.viewSubmission({
      userId: U.priya,
      viewId,
      callbackId,
      values: form({
        ...VISION,
        start: '10:30',
        end: '09:00',
        speakers: Array.from({ length: 21 }, (_, i) => `Speaker ${i + 1}`).join('\n'),
        takeaways: `Short\n${'x'.repeat(301)}`,
      }),
    });
    expect(backwards.json).toEqual({
      response_action: 'errors',
      errors: {
        [B.end]: 'The session ends (09:00) before it starts (10:30); a session starts and ends on the same day, so split one that runs past midnight in two.',
        [B.speakers]: 'List at most 20 speakers (there are 21).',
        [B.takeaways]: 'Keep each of the takeaways to 300 characters or fewer (number 2 has 301).',
      },
    });
    expect(sessionCount()).toBe(0);
    expect(postQuestions()).toEqual(survey);
  });

  it('adds the session, puts it in the post-event survey, and says so', async () => {
    const view = await openForm(U.priya);
    const res = await t.driver.viewSubmission({ userId: U.priya, viewId: view.id, callbackId, values: form(VISION) });
    expect(res.json?.response_action).toBe('update');
    expect(checkView(res.json?.view)).toEqual([]);
    expect(text(res.json?.view)).toBe(`Added day 1, 09:00–10:00: FY vision (strategy, lecture).
The post-event survey asks attendees to rate it.
/sko agenda shows the agenda and its design checks.

[ Add another session ]`);
    expect(
      t.db
        .select({
          day: agendaSessions.day,
          start: agendaSessions.start,
          end: agendaSessions.end,
          title: agendaSessions.title,
          kind: agendaSessions.kind,
          format: agendaSessions.format,
          speakers: agendaSessions.speakers,
          takeaways: agendaSessions.takeaways,
          nextSteps: agendaSessions.nextSteps,
        })
        .from(agendaSessions)
        .all(),
    ).toEqual([
      {
        day: 1,
        start: '09:00',
        end: '10:00',
        title: 'FY vision',
        kind: 'strategy',
        format: 'lecture',
        speakers: ['Ana Ruiz'],
        takeaways: ['One narrative', 'The three bets'],
        nextSteps: ['Team talk track'],
      },
    ]);
    // Its rating question sits where the template puts sessions: after satisfaction and logistics.
    expect(postQuestions()).toEqual([
      'satisfaction',
      'logistics',
      `session-${sessionId('FY vision')}: How would you rate “FY vision”?`,
      ...BASE_QUESTIONS.slice(2),
    ]);
  });

  it('refuses the same session twice on its title, and adds nothing', async () => {
    const view = await openForm(U.dana);
    const res = await t.driver.viewSubmission({ userId: U.dana, viewId: view.id, callbackId, values: form({ ...VISION, title: 'fy VISION' }) });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { [B.title]: 'Day 1 already has “fy VISION” at 09:00; change the title or the time, or leave it out.' },
    });
    expect(sessionCount()).toBe(1);
  });

  it('Add another session opens a fresh form on the same day, starting when the last one ended', async () => {
    const { id: viewId } = await openForm(U.priya);
    await t.driver.viewSubmission({
      userId: U.priya,
      viewId,
      callbackId,
      values: form({ day: '2', start: '13:00', end: '14:30', title: 'Discovery role-plays', kind: 'training', format: 'role-play' }),
    });
    // Slack keeps the view's id when a submission updates it: the answer now shows in the form's place.
    const modal = t.fake.view(viewId) as StoredView;
    const button = (modal.blocks as { elements?: { action_id: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === AGENDA.addAnother);
    const before = t.fake.callsTo('views.update').length;
    await t.driver.blockAction({ userId: U.priya, actionId: AGENDA.addAnother, viewId, value: button?.value as string });
    const [update] = (await eventually(() => t.fake.callsTo('views.update').length > before && t.fake.callsTo('views.update'))).slice(-1);
    expect(update?.response.ok).toBe(true);
    const view = update?.response.view as StoredView;
    expect(checkView(view)).toEqual([]);
    const blocks = view.blocks as { block_id?: string; element?: { initial_option?: { value: string }; initial_time?: string; initial_value?: string } }[];
    expect([
      blocks.find((b) => b.block_id === B.day)?.element?.initial_option?.value,
      blocks.find((b) => b.block_id === B.start)?.element?.initial_time,
      blocks.find((b) => b.block_id === B.title)?.element?.initial_value,
    ]).toEqual(['2', '14:30', undefined]);
  });

  it('leaves social time out of the survey: its logistics question covers it', async () => {
    const before = postQuestions();
    const view = await openForm(U.priya);
    const res = await t.driver.viewSubmission({
      userId: U.priya,
      viewId: view.id,
      callbackId,
      values: form({ day: '2', start: '19:00', end: '22:00', title: 'Team dinner', kind: 'social', format: 'interactive' }),
    });
    expect(text(res.json?.view)).toContain('Social time is not rated in the post-event survey; its logistics question covers it.');
    expect(sessionCount()).toBe(3);
    expect(postQuestions()).toEqual(before);
  });

  it('keeps the survey’s questions once it has gone out, and says so', async () => {
    const before = postQuestions();
    expect(before).toHaveLength(BASE_QUESTIONS.length + 2);
    // Tue 9 Feb 2027 10:00 in New York: the post-event survey goes to those attending.
    await runUntil(t, '2027-02-09T15:00:00Z');
    const view = await openForm(U.priya);
    const res = await t.driver.viewSubmission({
      userId: U.priya,
      viewId: view.id,
      callbackId,
      values: form({ day: '3', start: '09:00', end: '10:00', title: 'Q1 plan', kind: 'planning', format: 'workshop' }),
    });
    expect(text(res.json?.view)).toContain('The post-event survey has gone out already, so its session questions stay as they were sent.');
    expect(sessionCount()).toBe(4);
    expect(postQuestions()).toEqual(before);
    expect(t.errors).toEqual([]);
  });
});
