import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, people, schedule, surveyResponses } from '../../db/schema.js';
import { respondentKey } from '../../src/domain/surveys/anonymity.js';
import { newestEvent } from '../../src/services/plan/event-store.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { surveyOf } from '../../src/services/surveys/surveys.js';
import { setupInput, U } from '../support/builders.js';
import { developersWordsInText } from '../support/plain-words.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** `npm run sko -- simulate`, as an SKO lead runs it, on an SKO far enough ahead that "now" is before it starts. */
describe('sko simulate', () => {
  let testDb: TestDb;
  let output: string;
  let boxes: string[];

  beforeAll(async () => {
    testDb = createTestDb();
    // Day 1 Tue 15 Apr 2031 in New York: week 1 starts Mon 10 Feb; clocks change Sun 9 Mar 2031.
    saveSetup(
      testDb.db,
      setupInput({ name: 'FY32 Sales Kickoff', day1: '2031-04-15', location: 'Austin', gtmChallenge: 'misalignment' }),
      U.dana,
      new Date('2031-02-05T15:00:00Z'),
      null,
    );
    const res = await run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'simulate', '--db', testDb.path], { cwd: root });
    output = res.stdout;
    boxes = output
      .split('\n')
      .filter((l) => l.startsWith('┌─ '))
      .map((l) => l.replace(/^┌─ (.*?) ─+$/, '$1'));
  }, 60_000);

  afterAll(() => {
    testDb.close();
  });

  it('counts every message of the twelve weeks, nobody marking anything done', () => {
    // 5 phase posts, 25 weekly DMs, 25 due-soon DMs, and 24 overdue DMs (one per owner and due
    // date, except Fri 2 May, whose overdue moment falls after the preview ends): 79. Aisha's week-6
    // and week-11 tasks are the app's to send, so her weeks 6 and 11 bring no weekly DM and week 6 no
    // due-soon; the travel, the agenda preview, the feedback survey and the Q1 reinforcement reach
    // nobody (no agenda, nobody attending), so those stay hers and are chased. The communications to
    // the six role holders, who are the attendees and answer nothing: the save-the-date, the
    // pre-event survey, two RSVP reminders and two survey reminders each (36), the recap (6), the
    // request for the recap's highlights to Aisha (1) and the survey analysis to Dana and Elena (2):
    // 45 more. And the invitation to record commitments to each of the 6 people in the SKO on Friday
    // of week 11, Fri 25 Apr: 130. And 72 Monday digests, one to each of the six role holders in
    // each of the 12 weeks; the agenda is empty, so no morning posts: 202 messages due.
    // Four DMs travel with another due the same minute to the same person (Priya's week-9 and
    // week-10 lists with her overdue list, Marco's and Tom's week-10 lists with theirs), and three
    // due-soon reminders of Wed 16 Apr, an event day, wait for the morning after the event, Fri 18
    // Apr, the day the tasks are due, and are dropped there as stale: 195 messages.
    expect(output).toContain('FY32 Sales Kickoff: every message SKO Conductor will send from ');
    expect(output).toContain(' to Mon 5 May 2031 00:00 EDT,\nassuming nobody marks a task done from now on.');
    expect(output).toContain('\n195 messages.\n');
    expect(boxes).toHaveLength(195);
    expect(boxes.filter((b) => b.includes(' 08:00 '))).toHaveLength(72);
    expect(boxes.filter((b) => b.startsWith('Fri 25 Apr 2031 09:00 EDT'))).toHaveLength(6);
  });

  it('no simulated message names a seed, a server command or an agent code name', () => {
    expect(developersWordsInText(output)).toEqual([]);
  });

  it('never chases anyone for a task the app does by sending its message', () => {
    const sent = ['Send the save-the-date', 'Run the pre-event survey', 'Send the thank-you and recap email', 'Send action item reminders'];
    // Every task reminder carries Mark done buttons; none of the simulated messages names these tasks.
    expect(output.split('[ Mark done ]').length).toBeGreaterThan(100);
    for (const title of sent) expect(output).not.toContain(title);
  });

  it('prints them in time order, in the event’s time zone across the change of clocks', () => {
    // The week's digests go out at 08:00, an hour before the reminders, in the order setup lists the roles.
    expect(boxes.slice(0, 3)).toEqual([
      'Mon 10 Feb 2031 08:00 EST → UAISHA001 (DM)',
      'Mon 10 Feb 2031 08:00 EST → UPRIYA001 (DM)',
      'Mon 10 Feb 2031 08:00 EST → UMARCO001 (DM)',
    ]);
    expect(boxes.slice(6, 9)).toEqual([
      'Mon 10 Feb 2031 09:00 EST → #CSKO00001',
      'Mon 10 Feb 2031 09:00 EST → UDANA0001 (DM)',
      'Wed 12 Feb 2031 09:00 EST → UDANA0001 (DM)',
    ]);
    expect(boxes).toContain('Mon 10 Mar 2031 09:00 EDT → UPRIYA001 (DM)');
    // Week 6 starts Mon 17 Mar 2031: the save-the-date goes at 10:00 to each attendee.
    expect(boxes.filter((b) => b.startsWith('Mon 17 Mar 2031 10:00 EDT'))).toEqual(
      ['UDANA0001', 'UPRIYA001', 'UMARCO001', 'UAISHA001', 'UTOM00001', 'UELENA001'].map((u) => `Mon 17 Mar 2031 10:00 EDT → ${u} (DM)`),
    );
    expect(output).toContain('│ SAVE THE DATE: FY32 SALES KICKOFF');
    expect(boxes.at(-1)).toBe('Thu 1 May 2031 10:00 EDT → UELENA001 (DM)');
    expect(output).toContain('│ ○ Hold SKO planning committee meeting #1\n│ Due Fri 14 Feb  [ Mark done ]');
  });

  it('says what to fix when --until is not a date, and prints no preview', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'simulate', '--db', testDb.path, '--until', '2031-02-30'], {
      cwd: root,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect((failed as { stderr: string }).stderr).toContain('--until takes a date as YYYY-MM-DD; "2031-02-30" is not one.');
  }, 30_000);

  it('changes nothing in the database', () => {
    expect(testDb.db.select().from(outbox).all()).toEqual([]);
    expect(
      testDb.db
        .select()
        .from(schedule)
        .all()
        .every((r) => r.status === 'pending'),
    ).toBe(true);
  });

  it('needs the survey key once someone has answered, and then leaves them out of the reminders', async () => {
    const key = 'simulate-survey-key-0123456789';
    const pre = surveyOf(testDb.db, newestEvent(testDb.db)?.id as number, 'pre');
    testDb.db
      .insert(surveyResponses)
      .values({
        surveyId: pre?.id as number,
        respondentKey: respondentKey(key, String(pre?.id), U.dana),
        answers: { clarity: 'yes', confidence: 4, motivation: 4 },
      })
      .run();
    const { SURVEY_KEY_SECRET: _unset, ...env } = process.env;
    const args = ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'simulate', '--db', testDb.path];
    const failed = await run(process.execPath, args, { cwd: root, env }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect((failed as { stderr: string }).stderr).toContain(
      'People have answered surveys, so the preview needs SURVEY_KEY_SECRET (the value the app runs with) to tell who still gets reminders.',
    );
    // Dana answered the pre-event survey early: her two reminders drop out of the 195.
    const { stdout } = await run(process.execPath, args, { cwd: root, env: { ...env, SURVEY_KEY_SECRET: key } });
    expect(stdout).toContain('\n193 messages.\n');
  }, 60_000);
});

/** A roster on several clocks: each DM's box gives the reader's own time beside the event's when they differ. */
describe('sko simulate with readers in other time zones', () => {
  let testDb: TestDb;
  let boxes: string[];

  beforeAll(async () => {
    testDb = createTestDb();
    saveSetup(
      testDb.db,
      setupInput({ name: 'FY32 Sales Kickoff', day1: '2031-04-15', location: 'Austin', gtmChallenge: 'misalignment' }),
      U.dana,
      new Date('2031-02-05T15:00:00Z'),
      null,
    );
    const zones: [string, string][] = [
      [U.priya, 'Asia/Singapore'],
      [U.marco, 'America/New_York'],
      [U.tom, 'America/Toronto'],
    ];
    for (const [user, timeZone] of zones) testDb.db.update(people).set({ timeZone }).where(eq(people.slackUserId, user)).run();
    const args = ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'simulate', '--db', testDb.path, '--until', '2031-02-12'];
    const { stdout } = await run(process.execPath, args, { cwd: root });
    boxes = stdout
      .split('\n')
      .filter((l) => l.startsWith('┌─ '))
      .map((l) => l.replace(/^┌─ (.*?) ─*$/, '$1'));
  }, 60_000);

  afterAll(() => {
    testDb.close();
  });

  it('shows Singapore’s own Monday morning beside the event’s Sunday evening, on every DM to Singapore', () => {
    // Monday's digest at 08:00 in Singapore: Sunday evening in New York.
    expect(boxes).toContain('Sun 9 Feb 2031 19:00 EST → UPRIYA001 (DM) · their time Mon 10 Feb 2031 08:00 GMT+8');
    expect(boxes.filter((b) => b.includes('UPRIYA001')).every((b) => b.includes(' · their time '))).toBe(true);
  });

  it('keeps the one time for channel posts and for readers on the event’s clock, whatever their zone is called', () => {
    expect(boxes).toContain('Mon 10 Feb 2031 09:00 EST → #CSKO00001');
    expect(boxes).toContain('Mon 10 Feb 2031 08:00 EST → UMARCO001 (DM)');
    expect(boxes).toContain('Mon 10 Feb 2031 08:00 EST → UTOM00001 (DM)');
    expect(boxes.filter((b) => !b.includes('UPRIYA001') && b.includes(' · their time '))).toEqual([]);
  });
});
