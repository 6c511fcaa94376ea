/** Paging a survey into Slack modals. */
import type { Question, Survey } from './surveys.js';

/** Slack: at most 100 blocks in a modal. */
export const MODAL_MAX_BLOCKS = 100;
/** A rep must finish a page in well under a minute. */
const MAX_QUESTIONS_PER_PAGE = 10;
/** Each question renders as one input block (the element lives inside it). */
const BLOCKS_PER_QUESTION = 1;

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
