import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CommissionTier, Spiff } from '../src/agents/comp.js';
import { ACTION_ITEM_SOURCES } from '../src/domain/action-items/items.js';
import type { SessionFormat, SessionKind } from '../src/domain/agenda/sessions.js';
import type { BudgetCategoryKey } from '../src/domain/budget/budget.js';
import type { RsvpAnswer } from '../src/domain/comms/audience.js';
import type { ChartSpec } from '../src/domain/insights/charts.js';
import type { MetricResult } from '../src/domain/insights/scorecard.js';
import type { RosterScope } from '../src/domain/plan/which-sko.js';
import type { EventRole, PeopleRole } from '../src/domain/roles.js';
import type { Outcome } from '../src/domain/sales/deal-stages.js';
import type { QuotaKind } from '../src/domain/sales/quota-kinds.js';
import type { Answers, Survey, SurveyKind } from '../src/domain/surveys/surveys.js';

/** A chart sent with a message; the file is named `filename` in Slack. */
export interface MessageAttachment {
  filename: string;
  title: string;
  chart: ChartSpec;
}

const timestamps = {
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
};

/** Everyone the app knows: from Slack (role holders, people who used a command) or from an import. */
export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slackUserId: text('slack_user_id'),
    email: text('email'),
    name: text('name'),
    role: text('role').$type<PeopleRole>().notNull().default('rep'),
    managerId: integer('manager_id'),
    team: text('team'),
    region: text('region'),
    segment: text('segment'),
    title: text('title'),
    hireDate: text('hire_date'),
    /** The day they left the company, from a people file: the scorecard counts SKO attendees who left soon after. */
    leftOn: text('left_on'),
    timeZone: text('time_zone'),
    /**
     * When Slack first refused a message to this person for good (deactivated, not found), and why:
     * nothing more is sent to them, for any SKO, until a people import or Slack shows them active.
     */
    unreachableSince: text('unreachable_since'),
    unreachableReason: text('unreachable_reason'),
    /** ISO country (and optional region, 'US-CA') whose holidays this person keeps, from the people file; else the SKO's calendar. */
    country: text('country'),
    /** Reminders to this person wait until this instant (they chose "Pause my reminders"); event communications do not. */
    pausedUntil: text('paused_until'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('people_slack_user_id_unique').on(t.slackUserId),
    uniqueIndex('people_email_unique').on(t.email),
    index('people_manager_idx').on(t.managerId),
    // The dispatcher asks every tick which zones readers live in: a few, among thousands of people.
    index('people_time_zone_idx').on(t.timeZone),
  ],
);

/**
 * One Sales Kickoff; a workspace runs several, side by side and year after year (issue 12). Dates
 * are local calendar dates (YYYY-MM-DD) in the event's time zone.
 */
export const events = sqliteTable('events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  /** Short and unique, for `/sko status emea-fy27` and `--sko emea-fy27`: lower-case letters, digits and dashes. */
  handle: text('handle').notNull().unique(),
  /** Who attends; null for everyone in the people data. */
  roster: text('roster', { mode: 'json' }).$type<RosterScope>(),
  /** Once its week 12 has ended: read-only from then on, its scorecard frozen. */
  archivedAt: text('archived_at'),
  /** The scorecard as it stood when the SKO was archived: later sales data or answers never change it. */
  frozenScorecard: text('frozen_scorecard', { mode: 'json' }).$type<MetricResult[]>(),
  /** The canvas the app keeps in the SKO's channel, and the channel it was made in (a new channel gets a new one). */
  canvasId: text('canvas_id'),
  canvasChannelId: text('canvas_channel_id'),
  day1: text('day1').notNull(),
  days: integer('days').notNull(),
  hasDay0: integer('has_day0', { mode: 'boolean' }).notNull().default(false),
  timeZone: text('time_zone').notNull(),
  location: text('location'),
  headcount: integer('headcount').notNull(),
  budgetCents: integer('budget_cents').notNull(),
  channelId: text('channel_id').notNull(),
  gtmChallenge: text('gtm_challenge').notNull(),
  /** The local date planning began (first setup): the plan is laid out, and compressed, from here. */
  planStart: text('plan_start').notNull(),
  /** Local time (HH:mm) at which weekly and due-date reminders go out, in the event's time zone. */
  reminderTime: text('reminder_time').notNull().default('09:00'),
  createdBy: integer('created_by')
    .notNull()
    .references(() => people.id),
  ...timestamps,
});

/** Who holds which event role. Leads have one holder each; sales leaders may be several, in order. */
export const eventRoles = sqliteTable(
  'event_roles',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    role: text('role').$type<EventRole>().notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.role, t.personId] }), index('event_roles_person_idx').on(t.personId)],
);

/** The playbook instantiated for one event. The owner is the holder of owner_role unless owner_id overrides it. */
export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    title: text('title').notNull(),
    phase: integer('phase').notNull(),
    workstream: text('workstream').notNull(),
    weekFrom: integer('week_from').notNull(),
    weekTo: integer('week_to').notNull(),
    eventDay: integer('event_day'),
    ownerRole: text('owner_role').$type<EventRole>().notNull(),
    ownerId: integer('owner_id').references(() => people.id),
    agent: text('agent'),
    output: text('output'),
    milestone: integer('milestone', { mode: 'boolean' }).notNull().default(false),
    startDate: text('start_date').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    doneAt: text('done_at'),
    doneBy: integer('done_by').references(() => people.id),
    /**
     * A task SKO Conductor performs (the playbook's `performedBy`): how its message went. Delivered
     * to anyone, the task is done by the app; delivered to nobody, it stays open with the reason.
     */
    performed: text('performed', { mode: 'json' }).$type<{ delivered: number; failed: number; reason: string | null }>(),
    ...timestamps,
  },
  (t) => [uniqueIndex('tasks_event_key_unique').on(t.eventId, t.key), index('tasks_event_due_idx').on(t.eventId, t.status, t.dueDate)],
);

export const SCHEDULE_STATUSES = ['pending', 'done', 'skipped'] as const;

/**
 * Everything the app will do at a future instant (a reminder, an announcement, a digest): the
 * timer only wakes the dispatcher, which turns due rows into outbox messages, so nothing that
 * falls due while the app is down is lost. Content is rendered when the row falls due.
 */
export const schedule = sqliteTable(
  'schedule',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Unique per thing to do: planning the same thing twice finds the same row. */
    key: text('key').notNull(),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** UTC instant, ISO 8601: sorts as text. */
    dueAt: text('due_at').notNull(),
    /** Past this instant the row is skipped rather than sent. */
    staleAt: text('stale_at'),
    status: text('status', { enum: SCHEDULE_STATUSES }).notNull().default('pending'),
    /** What dispatching produced, or why it was skipped. */
    note: text('note'),
    /**
     * A row whose DMs go in waves (each reader at their own hour): when to look at it again. Each
     * wave is composed at its own moment, so a western reader's DM says how things stand then.
     */
    nextAt: text('next_at'),
    dispatchedAt: text('dispatched_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('schedule_key_unique').on(t.key),
    index('schedule_status_due_idx').on(t.status, t.dueAt),
    index('schedule_event_idx').on(t.eventId),
    // The next wave's moment, asked every tick: without it, every pending row of every SKO is read.
    index('schedule_status_next_idx').on(t.status, t.nextAt),
  ],
);

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped', 'combined'] as const;

/** Every message that leaves the app, once per idempotency key. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The idempotency key: a message with a key already here is never sent again. */
    key: text('key').notNull(),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    /** What the message is, for people reading delivery problems: "week 3 tasks". */
    label: text('label').notNull(),
    /** A channel id, or a user id for a DM. */
    channel: text('channel').notNull(),
    text: text('text').notNull(),
    blocks: text('blocks', { mode: 'json' }).$type<unknown[]>(),
    /** Charts to upload beside the message (files.uploadV2), rendered when it is sent. */
    attachments: text('attachments', { mode: 'json' }).$type<MessageAttachment[]>(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    /** Answers from Slack other than "wait" (429): sent, refused, or failed. */
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Not sent before this instant (retry backoff, Retry-After). */
    notBefore: text('not_before'),
    /** Skipped, not sent, once this instant passes. */
    staleAt: text('stale_at'),
    /** A Slack user to tell if this message cannot be delivered. */
    notifyOnFailure: text('notify_on_failure'),
    sendingAt: text('sending_at'),
    slackChannel: text('slack_channel'),
    slackTs: text('slack_ts'),
    sentAt: text('sent_at'),
    /** A part sent inside another message (one DM instead of several): the id of the row that carries it. */
    carriedBy: integer('carried_by'),
    /** Posted as a reply in the thread of the message with this key (sent first, in the same channel). */
    threadKey: text('thread_key'),
    /** Not a new message: rewrites the message with this key (chat.update), such as a question's vote count. */
    replacesKey: text('replaces_key'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('outbox_key_unique').on(t.key),
    index('outbox_status_idx').on(t.status, t.id),
    index('outbox_event_status_idx').on(t.eventId, t.status),
    // Combining a DM asks what else waits for, or just reached, the same person: thousands of times on a Monday.
    index('outbox_channel_status_idx').on(t.channel, t.status, t.notBefore),
    // Each tick asks for the soonest pending message and those whose moment passed during downtime,
    // among the thousands of DMs waiting for their readers' hours in every running SKO.
    index('outbox_status_not_before_idx').on(t.status, t.notBefore),
    // Before each edit is sent: is a later edit of the same message waiting? (Only edits have the column.)
    index('outbox_replaces_status_idx').on(t.replacesKey, t.status).where(sql`${t.replacesKey} IS NOT NULL`),
  ],
);

/**
 * When an SKO's DMs may reach people (issue 14): working hours in each reader's zone, and the
 * holiday calendar (a country and optional region, plus days the SKO lead adds or removes).
 */
export const deliveryRules = sqliteTable('delivery_rules', {
  eventId: integer('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  workStart: text('work_start').notNull().default('08:00'),
  workEnd: text('work_end').notNull().default('18:00'),
  /** ISO weekdays, 1 = Monday. */
  workDays: text('work_days', { mode: 'json' }).$type<number[]>().notNull().default([1, 2, 3, 4, 5]),
  holidayCountry: text('holiday_country'),
  holidayRegion: text('holiday_region'),
  holidaysAdded: text('holidays_added', { mode: 'json' }).$type<string[]>().notNull().default([]),
  holidaysRemoved: text('holidays_removed', { mode: 'json' }).$type<string[]>().notNull().default([]),
  ...timestamps,
});

/**
 * Opportunities from the CRM, keyed by the CRM's id. `outcome` is the stage classified at import
 * (src/agents/definitions.ts), so aggregating a million rows needs no string matching.
 * Amounts are whole cents; dates are YYYY-MM-DD.
 */
export const deals = sqliteTable(
  'deals',
  {
    id: text('id').primaryKey(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => people.id),
    account: text('account'),
    product: text('product'),
    segment: text('segment'),
    stage: text('stage').notNull(),
    outcome: text('outcome').$type<Outcome>().notNull(),
    amountCents: integer('amount_cents'),
    createdDate: text('created_date'),
    closeDate: text('close_date'),
  },
  // created_date: how fresh the data is (the newest record) is read with every agent reply.
  (t) => [index('deals_close_idx').on(t.closeDate), index('deals_owner_idx').on(t.ownerId, t.closeDate), index('deals_created_idx').on(t.createdDate)],
);

/**
 * When each deal entered each stage (the CRM's stage history), for stage-to-stage conversion and
 * time in stage. A deal's history is replaced whole when a file names it again.
 */
export const stageHistory = sqliteTable(
  'stage_history',
  {
    dealId: text('deal_id')
      .notNull()
      .references(() => deals.id),
    stage: text('stage').notNull(),
    enteredDate: text('entered_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.enteredDate, t.stage] })],
);

/** A person's quota for a period (inclusive dates). One person's periods never overlap. */
export const quotas = sqliteTable(
  'quotas',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    amountCents: integer('amount_cents').notNull(),
    /** 'rep' or 'overlay' as the file said; null follows the person's role (src/domain/sales/quota-kinds.ts). */
    kind: text('kind').$type<QuotaKind>(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.periodStart, t.periodEnd] })],
);

/** Accounts and who owns them: a rep's territory is the accounts they own. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    ownerId: integer('owner_id').references(() => people.id),
    region: text('region'),
    segment: text('segment'),
    industry: text('industry'),
    /** What the account could buy in a year: only its share of all accounts' potential matters. */
    potentialCents: integer('potential_cents'),
  },
  (t) => [uniqueIndex('accounts_name_unique').on(t.name), index('accounts_owner_idx').on(t.ownerId)],
);

/** A compensation plan: tiers and SPIFFs are read and replaced with the plan, so they live in it as JSON. */
export const compPlans = sqliteTable('comp_plans', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** Who is on the plan: an email, a team or a title; null for everyone no other plan names. */
  appliesTo: text('applies_to'),
  oteCents: integer('ote_cents').notNull(),
  basePct: real('base_pct').notNull(),
  quotaCents: integer('quota_cents'),
  capPct: real('cap_pct'),
  tiers: text('tiers', { mode: 'json' }).$type<CommissionTier[]>().notNull(),
  spiffs: text('spiffs', { mode: 'json' }).$type<Spiff[]>().notNull(),
  ...timestamps,
});

/** Settings an admin changes at run time (fiscal calendar, the territory plan's parameters), one JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: timestamps.updatedAt,
});

/**
 * Each CRM's live sync: how far its data has been read (the last-modified mark the next sync
 * starts from, moved only by a sync that applied), and what the last run did or why it refused.
 */
export const crmSyncs = sqliteTable('crm_syncs', {
  crm: text('crm').$type<'salesforce' | 'hubspot'>().primaryKey(),
  syncedThrough: text('synced_through'),
  lastRunAt: text('last_run_at').notNull(),
  lastStatus: text('last_status').$type<'applied' | 'refused' | 'failed'>().notNull(),
  /** What the last applied sync changed: per kind, created and updated. */
  changes: text('changes', { mode: 'json' }).$type<{ kind: string; created: number; updated: number }[]>(),
  problem: text('problem'),
});

/**
 * Commitments with an owner and (usually) a due date, made at or around the SKO (issue 5). Dates are
 * local calendar dates in the event's time zone; reminders are schedule rows planned from them.
 */
export const actionItems = sqliteTable(
  'action_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    notes: text('notes'),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => people.id),
    creatorId: integer('creator_id')
      .notNull()
      .references(() => people.id),
    due: text('due'),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    doneAt: text('done_at'),
    doneBy: integer('done_by').references(() => people.id),
    /** Local date the reminders resume on after a snooze. */
    snoozedUntil: text('snoozed_until'),
    /** When the owner's manager (or the SKO lead) was told it is overdue: once per item. */
    escalatedAt: text('escalated_at'),
    /** The Slack message it came from, or any link its creator gave. */
    link: text('link'),
    taskId: integer('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    source: text('source', { enum: ACTION_ITEM_SOURCES }).notNull(),
    ...timestamps,
  },
  (t) => [index('action_items_event_status_due_idx').on(t.eventId, t.status, t.due), index('action_items_owner_status_idx').on(t.ownerId, t.status)],
);

/**
 * The communications calendar of one event (PRODUCT §4): one row per planned message, holding
 * what the communications lead changed. A row with nothing changed sends the calendar's default
 * at its default time, which follows the event's dates when they move.
 */
export const communications = sqliteTable(
  'communications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** The planned entry's key: 'save-the-date', 'post-event-survey', … */
    key: text('key').notNull(),
    /** An edited send time (UTC instant); null keeps the calendar's default. */
    sendAt: text('send_at'),
    /** Survey messages: an edited closing time; null keeps the default. */
    closesAt: text('closes_at'),
    cancelled: integer('cancelled', { mode: 'boolean' }).notNull().default(false),
    /** The message as the communications lead wrote it; null sends the default text. */
    body: text('body'),
    /** The thank-you and recap's highlights and materials links. */
    details: text('details', { mode: 'json' }).$type<{ highlights?: string; links?: { label: string; url: string }[] }>(),
    updatedBy: integer('updated_by').references(() => people.id),
    ...timestamps,
  },
  (t) => [uniqueIndex('communications_event_key_unique').on(t.eventId, t.key)],
);

/** Each attendee's answer to the save-the-date; changeable until the event. */
export const rsvps = sqliteTable(
  'rsvps',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    answer: text('answer').$type<RsvpAnswer>().notNull(),
    answeredAt: text('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId] })],
);

/** An event's surveys (pre-event, post-event, quiz), each a copy of a built-in one that the event may edit. */
export const surveys = sqliteTable(
  'surveys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<SurveyKind>().notNull(),
    definition: text('definition', { mode: 'json' }).$type<Survey>().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('surveys_event_kind_unique').on(t.eventId, t.kind)],
);

/** Who a survey was sent to: the response rate's denominator and the reminders' list. Nothing about answers. */
export const surveyInvitations = sqliteTable(
  'survey_invitations',
  {
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    invitedAt: text('invited_at').notNull(),
    /**
     * Whether the person has answered: what the reminders read. A flag on the invitation, set in
     * invitation order, so nothing here points at which answer row is theirs.
     */
    answered: integer('answered', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.personId] })],
);

/**
 * One answer set per person per survey. For an anonymous survey the row holds the keyed hash of
 * (survey, person) and the team the person was in, and nothing else about them: no person, no
 * Slack id, no email and no time. The id is random, so neither it nor SQLite's row order tells
 * which answer came last; answers wait in `held` until at least 5 of the same team can be counted
 * together (see docs/decisions/006-anonymous-surveys.md).
 */
export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: integer('id').primaryKey(),
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    respondentKey: text('respondent_key').notNull(),
    /** Only for surveys that are not anonymous (the certification quiz). */
    personId: integer('person_id').references(() => people.id),
    /** The breakdown reports use: the person's team when their answers were counted. */
    groupLabel: text('group_label'),
    /** The answers the results count; null until a batch releases them. */
    answers: text('answers', { mode: 'json' }).$type<Answers>(),
    /** Earlier pages of a survey longer than one modal, until the last page is submitted. */
    draft: text('draft', { mode: 'json' }).$type<Answers>(),
    /** Submitted answers of an anonymous survey, waiting for 4 more from the same team (`heldGroup`). */
    held: text('held', { mode: 'json' }).$type<Answers>(),
    heldGroup: text('held_group'),
  },
  (t) => [uniqueIndex('survey_responses_survey_respondent_unique').on(t.surveyId, t.respondentKey)],
);

/** Session materials and recordings for the week-11 portal, recorded by the content lead. */
export const materials = sqliteTable(
  'materials',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    session: text('session').notNull(),
    kind: text('kind').$type<'slides' | 'recording' | 'resource'>().notNull(),
    url: text('url').notNull(),
    recordedBy: integer('recorded_by').references(() => people.id),
    ...timestamps,
  },
  (t) => [uniqueIndex('materials_event_url_unique').on(t.eventId, t.session, t.url)],
);

/** A budget category's amount set by hand; categories without a row follow seed 000's template share. */
export const budgetOverrides = sqliteTable(
  'budget_overrides',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    category: text('category').$type<BudgetCategoryKey>().notNull(),
    amountCents: integer('amount_cents').notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.eventId, t.category] })],
);

/** Money spent or committed; actual or committed follows from the date (src/domain/budget.ts). */
export const expenses = sqliteTable(
  'expenses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    category: text('category').$type<BudgetCategoryKey>().notNull(),
    vendor: text('vendor').notNull(),
    amountCents: integer('amount_cents').notNull(),
    date: text('date').notNull(),
    note: text('note'),
    ...timestamps,
  },
  (t) => [index('expenses_event_idx').on(t.eventId)],
);

/** The event's agenda: one row per session; times are HH:mm local to the event. */
export const agendaSessions = sqliteTable(
  'agenda_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    day: integer('day').notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    title: text('title').notNull(),
    kind: text('kind').$type<SessionKind>().notNull(),
    format: text('format').$type<SessionFormat>().notNull(),
    speakers: text('speakers', { mode: 'json' }).$type<string[]>().notNull(),
    takeaways: text('takeaways', { mode: 'json' }).$type<string[]>().notNull(),
    nextSteps: text('next_steps', { mode: 'json' }).$type<string[]>().notNull(),
    /** The post-event survey's average rating of this session (1–5), once answers come in. */
    rating: real('rating'),
    ratingCount: integer('rating_count').notNull().default(0),
    ...timestamps,
  },
  (t) => [index('agenda_sessions_event_day_idx').on(t.eventId, t.day, t.start)],
);

export type Person = typeof people.$inferSelect;
export type DealRow = typeof deals.$inferSelect;
export type QuotaRow = typeof quotas.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;
export type CompPlanRow = typeof compPlans.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type EventRoleRow = typeof eventRoles.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type ScheduleRow = typeof schedule.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type ActionItemRow = typeof actionItems.$inferSelect;
export type CommunicationRow = typeof communications.$inferSelect;
export type RsvpRow = typeof rsvps.$inferSelect;
export type SurveyRow = typeof surveys.$inferSelect;
export type SurveyResponseRow = typeof surveyResponses.$inferSelect;

/**
 * Admins besides Slack's own workspace owners and admins: people an admin added with `/sko admins`
 * ('added'), and the ids in the SKO_ADMINS setting ('setting', rewritten at every start).
 */
export const admins = sqliteTable(
  'admins',
  {
    slackUserId: text('slack_user_id').notNull(),
    source: text('source').$type<'added' | 'setting'>().notNull(),
    addedBy: text('added_by'),
    addedAt: text('added_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [primaryKey({ columns: [t.slackUserId, t.source] })],
);

/** Whether Slack says a person is a workspace owner or admin (users.info), and when it was asked. */
export const workspaceRoles = sqliteTable('workspace_roles', {
  slackUserId: text('slack_user_id').primaryKey(),
  isAdmin: integer('is_admin', { mode: 'boolean' }).notNull(),
  checkedAt: text('checked_at').notNull(),
});

/** Deliveries already handled: an event's event_id, a modal submission, a button press; Slack's retries and double clicks stop here. */
export const handledDeliveries = sqliteTable('handled_deliveries', {
  key: text('key').primaryKey(),
  handledAt: text('handled_at').notNull(),
});

/**
 * Work only one process may do at a time (the outbox's sending): the holder renews its lease while
 * it works; another process takes it over only once it has expired (the holder died or hung).
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  /** UTC instant, ISO 8601. */
  expiresAt: text('expires_at').notNull(),
});

/**
 * Every change of a person's people role after they were first stored, and what made it: an admin
 * naming a sales leader in setup, or a people import. Admins see the latest in App Home.
 */
export const roleChanges = sqliteTable('role_changes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  personId: integer('person_id')
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' }),
  fromRole: text('from_role').$type<PeopleRole>().notNull(),
  toRole: text('to_role').$type<PeopleRole>().notNull(),
  source: text('source').$type<'setup' | 'import'>().notNull(),
  /** The admin's Slack id for a setup change; null for an import (the file says it). */
  changedBy: text('changed_by'),
  changedAt: text('changed_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
});
export type RoleChangeRow = typeof roleChanges.$inferSelect;

/**
 * What people said of a text the model wrote (the feedback buttons under it): which kind of text,
 * whether it helped. The text itself is not kept: it holds figures the reader was allowed to see.
 */
export const narrativeFeedback = sqliteTable('narrative_feedback', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** 'story:quota-performance-tracker', 'answer', 'brief:committee'… */
  purpose: text('purpose').notNull(),
  verdict: text('verdict').$type<'useful' | 'not-useful'>().notNull(),
  slackUserId: text('slack_user_id').notNull(),
  givenAt: text('given_at').notNull(),
});

/**
 * Each file imported (sales data, the agenda, the expenses): what it was, how many rows, when and
 * by whom. App Home tells admins from it what is loaded and what is missing.
 */
export const dataImports = sqliteTable(
  'data_imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    rows: integer('rows').notNull(),
    fileName: text('file_name'),
    /** The Slack id of who shared it in the DM; null for the command line. */
    importedBy: text('imported_by'),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [index('data_imports_kind_idx').on(t.kind, t.importedAt)],
);
export type DeliveryRulesRow = typeof deliveryRules.$inferSelect;

/**
 * Charts uploaded to Slack, once each: every digest of a week shows the same picture by its file id,
 * so 5,000 readers are one upload, and a restart finds the file here instead of uploading again.
 * A chart Slack refused for good keeps the refusal, so it is not asked again for every message.
 */
export const chartFiles = sqliteTable('chart_files', {
  /** A digest of the chart's name and figures: the same chart, whoever reads it, is the same key. */
  key: text('key').primaryKey(),
  fileId: text('file_id'),
  /** Slack's refusal (`missing_scope`…) when the upload failed for good; null once uploaded. */
  error: text('error'),
  createdAt: text('created_at').notNull(),
});

/**
 * What an SKO's team learned, captured in week 12 for the next SKO: what worked, what to change (one
 * lesson a line) and who owns acting on it. The next SKO shows them and plans a task per change.
 */
export const lessons = sqliteTable('lessons', {
  eventId: integer('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  worked: text('worked', { mode: 'json' }).$type<string[]>().notNull(),
  toChange: text('to_change', { mode: 'json' }).$type<string[]>().notNull(),
  ownerId: integer('owner_id').references(() => people.id),
  savedBy: integer('saved_by').references(() => people.id),
  savedAt: text('saved_at').notNull(),
});
export type LessonsRow = typeof lessons.$inferSelect;

/**
 * Figures worked out from the sales data that take seconds at a million deals (the scorecard's Q1
 * figures), kept with the sales-data version they were worked out from: the agent worker refreshes
 * them when that version moves or the day does, and Slack's answers only read them.
 */
export const salesFigures = sqliteTable('sales_figures', {
  key: text('key').primaryKey(),
  version: text('version').notNull(),
  value: text('value', { mode: 'json' }).notNull(),
  computedAt: text('computed_at').notNull(),
});

/**
 * The run of show: when each session actually started and ended, by whom, against which planned
 * start (the agenda's, after any shift), and the shift a late start caused for the rest of its day.
 */
export const sessionRuns = sqliteTable('session_runs', {
  sessionId: integer('session_id')
    .primaryKey()
    .references(() => agendaSessions.id, { onDelete: 'cascade' }),
  eventId: integer('event_id')
    .notNull()
    .references(() => events.id, { onDelete: 'cascade' }),
  /** The planned start ('HH:mm') when the session was started: the one its lateness is judged against. */
  plannedStart: text('planned_start'),
  startedAt: text('started_at'),
  startedBy: text('started_by'),
  endedAt: text('ended_at'),
  endedBy: text('ended_by'),
  /** Set on a late-started session once the rest of its day was moved by this many minutes. */
  shiftedRestBy: integer('shifted_rest_by'),
  /** The agenda's start before any shift moved this session; null while never moved. */
  originalStart: text('original_start'),
});

/**
 * What an attending person tells the logistics lead about their trip (issue 20): dates, the hotel
 * nights they need, and dietary and accessibility needs, which only the logistics lead and admins
 * read. One row per person and SKO, replaced each time they edit it.
 */
export const travelDetails = sqliteTable(
  'travel_details',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    arrival: text('arrival').notNull(),
    departure: text('departure').notNull(),
    /** The local dates of the nights a room is needed (the night of each date). */
    hotelNights: text('hotel_nights', { mode: 'json' }).$type<string[]>().notNull(),
    dietary: text('dietary', { mode: 'json' }).$type<string[]>().notNull(),
    accessibility: text('accessibility'),
    note: text('note'),
    savedAt: text('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId] })],
);

/** The last local date on which travel details can be given or changed, set by the logistics lead. */
export const travelCutoffs = sqliteTable('travel_cutoffs', {
  eventId: integer('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  cutoff: text('cutoff').notNull(),
  setBy: integer('set_by').references(() => people.id),
  setAt: text('set_at').notNull(),
});

/**
 * Who was at the SKO on which event day: each attendee's "I'm here", or the logistics lead checking
 * them in by name. One row per person and day, so a second click changes nothing.
 */
export const checkIns = sqliteTable(
  'check_ins',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    day: integer('day').notNull(),
    checkedInAt: text('checked_in_at').notNull(),
    /** Who checked them in: themselves, or the logistics lead (or an admin) for them. */
    byPersonId: integer('by_person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId, t.day] })],
);

/**
 * A session's content and leadership's word on it (issue 20): the link its owner put up for approval,
 * where it stands, and who said so when. A session with no row is still a draft. `round` counts the
 * submissions, so a leader's button from an older one cannot approve a newer link unseen.
 */
export const sessionContent = sqliteTable(
  'session_content',
  {
    sessionId: integer('session_id')
      .primaryKey()
      .references(() => agendaSessions.id, { onDelete: 'cascade' }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    link: text('link').notNull(),
    state: text('state').$type<'submitted' | 'approved' | 'changes-requested'>().notNull(),
    round: integer('round').notNull().default(1),
    submittedBy: integer('submitted_by').references(() => people.id),
    submittedAt: text('submitted_at').notNull(),
    decidedBy: integer('decided_by').references(() => people.id),
    decidedAt: text('decided_at'),
    /** What the leader asked to change, for the owner. */
    note: text('note'),
    /** The first approval, kept through later resubmissions: the metric counts sessions approved by the end of week 9. */
    firstApprovedAt: text('first_approved_at'),
    ...timestamps,
  },
  (t) => [index('session_content_event_idx').on(t.eventId)],
);
export type SessionContentRow = typeof sessionContent.$inferSelect;

/**
 * Questions asked during the event (issue 20, live Q&A), each posted in the event channel under the
 * session running when it was asked. A named question holds its asker; an anonymous one holds only
 * `askerKey`, a keyed hash of (SKO, person) under SURVEY_KEY_SECRET as for anonymous survey answers
 * (docs/decisions/006): enough to count the asker towards engagement, nothing that names them.
 */
export const questions = sqliteTable(
  'questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => agendaSessions.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    /** Only for an anonymous question; its own namespace, so it matches neither votes nor named questions. */
    askerKey: text('asker_key'),
    /** Null for an anonymous question. */
    askerId: integer('asker_id').references(() => people.id),
    answeredAt: text('answered_at'),
    answeredBy: integer('answered_by').references(() => people.id),
  },
  (t) => [index('questions_event_idx').on(t.eventId)],
);
export type QuestionRow = typeof questions.$inferSelect;

/** One upvote per person per question, under a keyed hash of (SKO, voter): counted, never named. */
/** One upvote per person per question, under a keyed hash of (SKO, voter): counted, never named. */
export const questionVotes = sqliteTable(
  'question_votes',
  {
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    voterKey: text('voter_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.voterKey] })],
);
