import { beforeEach, describe, expect, it } from 'vitest';
import { validateAnswers } from '../../../src/domain/surveys/answers.js';
import { buildPostEventSurvey, CERTIFICATION_QUIZ, PRE_EVENT_SURVEY } from '../../../src/domain/surveys/built-in.js';
import { pageSurvey } from '../../../src/domain/surveys/paging.js';
import { gradeQuiz } from '../../../src/domain/surveys/quiz.js';
import { checkSurvey } from '../../../src/domain/surveys/survey-checks.js';
import { type Answers, type Survey, surveyLength } from '../../../src/domain/surveys/surveys.js';

const sessions = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i + 1}`, title: `Session ${i + 1}` }));

describe('the built-in surveys', () => {
  it('are valid as shipped', () => {
    expect(checkSurvey(PRE_EVENT_SURVEY)).toEqual([]);
    expect(checkSurvey(buildPostEventSurvey(sessions(12)))).toEqual([]);
    expect(checkSurvey(CERTIFICATION_QUIZ)).toEqual([]);
  });

  it('ask the pre-event questions with the metric tags the baseline needs', () => {
    expect(PRE_EVENT_SURVEY.questions.map((q) => [q.id, q.kind, q.required, q.metric ?? null])).toEqual([
      ['topics', 'multi', false, null],
      ['leadership-questions', 'text', false, null],
      ['clarity', 'yes-somewhat-no', true, 'clarity'],
      ['confidence', 'rating', true, 'confidence'],
      ['motivation', 'rating', true, 'motivation'],
    ]);
    expect(PRE_EVENT_SURVEY.anonymous).toBe(true);
  });

  it('rate each agenda session in the post-event survey, and none without an agenda', () => {
    const post = buildPostEventSurvey([
      { id: 'open', title: 'Opening and FY vision' },
      { id: 'disc', title: 'Discovery workshop' },
    ]);
    expect(post.questions.map((q) => q.id)).toEqual([
      'satisfaction',
      'logistics',
      'session-open',
      'session-disc',
      'clarity',
      'territory-quota',
      'confidence',
      'motivation',
      'improve',
    ]);
    const rating = post.questions[3]!;
    expect(rating).toMatchObject({ kind: 'rating', required: false, metric: 'session-rating', session: { id: 'disc', title: 'Discovery workshop' } });
    expect(rating.prompt).toBe('How would you rate “Discovery workshop”?');
    expect(buildPostEventSurvey([]).questions.map((q) => q.id)).toEqual([
      'satisfaction',
      'logistics',
      'clarity',
      'territory-quota',
      'confidence',
      'motivation',
      'improve',
    ]);
    // The baseline comparison needs the same wording before and after.
    const prompt = (s: Survey, id: string) => s.questions.find((q) => q.id === id)?.prompt;
    expect(prompt(post, 'confidence')).toBe(prompt(PRE_EVENT_SURVEY, 'confidence'));
    expect(prompt(post, 'motivation')).toBe(prompt(PRE_EVENT_SURVEY, 'motivation'));
  });

  it('keep the quiz per person, with a pass mark', () => {
    expect([CERTIFICATION_QUIZ.anonymous, CERTIFICATION_QUIZ.passMark, CERTIFICATION_QUIZ.questions.length]).toEqual([false, 80, 5]);
  });
});

describe('checking an edited survey', () => {
  it('names every problem and what to change', () => {
    const bad: Survey = {
      id: 'x',
      kind: 'quiz',
      title: 'A survey title far too long for Slack',
      intro: '',
      anonymous: false,
      questions: [
        {
          id: 'q1',
          kind: 'single',
          prompt: 'Pick',
          options: [
            { id: 'a', label: 'A' },
            { id: 'b', label: 'B' },
          ],
          required: true,
        },
        { id: 'q1', kind: 'text', prompt: 'Why?', maxLength: 5000, multiline: false, required: false, metric: 'satisfaction' },
        {
          id: 'Q 3',
          kind: 'multi',
          prompt: '',
          options: Array.from({ length: 11 }, (_, i) => ({ id: `o${i}`, label: `Option ${i}` })),
          correct: ['nope'],
          required: true,
        },
      ],
    };
    expect(checkSurvey(bad)).toEqual([
      "Give the survey a title of 1 to 24 characters (it has 37); Slack shows it as the modal's title.",
      'Question "q1" needs its correct answer set to one of its options.',
      'Question id "q1" is used twice; each question needs its own.',
      'Question "q1" measures satisfaction, which needs a 1–5 rating question.',
      'Question "q1": the longest answer must be from 1 to 3000 characters.',
      'Question "q1": a quiz asks only single- or multiple-choice questions, which have right answers.',
      'Question id "Q 3" must be 1 to 64 lowercase letters, digits, - or _.',
      'Question "Q 3" needs a prompt of 1 to 2000 characters (it has 0).',
      'Question "Q 3" needs 2 to 10 options (it has 11).',
      'Question "Q 3" needs its correct answers set to one or more of its options.',
      'Set the quiz pass mark as a whole percentage from 1 to 100.',
    ]);
  });
});

describe('validating answers', () => {
  let post: ReturnType<typeof buildPostEventSurvey>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    post = buildPostEventSurvey([{ id: 'open', title: 'Opening' }]);
  });
  const complete = { satisfaction: '5', logistics: 4, clarity: 'yes', 'territory-quota': 'somewhat', confidence: '4', motivation: '5' };

  it('accepts a complete set, reads ratings from option values and drops blank optional answers', () => {
    expect(validateAnswers(post, { ...complete, 'session-open': '', improve: '   ', stale: 'x' })).toEqual({
      ok: true,
      answers: { satisfaction: 5, logistics: 4, clarity: 'yes', 'territory-quota': 'somewhat', confidence: 4, motivation: 5 },
    });
    expect(validateAnswers(post, { ...complete, improve: '  More role-play  ' })).toMatchObject({ ok: true, answers: { improve: 'More role-play' } });
  });

  it('returns only errors when anything is wrong, one message per question, saying what to fix', () => {
    const result = validateAnswers(post, {
      logistics: 7,
      'session-open': '4.5',
      clarity: 'perhaps',
      'territory-quota': null,
      confidence: '3',
      improve: 'x'.repeat(1001),
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        satisfaction: 'Choose a rating from 1 to 5.',
        logistics: 'Choose a whole number from 1 to 5; 7 is not on the scale.',
        'session-open': 'Choose a whole number from 1 to 5; 4.5 is not on the scale.',
        clarity: 'Choose yes, somewhat or no.',
        'territory-quota': 'Choose yes, somewhat or no.',
        motivation: 'Choose a rating from 1 to 5.',
        improve: 'Shorten your answer to 1000 characters or fewer; it has 1001.',
      },
    });
  });

  it('checks choices: unknown options, too many, and order', () => {
    expect(validateAnswers(PRE_EVENT_SURVEY, { topics: ['tools', 'comp-plan', 'tools'], clarity: 'no', confidence: 2, motivation: 3 })).toEqual({
      ok: true,
      answers: { topics: ['comp-plan', 'tools'], clarity: 'no', confidence: 2, motivation: 3 },
    });
    expect(validateAnswers(PRE_EVENT_SURVEY, { topics: ['tools', 'golf'], clarity: 'no', confidence: 2, motivation: 3 })).toEqual({
      ok: false,
      errors: { topics: '“golf” is not one of the options; choose one from the list.' },
    });
    expect(validateAnswers(PRE_EVENT_SURVEY, { topics: ['tools', 'comp-plan', 'product', 'discovery'], clarity: 'no', confidence: 2, motivation: 3 })).toEqual({
      ok: false,
      errors: { topics: 'Choose at most 3 options; you chose 4.' },
    });
    expect(validateAnswers(CERTIFICATION_QUIZ, { 'pipeline-review': 'maybe' })).toEqual({
      ok: false,
      errors: {
        'pipeline-review': '“maybe” is not one of the options; choose one from the list.',
        standards: 'Choose at least one option.',
        'one-on-ones': 'Choose one option.',
        narrative: 'Choose one option.',
        'next-step': 'Choose one option.',
      },
    });
  });

  it('asks for required text', () => {
    const survey: Survey = {
      id: 'note',
      kind: 'post',
      title: 'Note',
      intro: '',
      anonymous: true,
      questions: [{ id: 'why', kind: 'text', prompt: 'Why?', maxLength: 10, multiline: false, required: true }],
    };
    expect(validateAnswers(survey, { why: ' \n ' })).toEqual({ ok: false, errors: { why: 'Write an answer; this question needs one.' } });
    // Characters, not UTF-16 units: ten emoji fit in ten.
    expect(validateAnswers(survey, { why: '👍'.repeat(10) })).toEqual({ ok: true, answers: { why: '👍'.repeat(10) } });
  });
});

describe('grading the quiz', () => {
  const right: Answers = {
    'pipeline-review': 'advance',
    standards: ['discovery', 'qualification', 'account-planning', 'deal-progression'],
    'one-on-ones': 'behaviour',
    narrative: 'shared',
    'next-step': 'stalled',
  };

  it('passes at 80% (4 of 5) and fails at 60%', () => {
    expect(gradeQuiz(CERTIFICATION_QUIZ, right)).toEqual({ correct: 5, total: 5, score: 100, passed: true });
    expect(gradeQuiz(CERTIFICATION_QUIZ, { ...right, narrative: 'deck' })).toEqual({ correct: 4, total: 5, score: 80, passed: true });
    expect(gradeQuiz(CERTIFICATION_QUIZ, { ...right, narrative: 'deck', 'next-step': 'on-track' })).toEqual({
      correct: 3,
      total: 5,
      score: 60,
      passed: false,
    });
  });

  it('counts a multiple-choice answer only when exactly right', () => {
    expect(gradeQuiz(CERTIFICATION_QUIZ, { ...right, standards: ['discovery', 'qualification', 'account-planning'] }).correct).toBe(4);
    expect(gradeQuiz(CERTIFICATION_QUIZ, { ...right, standards: ['discovery', 'qualification', 'account-planning', 'deal-progression', 'swag'] }).correct).toBe(
      4,
    );
  });

  it('refuses to grade a survey that is not a quiz', () => {
    expect(() => gradeQuiz(PRE_EVENT_SURVEY, {})).toThrow('"Pre-event survey" is not a quiz with a pass mark, so it cannot be graded.');
  });
});

describe('paging a survey into modals', () => {
  // 7 fixed questions + 18 sessions = 25 questions.
  let long: ReturnType<typeof buildPostEventSurvey>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    long = buildPostEventSurvey(sessions(18));
  });

  it('splits 25 questions into 3 balanced pages of at most 10', () => {
    const pages = pageSurvey(long);
    expect(pages.map((p) => [p.number, p.of, p.questions.length])).toEqual([
      [1, 3, 9],
      [2, 3, 8],
      [3, 3, 8],
    ]);
    expect(pages.flatMap((p) => p.questions.map((q) => q.id))).toEqual(long.questions.map((q) => q.id));
    expect(pages[1]!.questions[0]!.id).toBe('session-s8');
  });

  it('respects a smaller block budget', () => {
    expect(pageSurvey(long, 6).map((p) => p.questions.length)).toEqual([5, 5, 5, 5, 5]);
    expect(pageSurvey(long, 7).map((p) => p.questions.length)).toEqual([7, 6, 6, 6]);
    expect(pageSurvey(PRE_EVENT_SURVEY).map((p) => p.questions.length)).toEqual([5]);
  });

  it('refuses a budget Slack would not accept', () => {
    expect(() => pageSurvey(long, 101)).toThrow('A modal page holds from 1 to 100 blocks; got 101.');
    expect(() => pageSurvey(long, 0)).toThrow('A modal page holds from 1 to 100 blocks; got 0.');
  });
});

describe('answers of the wrong shape', () => {
  const survey: Survey = {
    id: 'shapes',
    kind: 'post',
    title: 'Shapes',
    intro: '',
    anonymous: true,
    questions: [
      { id: 'rate', kind: 'rating', prompt: 'Rate', labels: ['1', '2', '3', '4', '5'], required: false },
      { id: 'one', kind: 'single', prompt: 'One', options: [{ id: 'a', label: 'A' }], required: false },
      { id: 'many', kind: 'multi', prompt: 'Many', options: [{ id: 'a', label: 'A' }], required: false },
      { id: 'ysn', kind: 'yes-somewhat-no', prompt: 'Clear?', required: false },
      { id: 'note', kind: 'text', prompt: 'Note', maxLength: 5, multiline: false, required: false },
    ],
  };
  const errorsFor = (raw: Record<string, unknown>) => {
    const result = validateAnswers(survey, raw);
    return result.ok ? {} : result.errors;
  };

  it('takes ratings 1 to 5 as numbers or digits, and nothing off the scale or between steps', () => {
    expect(validateAnswers(survey, { rate: ' 5 ' })).toEqual({ ok: true, answers: { rate: 5 } });
    expect(validateAnswers(survey, { rate: 1 })).toEqual({ ok: true, answers: { rate: 1 } });
    expect(errorsFor({ rate: 6 })).toEqual({ rate: 'Choose a whole number from 1 to 5; 6 is not on the scale.' });
    expect(errorsFor({ rate: '0' })).toEqual({ rate: 'Choose a whole number from 1 to 5; 0 is not on the scale.' });
    expect(errorsFor({ rate: '3.5' })).toEqual({ rate: 'Choose a whole number from 1 to 5; 3.5 is not on the scale.' });
    expect(errorsFor({ rate: 'four' })).toEqual({ rate: 'Choose a whole number from 1 to 5; four is not on the scale.' });
  });

  it('asks again for a choice that is not text, a list that is not a list of option ids, or a yes/somewhat/no that is neither', () => {
    expect(errorsFor({ one: 3, many: 'a', ysn: 'maybe' })).toEqual({
      one: 'Choose one option.',
      many: 'Choose at least one option.',
      ysn: 'Choose yes, somewhat or no.',
    });
    expect(errorsFor({ many: ['a', 2] })).toEqual({ many: 'Choose at least one option.' });
    expect(validateAnswers(survey, { one: 'a', many: ['a'], ysn: 'somewhat' })).toEqual({ ok: true, answers: { one: 'a', many: ['a'], ysn: 'somewhat' } });
  });

  it('counts a text answer after trimming, and refuses one that is not text', () => {
    expect(validateAnswers(survey, { note: '  12345  ' })).toEqual({ ok: true, answers: { note: '12345' } });
    expect(errorsFor({ note: '123456' })).toEqual({ note: 'Shorten your answer to 5 characters or fewer; it has 6.' });
    expect(errorsFor({ note: 42 })).toEqual({ note: 'Write an answer; this question needs one.' });
  });

  it('treats null and an empty list as left blank', () => {
    expect(validateAnswers(survey, { rate: null, many: [] })).toEqual({ ok: true, answers: {} });
  });
});

describe('how long a survey is', () => {
  it('counts the optional session ratings apart from the questions, and the minutes to answer all of them', () => {
    const sessions = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ id: `s${n}`, title: `Session ${n}` }));
    // Four ratings and two yes/somewhat/no at 8 s, a sentence at 45 s: 93 s; eight session ratings add 64 s.
    expect(surveyLength(buildPostEventSurvey([]))).toEqual({ questions: 7, sessionRatings: 0, minutes: 2 });
    expect(surveyLength(buildPostEventSurvey(sessions as Parameters<typeof buildPostEventSurvey>[0]))).toEqual({ questions: 7, sessionRatings: 8, minutes: 3 });
    // A choice of several (15 s), a sentence (45 s) and three clicks (24 s): 84 s.
    expect(surveyLength(PRE_EVENT_SURVEY)).toEqual({ questions: 5, sessionRatings: 0, minutes: 2 });
    expect(surveyLength({ questions: [] }).minutes).toBe(1);
  });
});
