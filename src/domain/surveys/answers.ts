/** Validating answers as read from a modal, with messages that say what to fix. */
import { type Answers, type AnswerValue, chars, type Question, RATING_MAX, RATING_MIN, type Survey, YES_SOMEWHAT_NO } from './surveys.js';

export type ValidationResult = { ok: true; answers: Answers } | { ok: false; errors: Record<string, string> };

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
