import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaSessions } from '../../db/schema.js';
import { importAgenda } from '../../src/services/agenda/editing.js';
import { newestEvent } from '../../src/services/plan/event-store.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { surveyOf } from '../../src/services/surveys/surveys.js';
import { setupInput, U } from '../support/builders.js';
import { fileBeside, runSko } from '../support/cli.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/** FY27 SKO: days 1 to 3 (no day 0), so a session on day 0 or day 4 is refused. */
describe('npm run sko -- import agenda', () => {
  let testDb: TestDb;
  const sko = (...args: string[]) => runSko(testDb.path, ...args);
  const file = (name: string, text: string) => fileBeside(testDb.path, name, text);
  const sessions = () =>
    testDb.db
      .select({
        day: agendaSessions.day,
        start: agendaSessions.start,
        title: agendaSessions.title,
        speakers: agendaSessions.speakers,
        takeaways: agendaSessions.takeaways,
        nextSteps: agendaSessions.nextSteps,
      })
      .from(agendaSessions)
      .all();
  const ratedSessions = () =>
    surveyOf(testDb.db, newestEvent(testDb.db)?.id as number, 'post')
      ?.definition.questions.filter((q) => q.metric === 'session-rating')
      .map((q) => q.prompt);

  beforeAll(() => {
    testDb = createTestDb();
    saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
  });

  afterAll(() => {
    testDb.close();
  });

  it('refuses a file with bad rows, naming every line and what to fix, and adds nothing', () => {
    const bad = file(
      'bad.csv',
      [
        'day,start,end,title,kind,format,speakers,takeaways,next_steps',
        '1,09:00,10:00,FY vision,strategy,lecture,Ana Ruiz,One narrative,Team talk track',
        '4,09:00,10:00,Wrap-up,strategy,panel,,,',
        '',
        '2,10:00,09:30,Pipeline clinic,training,keynote,,,',
        '"1",09:00,10:00,"fy vision",strategy,lecture,,,',
      ].join('\n'),
    );
    const res = sko('import', 'agenda', bad);
    expect(res.status).toBe(2);
    // The blank line 4 is skipped, and the lines after it keep their numbers.
    expect(res.stderr).toContain(`Nothing was imported: 3 rows have problems. Fix them and import the file again.
line 3: Choose an event day from 1 to 3.
line 5: The session ends (09:30) before it starts (10:00); a session starts and ends on the same day, so split one that runs past midnight in two. "keynote" is not a session format; choose one of: interactive, workshop, role-play, panel, lecture.
line 6: It repeats line 2 (day 1, 09:00, “fy vision”); keep one of them.`);
    expect(sessions()).toEqual([]);
    expect(ratedSessions()).toEqual([]);
  }, 30_000);

  it('refuses a header it does not know, saying what the first row must be', () => {
    // The importer itself, without a process: the command line prints this message as it does the one above.
    const event = newestEvent(testDb.db);
    if (!event) throw new Error('no event');
    expect(() => importAgenda(testDb.db, event, 'day,start,finish,title,kind\n1,09:00,10:00,FY vision,strategy\n', new Date('2026-11-20T15:00:00Z'))).toThrow(
      'The header row is wrong: "finish" is not a column this file can have; the "end" column is missing; the "format" column is missing. The first row must be: day,start,end,title,kind,format,speakers,takeaways,next_steps (speakers, takeaways and next_steps may be left out).',
    );
    expect(sessions()).toEqual([]);
  });

  it('adds every session, lists split at ";", and the post-event survey asks about each content session', () => {
    const path = file(
      'agenda.csv',
      `Day,Start,End,Title,Kind,Format,Speakers,Takeaways,Next Steps
1,09:00,10:00,FY vision,strategy,lecture,Ana Ruiz,"One narrative; three bets, in order",Team talk track
2,9:00,12:00,Discovery role-plays,Training,Role play,Fay Lin;Ben Cole,The discovery standard,Certify by week 11; Coach weekly
2,19:00,22:00,Team dinner,social,interactive,,,
`,
    );
    const res = sko('import', 'agenda', path);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(
      `Imported ${path}: 3 sessions for FY27 Sales Kickoff. The post-event survey now asks attendees to rate the agenda's 2 content sessions. /sko agenda shows the agenda and its design checks now.\n`,
    );
    expect(sessions()).toEqual([
      {
        day: 1,
        start: '09:00',
        title: 'FY vision',
        speakers: ['Ana Ruiz'],
        takeaways: ['One narrative', 'three bets, in order'],
        nextSteps: ['Team talk track'],
      },
      {
        day: 2,
        start: '09:00',
        title: 'Discovery role-plays',
        speakers: ['Fay Lin', 'Ben Cole'],
        takeaways: ['The discovery standard'],
        nextSteps: ['Certify by week 11', 'Coach weekly'],
      },
      { day: 2, start: '19:00', title: 'Team dinner', speakers: [], takeaways: [], nextSteps: [] },
    ]);
    expect(ratedSessions()).toEqual(['How would you rate “FY vision”?', 'How would you rate “Discovery role-plays”?']);
  }, 30_000);

  it('refuses a file that repeats a session already on the agenda', () => {
    const res = sko(
      'import',
      'agenda',
      file('again.csv', 'day,start,end,title,kind,format\n3,09:00,10:00,Q1 plan,planning,workshop\n1,09:00,10:00,FY Vision,strategy,lecture\n'),
    );
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(
      'Nothing was imported: 1 row has problems. Fix it and import the file again.\nline 3: Day 1 already has “FY Vision” at 09:00; change the title or the time, or leave it out.',
    );
    expect(sessions()).toHaveLength(3);
  }, 30_000);
});
