import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaSessions, lessons, tasks } from '../../db/schema.js';
import { importAgenda } from '../../src/services/agenda/editing.js';
import { eventByHandle, newestEvent, timelineOf } from '../../src/services/plan/event-store.js';
import { LESSONS_MODAL, SURVEY, TASKS } from '../../views/kit/ids.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { addPeople, EVENT_CHANNEL, setupValues, U } from '../support/builders.js';
import type { StoredMessage, StoredView } from '../support/fake-slack/types.js';
import { runUntil, startWithSko, submitNewSko } from '../support/sko.js';
import { type StateValues, stateValue, withEmptyInputs } from '../support/slack-driver/state-values.js';
import { eventually, type TestApp } from '../support/test-app.js';
import { openedView } from '../support/views.js';

/**
 * Next year's SKO built on this year's lessons, as the people involved live it. FY27 (day 1 Tue
 * 2 Feb 2027, New York, set up Fri 20 Nov 2026 by Dana, its SKO lead) has two content sessions; five
 * reps attend and answer the post-event survey from their DM (Tue 9 Feb): the vision keynote rated
 * high, the role-plays low, and each says what to do better. In week 12 (Mon 15 Feb) Dana's DM has
 * "Capture lessons" on the lessons task; the form comes drafted from the survey; she edits it and
 * names Priya to act on the changes. Week 12 ends Sun 21 Feb: FY27 is archived. On Fri 19 Nov 2027
 * Dana sets up FY28 (day 1 Tue 1 Feb 2028) with `/sko setup new`, in the same channel.
 */
const names = { user: (id: string) => id, channel: () => 'sko' };
const REPS = ['UREPA0001', 'UREPB0001', 'UREPC0001', 'UREPD0001', 'UREPE0001'];
const ASKED = ['Shorter role-plays', 'More customer stories', 'Shorter role-plays please', 'Fewer slides', 'More time with managers'];
const AGENDA_CSV = `day,start,end,title,kind,format,speakers,takeaways,next_steps
1,09:00,10:00,FY vision,strategy,lecture,Ana Ruiz,One narrative,Team talk track
2,09:00,12:00,Discovery role-plays,training,role-play,Fay Lin;Ben Cole,The discovery standard,Certify by week 11
`;
const WORKED = 'Keep: FY vision (rated 4.6 / 5 by 5)';
const CHANGES = ['Rework: Discovery role-plays (rated 2.4 / 5 by 5)', 'Shorter role-plays, with a customer story each'];

let t: TestApp;
const text = (blocks: unknown) => renderPlainText(blocks as KnownBlock[], names);
const q = (id: string) => `${SURVEY.questionPrefix}${id}`;
const dmTo = (user: string, start: string): StoredMessage | undefined => [...t.fake.messagesIn(user)].reverse().find((m) => m.text?.startsWith(start));

/** A rep opens the post-event survey from their DM and submits it. */
async function answerSurvey(user: string, i: number, sessionIds: { vision: number; discovery: number }): Promise<void> {
  const dm = dmTo(user, 'Post-event feedback');
  if (!dm) throw new Error(`no post-event survey DM to ${user}`);
  const before = t.fake.callsTo('views.open').length;
  await t.driver.blockAction({ userId: user, actionId: SURVEY.answer, channelId: dm.channel, messageTs: dm.ts });
  const view = await openedView(t, before);
  const values: StateValues = {
    [q('satisfaction')]: { [SURVEY.actionId]: stateValue.radio('4') },
    [q('logistics')]: { [SURVEY.actionId]: stateValue.radio('4') },
    [q('clarity')]: { [SURVEY.actionId]: stateValue.radio('yes') },
    [q('territory-quota')]: { [SURVEY.actionId]: stateValue.radio('yes') },
    [q('confidence')]: { [SURVEY.actionId]: stateValue.radio('4') },
    [q('motivation')]: { [SURVEY.actionId]: stateValue.radio('4') },
    [q(`session-${sessionIds.vision}`)]: { [SURVEY.actionId]: stateValue.radio(String([5, 5, 4, 5, 4][i])) },
    [q(`session-${sessionIds.discovery}`)]: { [SURVEY.actionId]: stateValue.radio(String([2, 3, 2, 3, 2][i])) },
    [q('improve')]: { [SURVEY.actionId]: stateValue.text(ASKED[i] as string) },
  };
  await t.driver.viewSubmission({ userId: user, callbackId: SURVEY.callbackId, viewId: view.id, values: withEmptyInputs(view, values) });
}

const initialValue = (view: StoredView, blockId: string) =>
  (view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((b) => b.block_id === blockId)?.element?.initial_value;

describe('lessons learned carried into next year’s SKO', () => {
  let form: StoredView;
  let saved: string;
  beforeAll(async () => {
    t = await startWithSko();
    addPeople(
      t.db,
      REPS.map((id, i) => ({ slackUserId: id, name: `Rep ${i + 1}`, team: 'East' })),
    );
    const fy27 = newestEvent(t.db);
    if (!fy27) throw new Error('no SKO');
    importAgenda(t.db, fy27, AGENDA_CSV, t.clock.now());
    const sessionId = (title: string) => t.db.select().from(agendaSessions).where(eq(agendaSessions.title, title)).get()?.id as number;
    t.db.run(
      `INSERT INTO rsvps (event_id, person_id, answer, answered_at) SELECT ${fy27.id}, id, 'attending', '2027-01-10T00:00:00Z' FROM people WHERE slack_user_id IN (${REPS.map((r) => `'${r}'`).join(',')})`,
    );
    // Tue 9 Feb 2027 10:00 in New York: the post-event survey reaches the five attending, who answer it.
    await runUntil(t, '2027-02-09T15:30:00Z');
    await eventually(() => REPS.every((r) => dmTo(r, 'Post-event feedback')));
    for (const [i, rep] of REPS.entries()) await answerSurvey(rep, i, { vision: sessionId('FY vision'), discovery: sessionId('Discovery role-plays') });

    // Mon 15 Feb 2027, week 12: Dana's weekly DM lists the lessons task with its button.
    await runUntil(t, '2027-02-15T15:00:00Z');
    const week12 = await eventually(() => dmTo(U.dana, 'Week 12 of 12'));
    const block = (week12.blocks as { block_id?: string; accessory?: { action_id?: string; value?: string; text?: { text: string } } }[]).find(
      (b) => b.accessory?.action_id === TASKS.lessons,
    );
    expect(block?.accessory?.text?.text).toBe('Capture lessons');
    const before = t.fake.callsTo('views.open').length;
    await t.driver.blockAction({
      userId: U.dana,
      actionId: TASKS.lessons,
      blockId: block?.block_id,
      value: block?.accessory?.value,
      channelId: week12.channel,
      messageTs: week12.ts,
    });
    form = await openedView(t, before);
    // She keeps the draft's first lines, rewrites the rest, and names Priya to act on the changes.
    const res = await t.driver.viewSubmission({
      userId: U.dana,
      callbackId: LESSONS_MODAL.callbackId,
      viewId: form.id,
      values: {
        [LESSONS_MODAL.blocks.worked]: { [LESSONS_MODAL.actionId]: stateValue.text(`${WORKED}\n- The Monday digest kept leaders on track`) },
        [LESSONS_MODAL.blocks.toChange]: { [LESSONS_MODAL.actionId]: stateValue.text(CHANGES.join('\n')) },
        [LESSONS_MODAL.blocks.owner]: { [LESSONS_MODAL.actionId]: stateValue.user(U.priya) },
      },
    });
    saved = text((res.json?.view as { blocks: unknown } | undefined)?.blocks);

    // Week 12 ends Sun 21 Feb: the minute job runs just after midnight in New York.
    await runUntil(t, '2027-02-22T05:01:00Z');
    // Next year, on Fri 19 Nov 2027, Dana sets up FY28 in the same channel.
    await runUntil(t, '2027-11-19T15:00:00Z');
    const next = await submitNewSko(t, setupValues({ name: stateValue.text('FY28 Sales Kickoff'), day1: stateValue.date('2028-02-01') }));
    if (next.status !== 200 || next.text !== '') throw new Error(`FY28 setup was refused: ${next.text}`);
  }, 240_000);
  afterAll(async () => {
    await t.close();
  });

  it('drafts the form from the post-event survey: the top session, the lowest, and what the answers ask', () => {
    expect(initialValue(form, LESSONS_MODAL.blocks.worked)).toBe(WORKED);
    expect(initialValue(form, LESSONS_MODAL.blocks.toChange)?.split('\n')).toEqual([
      'Rework: Discovery role-plays (rated 2.4 / 5 by 5)',
      // An anonymous survey's comments come in alphabetical order, never in the order given.
      ...[...ASKED].sort().map((a) => `Asked for: ${a}`),
    ]);
  });

  it('saves the lessons and marks the task done', () => {
    expect(saved).toBe(
      'The lessons of FY27 Sales Kickoff are saved and its task is done. The next SKO shows them when it is set up and in its first digest and @UPRIYA001 gets a week-1 task for each of the 2 changes.',
    );
    const fy27 = eventByHandle(t.db, 'fy27');
    expect(t.db.select().from(lessons).all()).toMatchObject([
      { eventId: fy27?.id, worked: [WORKED, 'The Monday digest kept leaders on track'], toChange: CHANGES },
    ]);
    const task = t.db.select().from(tasks).where(eq(tasks.key, 'w12-lessons-learned')).get();
    expect(task).toMatchObject({ eventId: fy27?.id, status: 'done', doneAt: '2027-02-15T15:00:00.000Z' });
  });

  it('archives FY27 when its week 12 ends, with its scorecard frozen', () => {
    const fy27 = eventByHandle(t.db, 'fy27');
    expect(fy27?.archivedAt).toBe('2027-02-22T05:01:00.000Z');
    expect(fy27?.frozenScorecard?.find((r) => r.key === 'satisfaction')).toMatchObject({ value: 4 });
  });

  it("shows FY27's lessons in FY28's setup summary", async () => {
    const summary = await eventually(() => t.fake.messagesIn(EVENT_CHANNEL).find((m) => m.text?.startsWith('SKO set up: FY28 Sales Kickoff')));
    expect(text(summary.blocks)).toContain(
      [
        'Lessons from FY27 Sales Kickoff (Tue 2 Feb 2027)',
        'What worked',
        `• ${WORKED}`,
        '• The Monday digest kept leaders on track',
        'What to change (each is a week-1 task for @UPRIYA001)',
        ...CHANGES.map((c) => `• ${c}`),
      ].join('\n'),
    );
  });

  it("gives Priya a week-1 task for each change, and FY28's week-1 digest shows the lessons", async () => {
    const fy28 = eventByHandle(t.db, 'fy28');
    if (!fy28) throw new Error('no FY28');
    const week1 = timelineOf(fy28).weeks[0];
    expect(week1?.start).toBe('2027-11-29');
    // Mon 29 Nov 2027: the digest at 08:00 and the weekly DMs at 09:00 New York time.
    await runUntil(t, '2027-11-29T15:00:00Z');
    const priyaWeek1 = await eventually(() => dmTo(U.priya, 'Week 1 of 12'));
    const lines = text(priyaWeek1.blocks);
    for (const change of CHANGES) expect(lines).toContain(`Act on last SKO's lesson: ${change}`);
    const digest = await eventually(() => dmTo(U.dana, 'Weekly digest, FY28 Sales Kickoff, week 1 of 12'));
    expect(text(digest.blocks)).toContain('Lessons from FY27 Sales Kickoff (Tue 2 Feb 2027)');
    expect(text(digest.blocks)).toContain(`• ${CHANGES[1]}`);
  });
});
