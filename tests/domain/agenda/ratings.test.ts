import { beforeEach, describe, expect, it } from 'vitest';
import { type Actor, decideEditAgenda, decideEditBudget } from '../../../src/domain/access.js';
import {
  FEWER_THAN_MIN_RATINGS,
  type RateableSession,
  ratingNote,
  ratingsBySession,
  sessionRating,
  withSessionQuestions,
} from '../../../src/domain/agenda/ratings.js';
import { buildPostEventSurvey } from '../../../src/domain/surveys/built-in.js';
import { checkSurvey } from '../../../src/domain/surveys/survey-checks.js';
import type { Answers, Survey } from '../../../src/domain/surveys/surveys.js';

const session = (id: number, title: string, kind: RateableSession['kind'] = 'training', day = 1): RateableSession => ({ id, day, start: '09:00', title, kind });
const ids = (survey: Survey) => survey.questions.map((q) => q.id);
let BASE: ReturnType<typeof buildPostEventSurvey>;
// Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
beforeEach(() => {
  BASE = buildPostEventSurvey([]);
});

describe('the post-event survey’s session questions', () => {
  it('asks about content sessions in agenda order, after satisfaction and logistics, leaving social time out', () => {
    const out = withSessionQuestions(BASE, [session(3, 'FY vision', 'strategy'), session(7, 'Team dinner', 'social'), session(5, 'Discovery role-plays')]);
    expect([out.asked, out.left]).toEqual([2, 0]);
    expect(ids(out.survey)).toEqual([
      'satisfaction',
      'logistics',
      'session-3',
      'session-5',
      'clarity',
      'territory-quota',
      'confidence',
      'motivation',
      'improve',
    ]);
    expect(out.survey).toEqual(
      buildPostEventSurvey([
        { id: '3', title: 'FY vision' },
        { id: '5', title: 'Discovery role-plays' },
      ]),
    );
  });

  it('replaces the session questions where an edited survey has them, keeping its own questions', () => {
    const edited: Survey = { ...buildPostEventSurvey([{ id: 'keynote', title: 'Keynote' }]), questions: [] };
    const template = buildPostEventSurvey([{ id: 'keynote', title: 'Keynote' }]).questions;
    // The event moved its sessions to the end, after its own extra question.
    edited.questions = [
      ...template.filter((q) => q.metric !== 'session-rating'),
      { id: 'venue', kind: 'text', prompt: 'Venue?', maxLength: 200, multiline: false, required: false },
      ...template.filter((q) => q.metric === 'session-rating'),
    ];
    const out = withSessionQuestions(edited, [session(1, 'Opening'), session(2, 'Close')]);
    expect(ids(out.survey)).toEqual([
      'satisfaction',
      'logistics',
      'clarity',
      'territory-quota',
      'confidence',
      'motivation',
      'improve',
      'venue',
      'session-1',
      'session-2',
    ]);
  });

  it('tells two sessions with one title apart by their day', () => {
    const out = withSessionQuestions(BASE, [
      session(1, 'Team breakouts', 'planning', 1),
      session(2, 'Team breakouts', 'planning', 2),
      session(3, 'Awards', 'recognition', 2),
    ]);
    expect(out.survey.questions.filter((q) => q.metric === 'session-rating').map((q) => q.prompt)).toEqual([
      'How would you rate “Team breakouts (day 1)”?',
      'How would you rate “Team breakouts (day 2)”?',
      'How would you rate “Awards”?',
    ]);
  });

  it('fills the 50 questions a survey may have and counts the sessions left out', () => {
    // 7 questions of its own leave room for 43 of 45 sessions.
    const out = withSessionQuestions(
      BASE,
      Array.from({ length: 45 }, (_, i) => session(i + 1, `Session ${i + 1}`)),
    );
    expect([out.asked, out.left, out.survey.questions.length]).toEqual([43, 2, 50]);
    expect(checkSurvey(out.survey)).toEqual([]);
  });
});

describe('session ratings', () => {
  let survey: ReturnType<typeof buildPostEventSurvey>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    survey = buildPostEventSurvey([
      { id: '3', title: 'FY vision' },
      { id: '5', title: 'Role-plays' },
      { id: 'keynote', title: 'Edited in by hand' },
    ]);
  });

  it('gathers each asked session’s valid ratings, none for a session nobody rated', () => {
    const answers: Answers[] = [
      { 'session-3': 5, logistics: 2 },
      { 'session-3': 6, 'session-9': 5 },
      { 'session-3': 0, 'session-keynote': 5 },
      { 'session-3': 4 },
      { 'session-3': 'good', logistics: 4 },
    ];
    expect(ratingsBySession(survey, answers)).toEqual([
      { sessionId: 3, ratings: [5, 4] },
      { sessionId: 5, ratings: [] },
    ]);
  });

  it('keeps the average only from 5 ratings: 5, 4, 4, 3, 5 → 4.2; four → hidden', () => {
    expect(sessionRating([5, 4, 4, 3, 5])).toEqual({ average: 4.2, count: 5 });
    expect(sessionRating([5, 4, 4, 3])).toEqual({ average: null, count: 4 });
    // 26 ÷ 6 = 4.333…, kept to two decimals.
    expect(sessionRating([5, 5, 4, 4, 4, 4])).toEqual({ average: 4.33, count: 6 });
  });

  it('reads on the agenda as nothing, hidden, or the average with its count', () => {
    expect(ratingNote({ rating: null, ratingCount: 0 })).toBeNull();
    expect(ratingNote({ rating: null, ratingCount: 4 })).toBe(FEWER_THAN_MIN_RATINGS);
    expect(FEWER_THAN_MIN_RATINGS).toBe('rating hidden: fewer than 5 ratings');
    expect(ratingNote({ rating: 4.2, ratingCount: 5 })).toBe('rated 4.2/5 (5 ratings)');
  });
});

describe('who may change the budget and the agenda', () => {
  const actor = (role: Actor['role'], eventRoles: Actor['eventRoles'] = []): Actor => ({ personId: 1, role, eventRoles });
  const matrix: [string, Actor | null, boolean, boolean][] = [
    // who, change the budget, change the agenda
    ['an admin', actor('admin'), true, true],
    ['the SKO lead (a rep)', actor('rep', ['sko_lead']), true, true],
    ['the logistics lead (a guest)', actor('guest', ['logistics_lead']), true, false],
    ['the content lead (a manager)', actor('manager', ['content_lead']), false, true],
    ['the communications lead', actor('rep', ['communications_lead']), false, false],
    ['the technology lead', actor('rep', ['technology_lead']), false, false],
    ['a sales leader of the event', actor('leader', ['sales_leader']), false, false],
    ['a rep', actor('rep'), false, false],
    ['someone unknown', null, false, false],
  ];
  it.each(matrix)('%s', (_who, who, budget, agenda) => {
    expect([decideEditBudget(who).allowed, decideEditAgenda(who).allowed]).toEqual([budget, agenda]);
  });
});
