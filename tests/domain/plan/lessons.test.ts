import { describe, expect, it } from 'vitest';
import { draftLessons, lessonLines, lessonsProblems, lessonTasks, MAX_LESSON_LENGTH } from '../../../src/domain/plan/lessons.js';
import type { SurveySummary } from '../../../src/domain/surveys/results.js';

const summary = (over: Partial<SurveySummary>): SurveySummary => ({
  surveyId: 'post',
  kind: 'post',
  title: 'Post-event feedback',
  anonymous: true,
  invited: 5,
  responses: 5,
  responseRate: 1,
  groups: [],
  questions: [],
  topSessions: [],
  bottomSessions: [],
  quiz: null,
  ...over,
});

describe('lessons learned', () => {
  it('are one a line, without blank lines or the bullets people type', () => {
    expect(lessonLines('- Keep the keynote\n\n  • Shorter role-plays \n1. Book the venue earlier\n* Fewer slides\n')).toEqual([
      'Keep the keynote',
      'Shorter role-plays',
      'Book the venue earlier',
      'Fewer slides',
    ]);
  });

  it('say what to fix: nothing written, too many, too long, or changes with nobody to act on them', () => {
    expect(lessonsProblems({ worked: [], toChange: [], ownerId: null })).toEqual({
      worked: 'Write at least one lesson, here or under what to change, one a line.',
    });
    expect(lessonsProblems({ worked: Array.from({ length: 11 }, (_, i) => `Lesson ${i}`), toChange: [], ownerId: null }).worked).toBe(
      'Keep it to 10 lessons, one a line (there are 11).',
    );
    expect(lessonsProblems({ worked: ['ok'], toChange: ['x'.repeat(MAX_LESSON_LENGTH + 1)], ownerId: 3 }).toChange).toBe(
      'Lesson 1 is 201 characters; keep each under 200, one a line.',
    );
    expect(lessonsProblems({ worked: [], toChange: ['Shorter role-plays'], ownerId: null })).toEqual({
      owner: 'Choose who acts on these changes at the next SKO: they get a task for each in its week 1.',
    });
    expect(lessonsProblems({ worked: ['Keep the keynote'], toChange: ['Shorter role-plays'], ownerId: 3 })).toEqual({});
  });

  it('are drafted from the survey only once it has answers', () => {
    expect(draftLessons(null)).toBeNull();
    expect(draftLessons(summary({ responses: 0 }))).toBeNull();
    expect(
      draftLessons(
        summary({
          topSessions: [{ id: 's1', title: 'FY vision', average: 4.6, count: 5 }],
          bottomSessions: [{ id: 's2', title: 'Role-plays', average: 2.4, count: 5 }],
          questions: [
            {
              id: 'improve',
              prompt: 'What should we do better?',
              kind: 'text',
              answered: 2,
              hidden: false,
              stats: { kind: 'text', answers: [{ text: 'Fewer\n slides' }, { text: '  ' }] },
              byGroup: [],
            },
          ],
        }),
      ),
    ).toEqual({ worked: 'Keep: FY vision (rated 4.6 / 5 by 5)', toChange: 'Rework: Role-plays (rated 2.4 / 5 by 5)\nAsked for: Fewer slides' });
  });

  it('become a week-1 task each for the next SKO, owned by the owner named', () => {
    const planned = lessonTasks({ eventId: 7, toChange: ['Shorter role-plays', 'Book the venue earlier'], ownerId: 42 });
    expect(planned.map((p) => [p.key, p.template.title, p.template.weeks, p.ownerId])).toEqual([
      ['lesson-7-1', "Act on last SKO's lesson: Shorter role-plays", { from: 1, to: 1 }, 42],
      ['lesson-7-2', "Act on last SKO's lesson: Book the venue earlier", { from: 1, to: 1 }, 42],
    ]);
    expect(lessonTasks(null)).toEqual([]);
  });
});
