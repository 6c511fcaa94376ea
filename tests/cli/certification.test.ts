import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificationCli } from '../../src/cli/sales.js';
import { U } from '../support/builders.js';
import { QUIZ_REPS, type QuizEvent, quizEvent } from '../support/quiz.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const sko = (...args: string[]) => run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), ...args], { cwd: root });
type Failure = { code: number; stdout: string; stderr: string };

/**
 * Five reps RSVP Attending. Ava and Cy get all 5 right, Ben 4 (exactly the 80% pass mark), Di 3;
 * Ed has not taken it. Dana, the SKO lead, took it without RSVPing: she is not counted.
 * 3 of 5 passed = 60%, not more than 75%; 3 of the 4 who took it = 75%.
 */
describe('npm run sko -- certification', () => {
  let seeded: QuizEvent;
  let empty: TestDb;

  beforeAll(() => {
    seeded = quizEvent({ quiz: true });
    for (const rep of QUIZ_REPS) seeded.rsvp(rep.slackUserId, 'attending');
    const [ava, ben, cy, di] = QUIZ_REPS;
    seeded.take(ava.slackUserId, 5);
    seeded.take(ben.slackUserId, 4);
    seeded.take(cy.slackUserId, 5);
    seeded.take(di.slackUserId, 3);
    seeded.take(U.dana, 5);
    empty = createTestDb();
  });
  afterAll(() => {
    seeded.testDb.close();
    empty.close();
  });

  it('--json prints the result object: 3 of 5 passed, 60%, target missed', async () => {
    const { stdout } = await sko('certification', '--json', '--db', seeded.testDb.path, '--today', '2027-02-12');
    const person = (name: string, team: string, key: string) => ({ key, name, team });
    expect(JSON.parse(stdout)).toEqual({
      event: 'FY27 Sales Kickoff',
      asOf: '2027-02-12',
      timeZone: 'America/New_York',
      expectedToCertify: 'those who RSVPed Attending, the people the quiz goes to',
      quiz: { title: 'Certification quiz', passMark: 80, graded: 5, toPass: 4, opensAt: '2027-02-10T15:00:00.000Z', closesAt: '2027-02-16T22:00:00.000Z' },
      notMeasured: null,
      scope: 'event',
      overall: { expected: 5, passed: 3, failed: 1, notTaken: 1, passRate: 0.6, takersPassRate: 0.75, target: 0.75, meetsTarget: false },
      overallHidden: null,
      people: {
        expected: 5,
        passed: [
          { ...person('Ava Hart', 'North', 'UAVA00001'), correct: 5, total: 5, scorePct: 100 },
          { ...person('Ben Cole', 'North', 'UBEN00001'), correct: 4, total: 5, scorePct: 80 },
          { ...person('Cy Lund', 'North', 'UCY000001'), correct: 5, total: 5, scorePct: 100 },
        ],
        failed: [{ ...person('Di Moss', 'South', 'UDI000001'), correct: 3, total: 5, scorePct: 60 }],
        notTaken: [person('Ed Park', 'South', 'UED000001')],
      },
      notExpectedTakers: 1,
    });
  }, 30_000);

  it('without --json prints what a leader sees in Slack', () => {
    const stdout = certificationCli(seeded.testDb.db, {}, '2027-02-12');
    expect(stdout).toContain(`✖ Pass rate 60%: 3 of the 5 people expected passed · target more than 75%: missed
1 not passed · 1 not taken yet · of the 4 who took it, 75% passed (the quiz pass rate in /sko survey results quiz)

Passed (3)
• Ava Hart (North): 5 of 5 right (100%)
• Ben Cole (North): 4 of 5 right (80%)
• Cy Lund (North): 5 of 5 right (100%)

Not passed (1)
• Di Moss (South): 3 of 5 right (60%)

Not taken yet (1)
• Ed Park (South)`);
    expect(stdout).toContain('Data as of Fri 12 Feb 2027.  ·  ⚠ Data quality: 1 person who took the quiz without RSVPing Attending is not counted.');
  });

  it('refuses arguments it does not take, with the usage, and prints nothing', async () => {
    const failed = (await sko('certification', 'everyone', '--db', seeded.testDb.path).catch((error: Failure) => error)) as Failure;
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect(failed.stderr).toContain("Unexpected argument 'everyone'");
    expect(failed.stderr).toContain(
      'certification [--sko HANDLE] [--json] sales-ops-automator: who passed the certification quiz, who did not, who has not taken it',
    );
  }, 30_000);

  it('says to set the SKO up first on a database without one', () => {
    expect(() => certificationCli(empty.db, { json: true }, '2027-02-12')).toThrow('No SKO is set up yet; run /sko setup in Slack first.');
  });
});
