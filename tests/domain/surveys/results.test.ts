import { beforeEach, describe, expect, it } from 'vitest';
import { buildPostEventSurvey, CERTIFICATION_QUIZ, PRE_EVENT_SURVEY } from '../../../src/domain/surveys/built-in.js';

import { type QuestionSummary, type SurveyResponse, seedMetrics, summarizeSurvey, surveyAnswersCsv } from '../../../src/domain/surveys/results.js';
import type { Answers, Survey } from '../../../src/domain/surveys/surveys.js';

// Anonymous surveys are keyed by hash; 64 hex characters per respondent.
const key = (n: number): string => n.toString(16).padStart(64, '0');

const SESSIONS = [
  { id: 's1', title: 'Opening and FY vision' },
  { id: 's2', title: 'Territory and quota rollout' },
  { id: 's3', title: 'Discovery workshop' },
  { id: 's4', title: 'Negotiation workshop' },
  { id: 's5', title: 'Customer panel' },
  { id: 's6', title: 'Product roadmap' },
];
let POST: ReturnType<typeof buildPostEventSurvey>;
// Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
beforeEach(() => {
  POST = buildPostEventSurvey(SESSIONS);
});

type Row = [group: string | null, sat: number, log: number, s: (number | null)[], clarity: string, tq: string, conf: number, mot: number, improve?: string];

// The seeded post-event answers: 12 people, East 5 / West 4 / 3 with no group.
const POST_ROWS: Row[] = [
  ['East', 5, 4, [5, 4, 4, 3, 4, 2], 'yes', 'yes', 5, 5, 'More role-play'],
  ['East', 4, 4, [5, 4, 4, 3, 4, 2], 'yes', 'yes', 4, 5],
  ['East', 5, 5, [4, 5, 4, 4, 4, 3], 'yes', 'yes', 4, 5],
  ['East', 4, 3, [5, 4, 4, 3, 3, 2], 'yes', 'yes', 4, 4, '=1+2'],
  ['East', 5, 4, [4, 4, 4, 3, 4, 1], 'somewhat', 'yes', 5, 4],
  ['West', 4, 4, [5, 4, 4, 4, 4, 2], 'yes', 'yes', 4, 4],
  ['West', 5, 5, [5, 5, 5, 3, 4, 3], 'yes', 'yes', 5, 5, 'Shorter keynotes, please'],
  ['West', 3, 3, [4, 4, 4, 3, 3, 2], 'no', 'somewhat', 3, 3],
  ['West', 4, 4, [5, 4, 5, 4, 4, 2], 'yes', 'yes', 4, 5, 'Fewer slides\nmore practice'],
  [null, 5, 4, [5, 4, 5, 3, 4, 2], 'yes', 'yes', 5, 5],
  [null, 4, 4, [4, 4, 4, 4, 4, 3], 'yes', 'yes', 4, 4, 'Say "thanks" to the AV team'],
  [null, 5, 5, [5, 5, 4, 3, 4, null], 'yes', 'yes', 5, 4],
];

function postResponse([group, sat, log, s, clarity, tq, conf, mot, improve]: Row, n: number): SurveyResponse {
  const answers: Answers = { satisfaction: sat, logistics: log, clarity, 'territory-quota': tq, confidence: conf, motivation: mot };
  s.forEach((rating, i) => {
    if (rating !== null) answers[`session-s${i + 1}`] = rating;
  });
  if (improve) answers.improve = improve;
  return { respondent: key(n + 1), group, answers };
}

// Person 3 first answered everything with 1s, then submitted again: the second set replaces it.
const FIRST_TRY: SurveyResponse = {
  respondent: key(3),
  group: 'East',
  answers: { satisfaction: 1, logistics: 1, clarity: 'no', 'territory-quota': 'no', confidence: 1, motivation: 1 },
};
const POST_RESPONSES = [FIRST_TRY, ...POST_ROWS.map(postResponse)];

// The pre-event baseline: 10 people. Confidence 3,4,3,3,4,3,4,3,3,4 (sum 34, avg 3.4);
// motivation 4,4,4,3,4,4,3,4,4,4 (sum 38, avg 3.8); clarity 4 yes, 4 somewhat, 2 no.
const PRE_RESPONSES: SurveyResponse[] = [
  [3, 4, 'yes'],
  [4, 4, 'somewhat'],
  [3, 4, 'no'],
  [3, 3, 'yes'],
  [4, 4, 'somewhat'],
  [3, 4, 'somewhat'],
  [4, 3, 'yes'],
  [3, 4, 'no'],
  [3, 4, 'somewhat'],
  [4, 4, 'yes'],
].map(([confidence, motivation, clarity], i) => ({ respondent: key(100 + i), answers: { confidence, motivation, clarity } as Answers }));

const RIGHT: Answers = {
  'pipeline-review': 'advance',
  standards: ['discovery', 'qualification', 'account-planning', 'deal-progression'],
  'one-on-ones': 'behaviour',
  narrative: 'shared',
  'next-step': 'stalled',
};
const WRONG: Answers = { 'pipeline-review': 'close-date', standards: ['discovery'], 'one-on-ones': 'forecast', narrative: 'deck', 'next-step': 'on-track' };
const quizAnswers = (wrong: string[]): Answers => Object.fromEntries(Object.entries(RIGHT).map(([id, v]) => [id, wrong.includes(id) ? WRONG[id]! : v]));

// Scores out of 5: 5, 4, 4, 3, 5, 4, 2, 4. The pass mark is 80% (4 of 5): 6 of 8 pass.
const QUIZ_RESPONSES: SurveyResponse[] = [
  [],
  ['next-step'],
  ['standards'],
  ['pipeline-review', 'narrative'],
  [],
  ['one-on-ones'],
  ['pipeline-review', 'standards', 'narrative'],
  ['narrative'],
].map((wrong, i) => ({ respondent: `U0${i + 1}`, group: i < 5 ? 'East' : 'West', answers: quizAnswers(wrong) }));

function question(summary: { questions: QuestionSummary[] }, id: string): QuestionSummary {
  const q = summary.questions.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

function shown(q: QuestionSummary) {
  if (q.hidden) throw new Error(`question ${q.id} is hidden`);
  return q;
}

describe('post-event results for the seeded answers', () => {
  let summary: ReturnType<typeof summarizeSurvey>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    summary = summarizeSurvey(POST, POST_RESPONSES, 14);
  });

  it('counts each person once, with the later submission winning', () => {
    expect([summary.responses, summary.invited]).toEqual([12, 14]);
    // 12 / 14 = 0.857142…
    expect(summary.responseRate).toBeCloseTo(0.857143, 6);
  });

  it('averages and distributes the ratings', () => {
    // Satisfaction 5,4,5,4,5,4,5,3,4,5,4,5: one 3, five 4s, six 5s; 3 + 20 + 30 = 53; 53 / 12 = 4.41667.
    const sat = shown(question(summary, 'satisfaction'));
    expect(sat.answered).toBe(12);
    expect(sat.stats).toEqual({
      kind: 'rating',
      average: 53 / 12,
      distribution: [
        { value: '1', label: 'Very dissatisfied', count: 0 },
        { value: '2', label: 'Dissatisfied', count: 0 },
        { value: '3', label: 'Neutral', count: 1 },
        { value: '4', label: 'Satisfied', count: 5 },
        { value: '5', label: 'Very satisfied', count: 6 },
      ],
    });
    expect(sat.stats.kind === 'rating' && sat.stats.average).toBeCloseTo(4.41667, 5);
    // Logistics 4,4,5,3,4,4,5,3,4,4,4,5: two 3s, seven 4s, three 5s; 6 + 28 + 15 = 49; 49 / 12 = 4.08333.
    const log = shown(question(summary, 'logistics'));
    expect(log.stats.kind === 'rating' && log.stats.distribution.map((d) => d.count)).toEqual([0, 0, 2, 7, 3]);
    expect(log.stats.kind === 'rating' && log.stats.average).toBeCloseTo(4.08333, 5);
  });

  it('counts yes / somewhat / no and the share of yes', () => {
    // Clarity: 10 yes, person 5 somewhat, person 8 no → 10 / 12 = 0.8333.
    expect(shown(question(summary, 'clarity')).stats).toEqual({
      kind: 'yes-somewhat-no',
      yesShare: 10 / 12,
      distribution: [
        { value: 'yes', label: 'Yes', count: 10 },
        { value: 'somewhat', label: 'Somewhat', count: 1 },
        { value: 'no', label: 'No', count: 1 },
      ],
    });
  });

  it('shows the group of 5 and hides the group of 4, with no figures at all', () => {
    expect(summary.groups).toEqual([
      { group: 'East', count: 5, hidden: false },
      { group: 'West', hidden: true, note: 'hidden: fewer than 5 answers' },
    ]);
    // East satisfaction 5,4,5,4,5 = 23 / 5 = 4.6.
    const sat = shown(question(summary, 'satisfaction'));
    expect(sat.byGroup).toEqual([
      {
        group: 'East',
        count: 5,
        hidden: false,
        stats: {
          kind: 'rating',
          average: 4.6,
          distribution: [
            { value: '1', label: 'Very dissatisfied', count: 0 },
            { value: '2', label: 'Dissatisfied', count: 0 },
            { value: '3', label: 'Neutral', count: 0 },
            { value: '4', label: 'Satisfied', count: 2 },
            { value: '5', label: 'Very satisfied', count: 3 },
          ],
        },
      },
      { group: 'West', hidden: true, note: 'hidden: fewer than 5 answers' },
    ]);
    // East clarity: 4 yes of 5.
    const clarity = shown(question(summary, 'clarity')).byGroup[0]!;
    expect(clarity.hidden === false && clarity.stats.kind === 'yes-somewhat-no' && clarity.stats.yesShare).toBe(0.8);
  });

  it('lists free text sorted and without respondents, never split by group', () => {
    const improve = shown(question(summary, 'improve'));
    expect(improve.stats).toEqual({
      kind: 'text',
      answers: [
        { text: '=1+2' },
        { text: 'Fewer slides\nmore practice' },
        { text: 'More role-play' },
        { text: 'Say "thanks" to the AV team' },
        { text: 'Shorter keynotes, please' },
      ],
    });
    expect(improve.byGroup).toEqual([]);
  });

  it('ranks the top and bottom 3 sessions, ties by title', () => {
    // Sums over 12: s1 56 (4.6667), s2 51 (4.25), s3 51 (4.25), s4 40 (3.3333), s5 46 (3.8333);
    // s6 was skipped by person 12: 24 over 11 (2.1818).
    expect(summary.topSessions.map((s) => [s.title, s.count])).toEqual([
      ['Opening and FY vision', 12],
      ['Discovery workshop', 12],
      ['Territory and quota rollout', 12],
    ]);
    expect(summary.topSessions.map((s) => s.average)).toEqual([56 / 12, 51 / 12, 51 / 12]);
    expect(summary.bottomSessions.map((s) => [s.title, s.count])).toEqual([
      ['Product roadmap', 11],
      ['Negotiation workshop', 12],
      ['Customer panel', 12],
    ]);
    expect(summary.bottomSessions.map((s) => s.average)).toEqual([24 / 11, 40 / 12, 46 / 12]);
    expect(summary.quiz).toBeNull();
  });

  it('splits fewer than 6 sessions into a better and a worse half', () => {
    const four = buildPostEventSurvey([SESSIONS[0], SESSIONS[1], SESSIONS[3], SESSIONS[5]].filter((x) => x !== undefined));
    const small = summarizeSurvey(four, POST_ROWS.map(postResponse), 12);
    expect(small.topSessions.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(small.bottomSessions.map((s) => s.id)).toEqual(['s6', 's4']);
  });

  it('never lists a session to improve that is rated as well as a top one', () => {
    // s1 4.67, then s2 and s3 both 4.25: the better half is s1 and s3 (by title), and s2, their equal, is not one to improve.
    const three = buildPostEventSurvey(SESSIONS.slice(0, 3));
    const small = summarizeSurvey(three, POST_ROWS.map(postResponse), 12);
    expect(small.topSessions.map((s) => s.id)).toEqual(['s1', 's3']);
    expect(small.bottomSessions).toEqual([]);
  });
});

describe('the seed metrics from the seeded surveys', () => {
  let pre: ReturnType<typeof summarizeSurvey>;
  let post: ReturnType<typeof summarizeSurvey>;
  let quiz: ReturnType<typeof summarizeSurvey>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    pre = summarizeSurvey(PRE_EVENT_SURVEY, PRE_RESPONSES, 12);
    post = summarizeSurvey(POST, POST_RESPONSES, 14);
    quiz = summarizeSurvey(CERTIFICATION_QUIZ, QUIZ_RESPONSES, 10);
  });

  it('grades the quiz: 6 of 8 pass, average score 77.5%', () => {
    // Scores 100, 80, 80, 60, 100, 80, 40, 80: 620 / 8 = 77.5.
    expect(quiz.quiz).toEqual({ hidden: false, graded: 8, passed: 6, passRate: 0.75, averageScore: 77.5 });
    expect(quiz.anonymous).toBe(false);
  });

  it('reports each metric against its target', () => {
    const metrics = seedMetrics(pre, post, quiz);
    expect(metrics.map((m) => [m.metric, m.status, m.target.text])).toEqual([
      // 10 / 12 answered yes = 83.3%; "somewhat" does not count as clear.
      ['clarity', 'missed', '> 90%'],
      // 11 / 12 = 91.7%.
      ['territory-quota', 'missed', '> 95%'],
      // (52/12 − 3.4) / 3.4 = 14/51 = +27.5%.
      ['confidence', 'met', '+20%'],
      // (53/12 − 3.8) / 3.8 = 37/228 = +16.2%.
      ['motivation', 'missed', '+20%'],
      // 49 / 12 = 4.08.
      ['logistics', 'met', '≥ 4.0 of 5'],
      // 53 / 12 = 4.42.
      ['satisfaction', 'met', '> 4.2 of 5'],
      // 6 / 8 = 75%, not above 75%.
      ['quiz-pass-rate', 'missed', '> 75%'],
    ]);
    const values = metrics.map((m) => m.value);
    expect(values[0]).toBeCloseTo(10 / 12, 10);
    expect(values[1]).toBeCloseTo(11 / 12, 10);
    expect(values[2]).toBeCloseTo(14 / 51, 10);
    expect(values[3]).toBeCloseTo(37 / 228, 10);
    expect(values[4]).toBeCloseTo(49 / 12, 10);
    expect(values[5]).toBeCloseTo(53 / 12, 10);
    expect(values[6]).toBe(0.75);
    expect(metrics.map((m) => m.unit)).toEqual(['share', 'share', 'change', 'change', 'score', 'score', 'share']);
  });

  it('says "not measured" and why when a survey is missing or too small', () => {
    const tinyPre = summarizeSurvey(PRE_EVENT_SURVEY, PRE_RESPONSES.slice(0, 4), 12);
    const metrics = seedMetrics(tinyPre, post);
    expect(metrics.filter((m) => m.status === 'not measured').map((m) => [m.metric, m.value, m.reason])).toEqual([
      ['confidence', null, "No pre-event baseline: the pre-event survey's confidence question has fewer than 5 answers, so it stays hidden."],
      ['motivation', null, "No pre-event baseline: the pre-event survey's motivation question has fewer than 5 answers, so it stays hidden."],
      ['quiz-pass-rate', null, 'The event has no certification quiz, or nobody has taken it yet.'],
    ]);
    expect(seedMetrics(null, null).every((m) => m.status === 'not measured')).toBe(true);
    expect(seedMetrics(null, null)[0]!.reason).toBe('The post-event survey has no answers yet.');
  });
});

describe('a survey with fewer than 5 answers', () => {
  let summary: ReturnType<typeof summarizeSurvey>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    summary = summarizeSurvey(POST, POST_ROWS.slice(0, 4).map(postResponse), 20);
  });

  it('shows the response rate but hides every figure', () => {
    expect([summary.responses, summary.responseRate]).toEqual([4, 0.2]);
    expect(summary.questions.every((q) => q.hidden)).toBe(true);
    expect(question(summary, 'satisfaction')).toEqual({
      id: 'satisfaction',
      prompt: 'Overall, how satisfied are you with this SKO?',
      kind: 'rating',
      metric: 'satisfaction',
      answered: 4,
      hidden: true,
      note: 'hidden: fewer than 5 answers',
    });
    expect(summary.groups).toEqual([{ group: 'East', hidden: true, note: 'hidden: fewer than 5 answers' }]);
    expect([summary.topSessions, summary.bottomSessions]).toEqual([[], []]);
  });

  it('refuses an invited count below the answers', () => {
    expect(() => summarizeSurvey(POST, POST_ROWS.slice(0, 4).map(postResponse), 3)).toThrow(
      '4 people answered "Post-event feedback" but only 3 were counted as invited; count everyone the survey was sent to.',
    );
  });
});

describe('exporting answers as CSV', () => {
  it('writes a quiz per person, with labels, score and passed', () => {
    const csv = surveyAnswersCsv(CERTIFICATION_QUIZ, QUIZ_RESPONSES.slice(0, 2), { anonymous: false });
    expect(csv).toBe(
      'respondent,group,pipeline-review,standards,one-on-ones,narrative,next-step,score,passed\r\n' +
        'U01,East,How did we advance the deal since the last review?,Discovery; Qualification; Account planning; Deal progression,' +
        'Coaching one specific behaviour,"In the shared narrative, without slides",Stalled: agree a next step or move it back a stage,100,yes\r\n' +
        'U02,East,How did we advance the deal since the last review?,Discovery; Qualification; Account planning; Deal progression,' +
        'Coaching one specific behaviour,"In the shared narrative, without slides","On track, if the close date is still this quarter",80,yes\r\n',
    );
  });

  const pulse: Survey = {
    id: 'pulse',
    kind: 'post',
    title: 'Pulse',
    intro: '',
    anonymous: true,
    questions: [
      { id: 'mood', kind: 'rating', prompt: 'Mood?', labels: ['1', '2', '3', '4', '5'], required: true },
      { id: 'note', kind: 'text', prompt: 'Note?', maxLength: 200, multiline: true, required: false },
    ],
  };
  const hashA = 'd671db5058f7e3310b6d4b937186c1d20688474855584bb75acc81f7344ab636';
  const hashB = '2008bba41fae88c56ee973eab3ca225d120ae32ea4d05eaf1fb158a3218c4ba2';

  it('keeps an anonymous survey to hashes, sorted, with small groups blanked and formulas defused', () => {
    const csv = surveyAnswersCsv(
      pulse,
      [
        { respondent: hashA, group: 'East', answers: { mood: 5, note: 'Line one\nline two, with comma' } },
        { respondent: hashB, group: 'East', answers: { mood: 4, note: '=HYPERLINK("http://evil")' } },
      ],
      { anonymous: true },
    );
    expect(csv).toBe(`respondent,group,mood,note\r\n${hashB},,4,"'=HYPERLINK(""http://evil"")"\r\n${hashA},,5,"Line one\nline two, with comma"\r\n`);
  });

  it('keeps the group of 5 and blanks the group of 4 in the seeded export', () => {
    const csv = surveyAnswersCsv(POST, POST_RESPONSES, { anonymous: true });
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe(
      'respondent,group,satisfaction,logistics,session-s1,session-s2,session-s3,session-s4,session-s5,session-s6,clarity,territory-quota,confidence,motivation,improve',
    );
    // Rows sort by hash: key(1) … key(12) are person 1 … 12.
    expect(lines[3]).toBe(`${key(3)},East,5,5,4,5,4,4,4,3,yes,yes,4,5,`);
    expect(lines[6]).toBe(`${key(6)},,4,4,5,4,4,4,4,2,yes,yes,4,4,`);
    expect(lines[12]).toBe(`${key(12)},,5,5,5,5,4,3,4,,yes,yes,5,4,`);
  });

  it('refuses to write an identifier into an anonymous export, and writes nothing', () => {
    const write = () => surveyAnswersCsv(pulse, [{ respondent: 'U0123ABCD', answers: { mood: 3 } }], { anonymous: true });
    expect(write).toThrow(
      'An anonymous export holds only keyed hashes in the respondent column; a response carries another identifier, so nothing was exported.',
    );
    // Asking for an anonymous export of a named survey holds it to the same rule.
    expect(() => surveyAnswersCsv(CERTIFICATION_QUIZ, QUIZ_RESPONSES, { anonymous: true })).toThrow('only keyed hashes');
  });
});
