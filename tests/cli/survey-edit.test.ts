import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPostEventSurvey, CERTIFICATION_QUIZ, PRE_EVENT_SURVEY } from '../../src/domain/surveys/built-in.js';
import { parseSurveyFile } from '../../src/domain/surveys/survey-file.js';
import type { Survey } from '../../src/domain/surveys/surveys.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { surveyOf } from '../../src/services/surveys/surveys.js';
import { setupInput, U } from '../support/builders.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const sko = (...args: string[]) => run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), ...args], { cwd: root });
const failure = (...args: string[]) =>
  sko(...args).then(
    () => ({ code: 0, stdout: '', stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe('editing a survey from the command line', () => {
  let testDb: TestDb;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sko-survey-'));
    testDb = createTestDb();
    saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
  });
  afterAll(() => {
    testDb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a survey as JSON and loads an edited one back: here, two agenda sessions to rate', async () => {
    const { stdout } = await sko('survey', 'show', 'post', '--db', testDb.path);
    const shown = JSON.parse(stdout) as Survey;
    expect(shown).toEqual(buildPostEventSurvey([]));
    const edited = buildPostEventSurvey([
      { id: 'keynote', title: 'Opening keynote' },
      { id: 'discovery', title: 'Discovery workshop' },
    ]);
    writeFileSync(join(dir, 'post.json'), JSON.stringify(edited));
    const loaded = await sko('survey', 'load', 'post', join(dir, 'post.json'), '--db', testDb.path);
    const id = surveyOf(testDb.db, 1, 'post')?.id;
    expect(loaded.stdout).toBe(`Saved: Post-event feedback (post-event feedback survey, survey ${id}) now has 9 questions.\n`);
    expect(surveyOf(testDb.db, 1, 'post')?.definition).toEqual(edited);
  }, 30_000);

  it('names every wrong field of a malformed file, and changes nothing', async () => {
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ ...PRE_EVENT_SURVEY, title: 7, questions: [{ id: 'a', kind: 'stars', prompt: 'p', required: true }] }),
    );
    const failed = await failure('survey', 'load', 'pre', join(dir, 'bad.json'), '--db', testDb.path);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('is not a survey as `survey show` prints one; the survey was not changed:\n  - title: ');
    expect(failed.stderr).toContain('\n  - questions.0.kind: ');
    expect(surveyOf(testDb.db, 1, 'pre')?.definition).toEqual(PRE_EVENT_SURVEY);
  }, 30_000);

  it('refuses a survey that would not fit Slack, saying what to change', async () => {
    writeFileSync(join(dir, 'long.json'), JSON.stringify({ ...PRE_EVENT_SURVEY, title: 'A title far too long for Slack modals' }));
    const failed = await failure('survey', 'load', 'pre', join(dir, 'long.json'), '--db', testDb.path);
    expect(failed.stderr).toContain(
      "The survey was not changed:\n  - Give the survey a title of 1 to 24 characters (it has 37); Slack shows it as the modal's title.",
    );
    expect(surveyOf(testDb.db, 1, 'pre')?.definition).toEqual(PRE_EVENT_SURVEY);
  }, 30_000);
});

describe('the survey file shape', () => {
  it('accepts every built-in survey as it is stored', () => {
    for (const s of [PRE_EVENT_SURVEY, buildPostEventSurvey([{ id: 'a', title: 'A' }]), CERTIFICATION_QUIZ])
      expect(parseSurveyFile(JSON.parse(JSON.stringify(s)))).toEqual({ ok: true, survey: s });
  });
});
