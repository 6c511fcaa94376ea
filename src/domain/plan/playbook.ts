/**
 * The SKO playbook (seed 000, PRODUCT §2) as typed data. Creating an event instantiates these
 * templates into tasks with owners and due dates; nothing here branches on a phase or a week.
 */
import type { EventRole } from '../roles.js';

export type PhaseNumber = 1 | 2 | 3 | 4 | 5;

export const AGENT_NAMES = [
  'quota-performance-tracker',
  'revenue-forecaster',
  'sales-pipeline-analyst',
  'territory-planning-advisor',
  'commission-calculations',
  'sales-ops-automator',
] as const;
type AgentName = (typeof AGENT_NAMES)[number];

interface PhaseTemplate {
  number: PhaseNumber;
  name: string;
  weeks: { from: number; to: number };
}

interface WeekTemplate {
  week: number;
  phase: PhaseNumber;
  focus: string;
}

export type Workstream =
  | 'planning'
  | 'recognition'
  | 'training-content'
  | 'planning-materials'
  | 'logistics'
  | 'speakers'
  | 'communications'
  | 'session-content'
  | 'rehearsals'
  | 'event'
  | 'follow-up'
  | 'leadership'
  | 'metrics';

export const WORKSTREAMS: readonly Workstream[] = [
  'planning',
  'recognition',
  'training-content',
  'planning-materials',
  'logistics',
  'speakers',
  'communications',
  'session-content',
  'rehearsals',
  'event',
  'follow-up',
  'leadership',
  'metrics',
];

interface OutputTemplate {
  key: string;
  phase: PhaseNumber;
  title: string;
}

export interface TaskTemplate {
  /** Stable kebab-case id, unique within the playbook. */
  key: string;
  title: string;
  /** The seed's bullets for this task. */
  details: string[];
  phase: PhaseNumber;
  workstream: Workstream;
  /** Plan weeks (1..12) the task spans. */
  weeks: { from: number; to: number };
  /** Week-10 tasks tied to an event day; 0 is the optional day 0. */
  eventDay?: 0 | 1 | 2 | 3;
  ownerRole: EventRole;
  /** OutputTemplate.key this task produces. */
  output?: string;
  agent?: AgentName;
  /**
   * The message (its schedule kind) whose sending does this task: SKO Conductor does it, so the
   * owner is not asked to, unless the message is cancelled or reaches nobody.
   */
  performedBy?: string;
  /** Shown among "next milestones". */
  milestone?: boolean;
  /** Every sales leader does it for their own organisation: with two or more, each gets a copy. */
  eachSalesLeader?: boolean;
}

export interface Playbook {
  phases: PhaseTemplate[];
  weeks: WeekTemplate[];
  outputs: OutputTemplate[];
  tasks: TaskTemplate[];
}

const PHASES: PhaseTemplate[] = [
  { number: 1, name: 'Planning and data analysis', weeks: { from: 1, to: 3 } },
  { number: 2, name: 'Logistics and communications', weeks: { from: 4, to: 6 } },
  { number: 3, name: 'Content finalization', weeks: { from: 7, to: 9 } },
  { number: 4, name: 'Event execution', weeks: { from: 10, to: 10 } },
  { number: 5, name: 'Post-event follow-up', weeks: { from: 11, to: 12 } },
];

const WEEKS: WeekTemplate[] = [
  { week: 1, phase: 1, focus: 'Performance analysis and planning committee meeting #1' },
  { week: 2, phase: 1, focus: 'Content development' },
  { week: 3, phase: 1, focus: 'Content development' },
  { week: 4, phase: 2, focus: 'Venue and logistics' },
  { week: 5, phase: 2, focus: 'Speaker preparation' },
  { week: 6, phase: 2, focus: 'Pre-event communications' },
  { week: 7, phase: 3, focus: 'Session content completion' },
  { week: 8, phase: 3, focus: 'Session content completion' },
  { week: 9, phase: 3, focus: 'Rehearsals and dry runs' },
  { week: 10, phase: 4, focus: 'Event execution' },
  { week: 11, phase: 5, focus: 'Immediate follow-up' },
  { week: 12, phase: 5, focus: 'Momentum maintenance' },
];

const OUTPUTS: OutputTemplate[] = [
  // Phase 1, week 1
  { key: 'sko-objectives-agenda-framework', phase: 1, title: 'SKO objectives and agenda framework' },
  { key: 'performance-insights-package', phase: 1, title: 'Performance insights package' },
  { key: 'budget-logistics-plan', phase: 1, title: 'Budget and logistics plan' },
  // Phase 1, weeks 2–3
  { key: 'draft-agenda', phase: 1, title: 'Draft agenda with session descriptions' },
  { key: 'session-content-outlines', phase: 1, title: 'Content outlines for all sessions' },
  { key: 'territory-quota-packages', phase: 1, title: 'Territory and quota packages ready' },
  { key: 'recognition-awards', phase: 1, title: 'Recognition awards finalized' },
  // Phase 2
  { key: 'logistics-locked', phase: 2, title: 'All logistics locked and confirmed' },
  { key: 'speakers-prepared', phase: 2, title: 'Speakers prepared and rehearsed' },
  { key: 'communications-schedule', phase: 2, title: 'Communications schedule launched' },
  // Phase 3
  { key: 'content-finalized', phase: 3, title: 'All content finalized and approved' },
  { key: 'speakers-rehearsed', phase: 3, title: 'Speakers rehearsed and confident' },
  { key: 'logistics-tested', phase: 3, title: 'Logistics tested and validated' },
  // Phase 4
  { key: 'team-energized', phase: 4, title: 'Energized and aligned sales team' },
  { key: 'fy-plan-understood', phase: 4, title: 'Clear FY+1 plan understood by all' },
  { key: 'skills-training-delivered', phase: 4, title: 'Skills training delivered' },
  { key: 'individual-commitments', phase: 4, title: 'Individual commitments made' },
  // Phase 5
  { key: 'materials-accessible', phase: 5, title: 'All materials accessible' },
  { key: 'systems-updated', phase: 5, title: 'Systems updated and functioning' },
  { key: 'momentum-sustained', phase: 5, title: 'Momentum sustained through Q1' },
  { key: 'lessons-learned', phase: 5, title: 'Lessons learned documented' },
];

const TASKS: TaskTemplate[] = [
  // ── Phase 1 · week 1: performance analysis ───────────────────────────────────────────────
  {
    key: 'w1-performance-retrospective',
    title: 'Run the annual performance retrospective',
    details: [
      'FY performance by rep, team, region, segment, product',
      'Top performer identification and recognition planning',
      'Bottom performer analysis (coaching needs)',
      "Trends and patterns (what worked, what didn't)",
    ],
    phase: 1,
    workstream: 'planning',
    weeks: { from: 1, to: 1 },
    ownerRole: 'sko_lead',
    output: 'performance-insights-package',
    agent: 'quota-performance-tracker',
  },
  {
    key: 'w1-revenue-plan',
    title: 'Build the forward-looking revenue plan',
    details: ['Next FY plan breakdown by quarter', 'Growth drivers and assumptions', 'Market opportunity sizing', 'Competitive landscape'],
    phase: 1,
    workstream: 'planning',
    weeks: { from: 1, to: 1 },
    ownerRole: 'sko_lead',
    output: 'performance-insights-package',
    agent: 'revenue-forecaster',
  },
  {
    key: 'w1-pipeline-health',
    title: 'Assess pipeline and process health',
    details: [
      'Current pipeline state entering new FY',
      'Process effectiveness analysis (conversion rates, velocity)',
      'Bottleneck identification',
      'Best practices from top performers',
    ],
    phase: 1,
    workstream: 'planning',
    weeks: { from: 1, to: 1 },
    ownerRole: 'sko_lead',
    output: 'performance-insights-package',
    agent: 'sales-pipeline-analyst',
  },
  {
    key: 'w1-planning-committee-1',
    title: 'Hold SKO planning committee meeting #1',
    details: [
      'Review performance data and insights',
      'Define SKO objectives and themes',
      'Identify training/enablement priorities',
      'Set budget and venue requirements',
      'Assign planning workstreams',
    ],
    phase: 1,
    workstream: 'planning',
    weeks: { from: 1, to: 1 },
    ownerRole: 'sko_lead',
    output: 'sko-objectives-agenda-framework',
    milestone: true,
  },
  {
    key: 'w1-budget-logistics-plan',
    title: 'Draft the budget and logistics plan',
    details: [
      'Set budget and venue requirements (from planning committee meeting #1)',
      'Budget template: venue and catering 40%, travel and accommodations 30%, speakers and entertainment 15%, materials and swag 10%, technology and AV 5%',
      'Typical budget: $150K-500K depending on team size',
    ],
    phase: 1,
    workstream: 'planning',
    weeks: { from: 1, to: 1 },
    ownerRole: 'sko_lead',
    output: 'budget-logistics-plan',
  },

  // ── Phase 1 · weeks 2–3: content development ─────────────────────────────────────────────
  {
    key: 'w2-draft-agenda',
    title: 'Draft the agenda with session descriptions',
    details: [
      'Turn the agenda framework from committee meeting #1 into sessions',
      'Balance inspiration and information: 60% strategy/planning, 40% training/skills',
      'Every session has takeaways and next steps',
    ],
    phase: 1,
    workstream: 'planning',
    weeks: { from: 2, to: 3 },
    ownerRole: 'content_lead',
    output: 'draft-agenda',
  },
  {
    key: 'w2-performance-recognition',
    title: 'Finalize performance recognition',
    details: [
      'Top performer awards (criteria and winners)',
      'Achievement highlights (deals, milestones, innovations)',
      'Customer success stories',
      'Video testimonials and case studies',
    ],
    phase: 1,
    workstream: 'recognition',
    weeks: { from: 2, to: 3 },
    ownerRole: 'content_lead',
    output: 'recognition-awards',
    milestone: true,
  },
  {
    key: 'w2-training-content',
    title: 'Outline the training content',
    details: ['Win/Loss Analysis insights', 'Product roadmap and competitive positioning', 'Sales methodology refresh', 'Tools and enablement updates'],
    phase: 1,
    workstream: 'training-content',
    weeks: { from: 2, to: 3 },
    ownerRole: 'content_lead',
    output: 'session-content-outlines',
  },
  {
    key: 'w2-territory-quota-assignments',
    title: 'Finalize territory and quota assignments',
    details: ['Finalized territory maps', 'Individual quota allocations', 'New hire ramp plans', 'Expansion market plans'],
    phase: 1,
    workstream: 'planning-materials',
    weeks: { from: 2, to: 3 },
    ownerRole: 'sko_lead',
    output: 'territory-quota-packages',
    agent: 'territory-planning-advisor',
  },
  {
    key: 'w2-comp-plan-rollout',
    title: 'Prepare the comp plan rollout',
    details: ['FY compensation plan', 'Quota and accelerator structure', 'SPIFFs and incentives', 'Commission calculation examples'],
    phase: 1,
    workstream: 'planning-materials',
    weeks: { from: 2, to: 3 },
    ownerRole: 'sko_lead',
    output: 'territory-quota-packages',
    agent: 'commission-calculations',
  },

  // ── Phase 2 · week 4: venue and logistics ────────────────────────────────────────────────
  {
    key: 'w4-venue-booking',
    title: 'Select and book the venue',
    details: ['Venue selection and booking'],
    phase: 2,
    workstream: 'logistics',
    weeks: { from: 4, to: 4 },
    ownerRole: 'logistics_lead',
    output: 'logistics-locked',
    milestone: true,
  },
  {
    key: 'w4-av-technology-setup',
    title: 'Arrange AV and technology setup',
    details: ['AV and technology setup'],
    phase: 2,
    workstream: 'logistics',
    weeks: { from: 4, to: 4 },
    ownerRole: 'technology_lead',
    output: 'logistics-locked',
  },
  {
    key: 'w4-catering-accommodations',
    title: 'Book catering and accommodations',
    details: ['Catering and accommodations'],
    phase: 2,
    workstream: 'logistics',
    weeks: { from: 4, to: 4 },
    ownerRole: 'logistics_lead',
    output: 'logistics-locked',
  },
  {
    key: 'w4-transportation',
    title: 'Coordinate transportation',
    details: ['Transportation coordination'],
    phase: 2,
    workstream: 'logistics',
    weeks: { from: 4, to: 4 },
    ownerRole: 'logistics_lead',
    output: 'logistics-locked',
  },
  {
    key: 'w4-swag-materials',
    title: 'Order swag and materials',
    details: ['Swag and materials ordering'],
    phase: 2,
    workstream: 'logistics',
    weeks: { from: 4, to: 4 },
    ownerRole: 'logistics_lead',
    output: 'logistics-locked',
  },

  // ── Phase 2 · week 5: speaker preparation ────────────────────────────────────────────────
  {
    key: 'w5-internal-speaker-prep',
    title: 'Prepare internal speakers',
    details: ['Internal speaker prep (presentations, messaging alignment)'],
    phase: 2,
    workstream: 'speakers',
    weeks: { from: 5, to: 5 },
    ownerRole: 'content_lead',
    output: 'speakers-prepared',
  },
  {
    key: 'w5-external-speakers',
    title: 'Contract and brief external speakers',
    details: ['External speaker contracts and briefings'],
    phase: 2,
    workstream: 'speakers',
    weeks: { from: 5, to: 5 },
    ownerRole: 'content_lead',
    output: 'speakers-prepared',
  },
  {
    key: 'w5-customer-speakers',
    title: 'Coordinate customer speakers',
    details: ['Customer speaker coordination'],
    phase: 2,
    workstream: 'speakers',
    weeks: { from: 5, to: 5 },
    ownerRole: 'content_lead',
    output: 'speakers-prepared',
  },
  {
    key: 'w5-panels-firesides',
    title: 'Structure panel discussions and fireside chats',
    details: ['Panel discussions and fireside chats structured'],
    phase: 2,
    workstream: 'speakers',
    weeks: { from: 5, to: 5 },
    ownerRole: 'content_lead',
    output: 'speakers-prepared',
  },

  // ── Phase 2 · week 6: pre-event communications ───────────────────────────────────────────
  {
    key: 'w6-save-the-date',
    title: 'Send the save-the-date',
    details: ['Save-the-date communications'],
    phase: 2,
    workstream: 'communications',
    weeks: { from: 6, to: 6 },
    ownerRole: 'communications_lead',
    performedBy: 'save-the-date',
    output: 'communications-schedule',
    milestone: true,
  },
  {
    key: 'w6-travel-booking-instructions',
    title: 'Send travel booking instructions',
    details: ['Travel booking instructions'],
    phase: 2,
    workstream: 'communications',
    weeks: { from: 6, to: 6 },
    ownerRole: 'communications_lead',
    performedBy: 'travel-instructions',
    output: 'communications-schedule',
  },
  {
    key: 'w6-agenda-preview',
    title: 'Share the agenda preview and build hype',
    details: ['Agenda preview and hype-building'],
    phase: 2,
    workstream: 'communications',
    weeks: { from: 6, to: 6 },
    ownerRole: 'communications_lead',
    performedBy: 'agenda-preview',
    output: 'communications-schedule',
  },
  {
    key: 'w6-pre-event-survey',
    title: 'Run the pre-event survey',
    details: ['Pre-event surveys (topics of interest, questions)', 'Include rep input in planning'],
    phase: 2,
    workstream: 'communications',
    weeks: { from: 6, to: 6 },
    ownerRole: 'communications_lead',
    performedBy: 'pre-event-survey',
    output: 'communications-schedule',
  },
  {
    key: 'w6-event-platform',
    title: 'Set up the mobile app or event platform',
    details: ['Mobile app or event platform setup', 'Virtual participation (if hybrid)'],
    phase: 2,
    workstream: 'communications',
    weeks: { from: 6, to: 6 },
    ownerRole: 'technology_lead',
    output: 'communications-schedule',
  },

  // ── Phase 3 · weeks 7–8: session content completion ──────────────────────────────────────
  {
    key: 'w7-executive-vision',
    title: 'Complete the executive vision session',
    details: ['CEO/CRO state of the company', 'FY strategy and priorities', 'Market opportunity and competitive positioning'],
    phase: 3,
    workstream: 'session-content',
    weeks: { from: 7, to: 8 },
    ownerRole: 'content_lead',
    output: 'content-finalized',
  },
  {
    key: 'w7-fy-review-presentation',
    title: 'Create the FY review presentation',
    details: ['Wins and achievements', 'Challenges and lessons learned', 'Team performance recognition', 'Forward-looking plan (with revenue-forecaster)'],
    phase: 3,
    workstream: 'session-content',
    weeks: { from: 7, to: 8 },
    ownerRole: 'sko_lead',
    output: 'content-finalized',
    agent: 'quota-performance-tracker',
  },
  {
    key: 'w7-product-competitive',
    title: 'Complete the product and competitive sessions',
    details: ['Product roadmap deep-dive', 'Competitive battle card updates', 'Demo and use case workshops', 'Integration and partner ecosystem'],
    phase: 3,
    workstream: 'session-content',
    weeks: { from: 7, to: 8 },
    ownerRole: 'content_lead',
    output: 'content-finalized',
  },
  {
    key: 'w7-skills-training',
    title: 'Complete the skills training workshops',
    details: [
      'Sales methodology workshops (MEDDIC, Challenger, etc.)',
      'Objection handling role-plays',
      'Discovery and qualification training',
      'Negotiation and closing techniques',
    ],
    phase: 3,
    workstream: 'session-content',
    weeks: { from: 7, to: 8 },
    ownerRole: 'content_lead',
    output: 'content-finalized',
  },
  {
    key: 'w7-tools-enablement',
    title: 'Complete the tools and enablement sessions',
    details: [
      'CRM updates and best practices',
      'New tools rollout (sales engagement, conversational intelligence)',
      'Content and collateral library',
      'Automation and productivity tips',
    ],
    phase: 3,
    workstream: 'session-content',
    weeks: { from: 7, to: 8 },
    ownerRole: 'content_lead',
    output: 'content-finalized',
  },
  {
    key: 'w7-individual-rep-packages',
    title: 'Build individual rep packages',
    details: [
      'Territory assignments with account lists',
      'Quota and compensation details (comp plan materials)',
      'Resources and support available',
      'Success metrics and expectations',
    ],
    phase: 3,
    workstream: 'planning-materials',
    weeks: { from: 7, to: 8 },
    ownerRole: 'sko_lead',
    output: 'content-finalized',
    agent: 'territory-planning-advisor',
  },

  // ── Phase 3 · week 9: rehearsals and dry runs ────────────────────────────────────────────
  {
    key: 'w9-full-dry-run',
    title: 'Run the full agenda dry run',
    details: ['Full agenda dry run'],
    phase: 3,
    workstream: 'rehearsals',
    weeks: { from: 9, to: 9 },
    ownerRole: 'content_lead',
    output: 'content-finalized',
    milestone: true,
  },
  {
    key: 'w9-speaker-rehearsals',
    title: 'Rehearse speakers and give feedback',
    details: ['Speaker rehearsals and feedback'],
    phase: 3,
    workstream: 'rehearsals',
    weeks: { from: 9, to: 9 },
    ownerRole: 'content_lead',
    output: 'speakers-rehearsed',
  },
  {
    key: 'w9-av-testing',
    title: 'Test AV and technology',
    details: ['AV and technology testing'],
    phase: 3,
    workstream: 'rehearsals',
    weeks: { from: 9, to: 9 },
    ownerRole: 'technology_lead',
    output: 'logistics-tested',
  },
  {
    key: 'w9-breakout-logistics',
    title: 'Validate breakout session logistics',
    details: ['Breakout session logistics validation'],
    phase: 3,
    workstream: 'rehearsals',
    weeks: { from: 9, to: 9 },
    ownerRole: 'logistics_lead',
    output: 'logistics-tested',
  },
  {
    key: 'w9-contingency-planning',
    title: 'Plan for contingencies',
    details: ['Contingency planning'],
    phase: 3,
    workstream: 'rehearsals',
    weeks: { from: 9, to: 9 },
    ownerRole: 'sko_lead',
    output: 'logistics-tested',
  },

  // ── Phase 4 · week 10: event execution ───────────────────────────────────────────────────
  {
    key: 'd0-pre-event-activities',
    title: 'Run day 0: early arrivals and pre-event activities',
    details: ['Top performer dinner', 'Executive strategy session', 'Team building activities'],
    phase: 4,
    workstream: 'event',
    weeks: { from: 10, to: 10 },
    eventDay: 0,
    ownerRole: 'logistics_lead',
    output: 'team-energized',
  },
  {
    key: 'd1-morning-vision-performance',
    title: 'Day 1 morning: opening, FY review and vision',
    details: ['Welcome and opening (CEO/CRO)', 'FY performance review and recognition', 'FY+1 vision and strategy', 'Revenue plan and market opportunity'],
    phase: 4,
    workstream: 'event',
    weeks: { from: 10, to: 10 },
    eventDay: 1,
    ownerRole: 'content_lead',
    output: 'fy-plan-understood',
    milestone: true,
  },
  {
    key: 'd1-afternoon-planning-awards',
    title: 'Day 1 afternoon: roadmap, territory rollout and awards',
    details: ['Product roadmap and competitive positioning', 'Territory and quota rollout (breakouts by team)', 'Customer success panel', 'Awards ceremony'],
    phase: 4,
    workstream: 'event',
    weeks: { from: 10, to: 10 },
    eventDay: 1,
    ownerRole: 'content_lead',
    output: 'fy-plan-understood',
  },
  {
    key: 'd1-evening-team-dinner',
    title: 'Day 1 evening: team dinner and celebration',
    details: ['Team dinner and celebration'],
    phase: 4,
    workstream: 'event',
    weeks: { from: 10, to: 10 },
    eventDay: 1,
    ownerRole: 'logistics_lead',
    output: 'team-energized',
  },
  {
    key: 'd2-morning-training',
    title: 'Day 2 morning: methodology training and workshops',
    details: ['Sales methodology training', 'Breakout workshops (discovery, demo, negotiation)', 'Best practices sharing (top performers)'],
    phase: 4,
    workstream: 'event',
    weeks: { from: 10, to: 10 },
    eventDay: 2,
    ownerRole: 'content_lead',
    output: 'skills-training-delivered',
  },
  {
    key: 'd2-afternoon-enablement',
    title: 'Day 2 afternoon: tools, competitive deep-dives and role-plays',
    details: [
      'Tools and enablement sessions',
      'Competitive deep-dives and battle cards',
      'Role-play exercises and skill practice',
      'Integration and ecosystem partners',
    ],
    phase: 4,
    workstream: 'event',
    weeks: { from: 10, to: 10 },
    eventDay: 2,
    ownerRole: 'content_lead',
    output: 'skills-training-delivered',
  },
  {
    key: 'd2-evening-team-building',
    title: 'Day 2 evening: team building or free time',
    details: ['Team building activity or free time'],
    phase: 4,
    workstream: 'event',
    weeks: { from: 10, to: 10 },
    eventDay: 2,
    ownerRole: 'logistics_lead',
    output: 'team-energized',
  },
  {
    key: 'd3-morning-team-planning',
    title: 'Day 3 morning: team planning breakouts',
    details: ['Breakout planning sessions (team-level planning)', 'Q1 priorities and action planning', 'Resource and support discussions'],
    phase: 4,
    workstream: 'event',
    weeks: { from: 10, to: 10 },
    eventDay: 3,
    ownerRole: 'content_lead',
    output: 'individual-commitments',
  },
  {
    key: 'd3-midday-wrap-up',
    title: 'Day 3 midday: wrap-up, commitments and closing celebration',
    details: ['All-hands wrap-up and call-to-action', 'Leadership commitment and inspiration', 'Rep testimonials and pledges', 'Closing celebration'],
    phase: 4,
    workstream: 'event',
    weeks: { from: 10, to: 10 },
    eventDay: 3,
    ownerRole: 'content_lead',
    output: 'individual-commitments',
    milestone: true,
  },
  {
    key: 'w10-event-av-recordings',
    title: 'Run AV, the event platform and session recordings',
    details: [
      'AV and technology for every session',
      'Mobile app or event platform live; virtual participation (if hybrid)',
      'Record presentations and videos for materials distribution',
    ],
    phase: 4,
    workstream: 'event',
    weeks: { from: 10, to: 10 },
    ownerRole: 'technology_lead',
  },
  {
    key: 'w10-materials-distribution',
    title: 'Distribute event materials',
    details: ['Materials distribution (presentations, videos, resources)'],
    phase: 4,
    workstream: 'follow-up',
    weeks: { from: 10, to: 10 },
    ownerRole: 'communications_lead',
  },
  {
    key: 'w10-feedback-collection',
    title: 'Collect survey responses and feedback',
    details: ['Survey and feedback collection'],
    phase: 4,
    workstream: 'follow-up',
    weeks: { from: 10, to: 10 },
    ownerRole: 'communications_lead',
  },
  {
    key: 'w10-action-item-tracking',
    title: 'Track action items and follow-up',
    details: ['Action item tracking and follow-up'],
    phase: 4,
    workstream: 'follow-up',
    weeks: { from: 10, to: 10 },
    ownerRole: 'sko_lead',
    output: 'individual-commitments',
  },
  {
    key: 'w10-momentum-plan',
    title: 'Write the momentum maintenance plan',
    details: ['Momentum maintenance plan'],
    phase: 4,
    workstream: 'follow-up',
    weeks: { from: 10, to: 10 },
    ownerRole: 'sko_lead',
  },

  // ── Phase 5 · week 11: immediate follow-up ───────────────────────────────────────────────
  {
    key: 'w11-content-portal',
    title: 'Publish the SKO content portal',
    details: ['SKO content portal (all presentations, videos, resources)'],
    phase: 5,
    workstream: 'follow-up',
    weeks: { from: 11, to: 11 },
    ownerRole: 'sko_lead',
    output: 'materials-accessible',
    agent: 'sales-ops-automator',
  },
  {
    key: 'w11-system-updates',
    title: 'Update CRM and tracking systems',
    details: ['CRM updates (quotas, territories, comp plans)', 'Training certification and testing (if applicable)', 'Action item tracking setup'],
    phase: 5,
    workstream: 'follow-up',
    weeks: { from: 11, to: 11 },
    ownerRole: 'sko_lead',
    output: 'systems-updated',
    agent: 'sales-ops-automator',
  },
  {
    key: 'w11-thank-you-recap',
    title: 'Send the thank-you and recap email',
    details: ['Thank you and recap email (highlights, photos, videos)'],
    phase: 5,
    workstream: 'communications',
    weeks: { from: 11, to: 11 },
    ownerRole: 'communications_lead',
    performedBy: 'thank-you-recap',
    output: 'materials-accessible',
    milestone: true,
  },
  {
    key: 'w11-feedback-survey',
    title: 'Distribute the event feedback survey',
    details: ['Survey distribution (event feedback)'],
    phase: 5,
    workstream: 'communications',
    weeks: { from: 11, to: 11 },
    ownerRole: 'communications_lead',
    performedBy: 'post-event-survey',
  },
  {
    key: 'w11-action-item-reminders',
    title: 'Send action item reminders',
    details: ['Action item reminders'],
    phase: 5,
    workstream: 'communications',
    weeks: { from: 11, to: 11 },
    ownerRole: 'communications_lead',
    performedBy: 'commitments-invite',
    output: 'momentum-sustained',
  },
  {
    key: 'w11-q1-reinforcement',
    title: 'Reinforce the Q1 kickoff',
    details: ['Q1 kickoff reinforcement'],
    phase: 5,
    workstream: 'communications',
    weeks: { from: 11, to: 11 },
    ownerRole: 'communications_lead',
    performedBy: 'q1-reinforcement',
    output: 'momentum-sustained',
  },

  // ── Phase 5 · week 12: momentum maintenance ──────────────────────────────────────────────
  {
    key: 'w12-team-follow-ups',
    title: 'Hold team-level follow-up meetings',
    details: ['Team-level follow-up meetings (reinforce key messages)'],
    phase: 5,
    workstream: 'leadership',
    weeks: { from: 12, to: 12 },
    ownerRole: 'sales_leader',
    eachSalesLeader: true,
    output: 'momentum-sustained',
  },
  {
    key: 'w12-rep-one-on-ones',
    title: 'Hold 1:1s with each rep',
    details: ['1:1s with each rep (territory/quota clarity, Q1 priorities)'],
    phase: 5,
    workstream: 'leadership',
    weeks: { from: 12, to: 12 },
    ownerRole: 'sales_leader',
    eachSalesLeader: true,
    output: 'momentum-sustained',
  },
  {
    key: 'w12-coaching-plan',
    title: 'Roll out the coaching plan',
    details: ['Coaching plan rollout'],
    phase: 5,
    workstream: 'leadership',
    weeks: { from: 12, to: 12 },
    ownerRole: 'sales_leader',
    eachSalesLeader: true,
    output: 'momentum-sustained',
  },
  {
    key: 'w12-accountability-systems',
    title: 'Launch accountability systems',
    details: ['Accountability systems launched'],
    phase: 5,
    workstream: 'leadership',
    weeks: { from: 12, to: 12 },
    ownerRole: 'sales_leader',
    output: 'momentum-sustained',
  },
  {
    key: 'w12-fy-baseline-tracking',
    title: 'Establish the FY baseline and tracking',
    details: [
      'Week 1-4 activity tracking (ensure strong start)',
      'Early Q1 pipeline generation monitoring',
      'Training application assessment',
      'Identify reps needing additional support',
    ],
    phase: 5,
    workstream: 'metrics',
    weeks: { from: 12, to: 12 },
    ownerRole: 'sko_lead',
    output: 'momentum-sustained',
    agent: 'quota-performance-tracker',
  },
  {
    key: 'w12-survey-analysis',
    title: 'Analyze event feedback',
    details: ['Analyze event feedback', 'Identify top sessions and areas to improve'],
    phase: 5,
    workstream: 'metrics',
    weeks: { from: 12, to: 12 },
    ownerRole: 'sko_lead',
    output: 'lessons-learned',
  },
  {
    key: 'w12-lessons-learned',
    title: 'Capture lessons learned for the next SKO',
    details: ['Capture lessons learned for next SKO'],
    phase: 5,
    workstream: 'follow-up',
    weeks: { from: 12, to: 12 },
    ownerRole: 'sko_lead',
    output: 'lessons-learned',
    milestone: true,
  },
  {
    key: 'w12-roi-impact',
    title: 'Document ROI and impact',
    details: [
      'Document ROI and impact',
      'Cost per attendee <$3K',
      'Productivity improvement >10% in Q1',
      'Deal velocity improvement >8%',
      'Rep satisfaction >4.2/5.0',
    ],
    phase: 5,
    workstream: 'metrics',
    weeks: { from: 12, to: 12 },
    ownerRole: 'sko_lead',
    output: 'lessons-learned',
  },
];

export const PLAYBOOK: Playbook = { phases: PHASES, weeks: WEEKS, outputs: OUTPUTS, tasks: TASKS };

/** The phase a plan week (1..12) belongs to, read from the playbook's week list. */
export function phaseOfWeek(week: number, playbook: Playbook = PLAYBOOK): PhaseNumber {
  const found = playbook.weeks.find((w) => w.week === week);
  if (!found) throw new Error(`Week ${week} is not part of the playbook (weeks run from 1 to 12).`);
  return found.phase;
}

/**
 * The playbook tasks that apply to an event: day-0 tasks only when the event has a day 0, and a
 * task tied to a day the event does not have moves to the event's last day. Order is kept.
 */
export function tasksForEvent(playbook: Playbook, event: { days: number; hasDay0: boolean }): TaskTemplate[] {
  const lastDay = Math.max(1, Math.floor(event.days));
  const result: TaskTemplate[] = [];
  for (const task of playbook.tasks) {
    if (task.eventDay === undefined) {
      result.push(task);
    } else if (task.eventDay === 0) {
      if (event.hasDay0) result.push(task);
    } else if (task.eventDay > lastDay) {
      result.push({ ...task, eventDay: lastDay as 1 | 2 | 3 });
    } else {
      result.push(task);
    }
  }
  return result;
}

/** A task as one event holds it: its template, its key in the event, and its owner when it is one person's copy. */
export interface TaskInstance {
  key: string;
  template: TaskTemplate;
  ownerId: number | null;
}

/**
 * The event's tasks from its templates: a task every sales leader does is copied for each of them
 * (keyed by the person) when there are two or more; with one or none it stays a single task.
 */
export function taskInstances(templates: readonly TaskTemplate[], salesLeaderIds: readonly number[]): TaskInstance[] {
  return templates.flatMap((template): TaskInstance[] =>
    template.eachSalesLeader && salesLeaderIds.length > 1
      ? salesLeaderIds.map((id) => ({ key: `${template.key}:leader-${id}`, template, ownerId: id }))
      : [{ key: template.key, template, ownerId: null }],
  );
}
