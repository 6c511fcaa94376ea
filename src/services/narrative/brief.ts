import { toFacts } from '../../domain/narrative/facts.js';
import type { EventPlan } from '../plan/event-store.js';
import type { Narrator, Written } from './narrator.js';
import type { StoryResult } from './story.js';

export type BriefKind = 'committee' | 'review';

export const BRIEF_TITLES: Record<BriefKind, string> = {
  committee: 'Planning committee meeting #1: the pack',
  review: 'FY review presentation: the outline',
};

const TASKS: Record<BriefKind, string> = {
  committee:
    'Draft the pack for the first planning committee meeting (week 1) in Markdown: the SKO at a glance (dates, place, headcount, budget), the go-to-market challenge it answers, the year behind us in a few figures, the plan of the first weeks with owners, and the decisions the committee must take. Headings with #, bullets with -. About 400 words.',
  review:
    'Draft the outline of the fiscal-year review presentation (weeks 7–8) in Markdown, one heading per slide: the year in figures, what worked and what did not, best practices from top performers, the pipeline and where it stalls, next year’s plan with its growth drivers and assumptions, and the risks. Headings with #, bullets with -. About 500 words.',
};

/** What the brief is written from: the event (everyone may see it) and the agents' results the requester may see. */
export interface BriefInputs {
  plan: EventPlan;
  /** Whose sales figures these are, for the requester: "the company", "your team". */
  salesLabel: string;
  results: { performance: StoryResult | null; forecast: StoryResult | null; pipeline: StoryResult | null };
}

function briefFacts(kind: BriefKind, inputs: BriefInputs): unknown {
  const { event, tasks } = inputs.plan;
  return {
    event: {
      name: event.name,
      firstDay: event.day1,
      days: event.days,
      location: event.location,
      headcount: event.headcount,
      // Amounts are in currency units everywhere the model looks.
      budget: event.budgetCents / 100,
      gtmChallenge: event.gtmChallenge,
    },
    // The committee needs the first weeks' work, not all twelve weeks of it.
    firstWeeksTasks: tasks
      .filter((t) => t.weekFrom <= (kind === 'committee' ? 2 : 8) && t.status !== 'done')
      .map((t) => ({ title: t.title, week: t.weekFrom, owner: t.owner?.name ?? t.ownerRole, due: t.dueDate })),
    salesFiguresFor: inputs.salesLabel,
    ...inputs.results,
  };
}

export async function writeBrief(narrator: Narrator, kind: BriefKind, inputs: BriefInputs): Promise<Written> {
  const facts = toFacts(briefFacts(kind, inputs), { individual: narrator.config.individualData });
  return narrator.write({ purpose: `brief:${kind}`, size: 'long', task: TASKS[kind], facts });
}

const LESSONS_TASK =
  'Draft the lessons learned from this SKO for the SKO lead to edit, in Markdown: what worked (the best-rated sessions and answers), what to improve (the lowest-rated, and what the comments ask for), how the event did against its success metrics, and what to change for the next SKO. Headings with #, bullets with -. About 350 words.';

export const LESSONS_TITLE = 'Lessons learned for the next SKO: the draft';

/** The week-12 lessons-learned draft, from the post-event survey's results and the success metrics the reader may see. */
export async function writeLessons(narrator: Narrator, results: { summary: unknown; metrics: unknown }): Promise<Written> {
  const facts = toFacts({ postEventSurvey: results.summary, successMetrics: results.metrics }, { individual: narrator.config.individualData });
  return narrator.write({ purpose: 'brief:lessons', size: 'long', task: LESSONS_TASK, facts });
}
