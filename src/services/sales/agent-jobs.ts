import type { Db } from '../../../db/client.js';
import { type CompResult, createCompCalculator, planFor } from '../../agents/comp.js';
import { type DataNotes, dataNotes } from '../../agents/data-notes.js';
import { fiscalYearOf, fiscalYearPeriod, type Period, sameDatesLastYear } from '../../agents/definitions.js';
import { createForecaster, type ForecastResult } from '../../agents/forecast.js';
import { createPerfTracker, type GroupMetrics, type PerfResult } from '../../agents/perf.js';
import { createPipelineAnalyst, type PipelineResult } from '../../agents/pipeline.js';
import { createTerritoryPlanner, type RepPackage, type TerritoryGroup, type TerritoryParameters, type TerritoryResult } from '../../agents/territory.js';
import { createTracking, lastYearWeeks, type TrackingResult } from '../../agents/tracking.js';
import { NotFoundError } from '../../errors.js';
import {
  dealHistory,
  dealsFor,
  dealsTouching,
  loadAccounts,
  loadCompPlans,
  loadPeople,
  loadQuotas,
  newestRecord,
  pipelineDeals,
  type Scope,
  stageEntries,
} from './sales-data.js';
import { fiscalCalendar, noTerritoryTarget, territorySettings } from './settings.js';

/**
 * The agents' use-cases: read what a job needs, fold the deals through the agent, return its typed
 * result. Synchronous on purpose: it runs in the agent worker (its own thread and connection) for
 * Slack, and directly for the command line.
 */

export type AgentJob =
  | { agent: 'perf'; today: string; period: Period; scope: Scope; compareWithLastYear?: boolean }
  | { agent: 'territory'; today: string; fiscalYear?: number; parameters?: Partial<TerritoryParameters>; scope: Scope }
  | { agent: 'comp'; today: string; period: Period; repId: number | null; scope: Scope }
  | { agent: 'me'; personId: number; today: string }
  | { agent: 'forecast'; today: string; growthPct: number; targetCents: number | null; scope: Scope }
  | { agent: 'pipeline'; today: string; period: Period; scope: Scope }
  | { agent: 'tracking'; today: string; scope: Scope };

/** Seed 000's Q1 activity target: +15% on the same weeks last year. */
const ACTIVITY_TARGET_PCT = 15;

export interface MeResult {
  agent: 'me';
  person: { key: string; name: string; team: string | null; region: string | null };
  period: Period;
  fiscalYear: string;
  performance: GroupMetrics;
  byQuarter: GroupMetrics[];
  /** Next year's package, when a territory plan has been set. */
  territory: { fiscalYear: string; package: RepPackage } | null;
  comp: CompResult;
}

export type WithNotes<T> = T & DataNotes;

/** Every result carries the date its data is as of and its warnings in words (src/agents/data-notes.ts). */
type AgentResult = PerfResult | TerritoryResult | CompResult | MeResult | ForecastResult | PipelineResult | TrackingResult;
export type AgentOutput = WithNotes<AgentResult>;

export function runAgentJob(db: Db, job: AgentJob): AgentOutput {
  const result = runAgent(db, job);
  const scope: Scope = job.agent === 'me' ? { kind: 'people', ids: [job.personId] } : job.scope;
  const dataAsOf = newestRecord(db, scope, job.today);
  return { ...result, ...dataNotes(result.agent === 'me' ? result.comp : result, dataAsOf, job.today) };
}

function runAgent(db: Db, job: AgentJob): AgentResult {
  switch (job.agent) {
    case 'perf': {
      const result = perf(db, job.period, job.scope);
      if (!job.compareWithLastYear) return result;
      const period = sameDatesLastYear(job.period);
      return { ...result, priorYear: { period, totals: perf(db, period, job.scope).totals } };
    }
    case 'territory':
      return territory(db, job);
    case 'comp':
      return comp(db, job.period, job.repId, job.scope);
    case 'me':
      return me(db, job.personId, job.today);
    case 'forecast': {
      const forecaster = createForecaster({ today: job.today, calendar: fiscalCalendar(db), growthPct: job.growthPct, targetCents: job.targetCents });
      for (const deal of dealHistory(db, job.scope)) forecaster.add(deal);
      return forecaster.result();
    }
    case 'pipeline': {
      const analyst = createPipelineAnalyst({ today: job.today, period: job.period, people: loadPeople(db, job.scope) });
      for (const deal of pipelineDeals(db, job.period, job.scope)) analyst.add(deal);
      for (const entry of stageEntries(db, job.scope)) analyst.addStageEntry(entry);
      return analyst.result();
    }
    case 'tracking': {
      const period = { from: fiscalYearPeriod(fiscalYearOf(job.today, fiscalCalendar(db)), fiscalCalendar(db)).from, to: job.today };
      const tracking = createTracking({ period, people: loadPeople(db, job.scope), activityTargetPct: ACTIVITY_TARGET_PCT });
      for (const deal of dealsTouching(db, [period, lastYearWeeks(period)], job.scope)) tracking.add(deal);
      return tracking.result();
    }
  }
}

function perf(db: Db, period: Period, scope: Scope): PerfResult {
  const tracker = createPerfTracker({ period, calendar: fiscalCalendar(db), people: loadPeople(db, scope), quotas: loadQuotas(db, scope) });
  for (const deal of dealsFor(db, period, scope)) tracker.add(deal);
  return tracker.result();
}

/** The plan is always worked out for every rep (each share depends on everyone's); the scope only picks the packages shown. */
function territory(db: Db, job: Extract<AgentJob, { agent: 'territory' }>): TerritoryResult {
  const calendar = fiscalCalendar(db);
  const saved = territorySettings(db);
  const fiscalYear = job.fiscalYear ?? saved?.fiscalYear ?? fiscalYearOf(job.today, calendar) + 1;
  const stored = saved?.fiscalYear === fiscalYear ? saved : undefined;
  const parameters = { ...stored, ...job.parameters };
  if (!parameters.targetCents) {
    throw new NotFoundError(noTerritoryTarget(fiscalYear));
  }
  const everyone = loadPeople(db, { kind: 'all' });
  const reps = everyone.filter((p) => p.role === 'rep');
  if (reps.length === 0) throw new NotFoundError('There are no reps to give quotas to: import the people file (role rep) first.');
  const planner = createTerritoryPlanner({
    fiscalYear,
    calendar,
    parameters: {
      targetCents: parameters.targetCents,
      overAssignmentPct: parameters.overAssignmentPct ?? 10,
      ramp: parameters.ramp ?? [0, 25, 50, 75, 100],
      historyWeightPct: parameters.historyWeightPct ?? 50,
    },
    reps,
    accounts: loadAccounts(db),
  });
  for (const deal of dealsFor(db, fiscalYearPeriod(fiscalYear - 1, calendar), { kind: 'all' })) planner.add(deal);
  const result = planner.result();
  if (job.scope.kind === 'all') return result;
  const keys = new Set(loadPeople(db, job.scope).map((p) => p.key));
  const packages = result.packages.filter((p) => keys.has(p.key));
  // A team or region total is shown only when every rep in it is in the reader's scope: a total
  // over people outside it, beside her own reps' packages, would give away the others' quotas.
  const wholly = (groupOf: (p: RepPackage) => string) => {
    const outside = new Set(result.packages.filter((p) => !keys.has(p.key)).map(groupOf));
    const inside = new Set(packages.map(groupOf));
    return (g: TerritoryGroup) => inside.has(g.key) && !outside.has(g.key);
  };
  return {
    ...result,
    packages,
    byTeam: result.byTeam.filter(wholly((p) => p.team)),
    byRegion: result.byRegion.filter(wholly((p) => p.region)),
  };
}

function comp(db: Db, period: Period, repId: number | null, scope: Scope): CompResult {
  const calendar = fiscalCalendar(db);
  const rep = repId === null ? null : (loadPeople(db, { kind: 'people', ids: [repId] })[0] ?? null);
  const plans = loadCompPlans(db);
  if (plans.length === 0) throw new NotFoundError('No comp plans have been imported yet: an admin imports them with the comp-plans CSV.');
  const calculator = createCompCalculator({ period, calendar, plans, rep, quotas: rep ? loadQuotas(db, { kind: 'people', ids: [rep.id] }) : [] });
  if (rep) for (const deal of dealsFor(db, period, { kind: 'people', ids: [rep.id] })) calculator.add(deal);
  const result = calculator.result();
  if (rep || scope.kind === 'all') return result;
  // A manager sees the plans their reps are on.
  const names = new Set(loadPeople(db, scope).map((p) => planFor(p, plans)?.name));
  return { ...result, plans: result.plans.filter((p) => names.has(p.plan.name)) };
}

function me(db: Db, personId: number, today: string): MeResult {
  const calendar = fiscalCalendar(db);
  const fy = fiscalYearOf(today, calendar);
  const period = fiscalYearPeriod(fy, calendar);
  const self: Scope = { kind: 'people', ids: [personId] };
  const person = loadPeople(db, self)[0];
  if (!person) throw new NotFoundError('You are not in the sales data yet.');
  const performance = perf(db, period, self);
  let plan: MeResult['territory'] = null;
  try {
    const t = territory(db, { agent: 'territory', today, scope: self });
    const own = t.packages[0];
    if (own) plan = { fiscalYear: t.fiscalYear, package: own };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  let compResult: CompResult;
  try {
    compResult = comp(db, period, personId, self);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    compResult = {
      agent: 'commission-calculations',
      period,
      rep: { key: person.key, name: person.name ?? person.key },
      plans: [],
      statement: null,
      noStatement: null,
    };
  }
  return {
    agent: 'me',
    person: { key: person.key, name: person.name ?? person.key, team: person.team, region: person.region },
    period,
    fiscalYear: `FY${fy}`,
    performance: { ...performance.totals, key: person.key, name: person.name ?? person.key },
    byQuarter: performance.byQuarter,
    territory: plan,
    comp: compResult,
  };
}
