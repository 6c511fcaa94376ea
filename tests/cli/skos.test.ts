import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSetup } from '../../src/services/plan/setup.js';
import { setupInput, U } from '../support/builders.js';
import { runSko } from '../support/cli.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/** Two SKOs in one database: the Americas one and the EMEA one, each in its own channel. */
describe('npm run sko -- skos, and --sko on the commands about one SKO', () => {
  let testDb: TestDb;

  beforeAll(() => {
    testDb = createTestDb();
    const at = new Date('2026-11-20T15:00:00Z');
    saveSetup(testDb.db, setupInput({ name: 'Americas Kickoff FY27', channelId: 'CAMER0001' }), U.dana, at, null);
    saveSetup(
      testDb.db,
      setupInput({
        name: 'EMEA Kickoff FY27',
        day1: '2027-02-09',
        timeZone: 'Europe/Berlin',
        channelId: 'CEMEA0001',
        roster: { teams: [], regions: ['EMEA'] },
      }),
      U.dana,
      at,
      null,
    );
  });
  afterAll(() => testDb.close());

  it('lists every SKO with its handle, newest first', () => {
    const listed = runSko(testDb.path, 'skos');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toBe(`handle         name                   day 1       time zone         who attends  state
emea-fy27      EMEA Kickoff FY27      2027-02-09  Europe/Berlin     region EMEA  running
americas-fy27  Americas Kickoff FY27  2027-02-02  America/New_York  everyone     running
`);
  }, 30_000);

  it('asks which SKO, listing the handles, when several run and none is named; and answers about the one named', () => {
    const unnamed = runSko(testDb.path, 'status');
    expect(unnamed.status).toBe(1);
    expect(unnamed.stdout).toBe('');
    expect(unnamed.stderr).toBe('2 SKOs are running; say which with --sko HANDLE: emea-fy27 (EMEA Kickoff FY27), americas-fy27 (Americas Kickoff FY27).\n');
    const named = runSko(testDb.path, 'status', '--sko', 'EMEA-FY27', '--json');
    expect(named.status).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject({ event: { name: 'EMEA Kickoff FY27', timeZone: 'Europe/Berlin' } });
    const unknown = runSko(testDb.path, 'actions', 'export', '--csv', '--sko', 'apac');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('There is no SKO "apac". The SKOs: emea-fy27 (EMEA Kickoff FY27), americas-fy27 (Americas Kickoff FY27).');
  }, 60_000);
});
