/** Grading a certification quiz against its right answers and pass mark. */
import type { Answers, AnswerValue, Question, Survey } from './surveys.js';

export interface QuizGrade {
  correct: number;
  total: number;
  /** Percentage of questions right, 0–100. */
  score: number;
  passed: boolean;
}

function isRight(q: Question, answer: AnswerValue | undefined): boolean {
  if (q.kind === 'single') return answer === q.correct;
  if (q.kind === 'multi' && q.correct && Array.isArray(answer)) {
    return answer.length === q.correct.length && q.correct.every((c) => answer.includes(c));
  }
  return false;
}

/** A multiple-choice question counts only when exactly the right options are chosen. */
export function gradeQuiz(quiz: Survey, answers: Readonly<Answers>): QuizGrade {
  if (quiz.kind !== 'quiz' || quiz.passMark === undefined) {
    throw new Error(`"${quiz.title}" is not a quiz with a pass mark, so it cannot be graded.`);
  }
  const graded = quiz.questions.filter((q) => q.kind === 'single' || q.kind === 'multi');
  const correct = graded.filter((q) => isRight(q, answers[q.id])).length;
  const total = graded.length;
  return {
    correct,
    total,
    score: total === 0 ? 0 : (correct / total) * 100,
    // Compared in whole numbers so 4 of 5 against an 80% mark never fails on rounding.
    passed: total > 0 && correct * 100 >= quiz.passMark * total,
  };
}
