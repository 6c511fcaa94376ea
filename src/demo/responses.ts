import type { RsvpAnswer } from '../domain/comms/audience.js';
import { CERTIFICATION_QUIZ } from '../domain/surveys/built-in.js';

/**
 * How the demo company answers: the same every run, so the demo's figures can be checked. Most say
 * yes; a few cannot come or are unsure, and a few never answer (they get the reminders).
 */
export function demoRsvp(index: number): RsvpAnswer | null {
  if (index % 11 === 4) return null;
  if (index % 13 === 7) return 'not-attending';
  if (index % 17 === 9) return 'maybe';
  return 'attending';
}

/** Whether the person answers a survey at all: about four in five do. */
export function demoAnswers(index: number): boolean {
  return index % 5 !== 3;
}

/** Before the event: middling confidence and motivation, clarity mostly "somewhat". */
export function demoPreEventAnswers(index: number): Record<string, unknown> {
  return {
    topics: [
      ['territory-quota', 'comp-plan', 'discovery'],
      ['fy-strategy', 'product'],
      ['negotiation', 'account-planning'],
    ][index % 3],
    clarity: ['somewhat', 'no', 'somewhat', 'yes'][index % 4],
    confidence: String(2 + (index % 3)),
    motivation: String(3 + (index % 2)),
  };
}

const IMPROVEMENTS = [
  'More time for role-plays with real deals',
  'Fewer slides in the keynotes',
  'Start day 2 later',
  'Breakouts by segment, not by region',
  'Share the materials before the event',
];

/** After the event: clearer, more confident; logistics a little under the 4.0 target. */
export function demoPostEventAnswers(index: number): Record<string, unknown> {
  return {
    satisfaction: String([5, 4, 4, 5, 3][index % 5]),
    logistics: String([4, 4, 3, 4, 5, 3][index % 6]),
    clarity: index % 7 === 2 ? 'somewhat' : 'yes',
    'territory-quota': index % 9 === 5 ? 'somewhat' : 'yes',
    confidence: String(3 + (index % 3 === 0 ? 2 : 1)),
    motivation: String(4 + (index % 4 === 1 ? 1 : 0)),
    ...(index % 4 === 0 ? { improve: IMPROVEMENTS[(index / 4) % IMPROVEMENTS.length] } : {}),
  };
}

/** The certification quiz (the built-in one): most get all five right, one in three misses one, one in seven misses two and fails. */
export function demoQuizAnswers(index: number): Record<string, unknown> {
  const right = index % 7 === 2 ? 3 : index % 3 === 1 ? 4 : 5;
  return Object.fromEntries(
    CERTIFICATION_QUIZ.questions.map((q, i) => {
      if (q.kind !== 'single' && q.kind !== 'multi') return [q.id, undefined];
      const wrong = q.options.find((o) => o.id !== q.correct && !(Array.isArray(q.correct) && q.correct.includes(o.id)))?.id;
      const answer = i < right ? q.correct : wrong;
      return [q.id, q.kind === 'multi' && typeof answer === 'string' ? [answer] : answer];
    }),
  );
}
