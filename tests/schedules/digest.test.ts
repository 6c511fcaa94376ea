import type { KnownBlock } from '@slack/types';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionItems, expenses, people, tasks } from '../../db/schema.js';
import { recordRsvp } from '../../src/services/comms/rsvps.js';
import { buildDigest } from '../../src/services/insights/digest.js';
import { digestSources } from '../../src/services/insights/digest-sources.js';
import { type EventRow, loadPlan, newestEvent } from '../../src/services/plan/event-store.js';
import { buildDigestMessage } from '../../views/insights/digest-message.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { U } from '../support/builders.js';
import type { FakeSlack } from '../support/fake-slack/server.js';
import type { StoredMessage } from '../support/fake-slack/types.js';
import { NAMES, setUpWalkEvent, startWalkApp, walk } from '../support/schedule-walk.js';
import type { TestApp } from '../support/test-app.js';

const names = { user: (id: string) => NAMES[id] ?? id, channel: () => 'sko' };
const WEEK1_KEYS = ['w1-performance-retrospective', 'w1-revenue-plan', 'w1-pipeline-health', 'w1-budget-logistics-plan'];

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Twelve weeks walked once (day 1 Tue 13 Apr 2027, New York). Seeded: two expenses (venue $100,000
 * paid Sat 20 Feb, travel $50,000 due Thu 1 Apr) and four of week 1's five tasks marked done on Wed
 * 10 Feb; nothing else is ever done. Elena is a sales leader, Tom (technology lead) a manager,
 * Priya (content lead) a workstream lead with no people role beyond rep.
 */
describe('the weekly digest, each Monday of twelve weeks', () => {
  let t: TestApp & { ownFake: FakeSlack };
  const digests = (user: string) => t.ownFake.messagesIn(user).filter((m) => m.text?.startsWith('Weekly digest, '));
  const plain = (m: StoredMessage | undefined) => renderPlainText(m?.blocks as KnownBlock[], names);

  beforeAll(async () => {
    t = await startWalkApp('2027-02-01T15:00:00Z');
    await setUpWalkEvent(t);
    const plan = loadPlan(t.db, newestEvent(t.db) as EventRow);
    if (!plan) throw new Error('no plan');
    t.db.update(people).set({ role: 'leader' }).where(eq(people.slackUserId, U.elena)).run();
    t.db.update(people).set({ role: 'manager' }).where(eq(people.slackUserId, U.tom)).run();
    t.db
      .insert(expenses)
      .values([
        { eventId: plan.event.id, category: 'venue', vendor: 'Hilton Chicago', amountCents: 10_000_000, date: '2027-02-20', note: null },
        { eventId: plan.event.id, category: 'travel', vendor: 'United', amountCents: 5_000_000, date: '2027-04-01', note: null },
      ])
      .run();
    const dana = t.db.select().from(people).where(eq(people.slackUserId, U.dana)).get();
    let marked = false;
    let answered = false;
    await walk(t, '2027-05-03T04:00:00Z', {
      stepMs: 60 * 60_000,
      onStep: async (now) => {
        if (!answered && now >= new Date('2027-03-16T15:00:00Z')) {
          recordRsvp(t.db, plan.event.id, U.dana, 'attending', now);
          recordRsvp(t.db, plan.event.id, U.priya, 'maybe', now);
          recordRsvp(t.db, plan.event.id, U.marco, 'not-attending', now);
          answered = true;
        }
        if (marked || now < new Date('2027-02-10T15:00:00Z')) return;
        t.db
          .update(tasks)
          .set({ status: 'done', doneAt: now.toISOString(), doneBy: dana?.id ?? null })
          .where(inArray(tasks.key, WEEK1_KEYS))
          .run();
        marked = true;
      },
    });
    await t.deps.outbox.idle();
  }, 240_000);

  afterAll(async () => {
    await t.close();
  });

  it('goes to each role holder every Monday at 08:00 New York time, weeks 1 to 12', () => {
    for (const user of [U.dana, U.priya, U.marco, U.aisha, U.tom, U.elena]) {
      expect(digests(user).map((m) => m.text?.replace(/:.*/, ''))).toEqual(
        Array.from({ length: 12 }, (_, i) => `Weekly digest, FY27 Sales Kickoff, week ${i + 1} of 12`),
      );
    }
    const mondays = digests(U.elena).map((m) => new Date(Number(m.ts.split('.')[0]) * 1000).toISOString());
    // 08:00 EST is 13:00Z until the clocks change on Sun 14 Mar, 12:00Z after.
    expect(mondays).toEqual([
      '2027-02-08T13:00:00.000Z',
      '2027-02-15T13:00:00.000Z',
      '2027-02-22T13:00:00.000Z',
      '2027-03-01T13:00:00.000Z',
      '2027-03-08T13:00:00.000Z',
      '2027-03-15T12:00:00.000Z',
      '2027-03-22T12:00:00.000Z',
      '2027-03-29T12:00:00.000Z',
      '2027-04-05T12:00:00.000Z',
      '2027-04-12T12:00:00.000Z',
      '2027-04-19T12:00:00.000Z',
      '2027-04-26T12:00:00.000Z',
    ]);
  });

  it('counts done and overdue tasks as each Monday finds them', () => {
    // Overdue = open tasks due before the Monday. Due dates: 5 on Fri 12 Feb, 5 on Fri 26 Feb, 5 on
    // Fri 5 Mar, 4 on Fri 12 Mar, 5 on Fri 19 Mar, 6 on Fri 2 Apr, 5 on Fri 9 Apr, 3/3/2 on event
    // days 1-3 and 5 on Fri 16 Apr, 6 on Fri 23 Apr, 8 on Fri 30 Apr. Four of week 1's are done on 10 Feb.
    // The app does three of week 6's by sending them (the agenda preview has no agenda, so it stays
    // open) and four of week 11's (recap, feedback survey, Q1 reinforcement, commitments invitation).
    expect(digests(U.elena).map((m) => m.text?.replace(/^.*: /, ''))).toEqual([
      '0 of 62 tasks done, 0 overdue.',
      '4 of 62 tasks done, 1 overdue.',
      '4 of 62 tasks done, 1 overdue.',
      '4 of 62 tasks done, 6 overdue.',
      '4 of 62 tasks done, 11 overdue.',
      '4 of 62 tasks done, 15 overdue.',
      '7 of 62 tasks done, 17 overdue.',
      '7 of 62 tasks done, 17 overdue.',
      '7 of 62 tasks done, 23 overdue.',
      '7 of 62 tasks done, 28 overdue.',
      '7 of 62 tasks done, 41 overdue.',
      '11 of 62 tasks done, 43 overdue.',
    ]);
  });

  it("gives the leader week 3's phase, budget, scorecard highlights and what is not measured yet", () => {
    const week3 = plain(digests(U.elena)[2]);
    expect(week3).toContain('Phase 1 · Planning and data analysis · Mon 22 Feb – Sun 28 Feb · Day 1 is in 50 days.');
    expect(week3).toContain('Plan progress: 4 of 62 tasks done · 1 overdue');
    expect(week3).toContain('• planning: 4 of 6 done · ● 1 overdue');
    // Venue paid on 20 Feb is spent; travel dated 1 Apr is committed. The projection keeps every
    // category at its plan while spending is below it: $620,000, 0.0%.
    expect(week3).toContain('$100,000 spent + $50,000 committed of $620,000 · projected $620,000 (0.0%, within ±5%)');
    // Planning on schedule: 4 of the 5 tasks due so far were done by their due date, 80%, below the
    // at-risk band of 90%. Cost per attendee: $620,000 ÷ 240 = $2,583.33, under $3,000.
    expect(week3).toContain('● missed · Planning on schedule 80% (target: every task done by its due date)');
    expect(week3).toContain('✔ met · Budget adherence 0% (target: within ±5% of the budget)');
    expect(week3).toContain('✔ met · Cost per attendee $2,583.33 (target: below $3,000)');
    expect(week3).toContain('Not measured yet. RSVPs are counted from the save-the-date buttons (week 6).');
    expect(week3).toContain('Action items\n0 open · 0 done · 0 overdue (the whole event)');
    // Week 6 starts Mon 15 Mar: the calendar's first three entries are next.
    expect(week3).toContain(
      'Sent: nothing yet\nNext: Save the date (RSVP) (Mon 15 Mar), Pre-event survey (Tue 16 Mar), Travel booking instructions (Wed 17 Mar)',
    );
  });

  it('reports what the communications, surveys and RSVPs have done by week 7', () => {
    const week7 = plain(digests(U.elena)[6]);
    expect(week7).toContain(
      'Sent: Save the date (RSVP) (Mon 15 Mar), Pre-event survey (Tue 16 Mar), Travel booking instructions (Wed 17 Mar)\nNext: Thank-you and recap (Mon 19 Apr), Post-event feedback survey (Tue 20 Apr), Q1 kickoff reinforcement (Thu 22 Apr)',
    );
    // The six role holders are the roster; nobody has answered the pre-event survey.
    expect(week7).toContain('Survey response rates\n• Pre-event survey: 0 of 6 answered (0%)');
    // Dana attending, Priya maybe, Marco not: 1 of the 240 expected is 0.4%, shown as 0%.
    expect(week7).toContain('RSVPs\n1 attending of 240 expected (0%) · 1 maybe · 1 not attending');
    const week5 = plain(digests(U.elena)[4]);
    expect(week5).toContain('RSVPs\nNot measured yet. RSVPs are counted from the save-the-date buttons (week 6).');
  });

  it('shows the workstream lead the event-wide plan and their own open tasks', () => {
    const week2 = plain(digests(U.priya)[1]);
    expect(week2).toContain('Plan progress: 4 of 62 tasks done · 1 overdue');
    // Priya owns 20 content tasks, none done and none due yet on Mon 15 Feb.
    expect(week2).toMatch(/Yours: \d+ open tasks \(\/sko tasks\)\./);
    expect(week2).not.toContain('Delivery failures');
  });

  it('shows two charts in every digest, each uploaded once a week whoever reads it: valid PNGs of 960 × 540', () => {
    const uploads = t.ownFake.uploads();
    // Twelve Mondays, two charts each, for all six readers.
    expect(uploads).toHaveLength(12 * 2);
    expect(uploads.every((u) => u.completed && u.channel === null)).toBe(true);
    const byId = new Map(uploads.map((u) => [u.id, u]));
    const shown = (m: StoredMessage | undefined) =>
      (m?.blocks ?? []).flatMap((b) => {
        const block = b as { type?: string; slack_file?: { id?: string } };
        return block.type === 'image' && block.slack_file?.id ? [byId.get(block.slack_file.id)] : [];
      });
    const elenaWeek1 = shown(digests(U.elena)[0]);
    expect(elenaWeek1.map((u) => u?.filename)).toEqual(['digest-week-1-burn-down.png', 'digest-week-1-budget.png']);
    expect(shown(digests(U.priya)[0])).toEqual(elenaWeek1);
    for (const upload of elenaWeek1) {
      expect(pngSize(upload?.bytes ?? Buffer.alloc(0))).toEqual({ width: 960, height: 540 });
      expect(upload?.bytes?.length).toBeGreaterThan(5_000);
      expect(upload?.bytes?.length).toBeLessThan(500_000);
    }
    for (const user of [U.elena, U.priya, U.tom, U.dana]) {
      expect(digests(user).every((m) => shown(m).length === 2)).toBe(true);
    }
    expect(t.errors).toEqual([]);
  });

  it("keeps a manager's digest to their own team: nobody else's action items or names", () => {
    const plan = loadPlan(t.db, newestEvent(t.db) as EventRow);
    if (!plan) throw new Error('no plan');
    const tom = t.db.select().from(people).where(eq(people.slackUserId, U.tom)).get();
    const dana = t.db.select().from(people).where(eq(people.slackUserId, U.dana)).get();
    const priya = t.db.select().from(people).where(eq(people.slackUserId, U.priya)).get();
    if (!tom || !dana || !priya) throw new Error('missing people');
    const [east, west, westManager] = t.db
      .insert(people)
      .values([
        { name: 'Ann East', slackUserId: 'UANNEAST1', role: 'rep', managerId: tom.id, team: 'East' },
        { name: 'Will West', slackUserId: 'UWILLWEST', role: 'rep', team: 'West' },
        { name: 'Wanda Boss', slackUserId: 'UWANDA001', role: 'manager', team: 'West' },
      ])
      .returning()
      .all();
    if (!east || !west || !westManager) throw new Error('insert failed');
    // Ann has 2 items overdue (due 20 and 22 Apr), Will 3 (due 10 Apr) and 1 done.
    const item = (ownerId: number, title: string, due: string, status: 'open' | 'done' = 'open') => ({
      eventId: plan.event.id,
      title,
      ownerId,
      creatorId: dana.id,
      due,
      status,
      source: 'command' as const,
    });
    t.db
      .insert(actionItems)
      .values([
        item(east.id, 'Send the East pricing deck', '2027-04-20'),
        item(east.id, 'Book the East QBRs', '2027-04-22'),
        ...[1, 2, 3].map((n) => item(west.id, `West follow-up ${n}`, '2027-04-10')),
        item(west.id, 'West recap', '2027-04-10', 'done'),
      ])
      .run();
    const at = new Date('2027-04-26T12:00:00Z');
    const read = (who: typeof tom) =>
      renderPlainText(buildDigestMessage(buildDigest(t.db, plan, who, at, digestSources(null))).blocks, {
        user: (id) => ({ UANNEAST1: 'Ann', UWILLWEST: 'Will' })[id] ?? id,
        channel: () => 'sko',
      });

    const managers = read(tom);
    expect(managers).toContain('2 open · 0 done · 2 overdue (your team)');
    expect(managers).toContain('@Ann: 2 overdue, oldest 6 days late');
    expect(managers).not.toContain('Will');
    expect(managers).not.toContain('West');

    const leads = read(dana);
    expect(leads).toContain('5 open · 1 done · 5 overdue (the whole event)');
    expect(leads).toContain('@Will: 3 overdue, oldest 16 days late');

    const workstream = read(priya);
    expect(workstream).toContain('5 open · 1 done · 5 overdue (the whole event)');
    expect(workstream).not.toContain('Ann');
    expect(workstream).not.toContain('Will');
  });
});
