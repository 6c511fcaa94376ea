/**
 * Surveys as data (issue 4, PRODUCT §4–§5): the question model, the three built-in surveys, answer
 * validation with messages that say what to fix, quiz grading, and paging into Slack modals.
 * Everything here is shaped by Slack's modal limits so a survey that passes `checkSurvey` renders.
 */

export type SurveyKind = 'pre' | 'post' | 'quiz';

/** Tags the seed metrics read (PRODUCT §5); `seedMetrics` finds questions by these, never by id. */
export type SurveyMetric = 'clarity' | 'territory-quota' | 'confidence' | 'motivation' | 'logistics' | 'satisfaction' | 'session-rating';

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const YES_SOMEWHAT_NO = ['yes', 'somewhat', 'no'] as const;
export type YesSomewhatNo = (typeof YES_SOMEWHAT_NO)[number];
export const YES_SOMEWHAT_NO_LABELS: Record<YesSomewhatNo, string> = { yes: 'Yes', somewhat: 'Somewhat', no: 'No' };

/** Slack: radio buttons and checkboxes take at most 10 options, each at most 75 characters. */
const MAX_OPTIONS = 10;
const OPTION_TEXT_MAX = 75;
/** Slack: plain_text_input max_length is at most 3000; an input label at most 2000. */
const TEXT_ANSWER_MAX = 3000;
const PROMPT_MAX = 2000;
/** Slack: a modal title is at most 24 characters, and the survey title is the modal's title. */
const TITLE_MAX = 24;
/** Slack: at most 100 blocks in a modal. */
export const MODAL_MAX_BLOCKS = 100;
/** A rep must finish a page in well under a minute. */
const MAX_QUESTIONS_PER_PAGE = 10;
export const MAX_SURVEY_QUESTIONS = 50;
/** Each question renders as one input block (the element lives inside it). */
const BLOCKS_PER_QUESTION = 1;
/** Question ids become block ids and CSV headers, so they stay short and plain. */
const ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

type RatingLabels = readonly [string, string, string, string, string];

interface ChoiceOption {
  id: string;
  label: string;
}

interface QuestionBase {
  /** Stable across edits: answers, block ids and CSV columns refer to it. */
  id: string;
  prompt: string;
  required: boolean;
  hint?: string;
  metric?: SurveyMetric;
}

export interface RatingQuestion extends QuestionBase {
  kind: 'rating';
  /** The words for 1 … 5. */
  labels: RatingLabels;
  /** The agenda session a session-rating question is about. */
  session?: { id: string; title: string };
}

interface SingleQuestion extends QuestionBase {
  kind: 'single';
  options: ChoiceOption[];
  /** Quiz only: the id of the right option. */
  correct?: string;
}

interface MultiQuestion extends QuestionBase {
  kind: 'multi';
  options: ChoiceOption[];
  maxChoices?: number;
  /** Quiz only: exactly these option ids, no more and no fewer. */
  correct?: string[];
}

interface YesSomewhatNoQuestion extends QuestionBase {
  kind: 'yes-somewhat-no';
}

interface TextQuestion extends QuestionBase {
  kind: 'text';
  maxLength: number;
  multiline: boolean;
}

export type Question = RatingQuestion | SingleQuestion | MultiQuestion | YesSomewhatNoQuestion | TextQuestion;
export type QuestionKind = Question['kind'];

export interface Survey {
  /** The template id ('pre-event', …); a stored survey instance has its own id in the database. */
  id: string;
  kind: SurveyKind;
  title: string;
  intro: string;
  /** Anonymous answers are stored under a keyed hash, never beside a Slack id or an email. */
  anonymous: boolean;
  questions: Question[];
  /** Quiz only: the share of questions (percent, 1–100) a person must get right to pass. */
  passMark?: number;
}

/** A validated answer: a rating 1–5, an option id, option ids, yes/somewhat/no, or text. */
export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

export type ValidationResult = { ok: true; answers: Answers } | { ok: false; errors: Record<string, string> };

// ── built-in scales and surveys ──────────────────────────────────────────────────────────────

const SATISFACTION: RatingLabels = ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'];
const QUALITY: RatingLabels = ['Poor', 'Fair', 'Good', 'Very good', 'Excellent'];
const CONFIDENCE: RatingLabels = ['Not at all confident', 'Slightly confident', 'Fairly confident', 'Confident', 'Very confident'];
const MOTIVATION: RatingLabels = ['Not at all motivated', 'Slightly motivated', 'Fairly motivated', 'Motivated', 'Very motivated'];

// The same wording before and after the event: the +20% metric compares these two averages.
const CONFIDENCE_QUESTION: RatingQuestion = {
  id: 'confidence',
  kind: 'rating',
  prompt: 'How confident are you that you can hit your number next fiscal year?',
  labels: CONFIDENCE,
  required: true,
  metric: 'confidence',
};
const MOTIVATION_QUESTION: RatingQuestion = {
  id: 'motivation',
  kind: 'rating',
  prompt: 'How motivated do you feel going into next fiscal year?',
  labels: MOTIVATION,
  required: true,
  metric: 'motivation',
};

export const PRE_EVENT_SURVEY: Survey = {
  id: 'pre-event',
  kind: 'pre',
  title: 'Pre-event survey',
  intro: 'Five quick questions that shape the SKO agenda and give us a baseline. Your answers are anonymous.',
  anonymous: true,
  questions: [
    {
      id: 'topics',
      kind: 'multi',
      prompt: 'Which topics do you most want the SKO to cover?',
      hint: 'Pick up to 3.',
      options: [
        { id: 'fy-strategy', label: 'Next year’s strategy and plan' },
        { id: 'territory-quota', label: 'Territories and quotas' },
        { id: 'comp-plan', label: 'Comp plan' },
        { id: 'product', label: 'Product roadmap' },
        { id: 'competition', label: 'Competitive positioning' },
        { id: 'discovery', label: 'Discovery and qualification' },
        { id: 'negotiation', label: 'Negotiation and closing' },
        { id: 'account-planning', label: 'Account planning' },
        { id: 'tools', label: 'Tools and enablement' },
        { id: 'customer-stories', label: 'Customer stories' },
      ],
      maxChoices: 3,
      required: false,
    },
    {
      id: 'leadership-questions',
      kind: 'text',
      prompt: 'What question would you like leadership to answer at the SKO?',
      maxLength: 500,
      multiline: true,
      required: false,
    },
    {
      id: 'clarity',
      kind: 'yes-somewhat-no',
      prompt: 'Today, are you clear on the company’s plan for next fiscal year?',
      required: true,
      metric: 'clarity',
    },
    CONFIDENCE_QUESTION,
    MOTIVATION_QUESTION,
  ],
};

export interface AgendaSession {
  id: string;
  title: string;
}

/** One optional rating per agenda session, as the post-event survey asks them. */
export function sessionRatingQuestions(sessions: readonly AgendaSession[]): RatingQuestion[] {
  return sessions.map((s) => ({
    id: `session-${s.id}`,
    kind: 'rating',
    prompt: `How would you rate “${s.title}”?`,
    hint: 'Skip it if you did not attend.',
    labels: QUALITY,
    // Optional: nobody attends every breakout, and a forced guess would skew the ranking.
    required: false,
    metric: 'session-rating',
    session: { id: s.id, title: s.title },
  }));
}

/** The post-event feedback survey, with one optional rating per agenda session (none without an agenda). */
export function buildPostEventSurvey(sessions: readonly AgendaSession[]): Survey {
  const sessionQuestions = sessionRatingQuestions(sessions);
  return {
    id: 'post-event',
    kind: 'post',
    title: 'Post-event feedback',
    intro: 'Tell us how the SKO went for you. Your answers are anonymous.',
    anonymous: true,
    questions: [
      {
        id: 'satisfaction',
        kind: 'rating',
        prompt: 'Overall, how satisfied are you with this SKO?',
        labels: SATISFACTION,
        required: true,
        metric: 'satisfaction',
      },
      {
        id: 'logistics',
        kind: 'rating',
        prompt: 'How would you rate the logistics: travel, venue, food and schedule?',
        labels: QUALITY,
        required: true,
        metric: 'logistics',
      },
      ...sessionQuestions,
      {
        id: 'clarity',
        kind: 'yes-somewhat-no',
        prompt: 'Are you clear on the plan for next fiscal year and what it means for you?',
        required: true,
        metric: 'clarity',
      },
      {
        id: 'territory-quota',
        kind: 'yes-somewhat-no',
        prompt: 'Do you understand your territory and your quota for next fiscal year?',
        required: true,
        metric: 'territory-quota',
      },
      CONFIDENCE_QUESTION,
      MOTIVATION_QUESTION,
      {
        id: 'improve',
        kind: 'text',
        prompt: 'What should we do better at the next SKO?',
        maxLength: 1000,
        multiline: true,
        required: false,
      },
    ],
  };
}

/**
 * A starting certification quiz on the execution standards seed 001 says an SKO installs; each
 * event rewrites it around its own methodology. Not anonymous: certification is tracked per person.
 */
export const CERTIFICATION_QUIZ: Survey = {
  id: 'certification-quiz',
  kind: 'quiz',
  title: 'Certification quiz',
  intro: 'Five questions on what we installed at the SKO. You pass with 4 right.',
  anonymous: false,
  passMark: 80,
  questions: [
    {
      id: 'pipeline-review',
      kind: 'single',
      prompt: 'In a pipeline review, which question comes first now?',
      options: [
        { id: 'close-date', label: 'When will this close?' },
        { id: 'advance', label: 'How did we advance the deal since the last review?' },
        { id: 'discount', label: 'What discount does the customer want?' },
      ],
      correct: 'advance',
      required: true,
    },
    {
      id: 'standards',
      kind: 'multi',
      prompt: 'Which stages have an execution standard this year?',
      hint: 'Choose every one that applies.',
      options: [
        { id: 'discovery', label: 'Discovery' },
        { id: 'qualification', label: 'Qualification' },
        { id: 'account-planning', label: 'Account planning' },
        { id: 'deal-progression', label: 'Deal progression' },
        { id: 'swag', label: 'Choosing event swag' },
      ],
      correct: ['discovery', 'qualification', 'account-planning', 'deal-progression'],
      required: true,
    },
    {
      id: 'one-on-ones',
      kind: 'single',
      prompt: 'What should a manager’s one-on-one focus on after the SKO?',
      options: [
        { id: 'forecast', label: 'Inspecting the forecast number' },
        { id: 'behaviour', label: 'Coaching one specific behaviour' },
        { id: 'roadmap', label: 'Reviewing the product roadmap' },
      ],
      correct: 'behaviour',
      required: true,
    },
    {
      id: 'narrative',
      kind: 'single',
      prompt: 'How should you explain our strategy to a customer?',
      options: [
        { id: 'own-words', label: 'In whatever words feel natural that day' },
        { id: 'shared', label: 'In the shared narrative, without slides' },
        { id: 'deck', label: 'By sending the SKO slide deck' },
      ],
      correct: 'shared',
      required: true,
    },
    {
      id: 'next-step',
      kind: 'single',
      prompt: 'A deal has no next step agreed with the customer. What is it?',
      options: [
        { id: 'on-track', label: 'On track, if the close date is still this quarter' },
        { id: 'stalled', label: 'Stalled: agree a next step or move it back a stage' },
      ],
      correct: 'stalled',
      required: true,
    },
  ],
};

// ── checking a survey definition ─────────────────────────────────────────────────────────────

const RATING_METRICS: readonly SurveyMetric[] = ['confidence', 'motivation', 'logistics', 'satisfaction', 'session-rating'];
const YES_SOMEWHAT_NO_METRICS: readonly SurveyMetric[] = ['clarity', 'territory-quota'];

/** Room for a "5 · " in front of a rating label within Slack's 75-character option text. */
const RATING_LABEL_MAX = OPTION_TEXT_MAX - 4;

function chars(text: string): number {
  return [...text].length;
}

function checkOptions(q: SingleQuestion | MultiQuestion, where: string): string[] {
  const problems: string[] = [];
  if (q.options.length < 2 || q.options.length > MAX_OPTIONS) {
    problems.push(`${where} needs 2 to ${MAX_OPTIONS} options (it has ${q.options.length}).`);
  }
  const seen = new Set<string>();
  for (const o of q.options) {
    if (!ID_RE.test(o.id)) problems.push(`${where}: option id "${o.id}" must be lowercase letters, digits, - or _.`);
    if (seen.has(o.id)) problems.push(`${where}: option id "${o.id}" is used twice.`);
    seen.add(o.id);
    const len = chars(o.label.trim());
    if (len === 0 || len > OPTION_TEXT_MAX) {
      problems.push(`${where}: option "${o.id}" needs a label of 1 to ${OPTION_TEXT_MAX} characters (it has ${len}).`);
    }
  }
  return problems;
}

function checkQuestion(q: Question, survey: Survey): string[] {
  const where = `Question "${q.id}"`;
  const problems: string[] = [];
  const promptLength = chars(q.prompt.trim());
  if (promptLength === 0 || promptLength > PROMPT_MAX) {
    problems.push(`${where} needs a prompt of 1 to ${PROMPT_MAX} characters (it has ${promptLength}).`);
  }
  if (q.hint !== undefined && chars(q.hint) > PROMPT_MAX) problems.push(`${where}: keep the hint to ${PROMPT_MAX} characters.`);
  if (q.metric && RATING_METRICS.includes(q.metric) && q.kind !== 'rating') {
    problems.push(`${where} measures ${q.metric}, which needs a 1–5 rating question.`);
  }
  if (q.metric && YES_SOMEWHAT_NO_METRICS.includes(q.metric) && q.kind !== 'yes-somewhat-no') {
    problems.push(`${where} measures ${q.metric}, which needs a yes / somewhat / no question.`);
  }
  switch (q.kind) {
    case 'rating':
      if (q.labels.length !== RATING_MAX || q.labels.some((l) => chars(l.trim()) === 0 || chars(l) > RATING_LABEL_MAX)) {
        problems.push(`${where} needs ${RATING_MAX} rating labels of 1 to ${RATING_LABEL_MAX} characters.`);
      }
      if (q.metric === 'session-rating' && !q.session) problems.push(`${where} rates a session but names none.`);
      break;
    case 'single':
      problems.push(...checkOptions(q, where));
      if (survey.kind === 'quiz' && !q.options.some((o) => o.id === q.correct)) {
        problems.push(`${where} needs its correct answer set to one of its options.`);
      }
      break;
    case 'multi': {
      problems.push(...checkOptions(q, where));
      if (q.maxChoices !== undefined && (!Number.isInteger(q.maxChoices) || q.maxChoices < 1 || q.maxChoices > q.options.length)) {
        problems.push(`${where}: the most choices allowed must be from 1 to ${q.options.length}.`);
      }
      const ids = new Set(q.options.map((o) => o.id));
      if (survey.kind === 'quiz' && (!q.correct || q.correct.length === 0 || q.correct.some((c) => !ids.has(c)))) {
        problems.push(`${where} needs its correct answers set to one or more of its options.`);
      }
      break;
    }
    case 'yes-somewhat-no':
      break;
    case 'text':
      if (!Number.isInteger(q.maxLength) || q.maxLength < 1 || q.maxLength > TEXT_ANSWER_MAX) {
        problems.push(`${where}: the longest answer must be from 1 to ${TEXT_ANSWER_MAX} characters.`);
      }
      break;
  }
  if (survey.kind === 'quiz' && q.kind !== 'single' && q.kind !== 'multi') {
    problems.push(`${where}: a quiz asks only single- or multiple-choice questions, which have right answers.`);
  }
  return problems;
}

/** Every problem with an edited survey, each saying what to change; empty when it is good to send. */
export function checkSurvey(survey: Survey): string[] {
  const problems: string[] = [];
  const titleLength = chars(survey.title.trim());
  if (titleLength === 0 || titleLength > TITLE_MAX) {
    problems.push(`Give the survey a title of 1 to ${TITLE_MAX} characters (it has ${titleLength}); Slack shows it as the modal's title.`);
  }
  if (survey.questions.length === 0 || survey.questions.length > MAX_SURVEY_QUESTIONS) {
    problems.push(`A survey needs 1 to ${MAX_SURVEY_QUESTIONS} questions (it has ${survey.questions.length}).`);
  }
  const seen = new Set<string>();
  for (const q of survey.questions) {
    if (!ID_RE.test(q.id)) problems.push(`Question id "${q.id}" must be 1 to 64 lowercase letters, digits, - or _.`);
    if (seen.has(q.id)) problems.push(`Question id "${q.id}" is used twice; each question needs its own.`);
    seen.add(q.id);
    problems.push(...checkQuestion(q, survey));
  }
  if (survey.kind === 'quiz') {
    const mark = survey.passMark;
    if (mark === undefined || !Number.isInteger(mark) || mark < 1 || mark > 100) {
      problems.push('Set the quiz pass mark as a whole percentage from 1 to 100.');
    }
  }
  return problems;
}

// ── validating answers ───────────────────────────────────────────────────────────────────────

function missingMessage(q: Question): string {
  switch (q.kind) {
    case 'rating':
      return `Choose a rating from ${RATING_MIN} to ${RATING_MAX}.`;
    case 'single':
      return 'Choose one option.';
    case 'multi':
      return 'Choose at least one option.';
    case 'yes-somewhat-no':
      return 'Choose yes, somewhat or no.';
    case 'text':
      return 'Write an answer; this question needs one.';
  }
}

function optionError(value: string): string {
  return `“${value}” is not one of the options; choose one from the list.`;
}

/** The value to store, or the message that says what to fix. */
function readAnswer(q: Question, raw: unknown): { value: AnswerValue } | { error: string } {
  switch (q.kind) {
    case 'rating': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || n < RATING_MIN || n > RATING_MAX) {
        return { error: `Choose a whole number from ${RATING_MIN} to ${RATING_MAX}; ${String(raw)} is not on the scale.` };
      }
      return { value: n };
    }
    case 'single':
      if (typeof raw !== 'string') return { error: missingMessage(q) };
      return q.options.some((o) => o.id === raw) ? { value: raw } : { error: optionError(raw) };
    case 'multi': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return { error: missingMessage(q) };
      const chosen = [...new Set(raw as string[])];
      const unknown = chosen.find((v) => !q.options.some((o) => o.id === v));
      if (unknown !== undefined) return { error: optionError(unknown) };
      if (q.maxChoices !== undefined && chosen.length > q.maxChoices) {
        return { error: `Choose at most ${q.maxChoices} options; you chose ${chosen.length}.` };
      }
      // Stored in the survey's option order, so the same choice always reads the same.
      return { value: q.options.map((o) => o.id).filter((id) => chosen.includes(id)) };
    }
    case 'yes-somewhat-no':
      return typeof raw === 'string' && (YES_SOMEWHAT_NO as readonly string[]).includes(raw) ? { value: raw } : { error: missingMessage(q) };
    case 'text': {
      if (typeof raw !== 'string') return { error: missingMessage(q) };
      const text = raw.trim();
      const length = chars(text);
      if (length > q.maxLength) {
        return { error: `Shorten your answer to ${q.maxLength} characters or fewer; it has ${length}.` };
      }
      return { value: text };
    }
  }
}

function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
}

/** One raw answer read against its question: null when left blank, else the value or what to fix. */
export function parseAnswer(q: Question, raw: unknown): { value: AnswerValue } | { error: string } | null {
  return isBlank(raw) ? null : readAnswer(q, raw);
}

/**
 * Checks raw answers (as read from a modal) against a survey, or against one page of it: pass
 * `{ ...survey, questions: page.questions }`. Answers to questions the survey no longer has are
 * dropped, so a modal opened before an edit still submits.
 */
export function validateAnswers(survey: Survey, raw: Readonly<Record<string, unknown>>): ValidationResult {
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  for (const q of survey.questions) {
    const read = parseAnswer(q, raw[q.id]);
    if (read === null) {
      if (q.required) errors[q.id] = missingMessage(q);
    } else if ('error' in read) errors[q.id] = read.error;
    else answers[q.id] = read.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers };
}

// ── quizzes ──────────────────────────────────────────────────────────────────────────────────

export interface QuizGrade {
  correct: number;
  total: number;
  /** Percentage of questions right, 0–100. */
  score: number;
  passed: boolean;
}

function isRight(q: Question, answer: AnswerValue | undefined): boolean {
  if (q.kind === 'single') return answer === q.correct;
  if (q.kind === 'multi' && q.correct && Array.isArray(answer)) {
    return answer.length === q.correct.length && q.correct.every((c) => answer.includes(c));
  }
  return false;
}

/** A multiple-choice question counts only when exactly the right options are chosen. */
export function gradeQuiz(quiz: Survey, answers: Readonly<Answers>): QuizGrade {
  if (quiz.kind !== 'quiz' || quiz.passMark === undefined) {
    throw new Error(`"${quiz.title}" is not a quiz with a pass mark, so it cannot be graded.`);
  }
  const graded = quiz.questions.filter((q) => q.kind === 'single' || q.kind === 'multi');
  const correct = graded.filter((q) => isRight(q, answers[q.id])).length;
  const total = graded.length;
  return {
    correct,
    total,
    score: total === 0 ? 0 : (correct / total) * 100,
    // Compared in whole numbers so 4 of 5 against an 80% mark never fails on rounding.
    passed: total > 0 && correct * 100 >= quiz.passMark * total,
  };
}

// ── paging ───────────────────────────────────────────────────────────────────────────────────

export interface SurveyPage {
  number: number;
  of: number;
  questions: Question[];
}

/**
 * Splits a survey into modal pages of at most `maxBlocksPerPage` question blocks (the caller keeps
 * its own header and progress blocks out of that budget) and at most 10 questions, in as few pages
 * as possible with sizes differing by at most one. Beyond 3 pages the modal must page with
 * views.update: Slack's view stack holds only 3 views for views.push.
 */
export function pageSurvey(survey: Survey, maxBlocksPerPage: number = MODAL_MAX_BLOCKS): SurveyPage[] {
  if (!Number.isInteger(maxBlocksPerPage) || maxBlocksPerPage < BLOCKS_PER_QUESTION || maxBlocksPerPage > MODAL_MAX_BLOCKS) {
    throw new Error(`A modal page holds from ${BLOCKS_PER_QUESTION} to ${MODAL_MAX_BLOCKS} blocks; got ${maxBlocksPerPage}.`);
  }
  const perPage = Math.min(MAX_QUESTIONS_PER_PAGE, Math.floor(maxBlocksPerPage / BLOCKS_PER_QUESTION));
  const total = survey.questions.length;
  const of = Math.max(1, Math.ceil(total / perPage));
  const pages: SurveyPage[] = [];
  let start = 0;
  for (let number = 1; number <= of; number++) {
    // Earlier pages take the remainder, so 25 questions at 10 a page read 9, 8, 8.
    const size = Math.floor(total / of) + (number <= total % of ? 1 : 0);
    pages.push({ number, of, questions: survey.questions.slice(start, start + size) });
    start += size;
  }
  return pages;
}
