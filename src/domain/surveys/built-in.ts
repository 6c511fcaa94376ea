/** The built-in surveys (PRODUCT §4–§5): the pre-event survey, the post-event feedback survey and the certification quiz, with their scales. */
import type { RatingLabels, RatingQuestion, Survey } from './surveys.js';

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
