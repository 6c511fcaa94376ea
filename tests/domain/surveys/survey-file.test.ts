import { describe, expect, it } from 'vitest';
import { parseSurveyFile } from '../../../src/domain/surveys/survey-file.js';

const file = {
  id: 'pulse',
  kind: 'post',
  title: 'Pulse',
  intro: 'Two questions.',
  anonymous: true,
  questions: [
    { id: 'overall', kind: 'rating', prompt: 'Overall?', required: true, labels: ['1', '2', '3', '4', '5'], metric: 'satisfaction' },
    { id: 'more', kind: 'text', prompt: 'Anything else?', required: false, maxLength: 300, multiline: true },
  ],
};

describe('reading a survey edited by hand', () => {
  it('accepts a well-formed file and returns the survey as written', () => {
    expect(parseSurveyFile(file)).toEqual({ ok: true, survey: file });
  });

  it('says where each field is wrong, by its path', () => {
    const broken = {
      ...file,
      anonymous: 'yes',
      questions: [
        { ...file.questions[0], labels: ['1', '2'] },
        { ...file.questions[1], kind: 'essay' },
      ],
    };
    const result = parseSurveyFile(broken);
    const paths = result.ok ? result : result.problems.map((p) => p.split(': ')[0]);
    expect(paths).toEqual(['anonymous', 'questions.0.labels', 'questions.1.kind']);
  });

  it('names no path when the file is not an object at all', () => {
    expect(parseSurveyFile('not a survey')).toEqual({ ok: false, problems: ['Invalid input: expected object, received string'] });
  });
});
