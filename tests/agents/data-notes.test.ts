import { describe, expect, it } from 'vitest';
import { createCompCalculator } from '../../src/agents/comp.js';
import { dataNotes } from '../../src/agents/data-notes.js';
import { createForecaster } from '../../src/agents/forecast.js';
import { createPerfTracker } from '../../src/agents/perf.js';
import { createPipelineAnalyst, type PipelineDeal } from '../../src/agents/pipeline.js';
import { createTerritoryPlanner } from '../../src/agents/territory.js';
import { createTracking } from '../../src/agents/tracking.js';

const FY2017 = { from: '2017-01-01', to: '2017-12-31' };
const ann = { id: 1, key: 'ann@example.com', name: 'Ann', role: 'rep' as const, team: 'East', region: null, segment: null };
const open = (createdDate: string | null, amountCents: number | null, closeDate: string | null = null): PipelineDeal => ({
  ownerId: 1,
  outcome: 'open',
  amountCents,
  segment: null,
  product: null,
  createdDate,
  closeDate,
  stage: 'Proposal',
});

describe('data as of, and how fresh it is', () => {
  const perf = () => createPerfTracker({ period: FY2017, calendar: { startMonth: 1 }, people: [ann], quotas: [] }).result();

  it('carries the newest record’s date; 90 days before today is fresh, 91 is stale, and the warning names the date', () => {
    // 2 Oct to 31 Dec: 29 + 30 + 31 = 90 days; 1 Oct: 91.
    expect(dataNotes(perf(), '2017-10-02', '2017-12-31')).toEqual({ dataAsOf: '2017-10-02', alerts: [] });
    expect(dataNotes(perf(), '2017-10-01', '2017-12-31')).toEqual({
      dataAsOf: '2017-10-01',
      alerts: ['The newest deal in the data is from 2017-10-01, 91 days ago: import a fresh export before relying on these figures.'],
    });
  });

  it('with no deals at all, says so', () => {
    expect(dataNotes(perf(), null, '2017-12-31')).toEqual({ dataAsOf: null, alerts: ['There are no deals in the data yet: an admin imports the deals file.'] });
  });
});

describe('each agent’s warnings in words', () => {
  it('pipeline: each data problem counted, one or many, and the stale deals left out of velocity', () => {
    const analyst = createPipelineAnalyst({ today: '2017-12-31', period: FY2017, people: [ann] });
    // Won cycle 10 days: open deals over 20 days old are stale. Two open deals with no amount, one past its close date,
    // one without a created date, one 30 days old (stale).
    for (const d of [
      { ...open('2017-01-01', 100, '2017-01-11'), outcome: 'won' as const },
      open('2017-12-21', null),
      open('2017-12-21', null, '2017-12-30'),
      open(null, 100),
      open('2017-12-01', 100),
    ])
      analyst.add(d);
    expect(dataNotes(analyst.result(), '2017-12-21', '2017-12-31').alerts).toEqual([
      '2 open deals have no amount (counted, at no value).',
      '1 open deal is past its expected close date.',
      '1 deal has no created date (no age or cycle).',
      '1 open deal is older than 20 days and left out of velocity as stale.',
    ]);
  });

  it('forecast: won and open deals without an amount, closes after today', () => {
    const forecaster = createForecaster({ today: '2017-12-31', calendar: { startMonth: 1 }, growthPct: 20, targetCents: null });
    const base = { ownerId: 1, segment: null, product: null, createdDate: null };
    for (const d of [
      { ...base, outcome: 'won' as const, amountCents: null, closeDate: '2017-06-01' },
      { ...base, outcome: 'won' as const, amountCents: null, closeDate: '2017-07-01' },
      { ...base, outcome: 'open' as const, amountCents: null, closeDate: null },
      { ...base, outcome: 'lost' as const, amountCents: 5, closeDate: '2018-01-02' },
    ])
      forecaster.add(d);
    expect(dataNotes(forecaster.result(), '2017-07-01', '2017-12-31').alerts.slice(1)).toEqual([
      '2 won deals have no amount (deals, but no revenue).',
      '1 open deal has no amount.',
      '1 closed deal has a close date after today (left out).',
    ]);
  });

  it('perf: last year’s open pipeline cannot be rebuilt, said only when last year is compared', () => {
    const result = createPerfTracker({ period: FY2017, calendar: { startMonth: 1 }, people: [ann], quotas: [] }).result();
    expect(dataNotes(result, '2017-12-01', '2017-12-31').alerts).toEqual([]);
    const withPrior = { ...result, priorYear: { period: { from: '2016-01-01', to: '2016-12-31' }, totals: result.totals } };
    expect(dataNotes(withPrior, '2017-12-01', '2017-12-31').alerts).toEqual([
      "Last year's open pipeline cannot be rebuilt: the deals file is a snapshot of what is open now, so last year's open figures are today's open deals dated then.",
    ]);
  });

  it('tracking: pipeline created is at today’s amounts; territory and comp have nothing of their own', () => {
    const tracking = createTracking({ period: { from: '2018-01-01', to: '2018-01-21' }, people: [ann], activityTargetPct: 15 }).result();
    expect(dataNotes(tracking, '2018-01-20', '2018-01-21').alerts).toEqual([
      'Pipeline created counts each deal at its amount now, not when it was created: the deals file keeps no amount history.',
    ]);
    const territory = createTerritoryPlanner({
      fiscalYear: 2018,
      calendar: { startMonth: 1 },
      parameters: { targetCents: 100, overAssignmentPct: 0, ramp: [100], historyWeightPct: 0 },
      reps: [ann],
      accounts: [],
    }).result();
    expect(dataNotes(territory, '2017-12-01', '2017-12-31').alerts).toEqual([]);
    const comp = createCompCalculator({ period: FY2017, calendar: { startMonth: 1 }, plans: [], rep: null, quotas: [] }).result();
    expect(dataNotes(comp, '2017-12-01', '2017-12-31').alerts).toEqual([]);
  });
});
