import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaSessions } from '../../../db/schema.js';
import { importAgenda } from '../../../src/services/agenda/editing.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { surveyOf } from '../../../src/services/surveys/surveys.js';
import { SURVEY } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, U } from '../../support/builders.js';
import { runUntil, startWithSko } from '../../support/sko.js';
import { type StateValues, stateValue, withEmptyInputs } from '../../support/slack-driver/state-values.js';
import { eventually, type TestApp } from '../../support/test-app.js';

/**
 * Session ratings from the post-event survey, end to end: the agenda comes in as a CSV before the
 * survey goes out, so the survey asks about its two content sessions; five attendees answer it in
 * its modal from their DM (Tue 9 Feb 2027), and /sko agenda shows what the answers add up to.
 */
const names = { user: () => undefined, channel: () => undefined };
const REPS = ['UREPA0001', 'UREPB0001', 'UREPC0001', 'UREPD0001', 'UREPE0001'];
const AGENDA_CSV = `day,start,end,title,kind,format,speakers,takeaways,next_steps
1,09:00,10:00,FY vision,strategy,lecture,Ana Ruiz,One narrative,Team talk track
2,09:00,12:00,Discovery role-plays,training,role-play,Fay Lin;Ben Cole,The discovery standard,Certify by week 11
2,19:00,22:00,Team dinner,social,interactive,,,
`;

let t: TestApp;
let vision: number;
let discovery: number;
const q = (id: string) => `${SURVEY.questionPrefix}${id}`;
const aggregates = () =>
  t.db.select({ title: agendaSessions.title, rating: agendaSessions.rating, ratingCount: agendaSessions.ratingCount }).from(agendaSessions).all();
const agendaLines = async () => {
  const res = await t.driver.slashCommand({ userId: U.rep, text: 'agenda' });
  return renderPlainText(res.json?.blocks as KnownBlock[], names)
    .split('\n')
    .filter((line) => /FY vision|Discovery role-plays/.test(line) && line.includes('–'));
};

/** Opens the post-event survey from the person's DM and submits its one page. */
async function answer(user: string, ratings: { vision?: number; discovery?: number }): Promise<void> {
  const dm = [...t.fake.messagesIn(user)].reverse().find((m) => m.text?.startsWith('Post-event feedback'));
  if (!dm) throw new Error(`no post-event survey DM to ${user}`);
  const before = t.fake.callsTo('views.open').length;
  await t.driver.blockAction({ userId: user, actionId: SURVEY.answer, channelId: dm.channel, messageTs: dm.ts });
  const calls = await eventually(() => t.fake.callsTo('views.open').length > before && t.fake.callsTo('views.open'));
  const view = calls[calls.length - 1]?.response.view as { id: string; submit: { text: string }; blocks: unknown[] };
  expect(view.submit.text).toBe('Submit');
  const values: StateValues = {
    [q('satisfaction')]: { [SURVEY.actionId]: stateValue.radio('4') },
    [q('logistics')]: { [SURVEY.actionId]: stateValue.radio('4') },
    [q('clarity')]: { [SURVEY.actionId]: stateValue.radio('yes') },
    [q('territory-quota')]: { [SURVEY.actionId]: stateValue.radio('yes') },
    [q('confidence')]: { [SURVEY.actionId]: stateValue.radio('4') },
    [q('motivation')]: { [SURVEY.actionId]: stateValue.radio('4') },
  };
  if (ratings.vision) values[q(`session-${vision}`)] = { [SURVEY.actionId]: stateValue.radio(String(ratings.vision)) };
  if (ratings.discovery) values[q(`session-${discovery}`)] = { [SURVEY.actionId]: stateValue.radio(String(ratings.discovery)) };
  const done = await t.driver.viewSubmission({ userId: user, callbackId: SURVEY.callbackId, viewId: view.id, values: withEmptyInputs(view, values) });
  expect(renderPlainText((done.json!.view as { blocks: KnownBlock[] }).blocks, names)).toMatch(/^Your (new )?answers are saved/);
}

beforeAll(async () => {
  t = await startWithSko();
  addPeople(
    t.db,
    REPS.map((id, i) => ({ slackUserId: id, name: `Rep ${i + 1}`, team: i < 3 ? 'East' : 'West' })),
  );
  addPeople(t.db, [{ slackUserId: U.rep, name: 'Rita', team: 'East' }]);
  const event = newestEvent(t.db);
  if (!event) throw new Error('no event');
  const imported = importAgenda(t.db, event, AGENDA_CSV, t.clock.now());
  expect(imported).toEqual({ imported: 3, survey: { kind: 'updated', asked: 2, left: 0 } });
  vision = t.db.select().from(agendaSessions).where(eq(agendaSessions.title, 'FY vision')).get()?.id as number;
  discovery = t.db.select().from(agendaSessions).where(eq(agendaSessions.title, 'Discovery role-plays')).get()?.id as number;
  t.db.run(
    `INSERT INTO rsvps (event_id, person_id, answer, answered_at) SELECT ${event.id}, id, 'attending', '2027-01-10T00:00:00Z' FROM people WHERE slack_user_id IN (${REPS.map((r) => `'${r}'`).join(',')})`,
  );
  // Tue 9 Feb 2027 10:00 in New York: the post-event survey goes to the five who are attending.
  await runUntil(t, '2027-02-09T15:00:00Z');
  await eventually(() => REPS.every((r) => t.fake.messagesIn(r).some((m) => m.text?.startsWith('Post-event feedback'))));
  t.clock.set('2027-02-09T18:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('session ratings from the post-event survey', () => {
  it('asks about the content sessions the agenda had when it went out, not the dinner', () => {
    const questions = surveyOf(t.db, newestEvent(t.db)?.id as number, 'post')?.definition.questions ?? [];
    expect(questions.filter((x) => x.metric === 'session-rating').map((x) => x.prompt)).toEqual([
      'How would you rate “FY vision”?',
      'How would you rate “Discovery role-plays”?',
    ]);
  });

  it('keeps a session’s average hidden, even in the database, while it has fewer than 5 ratings', async () => {
    await answer(REPS[0] as string, { vision: 5, discovery: 4 });
    await answer(REPS[1] as string, { vision: 4, discovery: 5 });
    await answer(REPS[2] as string, { vision: 4, discovery: 3 });
    await answer(REPS[3] as string, { vision: 3, discovery: 4 });
    // Four anonymous answers wait to be counted until a fifth comes: not even their count is stored.
    expect(aggregates()).toEqual([
      { title: 'FY vision', rating: null, ratingCount: 0 },
      { title: 'Discovery role-plays', rating: null, ratingCount: 0 },
      { title: 'Team dinner', rating: null, ratingCount: 0 },
    ]);
    expect(await agendaLines()).toEqual([
      '09:00–10:00 FY vision (strategy, lecture) · Ana Ruiz',
      '09:00–12:00 Discovery role-plays (training, role-play) · Fay Lin, Ben Cole',
    ]);
  });

  it('shows the average once 5 have rated it: 5, 4, 4, 3 and 5 make 4.2', async () => {
    // The fifth skips the role-plays (she was not there): they stay at 4 ratings, hidden.
    await answer(REPS[4] as string, { vision: 5 });
    expect(aggregates()).toEqual([
      { title: 'FY vision', rating: 4.2, ratingCount: 5 },
      { title: 'Discovery role-plays', rating: null, ratingCount: 4 },
      { title: 'Team dinner', rating: null, ratingCount: 0 },
    ]);
    expect(await agendaLines()).toEqual([
      '09:00–10:00 FY vision (strategy, lecture) · Ana Ruiz · rated 4.2/5 (5 ratings)',
      '09:00–12:00 Discovery role-plays (training, role-play) · Fay Lin, Ben Cole · rating hidden: fewer than 5 ratings',
    ]);
  });

  it('recomputes over every answer when answers change, once five changed answers can be counted together: 1, 4, 4, 3 and 5 make 3.4', async () => {
    await answer(REPS[0] as string, { vision: 1, discovery: 4 });
    // One changed answer alone would tell what that person now thinks: the earlier 4.2 stands.
    expect(aggregates()[0]).toEqual({ title: 'FY vision', rating: 4.2, ratingCount: 5 });
    await answer(REPS[1] as string, { vision: 4, discovery: 5 });
    await answer(REPS[2] as string, { vision: 4, discovery: 3 });
    await answer(REPS[3] as string, { vision: 3, discovery: 4 });
    await answer(REPS[4] as string, { vision: 5 });
    expect(aggregates()[0]).toEqual({ title: 'FY vision', rating: 3.4, ratingCount: 5 });
  });

  it('keeps the answered survey’s questions when a session is added later', () => {
    const event = newestEvent(t.db);
    if (!event) throw new Error('no event');
    const before = surveyOf(t.db, event.id, 'post')?.definition;
    expect(importAgenda(t.db, event, 'day,start,end,title,kind,format\n3,09:00,10:00,Q1 plan,planning,workshop\n', t.clock.now())).toEqual({
      imported: 1,
      survey: { kind: 'answered', responses: 5 },
    });
    expect(surveyOf(t.db, event.id, 'post')?.definition).toEqual(before);
    expect(t.errors).toEqual([]);
  });
});
