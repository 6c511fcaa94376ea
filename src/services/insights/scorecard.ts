/**
 * Measures every seed metric the app can from its own data, and asks the other services (through
 * DigestSources) for the rest; src/domain/scorecard.ts judges the figures.
 */
import type { Db } from '../../../db/client.js';
import { type FiscalCalendar, fiscalQuarterPeriod, fiscalYearOf, type Period } from '../../agents/definitions.js';
import { q1Window } from '../../agents/q1-impact.js';
import type { BudgetReport } from '../../domain/budget/budget.js';
import { addDays, formatCalendarDate, localDate } from '../../domain/dates.js';
import { retentionBasis } from '../../domain/insights/retention.js';
import { evaluateScorecard, type MetricKey, type MetricResult } from '../../domain/insights/scorecard.js';
import type { StatusTask } from '../../domain/plan/status.js';
import { agendaAdherence } from '../agenda/run-of-show.js';
import { budgetReportFor, hasExpenses } from '../budget/budget.js';
import { attendanceFromCheckIns } from '../check-in/check-in.js';
import { contentApprovalMeasure } from '../content/measure.js';
import type { EventPlan } from '../plan/event-store.js';
import { hasDeals } from '../sales/sales-data.js';
import { fiscalCalendar } from '../sales/settings.js';
import type { DigestSources } from './digest-sources.js';
import { storedQ1Impact } from './q1-figures.js';
import { retentionOf } from './retention.js';

/** Tasks due before today, and how many of them were marked done by their due date (in the event's calendar). */
function planningOnSchedule(tasks: readonly StatusTask[], today: string, timeZone: string): { due: number; onTime: number } {
  const due = tasks.filter((t) => t.dueDate < today);
  const onTime = due.filter((t) => t.status === 'done' && t.done && localDate(new Date(t.done.at), timeZone) <= t.dueDate).length;
  return { due: due.length, onTime };
}

const Q1_BEING_WORKED_OUT = 'The Q1 figures are being worked out from the sales data; they are ready within a few minutes of new data or a new day.';

/** Whole percent to one decimal. */
function share(part: number, whole: number): number {
  return Math.round((part * 1000) / whole) / 10;
}

export function scorecardFor(db: Db, plan: EventPlan, now: Date, sources: DigestSources, budgetReport?: BudgetReport): MetricResult[] {
  const { event, timeline } = plan;
  const today = localDate(now, event.timeZone);
  const measures: Partial<Record<MetricKey, number | null>> = {};

  const schedule = planningOnSchedule(plan.tasks, today, event.timeZone);
  if (schedule.due > 0) measures['planning-on-schedule'] = share(schedule.onTime, schedule.due);

  const budget = budgetReport ?? budgetReportFor(db, event, now);
  if (hasExpenses(db, event.id)) measures['budget-adherence'] = budget.projection.variancePct;
  // While RSVPs are still coming in, the few who have confirmed would make every seat look dear:
  // the expected headcount is the basis until day 1, the confirmed attendees from then on.
  const cost = budget.costPerAttendee;
  measures['cost-per-attendee'] = today >= event.day1 ? (cost.perActualCents ?? cost.perExpectedCents) : cost.perExpectedCents;

  const rsvps = sources.rsvps(db, event);
  if (rsvps && rsvps.attending + rsvps.notAttending + rsvps.maybe > 0) measures.attendance = share(rsvps.attending, event.headcount);
  const surveys = sources.surveys(db, event, now);
  Object.assign(measures, surveys?.measures());
  const engagement = sources.engagement(db, event);
  if (engagement !== null) measures.engagement = engagement;

  const bases: Partial<Record<MetricKey, string>> = {};
  const reasons: Partial<Record<MetricKey, string>> = {};
  const checkIns = attendanceFromCheckIns(db, event, today);
  if (checkIns) {
    if (checkIns.value !== null) measures.attendance = checkIns.value;
    bases.attendance = checkIns.basis;
  }
  const calendar = fiscalCalendar(db);
  const q1 = q1Of(event.day1, calendar);
  const sales = hasDeals(db);
  const window = sales ? q1Window(event.day1, today, calendar) : null;
  const impact = window ? storedQ1Impact(db, window) : undefined;
  // With deals imported, a Q1 row without its figure says when it will have one.
  let q1Reason: string | null = null;
  if (sales && !window) q1Reason = `Q1 starts on ${formatCalendarDate(q1.from, 'D MMM YYYY')}.`;
  else if (window && !impact) q1Reason = Q1_BEING_WORKED_OUT;
  for (const [key, measure] of [
    ['productivity', impact?.productivity],
    ['deal-velocity', impact?.velocity],
    ['q1-activity', impact?.activity],
    ['q1-pipeline', impact?.pipeline],
  ] as const) {
    if (q1Reason) reasons[key] = q1Reason;
    if (!measure) continue;
    measures[key] = measure.change;
    (measure.change === null ? reasons : bases)[key] = measure.basis;
  }
  const retention = retentionOf(db, event, today);
  if (retention) {
    measures['rep-retention'] = retention.leavers.length;
    bases['rep-retention'] = retentionBasis(retention, today);
  }
  const content = contentApprovalMeasure(db, plan, now);
  if (content.value === null) reasons['content-approval'] = content.reason;
  else {
    measures['content-approval'] = content.value;
    bases['content-approval'] = content.basis;
  }

  const adherence = agendaAdherence(db, event);
  if (adherence) {
    measures['agenda-adherence'] = adherence.percent;
    bases['agenda-adherence'] = adherence.basis;
  }

  const lastEventDay = timeline.eventDays[timeline.eventDays.length - 1]?.date ?? event.day1;
  const week12 = timeline.weeks[timeline.weeks.length - 1];
  return evaluateScorecard(measures, {
    today,
    reasons,
    bases,
    periodEnds: {
      planning: addDays(event.day1, -1),
      event: lastEventDay,
      'follow-up': week12?.end ?? lastEventDay,
      q1: q1.to,
    },
  });
}

/** The fiscal Q1 the SKO opens: the quarter starting with the latest fiscal-year start on or before day 1. */
function q1Of(day1: string, calendar: FiscalCalendar): Period {
  return fiscalQuarterPeriod(fiscalYearOf(day1, calendar), 1, calendar);
}
