import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, rsvps, surveyResponses } from '../../../db/schema.js';
import type { SurveyKind } from '../../../src/domain/surveys/surveys.js';
import { eventRoster } from '../../../src/services/people/people.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { submitSurveyPage, surveyOf } from '../../../src/services/surveys/surveys.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, U } from '../../support/builders.js';
import { runUntil, startWithSko } from '../../support/sko.js';
import { eventually, SURVEY_KEY, type TestApp } from '../../support/test-app.js';

const root = join(import.meta.dirname, '..', '..', '..');
const run = promisify(execFile);
const names = { user: (id: string) => id, channel: () => 'sko' };

const EAST = ['UEAST0001', 'UEAST0002', 'UEAST0003', 'UEAST0004', 'UEAST0005'];
const WEST = ['UWEST0001', 'UWEST0002', 'UWEST0003', 'UWEST0004', 'UWEST0005'];
const REPS = [...EAST, ...WEST];

let t: TestApp;
const eventId = () => newestEvent(t.db)?.id as number;
const survey = (kind: SurveyKind) => surveyOf(t.db, eventId(), kind) as NonNullable<ReturnType<typeof surveyOf>>;

/** Stores one person's answers through the same path the modal uses. */
function answer(kind: SurveyKind, slackUserId: string, raw: Record<string, unknown>): void {
  const person = eventRoster(t.db, eventId()).find((p) => p.slackUserId === slackUserId) as NonNullable<ReturnType<typeof eventRoster>[number]> & {
    slackUserId: string;
  };
  const outcome = submitSurveyPage(t.db, SURVEY_KEY, {
    row: survey(kind),
    person,
    group: person.team,
    pageNumber: 1,
    raw,
    now: new Date('2027-01-06T15:00:00Z'),
  });
  if (outcome.kind !== 'done') throw new Error(`${slackUserId}'s ${kind} answers were refused: ${JSON.stringify(outcome)}`);
}

async function results(user: string, kind: string): Promise<{ text: string; reply: Record<string, unknown> }> {
  const res = await t.driver.slashCommand({ userId: user, text: `survey results ${kind}` });
  expect(res.text).toBe('');
  const [reply] = await eventually(() => t.fake.responsesTo(res.responseUrl).length > 0 && t.fake.responsesTo(res.responseUrl));
  return { text: renderPlainText(reply?.body.blocks as KnownBlock[], names), reply: reply?.body as Record<string, unknown> };
}

// Pre-event (confidence, motivation, clarity) per rep, East 1–5 then West 1–5.
const PRE: [number, number, string][] = [
  [3, 3, 'somewhat'],
  [3, 4, 'no'],
  [2, 3, 'yes'],
  [4, 4, 'somewhat'],
  [3, 3, 'somewhat'],
  [3, 4, 'yes'],
  [4, 3, 'no'],
  [2, 3, 'somewhat'],
  [3, 4, 'yes'],
  [3, 4, 'somewhat'],
];
// Post-event (satisfaction, logistics, clarity, confidence, motivation) per rep.
const POST: [number, number, string, number, number][] = [
  [5, 4, 'yes', 4, 4],
  [4, 4, 'yes', 4, 5],
  [5, 3, 'yes', 3, 4],
  [4, 4, 'yes', 5, 4],
  [5, 4, 'yes', 4, 4],
  [4, 4, 'yes', 4, 4],
  [4, 5, 'yes', 4, 4],
  [5, 4, 'yes', 3, 4],
  [3, 3, 'somewhat', 4, 4],
  [5, 4, 'yes', 4, 4],
];
const IMPROVE: Record<string, string> = {
  UEAST0002: 'More role-play time',
  UEAST0004: 'Fewer slides',
  UWEST0001: 'Team dinners by region',
  UWEST0003: 'Shorter keynotes',
  UWEST0005: '=Start the agenda later',
};
const QUIZ_RIGHT = {
  'pipeline-review': 'advance',
  standards: ['discovery', 'qualification', 'account-planning', 'deal-progression'],
  'one-on-ones': 'behaviour',
  narrative: 'shared',
  'next-step': 'stalled',
};

beforeAll(async () => {
  t = await startWithSko();
  addPeople(t.db, [
    ...EAST.map((id, i) => ({ slackUserId: id, name: `East ${i + 1}`, team: 'East', email: `east${i + 1}@example.com` })),
    ...WEST.map((id, i) => ({ slackUserId: id, name: `West ${i + 1}`, team: 'West', email: `west${i + 1}@example.com` })),
  ]);
  // The pre-event survey goes to all 16 attendees (6 role holders and 10 reps) on Tue 5 Jan; the reps answer.
  await runUntil(t, '2027-01-05T15:00:00Z');
  REPS.forEach((id, i) => {
    const [confidence, motivation, clarity] = PRE[i] as [number, number, string];
    answer('pre', id, { confidence: String(confidence), motivation: String(motivation), clarity });
  });
  // The reps and Dana RSVP attending; the feedback survey goes to those 11 on Tue 9 Feb.
  const ids = t.db
    .select()
    .from(people)
    .all()
    .filter((p) => [...REPS, U.dana].includes(p.slackUserId ?? ''));
  for (const p of ids) t.db.insert(rsvps).values({ eventId: eventId(), personId: p.id, answer: 'attending', answeredAt: '2027-01-06T15:00:00.000Z' }).run();
  const quizOn = await t.driver.slashCommand({ userId: U.aisha, text: 'survey quiz on' });
  expect(quizOn.json?.text).toContain('The certification quiz is on');
  await runUntil(t, '2027-02-09T15:00:00Z');
  REPS.forEach((id, i) => {
    const [satisfaction, logistics, clarity, confidence, motivation] = POST[i] as [number, number, string, number, number];
    answer('post', id, {
      satisfaction: String(satisfaction),
      logistics: String(logistics),
      clarity,
      'territory-quota': 'yes',
      confidence: String(confidence),
      motivation: String(motivation),
      improve: IMPROVE[id],
    });
  });
  // The quiz goes out Wed 10 Feb; five take it: two get all 5 right, two get 4, one gets 2.
  await runUntil(t, '2027-02-10T15:00:00Z');
  const wrong = { 'pipeline-review': 'close-date', narrative: 'deck' };
  answer('quiz', 'UEAST0001', QUIZ_RIGHT);
  answer('quiz', 'UEAST0002', QUIZ_RIGHT);
  answer('quiz', 'UEAST0003', { ...QUIZ_RIGHT, 'pipeline-review': 'close-date' });
  answer('quiz', 'UWEST0001', { ...QUIZ_RIGHT, narrative: 'deck' });
  answer('quiz', 'UWEST0002', { ...QUIZ_RIGHT, ...wrong, standards: ['discovery'] });
}, 30_000);
afterAll(async () => {
  await t.close();
});

describe('/sko survey results', () => {
  it('shows the post-event figures worked out by hand, privately, with the seed metrics', async () => {
    const { text, reply } = await results(U.elena, 'post');
    expect(reply.response_type).toBe('ephemeral');
    // 10 of the 11 attending answered: 90.9%. Satisfaction 44/10 = 4.40 (East 23/5 = 4.60, West 21/5 = 4.20);
    // logistics 39/10 = 3.90; clarity 9 of 10 yes = 90%, which does not beat > 90%; territory 10 of 10;
    // confidence 39/10 = 3.90 against 30/10 = 3.00 before: +30%; motivation 41/10 = 4.10 against 35/10 = 3.50: +17.1%.
    // The quiz: 4 of 5 pass (80%).
    expect(text).toBe(`POST-EVENT FEEDBACK: RESULTS
════════════════════════════

10 of 11 people answered (90.9%) · anonymous: no names are stored with the answers, and groups under 5 are hidden

By team: East 5 · West 5

──────────────────────────────────────────────────────────────────────────────

Overall, how satisfied are you with this SKO? (10 answers)
Average 4.40 of 5 · 5: 5 · 4: 4 · 3: 1 · 2: 0 · 1: 0
By team: East 4.60 · West 4.20

How would you rate the logistics: travel, venue, food and schedule? (10 answers)
Average 3.90 of 5 · 5: 1 · 4: 7 · 3: 2 · 2: 0 · 1: 0
By team: East 3.80 · West 4.00

Are you clear on the plan for next fiscal year and what it means for you? (10 answers)
Yes 90% · Yes 9 · Somewhat 1 · No 0
By team: East 100% yes · West 80% yes

Do you understand your territory and your quota for next fiscal year? (10 answers)
Yes 100% · Yes 10 · Somewhat 0 · No 0
By team: East 100% yes · West 100% yes

How confident are you that you can hit your number next fiscal year? (10 answers)
Average 3.90 of 5 · 5: 1 · 4: 7 · 3: 2 · 2: 0 · 1: 0
By team: East 4.00 · West 3.80

How motivated do you feel going into next fiscal year? (10 answers)
Average 4.10 of 5 · 5: 1 · 4: 9 · 3: 0 · 2: 0 · 1: 0
By team: East 4.20 · West 4.00

What should we do better at the next SKO? (5 answers)
> =Start the agenda later
> Fewer slides
> More role-play time
> Shorter keynotes
> Team dinners by region

──────────────────────────────────────────────────────────────────────────────

Success metrics
✖ Clarity on the FY plan: 90% (target > 90%)
✔ Territory and quota understanding: 100% (target > 95%)
✔ Confidence against the pre-event baseline: +30% (target +20%)
✖ Motivation against the pre-event baseline: +17.1% (target +20%)
✖ Logistics rating: 3.90 of 5 (target ≥ 4.0 of 5)
✔ Satisfaction: 4.40 of 5 (target > 4.2 of 5)
✔ Certification pass rate: 80% (target > 75%)

[ Send the answers as CSV ] [ Edit the questions ]`);
  });

  it('shows the quiz pass rate and the average score', async () => {
    // Scores 100, 100, 80, 80, 40: average 400/5 = 80%; 80% is the pass mark, so 4 of 5 pass.
    const { text } = await results(U.dana, 'quiz');
    expect(text).toContain('5 of 11 people answered (45.5%) · named answers');
    expect(text).toContain('Pass rate: 80% (4 of 5 passed) · average score 80%');
  });

  it('shows the pre-event baseline', async () => {
    const { text } = await results(U.dana, 'pre');
    expect(text).toContain('10 of 16 people answered (62.5%)');
    expect(text).toContain(
      'How confident are you that you can hit your number next fiscal year? (10 answers)\nAverage 3.00 of 5 · 5: 0 · 4: 2 · 3: 6 · 2: 2 · 1: 0',
    );
  });

  it('is refused to a rep and to the content lead, saying who may see it', async () => {
    for (const user of [EAST[0] as string, U.priya]) {
      const res = await t.driver.slashCommand({ userId: user, text: 'survey results post' });
      expect(res.json).toMatchObject({ response_type: 'ephemeral', text: 'Survey results are shown to sales leaders, admins and the SKO lead.' });
    }
  });

  it('says how to ask when the survey is not named', async () => {
    const res = await t.driver.slashCommand({ userId: U.dana, text: 'survey results everything' });
    expect(res.json?.text).toBe(
      'Use `/sko survey results pre`, `/sko survey results post` or `/sko survey results quiz`; the communications lead turns the certification quiz on or off with `/sko survey quiz on` or `off`.',
    );
  });
});

describe('the week-12 survey analysis', () => {
  it('goes to the leaders with the seed metrics', async () => {
    await runUntil(t, '2027-02-18T15:00:00Z');
    const analysis = (user: string) => t.fake.messagesIn(user).filter((m) => m.text?.startsWith('Survey analysis'));
    expect([U.dana, U.elena, U.priya, EAST[0] as string].map((u) => analysis(u).length)).toEqual([1, 1, 0, 0]);
    const text = renderPlainText(analysis(U.elena)[0]?.blocks as KnownBlock[], names);
    expect(text).toContain(
      'Responses\n• Pre-event survey: 10 of 16 people answered (62.5%)\n• Post-event feedback: 10 of 11 people answered (90.9%)\n• Certification quiz: 5 of 11 people answered (45.5%)',
    );
    expect(text).toContain('✖ Motivation against the pre-event baseline: +17.1% (target +20%)');
  });
});

describe('npm run sko -- survey export', () => {
  const hash = (surveyId: number, slackId: string) =>
    createHmac('sha256', SURVEY_KEY)
      .update(JSON.stringify([String(surveyId), slackId]))
      .digest('hex');

  it('writes the anonymous survey under keyed hashes, sorted by them, never people', async () => {
    const id = survey('post').id;
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'survey', 'export', String(id), '--csv', '--db', t.testDb.path],
      { cwd: root },
    );
    const expected = REPS.map((rep, i) => {
      const [satisfaction, logistics, clarity, confidence, motivation] = POST[i] as [number, number, string, number, number];
      const improve = IMPROVE[rep] ? (IMPROVE[rep].startsWith('=') ? `'${IMPROVE[rep]}` : IMPROVE[rep]) : '';
      return `${hash(id, rep)},${rep.startsWith('UEAST') ? 'East' : 'West'},${satisfaction},${logistics},${clarity},yes,${confidence},${motivation},${improve}`;
    }).sort();
    expect(stdout).toBe(['respondent,group,satisfaction,logistics,clarity,territory-quota,confidence,motivation,improve', ...expected, ''].join('\r\n'));
    for (const rep of REPS) expect(stdout).not.toContain(rep);
  }, 30_000);

  it('writes the named quiz per person, with score and passed', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'survey', 'export', 'quiz', '--csv', '--db', t.testDb.path],
      { cwd: root },
    );
    const lines = stdout.split('\r\n');
    expect(lines[0]).toBe('respondent,group,pipeline-review,standards,one-on-ones,narrative,next-step,score,passed');
    expect(lines).toContain(
      'UWEST0002,West,When will this close?,Discovery,Coaching one specific behaviour,By sending the SKO slide deck,Stalled: agree a next step or move it back a stage,40,no',
    );
    expect(lines).toContain(
      'UEAST0001,East,How did we advance the deal since the last review?,Discovery; Qualification; Account planning; Deal progression,Coaching one specific behaviour,"In the shared narrative, without slides",Stalled: agree a next step or move it back a stage,100,yes',
    );
    expect(lines.filter(Boolean)).toHaveLength(6);
  }, 30_000);

  it('says what to fix for an unknown survey, and prints nothing', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'survey', 'export', '99', '--csv', '--db', t.testDb.path], {
      cwd: root,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect((failed as { stderr: string }).stderr).toContain(
      `There is no survey "99" in ${t.testDb.path}: give pre, post, quiz or a survey number (pre (${survey('pre').id}): pre-event survey, post (${survey('post').id}): post-event feedback survey, quiz (${survey('quiz').id}): certification quiz).`,
    );
  }, 30_000);

  it('stored the quiz under people and the anonymous surveys under nobody', () => {
    const byKind = (kind: SurveyKind) =>
      t.db
        .select()
        .from(surveyResponses)
        .where(eq(surveyResponses.surveyId, survey(kind).id))
        .all();
    expect(byKind('quiz').every((r) => r.personId !== null)).toBe(true);
    expect([...byKind('pre'), ...byKind('post')].every((r) => r.personId === null)).toBe(true);
  });
});
