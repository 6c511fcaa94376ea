import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, tasks } from '../../../db/schema.js';
import { REASSIGN_MODAL, TASKS } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { runUntil, submitSetup } from '../../support/sko.js';
import type { JsonObject } from '../../support/slack-driver/driver.js';
import { stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => ({ [U.dana]: 'Dana', [U.priya]: 'Priya', [U.marco]: 'Marco', [U.rep]: 'Rita' })[id], channel: () => 'sko' };
type Block = KnownBlock & { block_id?: string; accessory?: { action_id: string; value: string }; elements?: { action_id: string; value: string }[] };

const taskId = (key: string) => t.db.select().from(tasks).where(eq(tasks.key, key)).get()?.id as number;
const taskRow = (key: string) => t.db.select().from(tasks).where(eq(tasks.key, key)).get();
const personId = (slackId: string) => t.db.select().from(people).where(eq(people.slackUserId, slackId)).get()?.id;
const button = (blocks: Block[], id: number) => blocks.find((b) => b.block_id === `${TASKS.blockPrefix}${id}`)?.accessory;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  await submitSetup(t);
  // Wed 9 Dec 2026 at 10:00 in New York: week 2 of the plan (Mon 7 – Sun 13 Dec).
  t.clock.set('2026-12-09T15:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('/sko tasks', () => {
  it("lists the caller's open tasks, soonest first, each with Mark done", async () => {
    const res = await t.driver.slashCommand({ userId: U.priya, text: 'tasks' });
    expect(res.json?.response_type).toBe('ephemeral');
    const blocks = res.json?.blocks as Block[];
    const text = renderPlainText(blocks, names);
    // The content lead's 19 tasks; the first three are due at the end of week 3, Fri 18 Dec.
    expect(text.split('\n').slice(0, 9).join('\n')).toBe(`YOUR TASKS: FY27 SALES KICKOFF
══════════════════════════════

○ Draft the agenda with session descriptions
Due Fri 18 Dec  [ Mark done ]

○ Finalize performance recognition
Due Fri 18 Dec  [ Mark done ]
`);
    expect(blocks.filter((b) => b.accessory?.action_id === TASKS.markDone)).toHaveLength(19);
    expect(text).toContain('○ Day 3 midday: wrap-up, commitments and closing celebration\nDue Thu 4 Feb  [ Mark done ]');
    // Only the SKO lead and admins are offered reassigning.
    expect(text).not.toContain('Reassign');
  });

  it('marks a task done in place, recording who and when, and Undo reopens it', async () => {
    const res = await t.driver.slashCommand({ userId: U.priya, text: 'tasks' });
    const blocks = res.json?.blocks as Block[];
    const agenda = taskId('w2-draft-agenda');
    const click = await t.driver.blockAction({
      userId: U.priya,
      actionId: TASKS.markDone,
      blockId: `${TASKS.blockPrefix}${agenda}`,
      value: button(blocks, agenda)?.value,
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks },
    });
    const [replaced] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(replaced?.body.replace_original).toBe(true);
    const after = replaced?.body.blocks as Block[];
    expect(
      renderPlainText(
        after.filter((b) => b.block_id === `${TASKS.blockPrefix}${agenda}`),
        names,
      ),
    ).toBe('✔ Draft the agenda with session descriptions\nDone by @Priya Wed 9 Dec  [ Undo ]');
    // Still the same list: the finished task stays, so it can be undone.
    expect(after.filter((b) => b.block_id?.startsWith(TASKS.blockPrefix))).toHaveLength(19);
    expect(taskRow('w2-draft-agenda')).toMatchObject({ status: 'done', doneAt: '2026-12-09T15:00:00.000Z', doneBy: personId(U.priya) });

    const undo = await t.driver.blockAction({
      userId: U.priya,
      actionId: TASKS.undo,
      blockId: `${TASKS.blockPrefix}${agenda}`,
      value: button(after, agenda)?.value,
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: after },
    });
    await eventually(() => t.fake.responsesTo(undo.responseUrl as string).length > 0);
    expect(taskRow('w2-draft-agenda')).toMatchObject({ status: 'open', doneAt: null, doneBy: null });
    expect(t.errors).toEqual([]);
  });

  it('refuses, clearly, someone who neither owns the task nor leads the SKO', async () => {
    const agenda = taskId('w2-draft-agenda');
    const click = await t.driver.blockAction({
      userId: U.marco,
      actionId: TASKS.markDone,
      value: JSON.stringify({ t: agenda }),
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: `Only its owner (<@${U.priya}>), the SKO lead or an admin can mark “Draft the agenda with session descriptions” done or reopen it.`,
    });
    expect(taskRow('w2-draft-agenda')?.status).toBe('open');
  });

  it('lets the SKO lead mark anyone’s task done', async () => {
    const recognition = taskId('w2-performance-recognition');
    const click = await t.driver.blockAction({
      userId: U.dana,
      actionId: TASKS.markDone,
      value: JSON.stringify({ t: recognition, l: [recognition] }),
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0);
    expect(taskRow('w2-performance-recognition')).toMatchObject({ status: 'done', doneBy: personId(U.dana) });
  });
});

describe('task buttons in a DM', () => {
  it('Mark done and Undo edit the DM in place with chat.update', async () => {
    // Monday of week 3, 09:00 in New York: Priya's weekly DM goes out.
    await runUntil(t, '2026-12-14T14:00:00Z');
    const dm = t.fake.messagesIn(U.priya).find((m) => m.text?.startsWith('Week 3 of 12'));
    const blocks = dm?.blocks as Block[];
    const training = taskId('w2-training-content');
    await t.driver.blockAction({
      userId: U.priya,
      actionId: TASKS.markDone,
      blockId: `${TASKS.blockPrefix}${training}`,
      value: button(blocks, training)?.value,
      channelId: dm?.channel,
      messageTs: dm?.ts,
    });
    const updated = () => t.fake.messagesIn(U.priya).find((m) => m.ts === dm?.ts)?.blocks as Block[];
    await eventually(() => button(updated(), training)?.action_id === TASKS.undo);
    // Dana finished the recognition task earlier, so two of the three are listed.
    expect(renderPlainText(updated(), names)).toBe(`WEEK 3 OF 12: CONTENT DEVELOPMENT
═════════════════════════════════

Phase 1 · Planning and data analysis · Mon 14 Dec – Sun 20 Dec
You have 2 open tasks this week. Day 1 is in 50 days.

○ Draft the agenda with session descriptions
Due Fri 18 Dec  [ Mark done ]

✔ Outline the training content
Done by @Priya Mon 14 Dec  [ Undo ]

FY27 Sales Kickoff · /sko tasks lists everything you own · /sko plan shows the whole plan`);
    await t.driver.blockAction({
      userId: U.priya,
      actionId: TASKS.undo,
      blockId: `${TASKS.blockPrefix}${training}`,
      value: button(updated(), training)?.value,
      channelId: dm?.channel,
      messageTs: dm?.ts,
    });
    await eventually(() => button(updated(), training)?.action_id === TASKS.markDone);
    expect(t.fake.callsTo('chat.update').map((c) => c.args.ts)).toEqual([dm?.ts, dm?.ts]);
    expect(taskRow('w2-training-content')?.status).toBe('open');
  });
});

describe('reassigning', () => {
  const reassignButton = (blocks: Block[]) => blocks.find((b) => b.block_id === TASKS.actionsBlock)?.elements?.find((e) => e.action_id === TASKS.reassign);

  it('is offered to the SKO lead in /sko plan, and not to others', async () => {
    const lead = await t.driver.slashCommand({ userId: U.dana, text: 'plan' });
    const rep = await t.driver.slashCommand({ userId: U.rep, text: 'plan' });
    expect(reassignButton(lead.json?.blocks as Block[])).toBeDefined();
    expect(reassignButton(rep.json?.blocks as Block[])).toBeUndefined();
  });

  it('refuses anyone but the SKO lead and admins, saying who can', async () => {
    const opened = t.fake.callsTo('views.open').length;
    const click = await t.driver.blockAction({
      userId: U.priya,
      actionId: TASKS.reassign,
      value: '{}',
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body.text).toBe(`Only the SKO lead or an admin can reassign tasks. Ask <@${U.dana}> to do it.`);
    expect(t.fake.callsTo('views.open')).toHaveLength(opened);
  });

  it('opens a modal, gives the task to the chosen person, and tells them by DM', async () => {
    const opened = t.fake.callsTo('views.open').length;
    const plan = await t.driver.slashCommand({ userId: U.dana, text: 'plan' });
    const blocks = plan.json?.blocks as Block[];
    const click = await t.driver.blockAction({
      userId: U.dana,
      actionId: TASKS.reassign,
      value: reassignButton(blocks)?.value,
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks },
    });
    const open = await eventually(() => t.fake.callsTo('views.open')[opened]);
    expect(open.args.trigger_id).toBe(click.triggerId);
    const viewId = (open.response.view as { id: string }).id;
    const view = open.args.view as JsonObject & { blocks: { block_id: string; element: { options?: { value: string }[] } }[] };
    expect(view.callback_id).toBe(REASSIGN_MODAL.callbackId);
    // Every open task is offered: 62 in the plan, one done so far, and not the 8 the app does itself.
    expect(view.blocks.find((b) => b.block_id === REASSIGN_MODAL.blocks.task)?.element.options).toHaveLength(53);

    const empty = await t.driver.viewSubmission({
      userId: U.dana,
      viewId,
      callbackId: REASSIGN_MODAL.callbackId,
      values: {
        [REASSIGN_MODAL.blocks.task]: { [REASSIGN_MODAL.actionId]: stateValue.option(null) },
        [REASSIGN_MODAL.blocks.owner]: { [REASSIGN_MODAL.actionId]: stateValue.user(null) },
      },
    });
    expect(empty.json).toEqual({
      response_action: 'errors',
      errors: { [REASSIGN_MODAL.blocks.task]: 'Choose the task to reassign.', [REASSIGN_MODAL.blocks.owner]: 'Choose who takes the task over.' },
    });

    const venue = taskId('w4-venue-booking');
    const submitted = await t.driver.viewSubmission({
      userId: U.dana,
      viewId,
      callbackId: REASSIGN_MODAL.callbackId,
      values: {
        [REASSIGN_MODAL.blocks.task]: { [REASSIGN_MODAL.actionId]: stateValue.option(String(venue)) },
        [REASSIGN_MODAL.blocks.owner]: { [REASSIGN_MODAL.actionId]: stateValue.user(U.rep) },
      },
    });
    expect(submitted.json?.response_action).toBe('update');
    expect(JSON.stringify(submitted.json?.view)).toContain(`*Select and book the venue* now belongs to <@${U.rep}>, who has been told by direct message.`);
    expect(taskRow('w4-venue-booking')?.ownerId).toBe(personId(U.rep));

    const [dm] = await eventually(() => t.fake.messagesIn(U.rep).length > 0 && t.fake.messagesIn(U.rep));
    expect(renderPlainText(dm?.blocks as KnownBlock[], names)).toBe(`@Dana gave you a task in FY27 Sales Kickoff:

○ Select and book the venue
Due Fri 25 Dec  [ Mark done ]

/sko tasks lists everything you own.`);
    const mine = await t.driver.slashCommand({ userId: U.rep, text: 'tasks' });
    expect(renderPlainText(mine.json?.blocks as KnownBlock[], names)).toContain('Select and book the venue');
  });
});
