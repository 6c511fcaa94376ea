/** Checking a survey definition, built in or edited, against the question model and Slack's modal limits. */
import { chars, type MultiQuestion, type Question, RATING_MAX, type SingleQuestion, type Survey, type SurveyMetric } from './surveys.js';

/** Slack: radio buttons and checkboxes take at most 10 options, each at most 75 characters. */
const MAX_OPTIONS = 10;
const OPTION_TEXT_MAX = 75;
/** Slack: plain_text_input max_length is at most 3000; an input label at most 2000. */
const TEXT_ANSWER_MAX = 3000;
const PROMPT_MAX = 2000;
/** Slack: a modal title is at most 24 characters, and the survey title is the modal's title. */
const TITLE_MAX = 24;
export const MAX_SURVEY_QUESTIONS = 50;
/** Question ids become block ids and CSV headers, so they stay short and plain. */
const ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const RATING_METRICS: readonly SurveyMetric[] = ['confidence', 'motivation', 'logistics', 'satisfaction', 'session-rating'];
const YES_SOMEWHAT_NO_METRICS: readonly SurveyMetric[] = ['clarity', 'territory-quota'];

/** Room for a "5 · " in front of a rating label within Slack's 75-character option text. */
const RATING_LABEL_MAX = OPTION_TEXT_MAX - 4;

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
