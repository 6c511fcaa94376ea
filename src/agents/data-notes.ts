import { dayNumber } from '../domain/dates.js';
import type { CompResult } from './comp.js';
import { STALE_AFTER_DAYS } from './definitions.js';
import type { ForecastResult } from './forecast.js';
import type { PerfResult } from './perf.js';
import type { PipelineResult } from './pipeline.js';
import type { TerritoryResult } from './territory.js';
import type { TrackingResult } from './tracking.js';

/**
 * What every agent's reply and JSON says of the data under it: the newest record's date, and the
 * warnings in words (each agent's data problems, and what a figure cannot be rebuilt from).
 */
export interface DataNotes {
  /** The newest created date, or close date of a closed deal, up to today, among the deals in scope; null with none. */
  dataAsOf: string | null;
  alerts: string[];
}

type AgentResult = PerfResult | TrackingResult | PipelineResult | ForecastResult | TerritoryResult | CompResult;

export function dataNotes(result: AgentResult, dataAsOf: string | null, today: string): DataNotes {
  return { dataAsOf, alerts: [...freshness(dataAsOf, today), ...alertsOf(result)] };
}

function freshness(dataAsOf: string | null, today: string): string[] {
  if (dataAsOf === null) return ['There are no deals in the data yet: an admin imports the deals file.'];
  const days = dayNumber(today) - dayNumber(dataAsOf);
  return days > STALE_AFTER_DAYS
    ? [`The newest deal in the data is from ${dataAsOf}, ${days} days ago: import a fresh export before relying on these figures.`]
    : [];
}

/** `3 open deals have no amount`: the sentence for a count, or nothing when it is zero. */
function counted(n: number, one: string, many: string): string[] {
  return n === 0 ? [] : [`${n} ${n === 1 ? one : many}.`];
}

function alertsOf(result: AgentResult): string[] {
  switch (result.agent) {
    case 'quota-performance-tracker':
      if ('view' in result) {
        return ['Pipeline created counts each deal at its amount now, not when it was created: the deals file keeps no amount history.'];
      }
      return result.priorYear
        ? [
            "Last year's open pipeline cannot be rebuilt: the deals file is a snapshot of what is open now, so last year's open figures are today's open deals dated then.",
          ]
        : [];
    case 'sales-pipeline-analyst': {
      const w = result.warnings;
      return [
        ...counted(w.openWithoutAmount, 'open deal has no amount (counted, at no value)', 'open deals have no amount (counted, at no value)'),
        ...counted(w.openPastCloseDate, 'open deal is past its expected close date', 'open deals are past their expected close date'),
        ...counted(w.closedInFuture, 'closed deal has a close date after today', 'closed deals have a close date after today'),
        ...counted(w.withoutCreatedDate, 'deal has no created date (no age or cycle)', 'deals have no created date (no age or cycle)'),
        ...counted(
          result.activeWindow.staleOpenDeals,
          `open deal is older than ${result.activeWindow.maxAgeDays} days and left out of velocity as stale`,
          `open deals are older than ${result.activeWindow.maxAgeDays} days and left out of velocity as stale`,
        ),
      ];
    }
    case 'revenue-forecaster': {
      const w = result.warnings;
      return [
        ...counted(w.wonWithoutAmount, 'won deal has no amount (a deal, but no revenue)', 'won deals have no amount (deals, but no revenue)'),
        ...counted(w.openWithoutAmount, 'open deal has no amount', 'open deals have no amount'),
        ...counted(w.closedInFuture, 'closed deal has a close date after today (left out)', 'closed deals have a close date after today (left out)'),
      ];
    }
    case 'territory-planning-advisor':
    case 'commission-calculations':
      return [];
  }
}
