import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateScorecard, type MetricKey, SCORECARD_METRICS, type ScorecardContext, scorecardHighlights } from '../../../src/domain/insights/scorecard.js';
import { developersWordsInText } from '../../support/plain-words.js';

// Day 2 of an event that runs 2–4 Feb 2027; week 12 ends 21 Feb; fiscal Q1 ends 31 Mar.
const duringEvent: ScorecardContext = {
  today: '2027-02-03',
  periodEnds: { planning: '2027-02-01', event: '2027-02-04', 'follow-up': '2027-02-21', q1: '2027-03-31' },
};

const measures = {
  'planning-on-schedule': 100,
  'budget-adherence': 3, // the +3% projection of the budget test
  attendance: 93, // RSVPs: 93% of the team
  'logistics-rating': 3.5,
  'cost-per-attendee': 286_111, // $2,861.11: $515,000 over 180 expected
  satisfaction: 4.3,
  'certification-pass': null,
};

describe('the catalogue', () => {
  it('holds every success metric of seed 000, in its four groups', () => {
    expect(SCORECARD_METRICS.map((m) => [m.group, m.seed])).toEqual([
      ['pre-event', 'Planning completed on schedule (12 weeks)'],
      ['pre-event', 'Budget adherence (±5%)'],
      ['pre-event', 'Attendance >95% of team'],
      ['pre-event', 'Content approval from leadership'],
      ['event', 'Agenda adherence (sessions on time)'],
      ['event', 'Participant engagement (surveys, Q&A participation)'],
      ['event', 'Logistics quality (4.0+/5.0 rating)'],
      ['post-event', 'Rep clarity on FY plan (>90% survey)'],
      ['post-event', 'Territory/quota understanding (>95% clear)'],
      ['post-event', 'Rep confidence and motivation (+20% vs. baseline)'],
      ['post-event', 'Training retention (>75% pass certification)'],
      ['post-event', 'Q1 activity levels (+15% vs. prior year Q1)'],
      ['post-event', 'Q1 pipeline generation (meet or exceed targets)'],
      ['post-event', 'Rep retention (no SKO-related attrition)'],
      ['roi', 'Cost per attendee <$3K'],
      ['roi', 'Productivity improvement >10% in Q1'],
      ['roi', 'Deal velocity improvement >8%'],
      ['roi', 'Rep satisfaction >4.2/5.0'],
    ]);
  });
});

describe('evaluateScorecard', () => {
  let results: ReturnType<typeof evaluateScorecard>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    results = evaluateScorecard(measures, { ...duringEvent, reasons: { 'certification-pass': 'This SKO has no certification quiz.' } });
  });
  const byKey = (key: MetricKey) => results.find((r) => r.key === key);

  it('judges each measured figure against its target', () => {
    expect(results.filter((r) => r.status !== 'not measured').map((r) => [r.key, r.value, r.status])).toEqual([
      ['planning-on-schedule', 100, 'met'], // ≥ 100%
      ['budget-adherence', 3, 'met'], // |+3| ≤ 5
      ['attendance', 93, 'at risk'], // not > 95, but ≥ 85.5 and the event runs to 4 Feb
      ['logistics-rating', 3.5, 'missed'], // below 4.0 and below the 3.6 band
      ['cost-per-attendee', 286_111, 'met'], // < 300,000 cents
      ['satisfaction', 4.3, 'met'], // > 4.2
    ]);
    expect(byKey('attendance')).toEqual({
      key: 'attendance',
      group: 'pre-event',
      label: 'Attendance',
      value: 93,
      unit: 'percent',
      target: 'above 95% of the team',
      targetFromSeed: true,
      status: 'at risk',
      source: 'RSVPs to the save-the-date until day 1, then people checked in on at least one event day, against the expected headcount',
      reason: 'Short of the target but at least 85.5% of the team, and the event runs until 2027-02-04.',
    });
    expect(byKey('logistics-rating')?.reason).toBe('Short of the target by more than the at-risk band (at least 3.6 / 5).');
    expect(byKey('satisfaction')).not.toHaveProperty('reason');
  });

  it('says why the rest are not measured and what would measure them', () => {
    expect(results.filter((r) => r.status === 'not measured').map((r) => r.key)).toEqual([
      'content-approval',
      'agenda-adherence',
      'engagement',
      'plan-clarity',
      'territory-quota-understanding',
      'confidence-motivation',
      'certification-pass',
      'q1-activity',
      'q1-pipeline',
      'rep-retention',
      'productivity',
      'deal-velocity',
    ]);
    expect(byKey('certification-pass')).toMatchObject({
      value: null,
      reason: 'This SKO has no certification quiz. Measured from the week-11 certification quiz: attendees who pass, out of those who take it.',
    });
    expect(byKey('q1-activity')?.reason).toBe(
      "Needs this Q1's deals and last year's Q1 deals: an admin shares the deals file in SKO Conductor's DM. Measured from imported deals: deals the reps created so far in Q1 against the same dates of last year's Q1.",
    );
    expect(byKey('agenda-adherence')).toMatchObject({ target: 'at least 90% of sessions start within 5 minutes of schedule', targetFromSeed: false });
  });

  it('explains a missing figure in Slack words: no server command, no seed number', () => {
    const shown = evaluateScorecard({}, duringEvent).flatMap((r) => [r.label, r.target, r.reason ?? '']);
    expect(developersWordsInText(shown.join('\n'))).toEqual([]);
  });

  it('turns at risk into missed once the period is over', () => {
    const after = evaluateScorecard({ attendance: 93 }, { ...duringEvent, today: '2027-02-05' });
    expect(after.find((r) => r.key === 'attendance')).toMatchObject({ status: 'missed', reason: 'Short of the target, and the event ended on 2027-02-04.' });
  });

  it('draws the lines exactly where the targets and bands are', () => {
    const status = (key: MetricKey, value: number) => evaluateScorecard({ [key]: value }, duringEvent).find((r) => r.key === key)?.status;
    // Above 95% is met; 95% itself is not.
    expect([95.1, 95, 85.5, 85.4].map((v) => status('attendance', v))).toEqual(['met', 'at risk', 'at risk', 'missed']);
    // ±5% of plan is met either way; up to ±10% at risk.
    expect([-5, 5, 7.5, -10, -12].map((v) => status('budget-adherence', v))).toEqual(['met', 'met', 'at risk', 'at risk', 'missed']);
    // Below $3,000 is met; $3,000 itself up to $3,300 is at risk.
    expect([299_999, 300_000, 330_000, 330_001].map((v) => status('cost-per-attendee', v))).toEqual(['met', 'at risk', 'at risk', 'missed']);
    // 4.0 itself is met (4.0+).
    expect([4, 3.6, 3.59].map((v) => status('logistics-rating', v))).toEqual(['met', 'at risk', 'missed']);
    // No attendee gone is met; one who left is for leaders to judge, even once Q1 is over.
    expect([0, 1].map((v) => status('rep-retention', v))).toEqual(['met', 'at risk']);
    const afterQ1 = evaluateScorecard({ 'rep-retention': 2 }, { ...duringEvent, today: '2027-06-01' }).find((r) => r.key === 'rep-retention');
    expect(afterQ1).toMatchObject({
      status: 'at risk',
      reason: 'Attendees left soon after the SKO: sales leaders judge whether any departure was SKO-related.',
    });
  });

  it('carries what a measured figure rests on, and nothing for one not measured', () => {
    const bases = { productivity: 'Q1 so far: $90,000 per rep.', 'deal-velocity': 'Q1 so far: $3,624.16 a day.' };
    const scored = evaluateScorecard({ productivity: 20, 'deal-velocity': null }, { ...duringEvent, bases });
    expect(scored.find((r) => r.key === 'productivity')).toMatchObject({ status: 'met', basis: 'Q1 so far: $90,000 per rep.' });
    expect(scored.find((r) => r.key === 'deal-velocity')).not.toHaveProperty('basis');
  });

  it('refuses a figure that is not a number', () => {
    expect(() => evaluateScorecard({ satisfaction: Number.NaN }, duringEvent)).toThrow('The measure for satisfaction must be a finite number; got NaN.');
  });
});

describe('scorecardHighlights', () => {
  let results: ReturnType<typeof evaluateScorecard>;
  // Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
  beforeEach(() => {
    results = evaluateScorecard(measures, duringEvent);
  });

  it('puts missed first, then at risk, then met, and leaves out what is not measured', () => {
    expect(scorecardHighlights(results, 4).map((r) => [r.key, r.status])).toEqual([
      ['logistics-rating', 'missed'],
      ['attendance', 'at risk'],
      ['planning-on-schedule', 'met'],
      ['budget-adherence', 'met'],
    ]);
    expect(scorecardHighlights(results, 10)).toHaveLength(6);
  });
});
