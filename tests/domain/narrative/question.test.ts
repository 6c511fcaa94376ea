import { describe, expect, it } from 'vitest';
import { routeQuestion } from '../../../src/domain/narrative/question.js';

describe('a question in words, as the command that answers it', () => {
  it.each([
    ['How is team East doing this year so far?', { command: 'perf', words: ['team', 'East', 'ytd'] }],
    ['How did <@UANN00001> perform in FY2017?', { command: 'perf', words: ['<@UANN00001>', 'fy2017'] }],
    ['What does the forecast for next year need?', { command: 'forecast', words: [] }],
    ['Where is the pipeline of team West stuck?', { command: 'pipeline', words: ['team', 'West'] }],
    ['Who are our top performers?', { command: 'perf', words: [] }],
  ])('%s', (question, routed) => {
    expect(routeQuestion(question)).toEqual(routed);
  });

  it('a question about nothing the agents know is not routed', () => {
    expect(routeQuestion('What is the weather in Lisbon?')).toBeNull();
  });
});
