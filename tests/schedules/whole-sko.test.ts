import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../db/schema.js';
import { localDate } from '../../src/domain/dates.js';
import { PLAYBOOK } from '../../src/domain/plan/playbook.js';
import { addSession } from '../../src/services/agenda/sessions.js';
import { loadPlan, newestEvent } from '../../src/services/plan/event-store.js';
import { TASKS } from '../../views/kit/ids.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { U } from '../support/builders.js';
import type { FakeSlack } from '../support/fake-slack/server.js';
import type { StoredMessage } from '../support/fake-slack/types.js';
import { clickAttending, clickMarkDone, NAMES, ownerOf, setUpWalkEvent, startWalkApp, WALK_ZONE, walk } from '../support/schedule-walk.js';
import type { TestApp } from '../support/test-app.js';

const names = { user: (id: string) => NAMES[id], channel: () => 'sko' };
const hourMinute = new Intl.DateTimeFormat('en-GB', { timeZone: WALK_ZONE, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
/** The plan's own reminders about tasks: the weekly list, due soon, overdue. */
const TASK_DM = /^(Week \d+ of 12 \(|Reminder: \d+ tasks? due|Overdue: )/;
const APP_TASKS = PLAYBOOK.tasks.filter((t) => t.performedBy);

const SESSIONS = [
  {
    day: 1,
    start: '09:00',
    end: '10:00',
    title: 'FY28 strategy',
    kind: 'strategy',
    format: 'panel',
    speakers: 'Elena\nDana',
    takeaways: 'The one narrative',
    nextSteps: 'Share it with your team',
  },
  {
    day: 2,
    start: '09:00',
    end: '10:30',
    title: 'Territory workshop',
    kind: 'planning',
    format: 'workshop',
    speakers: 'Marco',
    takeaways: 'Your territory',
    nextSteps: 'Book account plans',
  },
] as const;

function plain(message: StoredMessage | undefined): string {
  return message?.blocks ? renderPlainText(message.blocks as KnownBlock[], names) : (message?.text ?? '');
}

function taskIdsIn(message: StoredMessage): number[] {
  return ((message.blocks ?? []) as { block_id?: string }[]).flatMap((b) =>
    b.block_id?.startsWith(TASKS.blockPrefix) ? [Number(b.block_id.slice(TASKS.blockPrefix.length))] : [],
  );
}

/**
 * The whole SKO, lived through with the fake Slack: everyone answers the save-the-date and does
 * each of their tasks on its due date with Mark done; the content lead adds the agenda in week 2.
 * The eight tasks the app performs (save-the-date, survey, travel, agenda preview, recap, feedback
 * survey, commitments, Q1 reinforcement) are never anyone's to do.
 */
describe('a whole SKO where everyone does their work', () => {
  let t: TestApp & { ownFake: FakeSlack };
  const statuses: { who: string; at: string; text: string }[] = [];

  beforeAll(async () => {
    t = await startWalkApp('2027-02-03T15:00:00Z');
    await setUpWalkEvent(t);
    const event = newestEvent(t.db);
    if (!event) throw new Error('no event');
    for (const session of SESSIONS) expect(addSession(t.db, event, { ...session }).ok).toBe(true);
    await walk(t, '2027-05-03T04:00:00Z', {
      async onStep(now) {
        const [weekday, time] = hourMinute.format(now).split(' ');
        const today = localDate(now, WALK_ZONE);
        if (weekday === 'Mon' && time === '10:00') {
          for (const user of [U.dana, U.aisha]) {
            const res = await t.driver.slashCommand({ userId: user, text: 'status' });
            statuses.push({ who: NAMES[user] ?? user, at: today, text: renderPlainText(res.json?.blocks as KnownBlock[], names) });
          }
        }
        if (time !== '16:00') return;
        if (today === '2027-03-15') for (const user of [U.dana, U.priya, U.marco, U.aisha, U.tom, U.elena]) await clickAttending(t, user);
        const plan = loadPlan(t.db, event);
        for (const task of plan.tasks.filter((x) => x.status === 'open' && x.dueDate === today)) await clickMarkDone(t, task.id, ownerOf(t, task.id));
      },
    });
  }, 240_000);

  afterAll(async () => {
    await t.close();
  });

  it('does each task it performs itself, with the count of people it reached', () => {
    const done = t.db
      .select()
      .from(tasks)
      .all()
      .filter((row) => APP_TASKS.some((a) => a.key === row.key));
    expect(done.map((row) => ({ key: row.key, status: row.status, doneBy: row.doneBy, reached: (row.performed?.delivered ?? 0) > 0 }))).toEqual(
      APP_TASKS.map((a) => ({ key: a.key, status: 'done', doneBy: null, reached: true })),
    );
    // Six attendees, all attending: the save-the-date and the recap reach all six.
    expect(done.find((row) => row.key === 'w6-save-the-date')?.performed).toEqual({ delivered: 6, failed: 0, reason: null });
  });

  it('never names a task it performs in a reminder, an overdue notice, a digest or a status', () => {
    const texts = [
      ...t.ownFake
        .allMessages()
        .filter((m) => TASK_DM.test(m.text ?? '') || (m.text ?? '').startsWith('Weekly digest'))
        .map((m) => plain(m)),
      ...statuses.map((s) => s.text),
    ];
    expect(texts.length).toBeGreaterThan(40);
    for (const text of texts) for (const task of APP_TASKS) expect(text).not.toContain(task.title);
  });

  it('sends the communications lead task reminders only for her own work, and nothing overdue', () => {
    const event = newestEvent(t.db);
    if (!event) throw new Error('no event');
    const byId = new Map(loadPlan(t.db, event).tasks.map((task) => [task.id, task]));
    const reminders = t.ownFake.messagesIn(U.aisha).filter((m) => TASK_DM.test(m.text ?? ''));
    // Her tasks due Fri 16 Apr would be reminded on day 2 of the event: not event-day work, so that waits, and goes stale.
    expect(reminders.map((m) => m.text)).toEqual(['Week 10 of 12 (Event execution): you have 2 open tasks this week.']);
    for (const message of reminders) {
      for (const id of taskIdsIn(message)) {
        expect(byId.get(id)?.owner?.slackUserId).toBe(U.aisha);
        expect(APP_TASKS.map((a) => a.key)).not.toContain(byId.get(id)?.key);
      }
    }
    expect(t.ownFake.allMessages().filter((m) => (m.text ?? '').startsWith('Overdue'))).toEqual([]);
  });

  it('shows every task done, overdue nothing, and planning on schedule met', async () => {
    const last = statuses.filter((s) => s.who === 'Dana').at(-1);
    expect(last?.text).toContain('Overdue: nothing ✔');
    const total = loadPlan(t.db, newestEvent(t.db) as NonNullable<ReturnType<typeof newestEvent>>).tasks.length;
    const res = await t.driver.slashCommand({ userId: U.dana, text: 'status' });
    expect(renderPlainText(res.json?.blocks as KnownBlock[], names)).toContain(`Plan progress: ${total} of ${total} tasks done`);
    const metrics = await t.driver.slashCommand({ userId: U.dana, text: 'metrics' });
    const line = renderPlainText(metrics.json?.blocks as KnownBlock[], names)
      .split('\n')
      .find((l) => l.includes('Planning on schedule'));
    expect(line).toContain('100%');
    expect(line).toContain('✔ met');
  });

  it('shows in /sko plan what SKO Conductor did, and for how many', async () => {
    const res = await t.driver.slashCommand({ userId: U.aisha, text: 'plan' });
    const text = renderPlainText(res.json?.blocks as KnownBlock[], names);
    expect(text).toContain('Send the save-the-date · done by SKO Conductor: sent to 6 people');
    expect(t.db.select().from(tasks).where(eq(tasks.key, 'w6-agenda-preview')).get()?.performed).toEqual({ delivered: 6, failed: 0, reason: null });
  });
});
