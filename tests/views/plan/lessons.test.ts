import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessons, people, tasks } from '../../../db/schema.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { LESSONS_MODAL, TASKS } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, U } from '../../support/builders.js';
import { dispatchAt, startWithSko } from '../../support/sko.js';
import { type StateValues, stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/** FY27 SKO (day 1 Tue 2 Feb 2027, New York): Dana leads it, Priya is its content lead, Rita a rep; its week 12 ends Sun 21 Feb. */
const names = { user: (id: string) => id, channel: () => 'sko' };
const { blocks: B, actionId: A, callbackId } = LESSONS_MODAL;

let t: TestApp;
const taskRow = (key: string) => t.db.select().from(tasks).where(eq(tasks.key, key)).get();
const form = (worked: string, toChange: string, owner: string | null): StateValues => ({
  [B.worked]: { [A]: stateValue.text(worked) },
  [B.toChange]: { [A]: stateValue.text(toChange) },
  [B.owner]: { [A]: stateValue.user(owner) },
});
const viewText = (res: { json?: Record<string, unknown> | null }) =>
  renderPlainText(((res.json?.view ?? { blocks: [] }) as { blocks: KnownBlock[] }).blocks, names);
const replyText = (reply: { body: unknown } | undefined) => (reply?.body as { text?: string } | undefined)?.text;

async function click(userId: string) {
  const res = await t.driver.blockAction({
    userId,
    actionId: TASKS.lessons,
    value: JSON.stringify({ t: taskRow('w12-lessons-learned')?.id }),
    channelId: 'C0GENERAL',
    ephemeral: true,
    message: { blocks: [] },
  });
  return res;
}

/** The form as `userId` opens it from the task's button. */
async function openForm(userId: string) {
  const before = t.fake.callsTo('views.open').length;
  await click(userId);
  return openedView(t, before);
}

let formId: string;
const submit = (userId: string, values: StateValues) => t.driver.viewSubmission({ userId, viewId: formId, callbackId, values });

beforeAll(async () => {
  t = await startWithSko();
  addPeople(t.db, [{ slackUserId: U.rep, name: 'Rita', team: 'East' }]);
});
afterAll(async () => {
  await t.close();
});

describe('the lessons learned form', () => {
  it('is refused to someone who holds no role in the SKO, saying who may', async () => {
    const opened = t.fake.callsTo('views.open').length;
    const res = await click(U.rep);
    const [reply] = await eventually(() => t.fake.responsesTo(res.responseUrl as string).length > 0 && t.fake.responsesTo(res.responseUrl as string));
    expect(replyText(reply)).toBe(
      "Only the SKO's leads (the SKO lead, the content, logistics, communications and technology leads, its sales leaders) and admins capture its lessons learned. Send them yours.",
    );
    expect(t.fake.callsTo('views.open')).toHaveLength(opened);
  });

  it('opens for a lead, empty while the post-event survey has no answers', async () => {
    const view = await openForm(U.priya);
    expect(view.callback_id).toBe(callbackId);
    expect(JSON.stringify(view.blocks)).not.toContain('initial_value');
    expect(renderPlainText(view.blocks as KnownBlock[], names)).toContain('What FY27 Sales Kickoff taught you, for the next SKO');
  });

  it('refuses a form sent by someone who holds no role, and saves nothing', async () => {
    formId = (await openForm(U.priya)).id;
    const res = await submit(U.rep, form('Keep the keynote', '', null));
    expect(viewText(res)).toContain("Only the SKO's leads");
    expect(t.db.select().from(lessons).all()).toEqual([]);
  });

  it('says what to fix under each field, and writes nothing, not even the owner as a person', async () => {
    formId = (await openForm(U.dana)).id;
    const empty = await submit(U.dana, form('', ' \n- \n', null));
    expect(empty.json).toEqual({ response_action: 'errors', errors: { [B.worked]: 'Write at least one lesson, here or under what to change, one a line.' } });
    const peopleBefore = t.db.select().from(people).all().length;
    const long = await submit(U.dana, form('Keep the keynote', 'x'.repeat(201), 'UNEWPERSON'));
    expect(long.json).toEqual({ response_action: 'errors', errors: { [B.toChange]: 'Lesson 1 is 201 characters; keep each under 200, one a line.' } });
    const noOwner = await submit(U.dana, form('Keep the keynote', 'Shorter role-plays', null));
    expect(noOwner.json).toEqual({
      response_action: 'errors',
      errors: { [B.owner]: 'Choose who acts on these changes at the next SKO: they get a task for each in its week 1.' },
    });
    expect(t.db.select().from(lessons).all()).toEqual([]);
    expect(t.db.select().from(people).all()).toHaveLength(peopleBefore);
    expect(taskRow('w12-lessons-learned')?.status).toBe('open');
  });

  it('saves the lessons and marks the task done; after Undo the form opens with what was saved', async () => {
    const res = await submit(U.dana, form('Keep the keynote', 'Shorter role-plays', U.priya));
    expect(viewText(res)).toContain('The lessons of FY27 Sales Kickoff are saved');
    expect(t.db.select().from(lessons).all()).toMatchObject([{ worked: ['Keep the keynote'], toChange: ['Shorter role-plays'] }]);
    expect(taskRow('w12-lessons-learned')).toMatchObject({ status: 'done', doneBy: expect.any(Number) });

    const undo = await t.driver.blockAction({
      userId: U.dana,
      actionId: TASKS.undo,
      value: JSON.stringify({ t: taskRow('w12-lessons-learned')?.id }),
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    await eventually(() => t.fake.responsesTo(undo.responseUrl as string).length > 0);
    expect(taskRow('w12-lessons-learned')?.status).toBe('open');
    const view = await openForm(U.dana);
    const element = (id: string) => (view.blocks as { block_id?: string; element?: Record<string, unknown> }[]).find((b) => b.block_id === id)?.element;
    expect(element(B.worked)?.initial_value).toBe('Keep the keynote');
    expect(element(B.toChange)?.initial_value).toBe('Shorter role-plays');
    expect(element(B.owner)?.initial_user).toBe(U.priya);
  });

  it('can still be saved once the SKO is archived, where nothing else changes', async () => {
    await dispatchAt(t, '2027-02-23T15:00:00Z');
    expect(newestEvent(t.db)?.archivedAt).not.toBeNull();
    formId = (await openForm(U.dana)).id;
    const res = await submit(U.dana, form('Keep the keynote\nThe Monday digest', 'Shorter role-plays', U.priya));
    expect(viewText(res)).toContain('The lessons of FY27 Sales Kickoff are saved');
    expect(t.db.select().from(lessons).all()).toMatchObject([{ worked: ['Keep the keynote', 'The Monday digest'], toChange: ['Shorter role-plays'] }]);
    expect(taskRow('w12-lessons-learned')).toMatchObject({ status: 'done', doneAt: '2027-02-23T15:00:00.000Z' });

    const markDone = await t.driver.blockAction({
      userId: U.dana,
      actionId: TASKS.markDone,
      value: JSON.stringify({ t: taskRow('w12-roi-impact')?.id }),
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    const [reply] = await eventually(() => t.fake.responsesTo(markDone.responseUrl as string).length > 0 && t.fake.responsesTo(markDone.responseUrl as string));
    expect(replyText(reply)).toContain('FY27 Sales Kickoff is archived');
    expect(taskRow('w12-roi-impact')?.status).toBe('open');
  });
});
