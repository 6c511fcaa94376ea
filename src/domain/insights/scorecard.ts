/**
 * The success scorecard (`/sko metrics`): every success metric of seed 000 as data, and the verdict
 * on each from whatever the app could measure (PRODUCT §5). Measuring is the services' job; this
 * module only judges the figures, and says why a figure is missing and what would supply it.
 *
 * At risk: short of the target but within 10% of it (at least 90% of a floor, at most 110% of a
 * ceiling) while the metric's measurement period is still open. Two exceptions: budget adherence is
 * at risk up to ±10% of plan, and rep retention, whose target is about why people left, which the
 * app cannot know: any departure is at risk until leaders judge it. Once the period is over, short
 * of the target is missed.
 */
import { BUDGET_TOLERANCE_PCT, COST_PER_ATTENDEE_TARGET_CENTS } from '../budget/budget.js';

export type MetricGroup = 'pre-event' | 'event' | 'post-event' | 'roi';

export const METRIC_GROUPS: readonly { key: MetricGroup; label: string }[] = [
  { key: 'pre-event', label: 'Pre-event' },
  { key: 'event', label: 'Event execution' },
  { key: 'post-event', label: 'Post-event impact' },
  { key: 'roi', label: 'ROI' },
];

/**
 * When a metric's figure is final. The service gives each period's last day: planning, the day
 * before day 1; event, the last event day; follow-up, the end of week 12; q1, the fiscal Q1's last day.
 */
type MeasurementPeriod = 'planning' | 'event' | 'follow-up' | 'q1';

const PERIOD_NAMES: Record<MeasurementPeriod, string> = {
  planning: 'planning',
  event: 'the event',
  'follow-up': 'the follow-up period',
  q1: 'Q1',
};

/**
 * percent: a share, 0–100. change: a signed % change (budget: variance against plan).
 * rating: an average on a 1–5 scale. cents: money. people: a count.
 */
type MetricUnit = 'percent' | 'change' | 'rating' | 'cents' | 'people';

/** 'within': the value's size is at most the target (±). */
type Comparator = '>' | '>=' | '<' | '<=' | 'within';

interface MetricTarget {
  comparator: Comparator;
  value: number;
  unit: MetricUnit;
  text: string;
  /** False where seed 000 names the metric but sets no number, and the figure is ours. */
  fromSeed: boolean;
}

export interface MetricDefinition {
  key: string;
  group: MetricGroup;
  label: string;
  /** Seed 000's words for the metric. */
  seed: string;
  target: MetricTarget;
  /** The at-risk band's far edge, in the target's direction; null when there is none. */
  atRisk: { bound: number; text: string } | null;
  period: MeasurementPeriod;
  /** What measures it. */
  source: string;
  /** Short of the target is for people to judge, not the app: the verdict is at risk, with this reason. */
  judgement?: string;
  /** Why it usually has no figure yet. */
  missing: string;
}

const SURVEY_MISSING = 'The post-event survey has no answers yet; it goes out in week 11.';
const Q1_DEALS_MISSING = "Needs this Q1's deals and last year's Q1 deals: an admin shares the deals file in SKO Conductor's DM.";

export const SCORECARD_METRICS = [
  {
    key: 'planning-on-schedule',
    group: 'pre-event',
    label: 'Planning on schedule',
    seed: 'Planning completed on schedule (12 weeks)',
    target: { comparator: '>=', value: 100, unit: 'percent', text: 'every task done by its due date', fromSeed: true },
    atRisk: { bound: 90, text: 'at least 90% of tasks done on time' },
    period: 'planning',
    source: 'the plan: tasks due so far that were marked done by their due date',
    missing: 'No task has fallen due yet.',
  },
  {
    key: 'budget-adherence',
    group: 'pre-event',
    label: 'Budget adherence',
    seed: 'Budget adherence (±5%)',
    target: { comparator: 'within', value: BUDGET_TOLERANCE_PCT, unit: 'change', text: 'within ±5% of the budget', fromSeed: true },
    atRisk: { bound: 10, text: 'within ±10% of the budget' },
    period: 'follow-up',
    source: 'the budget: spent and committed against plan, projected at completion until the event is over (/sko budget)',
    missing: 'No expenses are recorded yet.',
  },
  {
    key: 'attendance',
    group: 'pre-event',
    label: 'Attendance',
    seed: 'Attendance >95% of team',
    target: { comparator: '>', value: 95, unit: 'percent', text: 'above 95% of the team', fromSeed: true },
    atRisk: { bound: 85.5, text: 'at least 85.5% of the team' },
    period: 'event',
    source: 'RSVPs to the save-the-date until day 1, then people checked in on at least one event day, against the expected headcount',
    missing: 'No RSVPs yet; the save-the-date goes out in week 6.',
  },
  {
    key: 'content-approval',
    group: 'pre-event',
    label: 'Content approved by leadership',
    seed: 'Content approval from leadership',
    target: { comparator: '>=', value: 100, unit: 'percent', text: 'all session content approved', fromSeed: true },
    atRisk: { bound: 90, text: 'at least 90% of sessions approved' },
    period: 'planning',
    source: 'the agenda: sessions whose content a sales leader approved by the end of week 9, out of all sessions but social time (/sko content)',
    missing: 'No session has been put up for approval yet.',
  },
  {
    key: 'agenda-adherence',
    group: 'event',
    label: 'Agenda adherence',
    seed: 'Agenda adherence (sessions on time)',
    target: { comparator: '>=', value: 90, unit: 'percent', text: 'at least 90% of sessions start within 5 minutes of schedule', fromSeed: false },
    atRisk: { bound: 81, text: 'at least 81% on time' },
    period: 'event',
    source: "the event team's record of when each session actually started",
    missing: 'Session start times are recorded during the event, with the Started buttons of the run of show.',
  },
  {
    key: 'engagement',
    group: 'event',
    label: 'Participant engagement',
    seed: 'Participant engagement (surveys, Q&A participation)',
    target: { comparator: '>=', value: 70, unit: 'percent', text: 'at least 70% of attendees answer a survey, ask a question or upvote one', fromSeed: false },
    atRisk: { bound: 63, text: 'at least 63% of attendees' },
    period: 'follow-up',
    source: 'survey answers, and questions asked or upvoted during the event, counted per attendee',
    missing: 'No survey has been answered and no question asked or upvoted yet.',
  },
  {
    key: 'logistics-rating',
    group: 'event',
    label: 'Logistics quality',
    seed: 'Logistics quality (4.0+/5.0 rating)',
    target: { comparator: '>=', value: 4, unit: 'rating', text: 'at least 4.0 / 5', fromSeed: true },
    atRisk: { bound: 3.6, text: 'at least 3.6 / 5' },
    period: 'follow-up',
    source: "the post-event survey's logistics rating, averaged",
    missing: SURVEY_MISSING,
  },
  {
    key: 'plan-clarity',
    group: 'post-event',
    label: 'Clarity on the FY plan',
    seed: 'Rep clarity on FY plan (>90% survey)',
    target: { comparator: '>', value: 90, unit: 'percent', text: 'above 90% of respondents clear', fromSeed: true },
    atRisk: { bound: 81, text: 'at least 81% clear' },
    period: 'follow-up',
    source: 'the post-event survey: respondents who say they are clear on the FY plan',
    missing: SURVEY_MISSING,
  },
  {
    key: 'territory-quota-understanding',
    group: 'post-event',
    label: 'Territory and quota understanding',
    seed: 'Territory/quota understanding (>95% clear)',
    target: { comparator: '>', value: 95, unit: 'percent', text: 'above 95% of respondents clear', fromSeed: true },
    atRisk: { bound: 85.5, text: 'at least 85.5% clear' },
    period: 'follow-up',
    source: 'the post-event survey: respondents who say they understand their territory and quota',
    missing: SURVEY_MISSING,
  },
  {
    key: 'confidence-motivation',
    group: 'post-event',
    label: 'Confidence and motivation',
    seed: 'Rep confidence and motivation (+20% vs. baseline)',
    target: { comparator: '>=', value: 20, unit: 'change', text: '+20% or more against the pre-event baseline', fromSeed: true },
    atRisk: { bound: 18, text: 'at least +18%' },
    period: 'follow-up',
    source: 'the pre-event and post-event surveys: the smaller of the changes in average confidence and in average motivation',
    missing: 'Needs both the pre-event survey (the baseline) and the post-event survey answered.',
  },
  {
    key: 'certification-pass',
    group: 'post-event',
    label: 'Certification pass rate',
    seed: 'Training retention (>75% pass certification)',
    target: { comparator: '>', value: 75, unit: 'percent', text: 'above 75% pass', fromSeed: true },
    atRisk: { bound: 67.5, text: 'at least 67.5% pass' },
    period: 'follow-up',
    source: 'the week-11 certification quiz: attendees who pass, out of those who take it',
    missing: 'The certification quiz has not been taken yet.',
  },
  {
    key: 'q1-activity',
    group: 'post-event',
    label: 'Q1 activity',
    seed: 'Q1 activity levels (+15% vs. prior year Q1)',
    target: { comparator: '>=', value: 15, unit: 'change', text: "+15% or more against last year's Q1", fromSeed: true },
    atRisk: { bound: 13.5, text: 'at least +13.5%' },
    period: 'q1',
    source: "imported deals: deals the reps created so far in Q1 against the same dates of last year's Q1",
    missing: Q1_DEALS_MISSING,
  },
  {
    key: 'q1-pipeline',
    group: 'post-event',
    label: 'Q1 pipeline generation',
    seed: 'Q1 pipeline generation (meet or exceed targets)',
    target: { comparator: '>=', value: 100, unit: 'percent', text: "at least last year's Q1 pipeline over the same dates", fromSeed: false },
    atRisk: { bound: 90, text: "at least 90% of last year's" },
    period: 'q1',
    source: "imported deals: the amount of the deals the reps created so far in Q1, as a share of last year's over the same dates",
    missing: Q1_DEALS_MISSING,
  },
  {
    key: 'rep-retention',
    group: 'post-event',
    label: 'Rep retention',
    seed: 'Rep retention (no SKO-related attrition)',
    target: { comparator: '<=', value: 0, unit: 'people', text: 'no SKO-related departures', fromSeed: true },
    atRisk: null,
    period: 'q1',
    source: "the people file's leaving dates: attendees who left on day 1 or in the 90 days after it",
    missing: "Needs leaving dates: an admin shares a people file with a leaving-date column in SKO Conductor's DM.",
    judgement: 'Attendees left soon after the SKO: sales leaders judge whether any departure was SKO-related.',
  },
  {
    key: 'cost-per-attendee',
    group: 'roi',
    label: 'Cost per attendee',
    seed: 'Cost per attendee <$3K',
    target: { comparator: '<', value: COST_PER_ATTENDEE_TARGET_CENTS, unit: 'cents', text: 'below $3,000', fromSeed: true },
    atRisk: { bound: 330_000, text: 'at most $3,300' },
    period: 'follow-up',
    source: 'the budget: projected (then final) cost divided by attendees, expected until check-in',
    missing: 'No budget is set up for the event yet.',
  },
  {
    key: 'productivity',
    group: 'roi',
    label: 'Productivity',
    seed: 'Productivity improvement >10% in Q1',
    target: { comparator: '>', value: 10, unit: 'change', text: "more than +10% against last year's Q1", fromSeed: true },
    atRisk: { bound: 9, text: 'at least +9%' },
    period: 'q1',
    source: "imported deals: won revenue per rep in Q1 against last year's Q1",
    missing: Q1_DEALS_MISSING,
  },
  {
    key: 'deal-velocity',
    group: 'roi',
    label: 'Deal velocity',
    seed: 'Deal velocity improvement >8%',
    target: { comparator: '>', value: 8, unit: 'change', text: "more than +8% against last year's Q1", fromSeed: true },
    atRisk: { bound: 7.2, text: 'at least +7.2%' },
    period: 'q1',
    source: "imported deals: sales velocity (open deals × win rate × average deal size ÷ cycle days) in Q1 against last year's Q1",
    missing: Q1_DEALS_MISSING,
  },
  {
    key: 'satisfaction',
    group: 'roi',
    label: 'Rep satisfaction',
    seed: 'Rep satisfaction >4.2/5.0',
    target: { comparator: '>', value: 4.2, unit: 'rating', text: 'above 4.2 / 5', fromSeed: true },
    atRisk: { bound: 3.78, text: 'at least 3.78 / 5' },
    period: 'follow-up',
    source: "the post-event survey's overall satisfaction, averaged",
    missing: SURVEY_MISSING,
  },
] as const satisfies readonly MetricDefinition[];

export type MetricKey = (typeof SCORECARD_METRICS)[number]['key'];
type MetricStatus = 'met' | 'at risk' | 'missed' | 'not measured';

export interface ScorecardContext {
  today: string;
  /** Each period's last day, 'YYYY-MM-DD'. */
  periodEnds: Record<MeasurementPeriod, string>;
  /** Why a figure is missing, where the app knows better than the catalogue ("This SKO has no certification quiz."). */
  reasons?: Partial<Record<MetricKey, string>>;
  /** What a measured figure rests on (periods, people, deals counted), where a bare number would not say. */
  bases?: Partial<Record<MetricKey, string>>;
}

export interface MetricResult {
  key: MetricKey;
  group: MetricGroup;
  label: string;
  value: number | null;
  unit: MetricUnit;
  target: string;
  targetFromSeed: boolean;
  status: MetricStatus;
  source: string;
  /** Not measured: why, and what would measure it. At risk or missed: why that verdict. Met: absent. */
  reason?: string;
  /** What the figure rests on, when measured. */
  basis?: string;
}

export function evaluateScorecard(measures: Partial<Record<MetricKey, number | null>>, context: ScorecardContext): MetricResult[] {
  return SCORECARD_METRICS.map((metric: MetricDefinition & { key: MetricKey }): MetricResult => {
    const value = measures[metric.key] ?? null;
    const basis = value === null ? undefined : context.bases?.[metric.key];
    const base = {
      ...(basis ? { basis } : {}),
      key: metric.key,
      group: metric.group,
      label: metric.label,
      value,
      unit: metric.target.unit,
      target: metric.target.text,
      targetFromSeed: metric.target.fromSeed,
      source: metric.source,
    };
    if (value === null) {
      const why = context.reasons?.[metric.key] ?? metric.missing;
      return { ...base, status: 'not measured', reason: `${why} Measured from ${metric.source}.` };
    }
    if (!Number.isFinite(value)) throw new Error(`The measure for ${metric.key} must be a finite number; got ${value}.`);
    if (meets(value, metric.target)) return { ...base, status: 'met' };

    const end = context.periodEnds[metric.period];
    const open = context.today <= end;
    const period = PERIOD_NAMES[metric.period];
    if (metric.judgement) return { ...base, status: 'at risk', reason: metric.judgement };
    if (!metric.atRisk) return { ...base, status: 'missed', reason: 'Short of the target; any shortfall is a miss.' };
    if (!open) return { ...base, status: 'missed', reason: `Short of the target, and ${period} ended on ${end}.` };
    if (inBand(value, metric.target.comparator, metric.atRisk.bound)) {
      return { ...base, status: 'at risk', reason: `Short of the target but ${metric.atRisk.text}, and ${period} runs until ${end}.` };
    }
    return { ...base, status: 'missed', reason: `Short of the target by more than the at-risk band (${metric.atRisk.text}).` };
  });
}

function meets(value: number, target: MetricTarget): boolean {
  switch (target.comparator) {
    case '>':
      return value > target.value;
    case '>=':
      return value >= target.value;
    case '<':
      return value < target.value;
    case '<=':
      return value <= target.value;
    case 'within':
      return Math.abs(value) <= target.value;
  }
}

function inBand(value: number, comparator: Comparator, bound: number): boolean {
  if (comparator === 'within') return Math.abs(value) <= bound;
  return comparator === '>' || comparator === '>=' ? value >= bound : value <= bound;
}

const HIGHLIGHT_ORDER: Record<MetricStatus, number> = { missed: 0, 'at risk': 1, met: 2, 'not measured': 3 };

/** For the digest: the measured metrics, missed first, then at risk, then met; catalogue order within each. */
export function scorecardHighlights(results: MetricResult[], n: number): MetricResult[] {
  return results
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => result.status !== 'not measured')
    .sort((a, b) => HIGHLIGHT_ORDER[a.result.status] - HIGHLIGHT_ORDER[b.result.status] || a.index - b.index)
    .map(({ result }) => result)
    .slice(0, n);
}
