import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewOutput, ViewSubmitAction } from '@slack/bolt';
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { isValidTimeZone, localDate } from '../../src/domain/dates.js';
import { GTM_CHALLENGE_INFO, GTM_CHALLENGES, type GtmChallenge, isGtmChallenge } from '../../src/domain/plan/gtm.js';
import { DEFAULT_REMINDER_TIME } from '../../src/domain/plan/reminders.js';
import { ROSTER_REGION, ROSTER_TEAM, type SetupErrors, type SetupField, type SetupForm, validateSetup } from '../../src/domain/plan/setup.js';
import { MAX_EVENT_DAYS } from '../../src/domain/plan/timeline.js';
import type { RosterScope } from '../../src/domain/plan/which-sko.js';
import { EVENT_ROLE_LABELS, LEAD_ROLES, type LeadRole } from '../../src/domain/roles.js';
import { InputError } from '../../src/errors.js';
import type { EventRow } from '../../src/services/plan/event-store.js';
import { allEvents, eventById, roleHolders } from '../../src/services/plan/event-store.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { plain, section } from '../kit/blocks.js';
import { formatMoney } from '../kit/format.js';
import { SETUP_MODAL } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { skoRef } from '../kit/sko-ref.js';
import { refreshChannelCanvas } from './canvas.js';
import { announceSetup } from './setup-summary.js';

const { blocks: B, actionId: A } = SETUP_MODAL;

export interface SetupDefaults {
  event: EventRow;
  leads: Partial<Record<LeadRole, string>>;
  salesLeaders: string[];
}

/** The teams and regions of the people data, offered as the roster. */
export interface RosterOptions {
  teams: string[];
  regions: string[];
}

/** An SKO a new one may start from. */
export interface PastSko {
  id: number;
  name: string;
  day1: string;
}

/** Every SKO there is, archived ones too, newest first: what a new SKO may start from. */
export const pastSkos = (deps: Deps): PastSko[] => allEvents(deps.db);

/** At most 100 choices fit in a menu; a workspace with more teams and regions picks among the first. */
const MAX_ROSTER_OPTIONS = 100;

/**
 * The `/sko setup` modal, empty for a new SKO or filled in with the one it edits; the SKO's id
 * travels in private_metadata, so a submission changes that SKO and no other. A new SKO may start
 * from a past one, whose role holders then fill the roles left empty: those are optional then.
 */
export function buildSetupModal(
  defaults?: SetupDefaults,
  ownZone?: string,
  rosterOptions: RosterOptions = { teams: [], regions: [] },
  past: readonly PastSko[] = [],
): ModalView {
  const e = defaults?.event;
  const startFrom = e ? [] : startFromBlock(past);
  const blocks: InputBlock[] = [
    ...startFrom,
    input(B.name, 'Event name', {
      type: 'plain_text_input',
      action_id: A,
      max_length: 80,
      placeholder: plain('FY27 Sales Kickoff'),
      ...(e ? { initial_value: e.name } : {}),
    }),
    input(
      B.day1,
      'Day 1',
      { type: 'datepicker', action_id: A, ...(e ? { initial_date: e.day1 } : {}) },
      { hint: 'The first full event day. Plan for 12 weeks of preparation before it.' },
    ),
    input(B.days, 'Event days', {
      type: 'static_select',
      action_id: A,
      options: Array.from({ length: MAX_EVENT_DAYS }, (_, i) => option(String(i + 1), String(i + 1))),
      initial_option: option(String(e?.days ?? 3), String(e?.days ?? 3)),
    }),
    input(
      B.hasDay0,
      'Day 0',
      {
        type: 'checkboxes',
        action_id: A,
        options: [option('Include day 0 (early arrivals, top performer dinner)', 'yes')],
        ...(e?.hasDay0 ? { initial_options: [option('Include day 0 (early arrivals, top performer dinner)', 'yes')] } : {}),
      },
      { optional: true },
    ),
    input(B.timeZone, 'Time zone', {
      type: 'static_select',
      action_id: A,
      placeholder: plain('Type to search, e.g. New York'),
      option_groups: timeZoneGroups(ownZone),
      ...(e
        ? { initial_option: zoneOption(e.timeZone, ownZone) }
        : ownZone && isValidTimeZone(ownZone)
          ? { initial_option: zoneOption(ownZone, ownZone) }
          : {}),
    }),
    input(
      B.reminderTime,
      'Reminders go out at',
      { type: 'timepicker', action_id: A, initial_time: e?.reminderTime ?? DEFAULT_REMINDER_TIME },
      {
        optional: true,
        hint: "Each plan week's task list and due-date reminders reach each person at this time on their own clock, within working hours (set in /sko settings).",
      },
    ),
    input(
      B.location,
      'Location',
      {
        type: 'plain_text_input',
        action_id: A,
        max_length: 150,
        placeholder: plain('City and venue, or "Virtual"'),
        ...(e?.location ? { initial_value: e.location } : {}),
      },
      { optional: true },
    ),
    input(B.headcount, 'Expected headcount', {
      type: 'plain_text_input',
      action_id: A,
      placeholder: plain('250'),
      ...(e ? { initial_value: String(e.headcount) } : {}),
    }),
    input(B.budget, 'Total budget (USD)', {
      type: 'plain_text_input',
      action_id: A,
      placeholder: plain('$250,000'),
      ...(e ? { initial_value: formatMoney(e.budgetCents) } : {}),
    }),
    input(
      B.channelId,
      'Event channel',
      {
        type: 'conversations_select',
        action_id: A,
        filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        ...(e ? { initial_conversation: e.channelId } : {}),
      },
      { hint: "Where the plan is announced and each morning's agenda is posted." },
    ),
    input(
      B.gtmChallenge,
      'Core go-to-market challenge',
      {
        type: 'radio_buttons',
        action_id: A,
        options: GTM_CHALLENGES.map(gtmOption),
        ...(e && isGtmChallenge(e.gtmChallenge) ? { initial_option: gtmOption(e.gtmChallenge) } : {}),
      },
      { hint: 'The plan follows it (Building an Engaging SKO): what the SKO must install.' },
    ),
    ...LEAD_ROLES.map((role) =>
      input(
        B[role],
        EVENT_ROLE_LABELS[role],
        { type: 'users_select', action_id: A, ...(defaults?.leads[role] ? { initial_user: defaults.leads[role] } : {}) },
        { optional: startFrom.length > 0 },
      ),
    ),
    input(
      B.salesLeaders,
      'Sales leaders',
      { type: 'multi_users_select', action_id: A, ...(defaults?.salesLeaders.length ? { initial_users: defaults.salesLeaders } : {}) },
      { optional: true, hint: 'They receive the weekly digest and own the week-12 follow-ups.' },
    ),
    ...rosterBlock(rosterOptions, e?.roster ?? null),
  ];
  return {
    type: 'modal',
    callback_id: SETUP_MODAL.callbackId,
    private_metadata: e ? String(e.id) : NEW_SKO,
    title: plain(e ? 'Edit your SKO' : 'Set up your SKO'),
    submit: plain(e ? 'Save changes' : 'Create plan'),
    close: plain('Cancel'),
    blocks: [
      section(
        e
          ? 'Changing day 1 moves the due dates of every task not yet done.'
          : 'SKO Conductor turns these answers into a 12-week plan with owners and due dates.',
      ),
      ...blocks,
    ],
  };
}

const NEW_SKO = 'new';

/** Slack's menus hold at most 100 options; past that, the newest. */
const MAX_PAST_SKOS = 100;

function startFromBlock(past: readonly PastSko[]): InputBlock[] {
  if (past.length === 0) return [];
  return [
    input(
      B.copyFrom,
      'Start from a past SKO',
      {
        type: 'static_select',
        action_id: A,
        placeholder: plain('Start empty'),
        options: past.slice(0, MAX_PAST_SKOS).map((p) => option(`${p.name} (${p.day1.slice(0, 4)})`.slice(0, 75), skoRef(p.id))),
      },
      {
        optional: true,
        hint: "Copies its agenda onto this SKO's days, its budget split, the message texts written for it, its surveys' questions, and who held its roles (for each role you leave empty below).",
      },
    ),
  ];
}

/** Who attends: everyone unless teams or regions are chosen; asked only when the people data has some. */
function rosterBlock(options: RosterOptions, current: RosterScope | null): InputBlock[] {
  const choices = [
    ...options.teams.map((t) => option(`Team ${t}`, `${ROSTER_TEAM}${t}`)),
    ...options.regions.map((r) => option(`Region ${r}`, `${ROSTER_REGION}${r}`)),
  ].slice(0, MAX_ROSTER_OPTIONS);
  if (choices.length === 0) return [];
  const chosen = new Set([...(current?.teams ?? []).map((t) => `${ROSTER_TEAM}${t}`), ...(current?.regions ?? []).map((r) => `${ROSTER_REGION}${r}`)]);
  const initial = choices.filter((c) => chosen.has(c.value as string));
  return [
    input(
      B.roster,
      'Who attends',
      { type: 'multi_static_select', action_id: A, placeholder: plain('Everyone'), options: choices, ...(initial.length ? { initial_options: initial } : {}) },
      { optional: true, hint: 'Leave it empty for everyone, or choose teams and regions (a regional kickoff): the SKO messages only them.' },
    ),
  ];
}

/** Reads the submitted values; validation (domain/setup.ts) decides what is acceptable. */
function readSetupForm(view: Pick<ViewOutput, 'state'>): SetupForm {
  const values = view.state.values;
  const element = (blockId: string) => values[blockId]?.[A];
  const text = (blockId: string) => element(blockId)?.value ?? undefined;
  const selected = (blockId: string) => element(blockId)?.selected_option?.value ?? undefined;
  return {
    name: text(B.name),
    day1: element(B.day1)?.selected_date ?? undefined,
    days: selected(B.days),
    hasDay0: (element(B.hasDay0)?.selected_options ?? []).some((o) => o.value === 'yes'),
    timeZone: selected(B.timeZone),
    location: text(B.location),
    headcount: text(B.headcount),
    budget: text(B.budget),
    channelId: element(B.channelId)?.selected_conversation ?? undefined,
    gtmChallenge: selected(B.gtmChallenge),
    leads: Object.fromEntries(LEAD_ROLES.map((role) => [role, element(B[role])?.selected_user ?? undefined])),
    salesLeaders: element(B.salesLeaders)?.selected_users ?? [],
    reminderTime: element(B.reminderTime)?.selected_time ?? undefined,
    roster: values[B.roster] ? (element(B.roster)?.selected_options ?? []).map((o) => o.value) : undefined,
    copyFrom: selected(B.copyFrom),
  };
}

/** Field errors keyed by block id, as `response_action: 'errors'` wants them. */
function toBlockErrors(errors: SetupErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [B[field as SetupField], message]));
}

export function buildSetupDefaults(deps: Deps, event: EventRow | undefined): SetupDefaults | undefined {
  if (!event) return undefined;
  const holders = roleHolders(deps.db, event.id);
  const slackIdOf = (role: string) =>
    holders
      .filter((h) => h.role === role)
      .map((h) => h.person.slackUserId)
      .filter((id): id is string => Boolean(id));
  return {
    event,
    leads: Object.fromEntries(LEAD_ROLES.map((role) => [role, slackIdOf(role)[0]])),
    salesLeaders: slackIdOf('sales_leader'),
  };
}

/** Validates and stores before acknowledging, so a person never loses a form to an error they cannot see. */
export function handleSetupSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const form = readSetupForm(view);
    const eventId = view.private_metadata && view.private_metadata !== NEW_SKO ? Number(view.private_metadata) : null;
    const existing = eventId === null ? undefined : eventById(deps.db, eventId);
    const now = deps.clock.now();
    const zone = form.timeZone && isValidTimeZone(form.timeZone) ? form.timeZone : (existing?.timeZone ?? 'UTC');
    const result = validateSetup(form, { today: localDate(now, zone), existing });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: toBlockErrors(result.errors) });
      return;
    }
    const outcome = await unlessRefused(
      () => saveSetup(deps.db, result.input, body.user.id, now, eventId),
      (message, error) =>
        error instanceof InputError && isFormField(error.field) && view.state.values[B[error.field]]
          ? ack({ response_action: 'errors', errors: { [B[error.field]]: message } })
          : ack({ response_action: 'update', view: buildNoticeModal('Not saved', message) }),
    );
    if (outcome === undefined) return;
    await ack();
    await announceSetup(deps, outcome, body.user.id, `${body.view.id}:${body.view.hash}`);
    await refreshChannelCanvas(deps, outcome.event.id);
  };
}

/** A refusal about one of the form's fields is shown on that field, when the form has it. */
const isFormField = (field: string | undefined): field is SetupField => field !== undefined && field in B;

export function buildNoticeModal(title: string, message: string): ModalView {
  return { type: 'modal', title: plain(title.slice(0, 24)), close: plain('Close'), blocks: [section(message)] };
}

function input(blockId: string, label: string, element: InputBlock['element'], options: { optional?: boolean; hint?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element,
    optional: options.optional ?? false,
    ...(options.hint ? { hint: plain(options.hint) } : {}),
  };
}

function gtmOption(challenge: GtmChallenge): PlainTextOption {
  const info = GTM_CHALLENGE_INFO[challenge];
  return { text: plain(info.label), value: challenge, description: plain(info.short) };
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text), value };
}

/** The zones most SKOs are held in, offered first after the person's own. */
const COMMON_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'UTC',
];

/** A zone as the menu lists it (Slack matches an initial option by its text too). */
const zoneOption = (zone: string, ownZone: string | undefined) => option(zone === ownZone ? `${zone} (yours)` : zone, zone);

let regionGroups: Map<string, string[]> | undefined;

/**
 * The person's own zone and the common ones first, then every IANA zone grouped by region in
 * chunks of at most 100 (Slack's per-group limit); Slack filters as you type.
 */
function timeZoneGroups(ownZone: string | undefined) {
  if (!regionGroups) {
    regionGroups = new Map<string, string[]>([['UTC', ['UTC']]]);
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const region = zone.split('/')[0] as string;
      regionGroups.set(region, [...(regionGroups.get(region) ?? []), zone]);
    }
  }
  const first = [...new Set([...(ownZone && isValidTimeZone(ownZone) ? [ownZone] : []), ...COMMON_ZONES])];
  const suggested = { label: plain('Yours and the common ones'), options: first.map((z) => zoneOption(z, ownZone)) };
  // Slack wants each value once in a menu: the suggested zones are not repeated below.
  const rest = [...regionGroups].flatMap(([region, all]) => {
    const zones = all.filter((z) => !first.includes(z));
    const chunks = Math.ceil(zones.length / 100);
    return Array.from({ length: chunks }, (_, i) => {
      const part = zones.slice(i * 100, (i + 1) * 100);
      const label = chunks === 1 ? region : `${region} (${part[0]?.split('/')[1]?.[0]}–${part[part.length - 1]?.split('/')[1]?.[0]})`;
      return { label: plain(label), options: part.map((z) => option(z, z)) };
    });
  });
  return [suggested, ...rest];
}
