import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../db/schema.js';
import { changeActionItem, createActionItem } from '../../src/services/action-items/items.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { setupInput, U } from '../support/builders.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const sko = (...args: string[]) => run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), ...args], { cwd: root });

describe('npm run sko -- actions export --csv', () => {
  let testDb: TestDb;

  beforeAll(() => {
    testDb = createTestDb();
    const { event } = saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
    testDb.db.insert(people).values({ slackUserId: 'URITA0001', name: 'Rita Alvarez', email: 'rita@example.com' }).run();
    const created = new Date('2026-11-30T15:00:00Z');
    createActionItem(
      testDb.db,
      event,
      U.dana,
      {
        title: 'Send the deck, with pricing',
        ownerSlackId: 'URITA0001',
        due: '2026-12-04',
        link: 'https://sko-test.slack.com/archives/C0GENERAL/p1764514800000200',
        source: 'shortcut',
      },
      created,
    );
    const formula = createActionItem(
      testDb.db,
      event,
      'URITA0001',
      { title: '=HYPERLINK("http://evil.example")', ownerSlackId: 'URITA0001', due: null, source: 'command' },
      created,
    );
    changeActionItem(testDb.db, formula.id, 'URITA0001', { kind: 'done' }, new Date('2026-12-02T17:30:00Z'));
  });
  afterAll(() => testDb.close());

  it('writes every item under the fixed header, quoted where needed, formulas defused', async () => {
    const { stdout } = await sko('actions', 'export', '--csv', '--db', testDb.path);
    expect(stdout).toBe(
      [
        'id,title,owner_email,owner_name,creator_email,due,status,created_at,done_at,link',
        '1,"Send the deck, with pricing",rita@example.com,Rita Alvarez,,2026-12-04,open,2026-11-30T15:00:00Z,,https://sko-test.slack.com/archives/C0GENERAL/p1764514800000200',
        `2,"'=HYPERLINK(""http://evil.example"")",rita@example.com,Rita Alvarez,rita@example.com,,done,2026-11-30T15:00:00Z,2026-12-02T17:30:00Z,`,
        '',
      ].join('\r\n'),
    );
  }, 30_000);

  it('says what to write without --csv, and prints nothing', async () => {
    const failed = await sko('actions', 'export', '--db', testDb.path).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect((failed as { stderr: string }).stderr).toContain('Say the format: `actions export --csv` (CSV is the one there is).');
  }, 30_000);
});
