import { createHash, createHmac } from 'node:crypto';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyRow } from '../../../db/schema.js';
import { people } from '../../../db/schema.js';
import { eventRoster } from '../../../src/services/people/people.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { answeredPersonIds, surveyOf } from '../../../src/services/surveys/surveys.js';
import { SURVEY } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, U } from '../../support/builders.js';
import type { StoredView } from '../../support/fake-slack/types.js';
import { runUntil, startWithSko } from '../../support/sko.js';
import { stateValue, withEmptyInputs } from '../../support/slack-driver/state-values.js';
import { eventually, SURVEY_KEY, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/** Four reps in East who answer (of six), five in West, five whose team nobody has imported yet. */
const TEAMS: [string, string | null][] = [
  ...[1, 2, 3, 4].map((i): [string, string] => [`UEAST000${i}`, 'East']),
  ...[1, 2, 3, 4, 5].map((i): [string, string] => [`UWEST000${i}`, 'West']),
  ...[1, 2, 3, 4, 5].map((i): [string, null] => [`UNEW00000${i}`, null]),
  // A team of three: it can never show, so its name is not kept beside their answers.
  ...[1, 2, 3].map((i): [string, string] => [`USMALL00${i}`, 'Small']),
];
const q = (id: string) => `${SURVEY.questionPrefix}${id}`;

let t: TestApp;
let surveyId: number;

/** The rep clicks Answer in their pre-event survey DM; returns the modal Slack opened. */
async function openSurveyFromDm(user: string): Promise<StoredView> {
  const dm = t.fake.messagesIn(user).find((m) => m.text?.startsWith('Pre-event survey'));
  if (!dm) throw new Error(`no pre-event survey DM to ${user}`);
  const before = t.fake.callsTo('views.open').length;
  await t.driver.blockAction({ userId: user, actionId: SURVEY.answer, channelId: dm.channel, messageTs: dm.ts });
  return openedView(t, before);
}

/** The rep answers the anonymous pre-event survey through its modal: confidence 2 in East, 4 in West, 3 elsewhere. */
async function answerFromDm(id: string, team: string | null): Promise<void> {
  const view = await openSurveyFromDm(id);
  expect(JSON.parse(view.private_metadata)).toEqual({ s: surveyId, p: 1 });
  const res = await t.driver.viewSubmission({
    userId: id,
    callbackId: SURVEY.callbackId,
    viewId: view.id,
    values: withEmptyInputs(view, {
      [q('clarity')]: { value: stateValue.radio('yes') },
      [q('confidence')]: { value: stateValue.radio(team === 'East' ? '2' : team === 'West' ? '4' : '3') },
      [q('motivation')]: { value: stateValue.radio('4') },
      [q('leadership-questions')]: { value: stateValue.text('What changes for us next year?') },
    }),
  });
  expect(res.json?.response_action).toBe('update');
}

async function resultsText(): Promise<string> {
  const res = await t.driver.slashCommand({ userId: U.elena, text: 'survey results pre' });
  const [reply] = await eventually(() => t.fake.responsesTo(res.responseUrl).length > 0 && t.fake.responsesTo(res.responseUrl));
  return renderPlainText(reply?.body.blocks as KnownBlock[], { user: () => undefined, channel: () => undefined });
}

/** The figures of the results, without the headline count and the line about answers waiting. */
function figuresOf(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/people answered|wait(s)? to be counted/.test(line))
    .join('\n');
}

beforeAll(async () => {
  t = await startWithSko();
  addPeople(t.db, [
    ...TEAMS.map(([id, team], i) => ({ slackUserId: id, name: `Rep ${i + 1}`, team, email: `${id.toLowerCase()}@example.com` })),
    { slackUserId: 'UEAST0005', name: 'Quiet East', team: 'East' },
    { slackUserId: 'UEAST0006', name: 'Busy East', team: 'East' },
  ]);
  await runUntil(t, '2027-01-05T15:00:00Z');
  surveyId = surveyOf(t.db, newestEvent(t.db)?.id as number, 'pre')?.id as number;
  // Two more East reps get the survey but do not answer yet.
  for (const [id, team] of TEAMS) await answerFromDm(id, team);
});
afterAll(async () => {
  await t.close();
});

describe('an anonymous survey in the database', () => {
  it('stores only the keyed hash, the team, and the answers: no person, no time', () => {
    const columns = t.db.$client.prepare('PRAGMA table_info(survey_responses)').all() as { name: string }[];
    expect(columns.map((c) => c.name)).toEqual(['id', 'survey_id', 'respondent_key', 'person_id', 'group_label', 'answers', 'draft', 'held', 'held_group']);
    const rows = t.db.$client.prepare('SELECT * FROM survey_responses WHERE survey_id = ?').all(surveyId) as Record<string, unknown>[];
    expect(rows).toHaveLength(17);
    expect(rows.every((r) => r.person_id === null && r.draft === null)).toBe(true);
    // West's 5 and the first 5 without a team are counted; East's 4 and the small team's 3 wait for more of their own.
    const counted = rows.filter((r) => r.answers !== null);
    const held = rows.filter((r) => r.held !== null);
    expect(counted.map((r) => r.group_label).sort()).toEqual([...Array(5).fill('West'), ...Array(5).fill(null)].sort());
    expect(held.map((r) => r.held_group).sort()).toEqual([...Array(4).fill('East'), ...Array(3).fill(null)].sort());
    expect(counted.every((r) => r.held === null && r.held_group === null)).toBe(true);
    expect(held.every((r) => r.answers === null && r.group_label === null)).toBe(true);
  });

  it("gives no order to tell the last answer by: neither the ids nor SQLite's row order follow the submissions", () => {
    const keyed = (id: string) =>
      createHmac('sha256', SURVEY_KEY)
        .update(JSON.stringify([String(surveyId), id]))
        .digest('hex');
    const idOf = new Map(
      (
        t.db.$client.prepare('SELECT id, rowid AS r, respondent_key AS k FROM survey_responses WHERE survey_id = ?').all(surveyId) as {
          id: number;
          r: number;
          k: string;
        }[]
      ).map((row) => {
        expect(row.r).toBe(row.id);
        return [row.k, row.id];
      }),
    );
    // In the order the 17 answered: increasing ids would point at the newest answer. 17 random ids come out sorted once in 17! runs.
    const inAnswerOrder = TEAMS.map(([id]) => idOf.get(keyed(id)) as number);
    expect(inAnswerOrder.every((id) => id > 0)).toBe(true);
    expect(inAnswerOrder).not.toEqual([...inAnswerOrder].sort((a, b) => a - b));
  });

  it('tells the reminders who answered from a flag on each invitation, without the key', () => {
    const answered = t.db.$client
      .prepare('SELECT p.slack_user_id AS id FROM survey_invitations i JOIN people p ON p.id = i.person_id WHERE i.survey_id = ? AND i.answered = 1')
      .pluck()
      .all(surveyId) as string[];
    expect(answered.sort()).toEqual(TEAMS.map(([id]) => id).sort());
    const row = surveyOf(t.db, newestEvent(t.db)?.id as number, 'pre') as SurveyRow;
    const roster = eventRoster(t.db, row.eventId);
    const found = answeredPersonIds(t.db, null, row, roster);
    expect(
      roster
        .filter((p) => found.has(p.personId))
        .map((p) => p.slackUserId)
        .sort(),
    ).toEqual(TEAMS.map(([id]) => id).sort());
  });

  it('holds no Slack user id or email beside any answer, in any column', () => {
    const identifiers = t.db
      .select()
      .from(people)
      .all()
      .flatMap((p) => [p.slackUserId, p.email])
      .filter((x): x is string => Boolean(x));
    expect(identifiers).toContain('UEAST0001');
    expect(identifiers).toContain('ueast0001@example.com');
    const cells = (t.db.$client.prepare('SELECT * FROM survey_responses').all() as Record<string, unknown>[]).flatMap((r) =>
      Object.values(r).map((v) => String(v)),
    );
    const leaks = cells.filter((cell) => identifiers.some((id) => cell.toLowerCase().includes(id.toLowerCase())));
    expect(leaks).toEqual([]);
  });

  it('keys each answer set with a secret, so a hash of the Slack id alone matches nothing', () => {
    const keys = (t.db.$client.prepare('SELECT respondent_key FROM survey_responses').all() as { respondent_key: string }[]).map((r) => r.respondent_key);
    const keyed = (id: string) =>
      createHmac('sha256', SURVEY_KEY)
        .update(JSON.stringify([String(surveyId), id]))
        .digest('hex');
    const plain = (id: string) => createHash('sha256').update(id).digest('hex');
    expect(new Set(keys)).toEqual(new Set(TEAMS.map(([id]) => keyed(id))));
    expect(TEAMS.some(([id]) => keys.includes(plain(id)) || keys.includes(plain(JSON.stringify([String(surveyId), id]))))).toBe(false);
  });
});

describe('results of the anonymous survey', () => {
  it("count answers in fives from the same team: East's 4 wait, with no figure of them", async () => {
    const text = await resultsText();
    // 17 answered of 25 invited (6 role holders and 19 reps): 68%. Counted: West's 5 and 5 without a team.
    // Confidence (5×4 + 5×3) / 10 = 35/10 = 3.50; West 4.00; 10 − 5 = 5 without a team, so West may show.
    expect(text).toContain('17 of 25 people answered (68%)');
    expect(text).toContain('7 more answers wait to be counted');
    expect(text).toContain('By team: West 5');
    expect(text).toContain(
      'How confident are you that you can hit your number next fiscal year? (10 answers)\nAverage 3.50 of 5 · 5: 0 · 4: 5 · 3: 5 · 2: 0 · 1: 0\nBy team: West 4.00',
    );
    expect(text).not.toContain('Small');
    expect(text).not.toContain('East');
    // Free text is listed without names, and never split by team.
    expect(text).toContain('What question would you like leadership to answer at the SKO? (10 answers)\n> What changes for us next year?');
    expect(text).not.toContain('UEAST');
  });

  it("change by five at once when a team's fifth answer comes, and not at all for the one after it", async () => {
    await answerFromDm('UEAST0005', 'East');
    const fifteen = await resultsText();
    // East's 5 join: confidence (5×4 + 5×3 + 5×2) / 15 = 45/15 = 3.00; East 2.00 and West 4.00 both show.
    expect(fifteen).toContain('18 of 25 people answered (72%)');
    expect(fifteen).toContain(
      'How confident are you that you can hit your number next fiscal year? (15 answers)\nAverage 3.00 of 5 · 5: 0 · 4: 5 · 3: 5 · 2: 5 · 1: 0\nBy team: East 2.00 · West 4.00',
    );
    await answerFromDm('UEAST0006', 'East');
    const sixteen = await resultsText();
    expect(sixteen).toContain('19 of 25 people answered (76%)');
    expect(sixteen).toContain('4 more answers wait to be counted');
    // A leader comparing the two learns that someone answered, and nothing of what they said.
    expect(figuresOf(sixteen)).toBe(figuresOf(fifteen));
  });
});
