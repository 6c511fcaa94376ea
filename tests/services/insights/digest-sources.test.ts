import { describe, expect, it } from 'vitest';
import type { SeedMetric } from '../../../src/domain/surveys/results.js';
import { scorecardMeasures } from '../../../src/services/insights/digest-sources.js';

const metric = (key: SeedMetric['metric'], value: number | null, unit: SeedMetric['unit']): SeedMetric => ({
  metric: key,
  label: key,
  value,
  unit,
  target: { op: '>', value: 0, text: '' },
  status: value === null ? 'not measured' : 'met',
});

describe('the survey figures in the scorecard', () => {
  it('turns shares and changes into percentages and takes the weaker of confidence and motivation', () => {
    const measures = scorecardMeasures([
      metric('clarity', 0.87, 'share'),
      metric('territory-quota', 0.913, 'share'),
      metric('confidence', 0.449, 'change'),
      metric('motivation', 0.23, 'change'),
      metric('logistics', 3.87, 'score'),
      metric('satisfaction', 4.04, 'score'),
      metric('quiz-pass-rate', null, 'share'),
    ]);
    // 0.87 → 87%, 0.913 → 91.3%; confidence +44.9% and motivation +23%: the pair reaches +23%.
    expect(measures).toEqual({
      'plan-clarity': 87,
      'territory-quota-understanding': 91.3,
      'confidence-motivation': 23,
      'logistics-rating': 3.87,
      satisfaction: 4.04,
    });
  });

  it('leaves the joint metric unmeasured while either half is', () => {
    expect(scorecardMeasures([metric('confidence', 0.3, 'change'), metric('motivation', null, 'change'), metric('quiz-pass-rate', 0.8, 'share')])).toEqual({
      'certification-pass': 80,
    });
  });
});
