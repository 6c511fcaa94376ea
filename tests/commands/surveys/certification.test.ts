import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, rsvps } from '../../../db/schema.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { surveyOf } from '../../../src/services/surveys/surveys.js';
import { answerPage } from '../../../src/services/surveys/taking.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { quizAnswers } from '../../support/quiz.js';
import { importSalesData, S } from '../../support/sales-data.js';
import { dispatchAt, startWithSko } from '../../support/sko.js';
import { eventually, SURVEY_KEY, type TestApp } from '../../support/test-app.js';

/**
 * The FY27 SKO (Dana is SKO lead and admin, Priya content lead, Elena sales leader) with the sales
 * organisation imported: Lena leads sales, Adam is an admin, Mia manages Ann and Bob (East), Max
 * manages Cat and Dan (West). Lena, Mia, Max, Ann, Bob and Cat RSVP Attending (Dan has no Slack
 * account, so he is not on the roster): six people expected to certify.
 */
let t: TestApp;
const names = { user: (id: string) => id, channel: () => 'sko' };

/** `/sko certification` as `userId`: acknowledged at once, answered privately through the response_url. */
async function certification(userId: string): Promise<string> {
  const res = await t.driver.slashCommand({ userId, text: 'certification' });
  expect(res.text).toBe('');
  const [reply] = await eventually(() => t.fake.responsesTo(res.responseUrl).length > 0 && t.fake.responsesTo(res.responseUrl));
  if (reply?.body.response_type !== 'ephemeral')
    throw new Error(`/sko certification replied with response_type ${String(reply?.body.response_type)}, not ephemeral`);
  return renderPlainText(reply.body.blocks as KnownBlock[], names);
}

/** Answers the quiz from its DM, through the same service the modal uses, with `right` of 5 right. */
function takeQuiz(slackUserId: string, right: number): void {
  const quiz = surveyOf(t.db, newestEvent(t.db)?.id as number, 'quiz');
  const { outcome } = answerPage(t.db, SURVEY_KEY, {
    surveyId: quiz?.id as number,
    slackUserId,
    pageNumber: 1,
    read: () => quizAnswers(right),
    now: t.clock.now(),
  });
  if (outcome?.kind !== 'done') throw new Error(`${slackUserId}'s quiz was refused: ${JSON.stringify(outcome)}`);
}

/** Slack blocks as the plain-text rendering separates them. */
const blocks = (...parts: string[]) => parts.join('\n\n');
const HEADING = 'CERTIFICATION · FY27 SALES KICKOFF\n══════════════════════════════════';
const QUIZ_LINE =
  'Certification quiz · pass mark 80% (4 of 5 right) · sent Wed 10 Feb 2027 10:00 EST · closes Tue 16 Feb 2027 17:00 EST  ·  Expected to certify: those who RSVPed Attending, the people the quiz goes to.';
const FOOTER = (asOf: string) =>
  `How this was computed: a pass is at least 80% of the 5 questions right (a multiple-choice question counts only with exactly the right options); a retake replaces the earlier answers, so the latest ones count; pass rate = passed ÷ those who RSVPed Attending, the people the quiz goes to; the playbook's target is more than 75%. Data as of ${asOf}.  ·  Data quality: every answer counted is from someone expected to certify.`;
// 4 of the 6 passed: 66.7%, not more than 75%. 4 of the 5 who took it passed: 80%.
const OVERALL = `✖ Pass rate 66.7%: 4 of the 6 people expected passed · target more than 75%: missed
1 not passed · 1 not taken yet · of the 5 who took it, 80% passed (the quiz pass rate in /sko survey results quiz)`;
const EVERYONE = blocks(
  `Passed (4)
• Ann Lee (East): 5 of 5 right (100%)
• Bob Stone (East): 4 of 5 right (80%)
• Lena Ortiz: 5 of 5 right (100%)
• Mia Ward (East): 5 of 5 right (100%)`,
  `Not passed (1)
• Cat Diaz (West): 2 of 5 right (40%)`,
  `Not taken yet (1)
• Max Byrne (West)`,
);

beforeAll(async () => {
  t = await startWithSko();
  await importSalesData(t.db, ['people']);
  const eventId = newestEvent(t.db)?.id as number;
  for (const id of [S.lena, S.mia, S.max, S.ann, S.bob, S.cat]) {
    const person = t.db.select().from(people).where(eq(people.slackUserId, id)).get();
    t.db
      .insert(rsvps)
      .values({ eventId, personId: person?.id as number, answer: 'attending', answeredAt: '2027-01-06T15:00:00.000Z' })
      .run();
  }
}, 30_000);
afterAll(async () => {
  await t.close();
});

describe('/sko certification, week by week', () => {
  it('without a quiz: not measured, and how to turn it on', async () => {
    expect(await certification(S.lena)).toBe(
      blocks(
        HEADING,
        '– Not measured. This SKO has no certification quiz. The communications lead, the SKO lead or an admin turns it on with /sko survey quiz on: it goes to those who RSVPed Attending in week 11.',
        "How this was computed: pass rate = passed ÷ those who RSVPed Attending, the people the quiz goes to; the playbook's target is more than 75%. Data as of Fri 20 Nov 2026.  ·  Data quality: every answer counted is from someone expected to certify.",
      ),
    );
  });

  it('with the quiz on and nobody through it yet: not measured, and the six expected', async () => {
    expect((await t.driver.slashCommand({ userId: U.aisha, text: 'survey quiz on' })).json?.text).toContain('The certification quiz is on');
    expect(await certification(U.dana)).toBe(
      blocks(
        HEADING,
        QUIZ_LINE,
        '– Not measured. Nobody has taken the certification quiz yet.',
        'Not taken yet (6)\n• Ann Lee (East)\n• Bob Stone (East)\n• Cat Diaz (West)\n• Lena Ortiz\n• Max Byrne (West)\n• Mia Ward (East)',
        FOOTER('Fri 20 Nov 2026'),
      ),
    );
  });

  it('a rep sees their own result; the event-wide rate waits until five have taken it', async () => {
    await dispatchAt(t, '2027-02-10T15:00:00Z');
    takeQuiz(S.ann, 5);
    takeQuiz(S.bob, 4);
    takeQuiz(S.cat, 5);
    expect(await certification(S.ann)).toBe(
      blocks(
        HEADING,
        QUIZ_LINE,
        'The event-wide pass rate is shown once at least 5 people have taken the quiz, so that nobody’s result can be worked out from it.',
        '✔ You passed: 5 of 5 right (100%).',
        FOOTER('Wed 10 Feb 2027'),
      ),
    );
  });

  it('counts the latest answers: 4 of 6 passed (one at exactly the pass mark), one did not, one has not taken it', async () => {
    // Cat retakes it and gets 2 right: her earlier 5 of 5 no longer counts.
    takeQuiz(S.cat, 2);
    takeQuiz(S.mia, 5);
    takeQuiz(S.lena, 5);
    expect(await certification(S.lena)).toBe(blocks(HEADING, QUIZ_LINE, OVERALL, EVERYONE, FOOTER('Wed 10 Feb 2027')));
  });

  it('gives the same pass rate of those who took it as the quiz results', async () => {
    const res = await t.driver.slashCommand({ userId: S.lena, text: 'survey results quiz' });
    const [reply] = await eventually(() => t.fake.responsesTo(res.responseUrl).length > 0 && t.fake.responsesTo(res.responseUrl));
    expect(renderPlainText(reply?.body.blocks as KnownBlock[], names)).toContain('Pass rate: 80% (4 of 5 passed)');
  });
});

// From here on, the quiz stands as the block above leaves it: 5 of the 6 took it, 4 passed.
describe('/sko certification: who sees whom', () => {
  it.each([
    ['a sales leader (imported)', S.lena],
    ['an admin', S.adam],
    ['the SKO lead', U.dana],
    ['the content lead', U.priya],
    ['the sales leader named in setup', U.elena],
  ])('%s sees everyone', async (_who, userId) => {
    const reply = await certification(userId);
    expect(reply).toBe(blocks(HEADING, QUIZ_LINE, OVERALL, EVERYONE, FOOTER('Wed 10 Feb 2027')));
  });

  it('a manager sees their own reports and nothing about another team', async () => {
    const mia = await certification(S.mia);
    expect(mia).toBe(
      blocks(
        HEADING,
        QUIZ_LINE,
        OVERALL,
        'Your organisation: 3 of the 3 people expected passed.',
        'Passed (3)\n• Ann Lee (East): 5 of 5 right (100%)\n• Bob Stone (East): 4 of 5 right (80%)\n• Mia Ward (East): 5 of 5 right (100%)',
        FOOTER('Wed 10 Feb 2027'),
      ),
    );
    for (const other of ['Cat', 'Max', 'Lena', 'West']) expect(mia).not.toContain(other);

    const max = await certification(S.max);
    expect(max).toBe(
      blocks(
        HEADING,
        QUIZ_LINE,
        OVERALL,
        'Your organisation: 0 of the 2 people expected passed.',
        'Not passed (1)\n• Cat Diaz (West): 2 of 5 right (40%)',
        'Not taken yet (1)\n• Max Byrne (West)',
        FOOTER('Wed 10 Feb 2027'),
      ),
    );
    for (const other of ['Ann', 'Bob', 'Mia', 'Lena', 'East']) expect(max).not.toContain(other);
  });

  it('a rep sees only their own result beside the event-wide rate', async () => {
    const cat = await certification(S.cat);
    expect(cat).toBe(
      blocks(
        HEADING,
        QUIZ_LINE,
        OVERALL,
        '✖ Not passed yet: 2 of 5 right (40%); a pass needs 4 of 5. Answer the quiz again from its message before it closes on Tue 16 Feb 2027 17:00 EST: your new answers replace these.',
        FOOTER('Wed 10 Feb 2027'),
      ),
    );
    for (const other of ['Ann', 'Bob', 'Mia', 'Lena', 'Max']) expect(cat).not.toContain(other);
    expect(await certification(S.bob)).toContain('✔ You passed: 4 of 5 right (80%).');
  });

  it('someone not expected to certify is told why, with the event-wide rate', async () => {
    const stranger = await certification(S.stranger);
    expect(stranger).toBe(
      blocks(
        HEADING,
        QUIZ_LINE,
        OVERALL,
        'You are not among those expected to certify: the quiz goes to those who RSVPed Attending.',
        FOOTER('Wed 10 Feb 2027'),
      ),
    );
  });

  it('anything after the command gets a clear message, and no reply follows', async () => {
    const res = await t.driver.slashCommand({ userId: S.ann, text: 'certification all' });
    expect(res.json).toEqual({
      response_type: 'ephemeral',
      text: "`/sko certification` takes nothing after it (not `all`): it shows the certification quiz's pass rate and, as far as you may see them, who passed.",
    });
    expect(t.fake.responsesTo(res.responseUrl)).toEqual([]);
  });
});
