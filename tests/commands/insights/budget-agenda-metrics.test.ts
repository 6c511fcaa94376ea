import type { KnownBlock } from '@slack/types';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expenses, tasks } from '../../../db/schema.js';
import { dispatchJob } from '../../../schedules/dispatch.js';
import { addSession } from '../../../src/services/agenda/sessions.js';
import { importExpenses, setBudgetCategory } from '../../../src/services/budget/budget.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { EVENT_CHANNEL, U } from '../../support/builders.js';
import { submitSetup } from '../../support/sko.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };

const EXPENSES_CSV = `category,vendor,amount,date,note
Venue and catering,Hilton Chicago,"$200,000",2027-01-10,deposit
venue,Hilton Chicago,80000,2027-02-01,catering balance
travel,United,50000,2027-01-15,
technology,AV Partners,33000,2027-01-05,stage and screens
`;

/**
 * FY27 SKO (day 1 Tue 2 Feb 2027, 240 expected, $620,000), seen on Wed 20 Jan 2027. Venue is set by
 * hand to $260,000; the other $360,000 follows the template's 30/15/10/5 (of 60): travel $180,000,
 * speakers $90,000, materials $60,000, technology $30,000.
 */
describe('/sko budget, /sko agenda and /sko metrics on a seeded SKO', () => {
  let t: TestApp;
  const reply = async (text: string) => {
    const res = await t.driver.slashCommand({ userId: U.dana, text });
    return renderPlainText(res.json?.blocks as KnownBlock[], names);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    await submitSetup(t);
    const event = newestEvent(t.db);
    if (!event) throw new Error('no event');
    setBudgetCategory(t.db, event, 'venue', 26_000_000);
    expect(importExpenses(t.db, event.id, EXPENSES_CSV)).toEqual({ imported: 4, totalCents: 36_300_000 });
    // Weeks 1-4 (15 tasks) done on their due dates; week 5's four done late, on Tue 5 Jan; week 6's five open.
    for (const row of t.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.eventId, event.id), inArray(tasks.weekTo, [1, 3, 4, 5])))
      .all()) {
      const doneAt = row.weekTo === 5 ? '2027-01-05T15:00:00.000Z' : `${row.dueDate}T15:00:00.000Z`;
      t.db.update(tasks).set({ status: 'done', doneAt }).where(eq(tasks.id, row.id)).run();
    }
    for (const session of [
      {
        day: 1,
        start: '09:00',
        end: '10:00',
        title: 'FY vision',
        kind: 'strategy',
        format: 'lecture',
        speakers: 'Ana Ruiz',
        takeaways: 'One narrative',
        nextSteps: 'Team talk track',
      },
      {
        day: 1,
        start: '10:00',
        end: '11:00',
        title: 'Territory rollout',
        kind: 'planning',
        format: 'workshop',
        speakers: 'Cara Diaz',
        takeaways: 'Your territory',
        nextSteps: 'Account plans',
      },
      {
        day: 1,
        start: '11:00',
        end: '12:00',
        title: 'Roadmap',
        kind: 'product',
        format: 'lecture',
        speakers: 'Dev Patel',
        takeaways: 'Three launches',
        nextSteps: 'Pitch practice',
      },
      {
        day: 2,
        start: '09:00',
        end: '12:00',
        title: 'Discovery role-plays',
        kind: 'training',
        format: 'role-play',
        speakers: 'Fay Lin',
        takeaways: 'Discovery standard',
        nextSteps: 'Certify by week 11',
      },
      { day: 2, start: '12:00', end: '13:00', title: 'Awards', kind: 'recognition', format: 'panel', speakers: 'Ben Cole', takeaways: '', nextSteps: '' },
    ]) {
      const added = addSession(t.db, event, session);
      if (!added.ok) throw new Error(JSON.stringify(added.errors));
    }
    t.clock.set('2027-01-20T15:00:00Z');
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows planned, actual and committed by category, the projection and cost per attendee', async () => {
    const text = await reply('budget');
    // Venue: $200,000 paid 10 Jan, $80,000 dated 1 Feb is committed: $280,000 of $260,000 = +7.7%.
    // Travel $50,000 of $180,000 = −72.2%; technology $33,000 of $30,000 = +10.0%.
    expect(text).toContain('Venue and catering          $260,000  $200,000    $80,000   -$20,000    +7.7%   over budget');
    expect(text).toContain('Travel and accommodations   $180,000   $50,000         $0   $130,000   -72.2%  under budget');
    expect(text).toContain('Technology and AV            $30,000   $33,000         $0    -$3,000   +10.0%   over budget');
    // $363,000 recorded of $620,000 = −41.5%.
    expect(text).toContain('Total                       $620,000  $283,000    $80,000   $257,000   -41.5%  under budget');
    // Projection: 280,000 + 180,000 + 90,000 + 60,000 + 33,000 = $643,000, +3.7%; ÷ 240 = $2,679.17.
    expect(text).toContain('Projection at completion: $643,000 (+3.7% against plan, within ±5%)');
    expect(text).toContain('per expected attendee (240): $2,679.17 ✔');
    const chart = await eventually(() => t.fake.uploads().find((u) => u.filename === 'budget.png' && u.completed));
    expect(chart.bytes?.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([chart.bytes?.readUInt32BE(16), chart.bytes?.readUInt32BE(20)]).toEqual([960, 540]);
  });

  it('refuses an expenses file with any bad row, naming each line, and imports nothing', () => {
    const event = newestEvent(t.db);
    if (!event) throw new Error('no event');
    const before = t.db.select().from(expenses).all().length;
    const bad = 'category,vendor,amount,date\nvenue,Hilton,100,2027-01-02\ntravel,United,12.345,2027-01-02\nbar tab,Pub,50,2027-01-03\n';
    expect(() => importExpenses(t.db, event.id, bad)).toThrow(
      /Nothing was imported: 2 rows have problems[\s\S]*line 3: "12.345" has fractions of a cent[\s\S]*line 4: "bar tab" is not a budget category/,
    );
    expect(t.db.select().from(expenses).all()).toHaveLength(before);
  });

  it('shows the agenda by day with each design check, its figure and its seed rule', async () => {
    const text = await reply('agenda');
    expect(text).toContain('Day 1 · Tue 2 Feb 2027 · 180 min');
    // Strategy 60 + planning 60 = 120 against training 180: 40% / 60%, 20 points off; 60 min to move.
    expect(text).toContain('Strategy and planning vs training: 40% strategy and planning / 60% training (120 min / 180 min)');
    expect(text).toContain('moving about 60 min from training to strategy and planning would restore it');
    expect(text).toContain('Best-practice kickoffs spend about 60% on strategy and planning and 40% on skills.');
    // Lecture: vision 60 + roadmap 60 = 120 of 420 content minutes = 29%.
    expect(text).toContain('29% lecture, 71% interactive (120 min of 420 min of content is lecture)');
    expect(text).toContain('1 of 5 content sessions lacks takeaways or next steps');
    // Product 60 of 420 = 14%; recognition 60 of 420 = 14%; five speakers over two days.
    expect(text).toContain('14% of agenda time on product (60 min of 420 min)');
    expect(text).toContain('14% of agenda time on recognition and social (60 min of 420 min)');
    expect(text).toContain('5 speakers over 2 days (2.5 per day)');
  });

  it('scores every seed metric, saying what is not measured and why', async () => {
    const text = await reply('metrics');
    // 24 tasks due before 20 Jan; the 15 of weeks 1-4 were done on time: 62.5%.
    expect(text).toContain('● missed · Planning on schedule 62.5% (target: every task done by its due date)');
    expect(text).toContain('✔ met · Budget adherence +3.7% (target: within ±5% of the budget)');
    expect(text).toContain('✔ met · Cost per attendee $2,679.17 (target: below $3,000)');
    expect(text).toContain('○ not measured · Attendance (target: above 95% of the team)');
    expect(text).toContain('No RSVPs yet; the save-the-date goes out in week 6. Measured from RSVPs to the save-the-date until day 1, then people checked in');
    expect(text).toContain('2 met · 0 at risk · 1 missed · 15 not measured');
  });

  it("posts each event morning's agenda in the event channel", async () => {
    t.clock.set('2027-02-02T12:00:00Z');
    await dispatchJob.run(t.deps, t.clock.now());
    const post = t.fake.messagesIn(EVENT_CHANNEL).find((m) => m.text?.startsWith('Today at FY27 Sales Kickoff (day 1)'));
    expect(post?.text).toBe('Today at FY27 Sales Kickoff (day 1): 3 sessions, starting 09:00.');
    expect(renderPlainText(post?.blocks as KnownBlock[], names)).toContain('09:00–10:00 FY vision (strategy, lecture) · Ana Ruiz');
  });
});
