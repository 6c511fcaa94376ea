/** Answers to the built-in certification quiz (src/domain/surveys.ts), question by question. */
const RIGHT: Record<string, string | string[]> = {
  'pipeline-review': 'advance',
  standards: ['discovery', 'qualification', 'account-planning', 'deal-progression'],
  'one-on-ones': 'behaviour',
  narrative: 'shared',
  'next-step': 'stalled',
};
const WRONG: Record<string, string | string[]> = {
  'pipeline-review': 'close-date',
  standards: ['discovery', 'qualification', 'account-planning', 'deal-progression', 'swag'],
  'one-on-ones': 'forecast',
  narrative: 'deck',
  'next-step': 'on-track',
};

/** The quiz answered with its first `right` questions right and the rest wrong (five questions; 4 right passes). */
export function quizAnswers(right: number): Record<string, string | string[]> {
  return Object.fromEntries(Object.keys(RIGHT).map((id, i) => [id, (i < right ? RIGHT : WRONG)[id] as string | string[]]));
}
