/**
 * Surveys as data (issue 4, PRODUCT §4–§5): the question model. The three built-in surveys are in
 * built-in.ts; checking an edited survey, validating answers, grading quizzes and paging into Slack
 * modals each have their own module here. All of it is shaped by Slack's modal limits so a survey
 * that passes `checkSurvey` renders.
 */

export type SurveyKind = 'pre' | 'post' | 'quiz';

/** Tags the seed metrics read (PRODUCT §5); `seedMetrics` finds questions by these, never by id. */
export type SurveyMetric = 'clarity' | 'territory-quota' | 'confidence' | 'motivation' | 'logistics' | 'satisfaction' | 'session-rating';

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const YES_SOMEWHAT_NO = ['yes', 'somewhat', 'no'] as const;
export type YesSomewhatNo = (typeof YES_SOMEWHAT_NO)[number];
export const YES_SOMEWHAT_NO_LABELS: Record<YesSomewhatNo, string> = { yes: 'Yes', somewhat: 'Somewhat', no: 'No' };

export type RatingLabels = readonly [string, string, string, string, string];

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

export interface SingleQuestion extends QuestionBase {
  kind: 'single';
  options: ChoiceOption[];
  /** Quiz only: the id of the right option. */
  correct?: string;
}

export interface MultiQuestion extends QuestionBase {
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

/** Length in characters as a person counts them (code points), not UTF-16 units. */
export function chars(text: string): number {
  return [...text].length;
}

/** Seconds a person takes over a question of each kind: a click, a few clicks, or a sentence to write. */
const SECONDS_PER_ANSWER: Record<Question['kind'], number> = { rating: 8, 'yes-somewhat-no': 8, single: 10, multi: 15, text: 45 };

/**
 * How long a survey is, as its invitation says it: the questions everyone answers, the optional
 * per-session ratings apart (nobody attends every breakout), and the minutes it takes, rounded up.
 */
export function surveyLength(survey: Pick<Survey, 'questions'>): { questions: number; sessionRatings: number; minutes: number } {
  const sessionRatings = survey.questions.filter((q) => q.kind === 'rating' && q.metric === 'session-rating').length;
  const seconds = survey.questions.reduce((sum, q) => sum + SECONDS_PER_ANSWER[q.kind], 0);
  return { questions: survey.questions.length - sessionRatings, sessionRatings, minutes: Math.max(1, Math.ceil(seconds / 60)) };
}
