import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedule, tasks } from '../../db/schema.js';
import { localDate } from '../../src/domain/dates.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { U } from '../support/builders.js';
import type { FakeSlack } from '../support/fake-slack/server.js';
import { clickAttending, clickMarkDone, NAMES, ownerOf, sentLines, setUpWalkEvent, startWalkApp, WALK_ZONE, walk } from '../support/schedule-walk.js';
import type { TestApp } from '../support/test-app.js';

const names = { user: (id: string) => NAMES[id], channel: () => 'sko' };
const DANA_WEEK_1 = `WEEK 1 OF 12: PERFORMANCE ANALYSIS AND PLANNING COMMITTEE MEETING #1
════════════════════════════════════════════════════════════════════

Phase 1 · Planning and data analysis · Mon 8 Feb – Sun 14 Feb
You have 5 open tasks this week. Day 1 is in 64 days.

○ Assess pipeline and process health
Due Fri 12 Feb  [ Mark done ]

○ Build the forward-looking revenue plan
Due Fri 12 Feb  [ Mark done ]

○ Draft the budget and logistics plan
Due Fri 12 Feb  [ Mark done ]

○ Hold SKO planning committee meeting #1
Due Fri 12 Feb  [ Mark done ]

○ Run the annual performance retrospective
Due Fri 12 Feb  [ Mark done ]

[ Reassign a task… ]

FY27 Sales Kickoff · /sko tasks lists everything you own · /sko plan shows the whole plan`;
// Sent Mon 8 Mar with Mark done; Marco clicked it on Tue 9 Mar at 16:00 and it changed in place.
const MARCO_OVERDUE = `● Overdue since Fri 5 Mar
Mark it done if finished, or tell the SKO lead if it needs a new owner or date.

✔ Select and book the venue
Done by @Marco Tue 9 Mar  [ Undo ]

FY27 Sales Kickoff · /sko tasks lists everything you own · /sko plan shows the whole plan`;

const hourMinute = new Intl.DateTimeFormat('en-GB', { timeZone: WALK_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

describe('twelve weeks of reminders, walked with a simulated clock', () => {
  let t: TestApp & { ownFake: FakeSlack };
  let lines: string[];

  beforeAll(async () => {
    // Dana sets the SKO up on Wed 3 Feb 2027 at 10:00 in New York.
    t = await startWalkApp('2027-02-03T15:00:00Z');
    await setUpWalkEvent(t);
    // Everyone finishes each task at 16:00 on its due date, except: Marco books the venue (due
    // Fri 5 Mar) four days late, Tom never finishes the AV testing (due Fri 9 Apr), and Elena
    // never holds her 1:1s (due Fri 30 Apr, week 12). The app sends what it performs itself; the
    // agenda preview finds no agenda, so Aisha shares it herself on Mon 22 Mar when chased.
    const doneOn: Record<string, string | null> = {
      'w4-venue-booking': '2027-03-09',
      'w9-av-testing': null,
      'w6-agenda-preview': '2027-03-22',
      'w12-rep-one-on-ones': null,
    };
    // Two weeks past the plan's end (Sun 2 May), when the overdue notices stop.
    await walk(t, '2027-05-17T04:00:00Z', {
      async onStep(now) {
        if (hourMinute.format(now) !== '16:00') return;
        const today = localDate(now, WALK_ZONE);
        // The afternoon the save-the-date arrives, everyone but Tom says they will attend.
        if (today === '2027-03-15') for (const user of [U.dana, U.priya, U.marco, U.aisha, U.elena]) await clickAttending(t, user);
        const open = t.db.select().from(tasks).where(eq(tasks.status, 'open')).all();
        for (const task of open) {
          const day = task.key in doneOn ? doneOn[task.key] : task.dueDate;
          if (day !== today) continue;
          const owner = ownerOf(t, task.id);
          await clickMarkDone(t, task.id, owner);
        }
      },
    });
    // The Monday digests have their own walk (tests/schedules/digest.test.ts); this one is about reminders.
    lines = sentLines(t.ownFake).filter((line) => !line.includes(': Weekly digest, '));
  }, 240_000);

  afterAll(async () => {
    await t.close();
  });

  it('sends exactly these messages, at 09:00 (reminders) and 10:00 (communications) New York time before and after the clocks change', () => {
    // Worked out from the playbook: a weekly DM to each owner of that week's tasks, a phase post on
    // the first Monday of each phase, a due-soon DM two working days ahead of each due date (Sun 11 Apr
    // moves back to Fri 9 Apr), an overdue DM on the first working day after the due date of each task
    // not done by then (but not week 12's: the SKO is archived when week 12 ends, Sun 2 May, and a
    // read-only SKO's tasks can no longer be marked done, so Elena is not chased for her 1:1s), and on
    // Friday of week 11 the invitation to record commitments, to each of the six people in the SKO.
    // Aisha's week-6 and week-11 tasks are the messages the app sends itself, so she gets no weekly or
    // due-soon DM for them; only the agenda preview, which had no agenda to send, comes back to her.
    // Nobody set the recap's highlights, so two working days before it she is asked (Thu 15 Apr),
    // and it goes out as a plain thank-you.
    // 09:00 is 14:00 UTC until Sun 14 Mar and 13:00 UTC after it.
    // Mon 12 Apr, Tom's week and overdue DMs come as one; Marco's and Priya's reminders list tasks
    // their weekly DM lists too, so they cannot share a message and come five minutes later (the
    // walk's next quarter hour).
    // During the event (Tue 13 – Thu 15 Apr) only event-day tasks are reminded: "due in 2 days (Fri
    // 16 Apr)" waits for the morning after the event, when it has gone stale, so it is never sent.
    // The communications calendar, at 10:00 (14:00 UTC in summer time) to the six role holders, who
    // are the attendees: week 6 (Mon 15 Mar) the save-the-date, Tuesday the pre-event survey,
    // Wednesday travel to the five who said yes; Tom, who never answers, is reminded Fri 19 and
    // Thu 25 Mar (halfway to, and the day before, the RSVP-by Friday of week 7); nobody answers the
    // survey, so all six are reminded Wed 24 Mar and Thu 1 Apr (it closes Fri 2 Apr). Week 11 (Mon
    // 19 Apr): the recap to all six, the feedback survey Tuesday and the Q1 reinforcement Thursday
    // to the five attending, with survey reminders Fri 23 and Mon 26 Apr (it closes Tue 27 Apr);
    // week 12 Thursday the survey analysis to the leaders, Dana and Elena.
    expect(lines).toEqual([
      'Wed 3 Feb 10:00 EST (15:00Z) #sko: SKO set up: FY27 Sales Kickoff, day 1 Tue 13 Apr 2027',
      'Mon 8 Feb 09:00 EST (14:00Z) @Dana: Week 1 of 12 (Performance analysis and planning committee meeting #1): you have 5 open tasks this week.',
      'Mon 8 Feb 09:00 EST (14:00Z) #sko: Phase 1 of 5 begins: Planning and data analysis (weeks 1–3)',
      'Wed 10 Feb 09:00 EST (14:00Z) @Dana: Reminder: 5 tasks due in 2 days (Fri 12 Feb)',
      'Mon 15 Feb 09:00 EST (14:00Z) @Dana: Week 2 of 12 (Content development): you have 2 open tasks this week.',
      'Mon 15 Feb 09:00 EST (14:00Z) @Priya: Week 2 of 12 (Content development): you have 3 open tasks this week.',
      'Mon 22 Feb 09:00 EST (14:00Z) @Dana: Week 3 of 12 (Content development): you have 2 open tasks this week.',
      'Mon 22 Feb 09:00 EST (14:00Z) @Priya: Week 3 of 12 (Content development): you have 3 open tasks this week.',
      'Wed 24 Feb 09:00 EST (14:00Z) @Dana: Reminder: 2 tasks due in 2 days (Fri 26 Feb)',
      'Wed 24 Feb 09:00 EST (14:00Z) @Priya: Reminder: 3 tasks due in 2 days (Fri 26 Feb)',
      'Mon 1 Mar 09:00 EST (14:00Z) @Marco: Week 4 of 12 (Venue and logistics): you have 4 open tasks this week.',
      'Mon 1 Mar 09:00 EST (14:00Z) @Tom: Week 4 of 12 (Venue and logistics): you have 1 open task this week.',
      'Mon 1 Mar 09:00 EST (14:00Z) #sko: Phase 2 of 5 begins: Logistics and communications (weeks 4–6)',
      'Wed 3 Mar 09:00 EST (14:00Z) @Marco: Reminder: 4 tasks due in 2 days (Fri 5 Mar)',
      'Wed 3 Mar 09:00 EST (14:00Z) @Tom: Reminder: 1 task due in 2 days (Fri 5 Mar)',
      'Mon 8 Mar 09:00 EST (14:00Z) @Marco: Overdue: 1 task due Fri 5 Mar is still open',
      'Mon 8 Mar 09:00 EST (14:00Z) @Priya: Week 5 of 12 (Speaker preparation): you have 4 open tasks this week.',
      'Wed 10 Mar 09:00 EST (14:00Z) @Priya: Reminder: 4 tasks due in 2 days (Fri 12 Mar)',
      'Mon 15 Mar 09:00 EDT (13:00Z) @Tom: Week 6 of 12 (Pre-event communications): you have 1 open task this week.',
      'Mon 15 Mar 10:00 EDT (14:00Z) @Aisha: Save the date: FY27 Sales Kickoff, Tue 13 Apr – Thu 15 Apr 2027. Will you be there?',
      'Mon 15 Mar 10:00 EDT (14:00Z) @Dana: Save the date: FY27 Sales Kickoff, Tue 13 Apr – Thu 15 Apr 2027. Will you be there?',
      'Mon 15 Mar 10:00 EDT (14:00Z) @Elena: Save the date: FY27 Sales Kickoff, Tue 13 Apr – Thu 15 Apr 2027. Will you be there?',
      'Mon 15 Mar 10:00 EDT (14:00Z) @Marco: Save the date: FY27 Sales Kickoff, Tue 13 Apr – Thu 15 Apr 2027. Will you be there?',
      'Mon 15 Mar 10:00 EDT (14:00Z) @Priya: Save the date: FY27 Sales Kickoff, Tue 13 Apr – Thu 15 Apr 2027. Will you be there?',
      'Mon 15 Mar 10:00 EDT (14:00Z) @Tom: Save the date: FY27 Sales Kickoff, Tue 13 Apr – Thu 15 Apr 2027. Will you be there?',
      'Tue 16 Mar 10:00 EDT (14:00Z) @Aisha: Pre-event survey: 5 questions, open until Fri 2 Apr 2027 17:00 EDT',
      'Tue 16 Mar 10:00 EDT (14:00Z) @Dana: Pre-event survey: 5 questions, open until Fri 2 Apr 2027 17:00 EDT',
      'Tue 16 Mar 10:00 EDT (14:00Z) @Elena: Pre-event survey: 5 questions, open until Fri 2 Apr 2027 17:00 EDT',
      'Tue 16 Mar 10:00 EDT (14:00Z) @Marco: Pre-event survey: 5 questions, open until Fri 2 Apr 2027 17:00 EDT',
      'Tue 16 Mar 10:00 EDT (14:00Z) @Priya: Pre-event survey: 5 questions, open until Fri 2 Apr 2027 17:00 EDT',
      'Tue 16 Mar 10:00 EDT (14:00Z) @Tom: Pre-event survey: 5 questions, open until Fri 2 Apr 2027 17:00 EDT',
      'Wed 17 Mar 09:00 EDT (13:00Z) @Tom: Reminder: 1 task due in 2 days (Fri 19 Mar)',
      'Wed 17 Mar 10:00 EDT (14:00Z) @Aisha: Travel booking instructions for FY27 Sales Kickoff (Tue 13 Apr – Thu 15 Apr 2027)',
      'Wed 17 Mar 10:00 EDT (14:00Z) @Dana: Travel booking instructions for FY27 Sales Kickoff (Tue 13 Apr – Thu 15 Apr 2027)',
      'Wed 17 Mar 10:00 EDT (14:00Z) @Elena: Travel booking instructions for FY27 Sales Kickoff (Tue 13 Apr – Thu 15 Apr 2027)',
      'Wed 17 Mar 10:00 EDT (14:00Z) @Marco: Travel booking instructions for FY27 Sales Kickoff (Tue 13 Apr – Thu 15 Apr 2027)',
      'Wed 17 Mar 10:00 EDT (14:00Z) @Priya: Travel booking instructions for FY27 Sales Kickoff (Tue 13 Apr – Thu 15 Apr 2027)',
      'Fri 19 Mar 10:00 EDT (14:00Z) @Tom: Reminder: will you be at FY27 Sales Kickoff (Tue 13 Apr – Thu 15 Apr 2027)? Please RSVP.',
      'Mon 22 Mar 09:00 EDT (13:00Z) @Aisha: Overdue: 1 task due Fri 19 Mar is still open',
      'Mon 22 Mar 09:00 EDT (13:00Z) @Dana: Week 7 of 12 (Session content completion): you have 2 open tasks this week.',
      'Mon 22 Mar 09:00 EDT (13:00Z) @Priya: Week 7 of 12 (Session content completion): you have 4 open tasks this week.',
      'Mon 22 Mar 09:00 EDT (13:00Z) #sko: Phase 3 of 5 begins: Content finalization (weeks 7–9)',
      'Wed 24 Mar 10:00 EDT (14:00Z) @Aisha: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Wed 24 Mar 10:00 EDT (14:00Z) @Dana: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Wed 24 Mar 10:00 EDT (14:00Z) @Elena: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Wed 24 Mar 10:00 EDT (14:00Z) @Marco: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Wed 24 Mar 10:00 EDT (14:00Z) @Priya: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Wed 24 Mar 10:00 EDT (14:00Z) @Tom: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Thu 25 Mar 10:00 EDT (14:00Z) @Tom: Reminder: will you be at FY27 Sales Kickoff (Tue 13 Apr – Thu 15 Apr 2027)? Please RSVP.',
      'Mon 29 Mar 09:00 EDT (13:00Z) @Dana: Week 8 of 12 (Session content completion): you have 2 open tasks this week.',
      'Mon 29 Mar 09:00 EDT (13:00Z) @Priya: Week 8 of 12 (Session content completion): you have 4 open tasks this week.',
      'Wed 31 Mar 09:00 EDT (13:00Z) @Dana: Reminder: 2 tasks due in 2 days (Fri 2 Apr)',
      'Wed 31 Mar 09:00 EDT (13:00Z) @Priya: Reminder: 4 tasks due in 2 days (Fri 2 Apr)',
      'Thu 1 Apr 10:00 EDT (14:00Z) @Aisha: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Thu 1 Apr 10:00 EDT (14:00Z) @Dana: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Thu 1 Apr 10:00 EDT (14:00Z) @Elena: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Thu 1 Apr 10:00 EDT (14:00Z) @Marco: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Thu 1 Apr 10:00 EDT (14:00Z) @Priya: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Thu 1 Apr 10:00 EDT (14:00Z) @Tom: Reminder: Pre-event survey closes Fri 2 Apr 2027 17:00 EDT',
      'Mon 5 Apr 09:00 EDT (13:00Z) @Dana: Week 9 of 12 (Rehearsals and dry runs): you have 1 open task this week.',
      'Mon 5 Apr 09:00 EDT (13:00Z) @Marco: Week 9 of 12 (Rehearsals and dry runs): you have 1 open task this week.',
      'Mon 5 Apr 09:00 EDT (13:00Z) @Priya: Week 9 of 12 (Rehearsals and dry runs): you have 2 open tasks this week.',
      'Mon 5 Apr 09:00 EDT (13:00Z) @Tom: Week 9 of 12 (Rehearsals and dry runs): you have 1 open task this week.',
      'Wed 7 Apr 09:00 EDT (13:00Z) @Dana: Reminder: 1 task due in 2 days (Fri 9 Apr)',
      'Wed 7 Apr 09:00 EDT (13:00Z) @Marco: Reminder: 1 task due in 2 days (Fri 9 Apr)',
      'Wed 7 Apr 09:00 EDT (13:00Z) @Priya: Reminder: 2 tasks due in 2 days (Fri 9 Apr)',
      'Wed 7 Apr 09:00 EDT (13:00Z) @Tom: Reminder: 1 task due in 2 days (Fri 9 Apr)',
      'Fri 9 Apr 09:00 EDT (13:00Z) @Marco: Reminder: 1 task due in 4 days (Tue 13 Apr)',
      'Fri 9 Apr 09:00 EDT (13:00Z) @Priya: Reminder: 2 tasks due in 4 days (Tue 13 Apr)',
      'Mon 12 Apr 09:00 EDT (13:00Z) @Aisha: Week 10 of 12 (Event execution): you have 2 open tasks this week.',
      'Mon 12 Apr 09:00 EDT (13:00Z) @Dana: Week 10 of 12 (Event execution): you have 2 open tasks this week.',
      'Mon 12 Apr 09:00 EDT (13:00Z) @Marco: Week 10 of 12 (Event execution): you have 2 open tasks this week.',
      'Mon 12 Apr 09:00 EDT (13:00Z) @Priya: Week 10 of 12 (Event execution): you have 6 open tasks this week.',
      'Mon 12 Apr 09:00 EDT (13:00Z) @Tom: Week 10 of 12 (Event execution): you have 1 open task this week.\nOverdue: 1 task due Fri 9 Apr is still open',
      'Mon 12 Apr 09:00 EDT (13:00Z) #sko: Phase 4 of 5 begins: Event execution (week 10)',
      'Mon 12 Apr 09:15 EDT (13:15Z) @Marco: Reminder: 1 task due in 2 days (Wed 14 Apr)',
      'Mon 12 Apr 09:15 EDT (13:15Z) @Priya: Reminder: 2 tasks due in 2 days (Wed 14 Apr)',
      'Tue 13 Apr 09:00 EDT (13:00Z) @Priya: Reminder: 2 tasks due in 2 days (Thu 15 Apr)',
      'Thu 15 Apr 10:00 EDT (14:00Z) @Aisha: The thank-you and recap goes to every attendee Mon 19 Apr 2027 10:00 EDT, and it has no highlights or links yet.',
      'Mon 19 Apr 09:00 EDT (13:00Z) @Dana: Week 11 of 12 (Immediate follow-up): you have 2 open tasks this week.',
      'Mon 19 Apr 09:00 EDT (13:00Z) #sko: Phase 5 of 5 begins: Post-event follow-up (weeks 11–12)',
      'Mon 19 Apr 10:00 EDT (14:00Z) @Aisha: Thank you for FY27 Sales Kickoff',
      'Mon 19 Apr 10:00 EDT (14:00Z) @Dana: Thank you for FY27 Sales Kickoff',
      'Mon 19 Apr 10:00 EDT (14:00Z) @Elena: Thank you for FY27 Sales Kickoff',
      'Mon 19 Apr 10:00 EDT (14:00Z) @Marco: Thank you for FY27 Sales Kickoff',
      'Mon 19 Apr 10:00 EDT (14:00Z) @Priya: Thank you for FY27 Sales Kickoff',
      'Mon 19 Apr 10:00 EDT (14:00Z) @Tom: Thank you for FY27 Sales Kickoff',
      'Tue 20 Apr 10:00 EDT (14:00Z) @Aisha: Post-event feedback: 7 questions, open until Tue 27 Apr 2027 17:00 EDT',
      'Tue 20 Apr 10:00 EDT (14:00Z) @Dana: Post-event feedback: 7 questions, open until Tue 27 Apr 2027 17:00 EDT',
      'Tue 20 Apr 10:00 EDT (14:00Z) @Elena: Post-event feedback: 7 questions, open until Tue 27 Apr 2027 17:00 EDT',
      'Tue 20 Apr 10:00 EDT (14:00Z) @Marco: Post-event feedback: 7 questions, open until Tue 27 Apr 2027 17:00 EDT',
      'Tue 20 Apr 10:00 EDT (14:00Z) @Priya: Post-event feedback: 7 questions, open until Tue 27 Apr 2027 17:00 EDT',
      'Wed 21 Apr 09:00 EDT (13:00Z) @Dana: Reminder: 2 tasks due in 2 days (Fri 23 Apr)',
      'Thu 22 Apr 10:00 EDT (14:00Z) @Aisha: Q1 kickoff: carry FY27 Sales Kickoff into your first weeks',
      'Thu 22 Apr 10:00 EDT (14:00Z) @Dana: Q1 kickoff: carry FY27 Sales Kickoff into your first weeks',
      'Thu 22 Apr 10:00 EDT (14:00Z) @Elena: Q1 kickoff: carry FY27 Sales Kickoff into your first weeks',
      'Thu 22 Apr 10:00 EDT (14:00Z) @Marco: Q1 kickoff: carry FY27 Sales Kickoff into your first weeks',
      'Thu 22 Apr 10:00 EDT (14:00Z) @Priya: Q1 kickoff: carry FY27 Sales Kickoff into your first weeks',
      'Fri 23 Apr 09:00 EDT (13:00Z) @Aisha: FY27 Sales Kickoff is over: what will you do differently? Record up to 3 commitments.',
      'Fri 23 Apr 09:00 EDT (13:00Z) @Dana: FY27 Sales Kickoff is over: what will you do differently? Record up to 3 commitments.',
      'Fri 23 Apr 09:00 EDT (13:00Z) @Elena: FY27 Sales Kickoff is over: what will you do differently? Record up to 3 commitments.',
      'Fri 23 Apr 09:00 EDT (13:00Z) @Marco: FY27 Sales Kickoff is over: what will you do differently? Record up to 3 commitments.',
      'Fri 23 Apr 09:00 EDT (13:00Z) @Priya: FY27 Sales Kickoff is over: what will you do differently? Record up to 3 commitments.',
      'Fri 23 Apr 09:00 EDT (13:00Z) @Tom: FY27 Sales Kickoff is over: what will you do differently? Record up to 3 commitments.',
      'Fri 23 Apr 10:00 EDT (14:00Z) @Aisha: Reminder: Post-event feedback closes Tue 27 Apr 2027 17:00 EDT',
      'Fri 23 Apr 10:00 EDT (14:00Z) @Dana: Reminder: Post-event feedback closes Tue 27 Apr 2027 17:00 EDT',
      'Fri 23 Apr 10:00 EDT (14:00Z) @Elena: Reminder: Post-event feedback closes Tue 27 Apr 2027 17:00 EDT',
      'Fri 23 Apr 10:00 EDT (14:00Z) @Marco: Reminder: Post-event feedback closes Tue 27 Apr 2027 17:00 EDT',
      'Fri 23 Apr 10:00 EDT (14:00Z) @Priya: Reminder: Post-event feedback closes Tue 27 Apr 2027 17:00 EDT',
      'Mon 26 Apr 09:00 EDT (13:00Z) @Dana: Week 12 of 12 (Momentum maintenance): you have 4 open tasks this week.',
      'Mon 26 Apr 09:00 EDT (13:00Z) @Elena: Week 12 of 12 (Momentum maintenance): you have 4 open tasks this week.',
      'Mon 26 Apr 10:00 EDT (14:00Z) @Aisha: Reminder: Post-event feedback closes Tue 27 Apr 2027 17:00 EDT',
      'Mon 26 Apr 10:00 EDT (14:00Z) @Dana: Reminder: Post-event feedback closes Tue 27 Apr 2027 17:00 EDT',
      'Mon 26 Apr 10:00 EDT (14:00Z) @Elena: Reminder: Post-event feedback closes Tue 27 Apr 2027 17:00 EDT',
      'Mon 26 Apr 10:00 EDT (14:00Z) @Marco: Reminder: Post-event feedback closes Tue 27 Apr 2027 17:00 EDT',
      'Mon 26 Apr 10:00 EDT (14:00Z) @Priya: Reminder: Post-event feedback closes Tue 27 Apr 2027 17:00 EDT',
      'Wed 28 Apr 09:00 EDT (13:00Z) @Dana: Reminder: 4 tasks due in 2 days (Fri 30 Apr)',
      'Wed 28 Apr 09:00 EDT (13:00Z) @Elena: Reminder: 4 tasks due in 2 days (Fri 30 Apr)',
      'Thu 29 Apr 10:00 EDT (14:00Z) @Dana: Survey analysis for FY27 Sales Kickoff: the success metrics, top sessions and what to improve',
      'Thu 29 Apr 10:00 EDT (14:00Z) @Elena: Survey analysis for FY27 Sales Kickoff: the success metrics, top sessions and what to improve',
    ]);
    expect(lines).toHaveLength(120);
  });

  it("Monday's DM lists the week's tasks, each with Mark done", () => {
    const [week1] = t.ownFake.messagesIn(U.dana).filter((m) => m.text?.startsWith('Week 1 of 12'));
    expect(renderPlainText(week1?.blocks as KnownBlock[], names)).toBe(DANA_WEEK_1);
  });

  it('a task marked done shows who did it and when, in place, with Undo', () => {
    const [overdue] = t.ownFake.messagesIn(U.marco).filter((m) => m.text?.startsWith('Overdue'));
    expect(renderPlainText(overdue?.blocks as KnownBlock[], names)).toBe(MARCO_OVERDUE);
    const venue = t.db.select().from(tasks).where(eq(tasks.key, 'w4-venue-booking')).get();
    expect(venue).toMatchObject({ status: 'done', doneAt: '2027-03-09T21:00:00.000Z' });
  });

  it('two weeks after the plan, the status lists what was never done', async () => {
    const res = await t.driver.slashCommand({ userId: U.dana, text: 'status' });
    const text = renderPlainText(res.json?.blocks as KnownBlock[], names);
    expect(text).toContain('Never done (2): the plan ended Sun 2 May 2027 and the reminders have stopped.');
    expect(text).toContain('● Test AV and technology · @Tom · due Fri 9 Apr');
    expect(text).toContain('● Hold 1:1s with each rep · @Elena · due Fri 30 Apr');
  });

  it('gives a task back to its owner, with the reason, when its message had nothing to send', () => {
    const preview = t.db.select().from(tasks).where(eq(tasks.key, 'w6-agenda-preview')).get();
    expect(preview?.performed).toEqual({
      delivered: 0,
      failed: 0,
      reason: 'There was no agenda to preview when it was due (`/sko agenda add` adds sessions).',
    });
    expect(preview?.doneBy).not.toBeNull();
  });

  it('dispatched every reminder row, skipping only the one that went stale while the event kept it back, and the chase after the archive', () => {
    const rows = t.db.select().from(schedule).all();
    // "Due in 2 days (Fri 16 Apr)", held through the event: its readers' moment came after it was stale.
    // Week 12's overdue reminder (Mon 3 May) was still to come when the SKO was archived.
    expect(rows.filter((r) => r.status !== 'done').map((r) => [r.key, r.status, r.note])).toEqual([
      ['due-soon:1:2027-04-16', 'skipped', expect.stringContaining('stale')],
      ['overdue:1:2027-04-30', 'skipped', 'the SKO is archived'],
    ]);
    expect(t.errors).toEqual([]);
  });
});
