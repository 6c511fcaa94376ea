import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, schedule } from '../../db/schema.js';
import { saveSetup } from '../../src/services/events.js';
import { U, setupInput } from '../support/builders.js';
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
    saveSetup(testDb.db, setupInput({ name: 'FY32 Sales Kickoff', day1: '2031-04-15', location: 'Austin', gtmChallenge: 'misalignment' }), U.dana, new Date('2031-02-05T15:00:00Z'));
    const res = await run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'simulate', '--db', testDb.path], { cwd: root });
    output = res.stdout;
    boxes = output.split('\n').filter((l) => l.startsWith('┌─ ')).map((l) => l.replace(/^┌─ (.*?) ─+$/, '$1'));
  }, 60_000);

  afterAll(() => {
    testDb.close();
  });

  it('counts every message of the twelve weeks, nobody marking anything done', () => {
    // 5 phase posts, 27 weekly DMs, 26 due-soon DMs, and 24 overdue DMs (one per owner and due
    // date, except Fri 2 May, whose overdue moment falls after week 12); and 72 Monday digests, one
    // to each of the six role holders in each of the 12 weeks. The agenda is empty, so no morning posts.
    expect(output).toContain('FY32 Sales Kickoff: every message SKO Conductor will send from ');
    expect(output).toContain(' to Mon 5 May 2031 00:00 EDT,\nassuming nobody marks a task done from now on.');
    expect(output).toContain('\n154 messages.\n');
    expect(boxes).toHaveLength(154);
    expect(boxes.filter((b) => b.includes(' 08:00 '))).toHaveLength(72);
  });

  it('prints them in time order, in the event’s time zone across the change of clocks', () => {
    // The week's digests go out at 08:00, an hour before the reminders, in the order setup lists the roles.
    expect(boxes.slice(0, 3)).toEqual(['Mon 10 Feb 2031 08:00 EST → UAISHA001 (DM)', 'Mon 10 Feb 2031 08:00 EST → UPRIYA001 (DM)', 'Mon 10 Feb 2031 08:00 EST → UMARCO001 (DM)']);
    expect(boxes.slice(6, 9)).toEqual(['Mon 10 Feb 2031 09:00 EST → #CSKO00001', 'Mon 10 Feb 2031 09:00 EST → UDANA0001 (DM)', 'Wed 12 Feb 2031 09:00 EST → UDANA0001 (DM)']);
    expect(boxes).toContain('Mon 10 Mar 2031 09:00 EDT → UPRIYA001 (DM)');
    expect(boxes.at(-1)).toBe('Wed 30 Apr 2031 09:00 EDT → UELENA001 (DM)');
    expect(output).toContain('│ ○ Hold SKO planning committee meeting #1\n│ Due Fri 14 Feb  [ Mark done ]');
  });

  it('says what to fix when --until is not a date, and prints no preview', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'simulate', '--db', testDb.path, '--until', '2031-02-30'], { cwd: root }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect((failed as { stderr: string }).stderr).toContain('--until takes a date as YYYY-MM-DD; "2031-02-30" is not one.');
  }, 30_000);

  it('changes nothing in the database', () => {
    expect(testDb.db.select().from(outbox).all()).toEqual([]);
    expect(testDb.db.select().from(schedule).all().every((r) => r.status === 'pending')).toBe(true);
  });
});
