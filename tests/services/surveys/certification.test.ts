import { afterEach, describe, expect, it } from 'vitest';
import { CERTIFICATION_QUIZ } from '../../../src/domain/surveys/built-in.js';
import { certificationFor } from '../../../src/services/surveys/certification.js';
import { replaceSurveyDefinition, surveyOf } from '../../../src/services/surveys/surveys.js';
import { QUIZ_REPS, type QuizEvent, quizEvent } from '../../support/quiz.js';

const [ava, ben, cy] = QUIZ_REPS;
let seeded: QuizEvent | undefined;
afterEach(() => seeded?.testDb.close());
const report = (s: QuizEvent) => certificationFor(s.testDb.db, s.event, '2027-02-12');

describe('certificationFor', () => {
  it('without a quiz: nothing measured, and how to turn it on', () => {
    seeded = quizEvent({ quiz: false });
    for (const rep of QUIZ_REPS) seeded.rsvp(rep.slackUserId, 'attending');
    expect(report(seeded)).toMatchObject({
      quiz: null,
      notMeasured:
        'This SKO has no certification quiz. The communications lead, the SKO lead or an admin turns it on with `/sko survey quiz on`: it goes to those who RSVPed Attending in week 11.',
      overall: null,
      people: null,
    });
  });

  it('an anonymous quiz cannot tell anyone’s result', () => {
    seeded = quizEvent({ quiz: true });
    replaceSurveyDefinition(
      seeded.testDb.db,
      surveyOf(seeded.testDb.db, seeded.event.id, 'quiz') as NonNullable<ReturnType<typeof surveyOf>>,
      { ...CERTIFICATION_QUIZ, anonymous: true },
      new Date('2027-01-04T15:00:00Z'),
    );
    expect(report(seeded)).toMatchObject({
      quiz: null,
      notMeasured: 'The certification quiz was made anonymous, so nobody’s result can be told apart. `/sko survey results quiz` has its pass rate.',
      overall: null,
    });
  });

  it('with nobody attending, nobody is expected and there is no rate', () => {
    seeded = quizEvent({ quiz: true });
    expect(report(seeded)).toMatchObject({
      notMeasured: 'Nobody has RSVPed Attending, so nobody is expected to certify yet.',
      overall: { expected: 0, passed: 0, failed: 0, notTaken: 0, passRate: null, takersPassRate: null, meetsTarget: false },
    });
  });

  it('counts only those attending: a "maybe" who took it is left out and counted as such', () => {
    seeded = quizEvent({ quiz: true });
    seeded.rsvp(ava.slackUserId, 'attending');
    seeded.rsvp(ben.slackUserId, 'maybe');
    seeded.rsvp(cy.slackUserId, 'not-attending');
    seeded.take(ava.slackUserId, 4);
    seeded.take(ben.slackUserId, 5);
    // 1 of the 1 expected passed: 100%, more than 75%.
    expect(report(seeded)).toMatchObject({
      notMeasured: null,
      overall: { expected: 1, passed: 1, failed: 0, notTaken: 0, passRate: 1, takersPassRate: 1, meetsTarget: true },
      people: { expected: 1, passed: [{ name: 'Ava Hart', correct: 4, scorePct: 80 }], failed: [], notTaken: [] },
      notExpectedTakers: 1,
    });
  });

  it('a retake replaces the earlier answers: a pass then a fail is a fail', () => {
    seeded = quizEvent({ quiz: true });
    seeded.rsvp(ava.slackUserId, 'attending');
    seeded.take(ava.slackUserId, 5);
    seeded.take(ava.slackUserId, 3);
    expect(report(seeded)).toMatchObject({
      overall: { passed: 0, failed: 1, passRate: 0, meetsTarget: false },
      people: { failed: [{ name: 'Ava Hart', correct: 3, scorePct: 60 }] },
    });
  });
});
