import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyResponses, surveys } from '../../../db/schema.js';
import { buildPostEventSurvey } from '../../../src/domain/surveys/built-in.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { replaceSurveyDefinition, surveyOf } from '../../../src/services/surveys/surveys.js';
import { SURVEY } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, U } from '../../support/builders.js';
import { runUntil, startWithSko } from '../../support/sko.js';
import { emptyValue, type StateValues, stateValue, withEmptyInputs } from '../../support/slack-driver/state-values.js';
import { eventually, type TestApp } from '../../support/test-app.js';

const REP2 = 'UREP00002';
const names = { user: () => undefined, channel: () => undefined };
type View = {
  id: string;
  blocks: { block_id?: string; type: string; label?: { text: string }; optional?: boolean }[];
  submit?: { text: string };
  private_metadata: string;
};

let t: TestApp;

const q = (id: string) => `${SURVEY.questionPrefix}${id}`;
const rows = (surveyId: number) => t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)).all();
const preSurvey = () => surveyOf(t.db, newestEvent(t.db)?.id as number, 'pre') as NonNullable<ReturnType<typeof surveyOf>>;

/** Clicks Answer in the person's latest DM about the survey and returns the modal Slack opened. */
async function openFromDm(user: string, textStart: string): Promise<View> {
  const dm = [...t.fake.messagesIn(user)].reverse().find((m) => m.text?.startsWith(textStart));
  if (!dm) throw new Error(`no "${textStart}" DM to ${user}`);
  const before = t.fake.callsTo('views.open').length;
  await t.driver.blockAction({ userId: user, actionId: SURVEY.answer, channelId: dm.channel, messageTs: dm.ts });
  const calls = await eventually(() => t.fake.callsTo('views.open').length > before && t.fake.callsTo('views.open'));
  const call = calls[calls.length - 1];
  expect(call?.response.ok).toBe(true);
  return call?.response.view as View;
}

function preAnswers(overrides: Partial<Record<string, ReturnType<typeof stateValue.radio> | null>> = {}): StateValues {
  const base = {
    topics: stateValue.checkboxes(['territory-quota', 'comp-plan']),
    'leadership-questions': stateValue.text('Will the mid-market team get more SEs?'),
    clarity: stateValue.radio('somewhat'),
    confidence: stateValue.radio('3'),
    motivation: stateValue.radio('4'),
  };
  const values: StateValues = {};
  for (const [id, value] of Object.entries(base)) {
    const answer = id in overrides ? (overrides[id] ?? emptyValue(value.type)) : value;
    values[q(id)] = { [SURVEY.actionId]: answer };
  }
  return values;
}

beforeAll(async () => {
  t = await startWithSko();
  addPeople(t.db, [
    { slackUserId: U.rep, name: 'Rita', team: 'East' },
    { slackUserId: REP2, name: 'Sam', team: 'East' },
  ]);
  // Tue 5 Jan 2027 10:00 in New York: the pre-event survey goes to every attendee.
  await runUntil(t, '2027-01-05T15:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('a survey answered in a modal from its DM', () => {
  it('arrives as a DM with an Answer button', () => {
    const [dm] = t.fake.messagesIn(U.rep).filter((m) => m.text?.startsWith('Pre-event survey'));
    expect(dm?.text).toBe('Pre-event survey: 5 questions, open until Fri 22 Jan 2027 17:00 EST');
    expect(renderPlainText(dm?.blocks as KnownBlock[], names)).toBe(`PRE-EVENT SURVEY
════════════════

Five quick questions that shape the SKO agenda and give us a baseline. Your answers are anonymous.  [ Answer ]

5 questions, about 2 minutes · open until Fri 22 Jan 2027 17:00 EST · Anonymous: your name is not stored with your answers, and results show only groups of 5 or more. Answering again replaces your earlier answers.`);
  });

  it('opens the survey inside the click’s trigger window, one input per question', async () => {
    const view = await openFromDm(U.rep, 'Pre-event survey');
    expect(view.submit?.text).toBe('Submit');
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.optional])).toEqual([
      [q('topics'), true],
      [q('leadership-questions'), true],
      [q('clarity'), false],
      [q('confidence'), false],
      [q('motivation'), false],
    ]);
  });

  it('puts a missing required answer beside its question, and stores nothing', async () => {
    const view = await openFromDm(U.rep, 'Pre-event survey');
    const res = await t.driver.viewSubmission({ userId: U.rep, callbackId: SURVEY.callbackId, viewId: view.id, values: preAnswers({ clarity: null }) });
    expect(res.json).toEqual({ response_action: 'errors', errors: { [q('clarity')]: 'Choose yes, somewhat or no.' } });
    expect(rows(preSurvey().id)).toEqual([]);
  });

  it('stores a proper submission, then replaces it when submitted again', async () => {
    const view = await openFromDm(U.rep, 'Pre-event survey');
    const first = await t.driver.viewSubmission({ userId: U.rep, callbackId: SURVEY.callbackId, viewId: view.id, values: preAnswers() });
    expect(first.json?.response_action).toBe('update');
    expect(renderPlainText((first.json!.view as { blocks: KnownBlock[] }).blocks, names)).toBe(
      'Your answers are saved. Thank you!\n\nYou can change them until Fri 22 Jan 2027 17:00 EST with the Answer button in the message.',
    );
    // No person beside the answers; and East, a team of two, is too small ever to be shown, so it is not named either.
    // Held, not yet counted: the results add anonymous answers five at a time.
    expect(rows(preSurvey().id).map((r) => [r.held, r.heldGroup, r.personId, r.answers])).toEqual([
      [
        {
          topics: ['territory-quota', 'comp-plan'],
          'leadership-questions': 'Will the mid-market team get more SEs?',
          clarity: 'somewhat',
          confidence: 3,
          motivation: 4,
        },
        null,
        null,
        null,
      ],
    ]);

    // Opened again, the modal starts from the earlier answers; Rita changes two and clears the free text.
    const again = await openFromDm(U.rep, 'Pre-event survey');
    const clarity = again.blocks.find((b) => b.block_id === q('clarity')) as unknown as { element: { initial_option?: { value: string } } };
    expect(clarity.element.initial_option?.value).toBe('somewhat');
    const second = await t.driver.viewSubmission({
      userId: U.rep,
      callbackId: SURVEY.callbackId,
      viewId: again.id,
      values: preAnswers({ clarity: stateValue.radio('yes'), confidence: stateValue.radio('4'), 'leadership-questions': stateValue.text('') }),
    });
    expect(renderPlainText((second.json!.view as { blocks: KnownBlock[] }).blocks, names)).toContain(
      'Your new answers are saved; they replace the ones you gave before.',
    );
    expect(rows(preSurvey().id).map((r) => r.held)).toEqual([{ topics: ['territory-quota', 'comp-plan'], clarity: 'yes', confidence: 4, motivation: 4 }]);
  });

  it('says what is wrong with an answer out of range', async () => {
    const view = await openFromDm(REP2, 'Pre-event survey');
    const res = await t.driver.viewSubmission({
      userId: REP2,
      callbackId: SURVEY.callbackId,
      viewId: view.id,
      values: preAnswers({ confidence: stateValue.radio('7') }),
    });
    expect(res.json).toEqual({ response_action: 'errors', errors: { [q('confidence')]: 'Choose a whole number from 1 to 5; 7 is not on the scale.' } });
    expect(rows(preSurvey().id)).toHaveLength(1);
  });

  it('reminds those who have not answered, twice, and then closes on its date', async () => {
    // Wed 13 Jan and Thu 21 Jan at 10:00; Rita answered, so she gets neither.
    await runUntil(t, '2027-01-13T15:00:00Z');
    await runUntil(t, '2027-01-21T15:00:00Z');
    await runUntil(t, '2027-01-22T15:00:00Z');
    const reminders = (user: string) => t.fake.messagesIn(user).filter((m) => m.text?.startsWith('Reminder: Pre-event survey'));
    expect(reminders(U.rep)).toHaveLength(0);
    expect(reminders(REP2).map((m) => m.text)).toEqual([
      'Reminder: Pre-event survey closes Fri 22 Jan 2027 17:00 EST',
      'Reminder: Pre-event survey closes Fri 22 Jan 2027 17:00 EST',
    ]);
    expect(reminders(U.dana)).toHaveLength(2);

    // A modal opened before the close, submitted after it, is refused; so is the button.
    const view = await openFromDm(REP2, 'Reminder: Pre-event survey');
    t.clock.set('2027-01-22T22:00:00Z');
    const late = await t.driver.viewSubmission({ userId: REP2, callbackId: SURVEY.callbackId, viewId: view.id, values: preAnswers() });
    expect(renderPlainText((late.json!.view as { blocks: KnownBlock[] }).blocks, names)).toBe(
      '“Pre-event survey” closed Fri 22 Jan 2027 17:00 EST, so it takes no more answers.',
    );
    const [dm] = t.fake.messagesIn(REP2).filter((m) => m.text?.startsWith('Pre-event survey'));
    const click = await t.driver.blockAction({ userId: REP2, actionId: SURVEY.answer, channelId: dm?.channel, messageTs: dm?.ts });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body.text).toBe('“Pre-event survey” closed Fri 22 Jan 2027 17:00 EST, so it takes no more answers.');
    expect(rows(preSurvey().id)).toHaveLength(1);
    expect(t.errors).toEqual([]);
  });
});

describe('a survey longer than one modal', () => {
  it('pages with views.update and saves the pages together on the last one', async () => {
    // Twelve agenda sessions make the post-event survey 19 questions: two pages of 10 and 9.
    const event = newestEvent(t.db);
    const post = surveyOf(t.db, event?.id as number, 'post') as NonNullable<ReturnType<typeof surveyOf>>;
    const sessions = Array.from({ length: 12 }, (_, i) => ({ id: `s${i + 1}`, title: `Session ${i + 1}` }));
    replaceSurveyDefinition(t.db, post, buildPostEventSurvey(sessions), t.clock.now());
    // Rita said she would attend; the survey goes to those attending on Tue 9 Feb at 10:00.
    t.db.run(
      `INSERT INTO rsvps (event_id, person_id, answer, answered_at) SELECT ${event?.id}, id, 'attending', '2027-01-10T00:00:00Z' FROM people WHERE slack_user_id = '${U.rep}'`,
    );
    await runUntil(t, '2027-02-09T15:00:00Z');
    const view = await openFromDm(U.rep, 'Post-event feedback');
    expect(view.submit?.text).toBe('Next');
    expect(view.blocks.filter((b) => b.type === 'input')).toHaveLength(10);

    const page1: StateValues = {
      [q('satisfaction')]: { value: stateValue.radio('5') },
      [q('logistics')]: { value: stateValue.radio('4') },
      [q('session-s1')]: { value: stateValue.radio('5') },
      [q('session-s2')]: { value: stateValue.radio('3') },
    };
    const next = await t.driver.viewSubmission({ userId: U.rep, callbackId: SURVEY.callbackId, viewId: view.id, values: withEmptyInputs(view, page1) });
    expect(next.json?.response_action).toBe('update');
    const page2 = next.json?.view as View;
    expect(JSON.parse(page2.private_metadata)).toEqual({ s: post.id, p: 2 });
    expect(renderPlainText(page2.blocks as KnownBlock[], names)).toBe('Page 2 of 2 · Anonymous: your name is not stored with your answers.');
    // Nothing counts as answered until the last page is in.
    expect(rows(post.id).map((r) => [r.held, r.draft])).toEqual([[null, { satisfaction: 5, logistics: 4, 'session-s1': 5, 'session-s2': 3 }]]);

    // The update keeps the view id; the last page is submitted from it.
    const shown = t.fake.view(view.id);
    expect(shown?.private_metadata).toBe(page2.private_metadata);
    const done = await t.driver.viewSubmission({
      userId: U.rep,
      callbackId: SURVEY.callbackId,
      viewId: view.id,
      values: withEmptyInputs(shown as View, {
        [q('clarity')]: { value: stateValue.radio('yes') },
        [q('territory-quota')]: { value: stateValue.radio('yes') },
        [q('confidence')]: { value: stateValue.radio('5') },
        [q('motivation')]: { value: stateValue.radio('5') },
      }),
    });
    expect(renderPlainText((done.json!.view as { blocks: KnownBlock[] }).blocks, names)).toContain('Your answers are saved. Thank you!');
    expect(rows(post.id).map((r) => [r.held, r.draft])).toEqual([
      [{ satisfaction: 5, logistics: 4, 'session-s1': 5, 'session-s2': 3, clarity: 'yes', 'territory-quota': 'yes', confidence: 5, motivation: 5 }, null],
    ]);
    expect(
      t.db
        .select()
        .from(surveys)
        .all()
        .map((s) => s.kind),
    ).toEqual(['pre', 'post']);
  });
});
