/**
 * Lessons learned (issue 12, point 5): captured in week 12 (what worked, what to change, who owns
 * acting on it next time), drafted from the post-event survey, and carried into the next SKO, whose
 * plan gets a week-1 task per change.
 */
import type { SurveySummary } from '../surveys/results.js';
import type { TaskInstance } from './playbook.js';

/** The week-12 playbook task that asks for them. */
export const LESSONS_TASK_KEY = 'w12-lessons-learned';

/** Each lesson is one line of the form; this many per list, this long each. */
export const MAX_LESSONS = 10;
export const MAX_LESSON_LENGTH = 200;

export interface LessonsInput {
  worked: string[];
  toChange: string[];
  ownerId: number | null;
}

/** One lesson a line: blank lines and leading bullets ("-", "•", "*", "1.") dropped. */
export function lessonLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim())
    .filter((line) => line.length > 0);
}

/** What is wrong with the lessons as typed, by field, in words that say what to fix; empty when they can be saved. */
export function lessonsProblems(input: LessonsInput): Partial<Record<'worked' | 'toChange' | 'owner', string>> {
  const problems: Partial<Record<'worked' | 'toChange' | 'owner', string>> = {};
  for (const field of ['worked', 'toChange'] as const) {
    const lines = input[field];
    const long = lines.findIndex((l) => l.length > MAX_LESSON_LENGTH);
    if (lines.length > MAX_LESSONS) problems[field] = `Keep it to ${MAX_LESSONS} lessons, one a line (there are ${lines.length}).`;
    else if (long >= 0) problems[field] = `Lesson ${long + 1} is ${lines[long]?.length} characters; keep each under ${MAX_LESSON_LENGTH}, one a line.`;
  }
  if (input.worked.length === 0 && input.toChange.length === 0 && !problems.worked)
    problems.worked = 'Write at least one lesson, here or under what to change, one a line.';
  if (input.toChange.length > 0 && input.ownerId === null && !problems.toChange)
    problems.owner = 'Choose who acts on these changes at the next SKO: they get a task for each in its week 1.';
  return problems;
}

const IMPROVE_SHOWN = 5;
const rated = (s: { title: string; average: number; count: number }) => `${s.title} (rated ${s.average.toFixed(1)} / 5 by ${s.count})`;

/**
 * A first draft from the post-event survey: its best-rated sessions under what worked; its
 * lowest-rated sessions, and what the answers ask to do better, under what to change. Null when
 * the survey has nothing to offer (no answers, or every figure hidden).
 */
export function draftLessons(post: SurveySummary | null): { worked: string; toChange: string } | null {
  if (!post || post.responses === 0) return null;
  const worked = post.topSessions.map((s) => `Keep: ${rated(s)}`);
  const improve = post.questions.find((q) => q.id === 'improve');
  const asked = improve && !improve.hidden && improve.stats.kind === 'text' ? improve.stats.answers.map((a) => a.text.replace(/\s+/g, ' ').trim()) : [];
  const toChange = [
    ...post.bottomSessions.map((s) => `Rework: ${rated(s)}`),
    ...asked
      .filter((a) => a.length > 0)
      .slice(0, IMPROVE_SHOWN)
      .map((a) => clip(`Asked for: ${a}`)),
  ];
  if (worked.length === 0 && toChange.length === 0) return null;
  return { worked: worked.map(clip).join('\n'), toChange: toChange.join('\n') };
}

function clip(line: string): string {
  return line.length <= MAX_LESSON_LENGTH ? line : `${line.slice(0, MAX_LESSON_LENGTH - 1)}…`;
}

/** The previous SKO's lessons as the next SKO's setup summary and week-1 digest show them. */
export interface PreviousLessonsView {
  eventName: string;
  day1: string;
  worked: string[];
  toChange: string[];
  ownerSlackId: string | null;
}

/** Title prefix of the tasks the next SKO gets from a previous SKO's lessons. */
const ACT_ON = "Act on last SKO's lesson: ";
const TITLE_MAX = 200;

/** A task per "what to change" lesson, in week 1 of the next SKO, for the owner the lessons name (else its SKO lead). */
export function lessonTasks(previous: { eventId: number; toChange: readonly string[]; ownerId: number | null } | null): TaskInstance[] {
  if (!previous) return [];
  return previous.toChange.map((lesson, i) => {
    const key = `lesson-${previous.eventId}-${i + 1}`;
    return {
      key,
      template: {
        key,
        title: `${ACT_ON}${lesson}`.slice(0, TITLE_MAX),
        details: [lesson],
        phase: 1,
        workstream: 'follow-up',
        weeks: { from: 1, to: 1 },
        ownerRole: 'sko_lead',
        output: 'lessons-learned',
      },
      ownerId: previous.ownerId,
    };
  });
}
