import { daysBetween, isCalendarDate, isValidTimeZone } from '../dates.js';
import { LEAD_ROLES, type LeadRole, roleInSentence } from '../roles.js';
import { type GtmChallenge, isGtmChallenge } from './gtm.js';
import { DEFAULT_REMINDER_TIME } from './reminders.js';
import { checkPlan, MAX_EVENT_DAYS } from './timeline.js';
import type { RosterScope } from './which-sko.js';

/** The setup form as it arrives: every value optional text, so validation owns every message. */
export interface SetupForm {
  name?: string | undefined;
  day1?: string | undefined;
  days?: string | undefined;
  hasDay0?: boolean | undefined;
  timeZone?: string | undefined;
  location?: string | undefined;
  headcount?: string | undefined;
  budget?: string | undefined;
  channelId?: string | undefined;
  gtmChallenge?: string | undefined;
  leads: Partial<Record<LeadRole, string | undefined>>;
  salesLeaders?: string[] | undefined;
  reminderTime?: string | undefined;
  /** Who attends, as the form's choices say it: 'team:East', 'region:EMEA'; none for everyone; absent when the form did not ask. */
  roster?: string[] | undefined;
  /** A new SKO's "Start from a past SKO": that SKO's id. */
  copyFrom?: string | undefined;
}

export interface SetupInput {
  name: string;
  day1: string;
  days: number;
  hasDay0: boolean;
  timeZone: string;
  location: string | null;
  headcount: number;
  budgetCents: number;
  channelId: string;
  gtmChallenge: GtmChallenge;
  /** Every role, unless the SKO starts from a past one: its holders fill the roles left empty. */
  leads: Partial<Record<LeadRole, string>>;
  salesLeaders: string[];
  /** The past SKO a new one starts from (its id): its agenda, budget split, texts, surveys and role holders are copied. */
  copyFrom?: number;
  /** HH:mm in the event's time zone; weekly and due-date reminders go out then (default 09:00). */
  reminderTime?: string;
  /** Who attends: null for everyone; absent leaves it as it was. */
  roster?: RosterScope | null;
}

export type SetupField = Exclude<keyof SetupForm, 'leads'> | LeadRole;
export type SetupErrors = Partial<Record<SetupField, string>>;
export type SetupResult = { ok: true; input: SetupInput } | { ok: false; errors: SetupErrors };

export interface SetupContext {
  /** Today in the event's (or, failing that, the requester's) time zone. */
  today: string;
  /** The event as it stands, when setup edits one. */
  existing?: { day1: string; timeZone: string } | undefined;
}

const MAX_HEADCOUNT = 100_000;
const MAX_NAME = 80;
const MAX_LOCATION = 150;

export function validateSetup(form: SetupForm, context: SetupContext): SetupResult {
  const errors: SetupErrors = {};
  const text = (value: string | undefined) => value?.trim() ?? '';

  const name = text(form.name);
  if (!name) errors.name = 'Give the event a name, such as "FY27 Sales Kickoff".';
  else if (name.length > MAX_NAME) errors.name = `Keep the name to ${MAX_NAME} characters or fewer (it has ${name.length}).`;

  const days = Number(text(form.days) || '3');
  if (!Number.isInteger(days) || days < 1 || days > MAX_EVENT_DAYS) errors.days = `Choose between 1 and ${MAX_EVENT_DAYS} event days.`;

  const zoneText = text(form.timeZone);
  if (!zoneText) errors.timeZone = 'Choose the time zone the event runs in.';
  else if (!isValidTimeZone(zoneText)) errors.timeZone = `"${zoneText}" is not a time zone; choose one from the list, such as America/New_York.`;
  const timeZone = errors.timeZone ? zoneText : canonicalZone(zoneText);

  const day1 = text(form.day1);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day1)) errors.day1 = 'Pick the date of day 1.';
  else if (!isCalendarDate(day1)) errors.day1 = `${day1} is not a date on the calendar; pick day 1 from the date picker.`;
  else if (!errors.days && !errors.timeZone) {
    const dateMoved = !context.existing || context.existing.day1 !== day1 || context.existing.timeZone !== timeZone;
    // Editing other details of an event that is already close must stay possible; only a new date is held to the lead time.
    if (dateMoved) {
      if (daysBetween(context.today, day1) < 0) errors.day1 = `Day 1 (${day1}) is in the past; pick a date after ${context.today}.`;
      else {
        const plan = checkPlan({ day1, days, hasDay0: Boolean(form.hasDay0), timeZone }, context.today);
        if (!plan.ok) errors.day1 = plan.reason;
      }
    }
  }

  const location = text(form.location);
  if (location.length > MAX_LOCATION) errors.location = `Keep the location to ${MAX_LOCATION} characters or fewer.`;

  const headcountText = text(form.headcount).replace(/[,\s_]/g, '');
  const headcount = Number(headcountText);
  if (!/^\d+$/.test(headcountText) || headcount < 1) errors.headcount = 'Enter the expected headcount as a whole number of people, such as 250.';
  else if (headcount > MAX_HEADCOUNT) errors.headcount = `Enter a headcount of at most ${MAX_HEADCOUNT.toLocaleString('en-US')}.`;

  const budgetCents = parseAmountCents(text(form.budget));
  if (budgetCents === null || budgetCents <= 0) errors.budget = 'Enter the total budget as a positive amount in dollars, such as 250000, $250,000 or 250k.';

  const channelId = text(form.channelId);
  if (!channelId) errors.channelId = 'Choose the channel where the SKO is announced and discussed.';

  const gtm = text(form.gtmChallenge);
  if (!isGtmChallenge(gtm)) errors.gtmChallenge = 'Choose the core go-to-market challenge this SKO must address.';

  const reminderTime = text(form.reminderTime) || DEFAULT_REMINDER_TIME;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(reminderTime)) errors.reminderTime = 'Pick the time reminders go out, such as 09:00.';

  const copyFrom = text(form.copyFrom) ? Number(text(form.copyFrom)) : undefined;
  if (copyFrom !== undefined && !(Number.isInteger(copyFrom) && copyFrom > 0)) errors.copyFrom = 'Pick the SKO to start from in the list, or leave it empty.';

  const leads: Partial<Record<LeadRole, string>> = {};
  for (const role of LEAD_ROLES) {
    const holder = text(form.leads[role]);
    if (holder) leads[role] = holder;
    else if (copyFrom === undefined) errors[role] = `Choose the ${roleInSentence(role)}; one person may hold several roles.`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      name,
      day1,
      days,
      hasDay0: Boolean(form.hasDay0),
      timeZone,
      location: location || null,
      headcount,
      budgetCents: budgetCents as number,
      channelId,
      gtmChallenge: gtm as GtmChallenge,
      leads,
      salesLeaders: [...new Set((form.salesLeaders ?? []).map((u) => u.trim()).filter(Boolean))],
      reminderTime,
      ...(form.roster === undefined ? {} : { roster: rosterFrom(form.roster) }),
      ...(copyFrom === undefined ? {} : { copyFrom }),
    },
  };
}

/** The form's roster choices as a scope; choosing nobody means everyone. */
function rosterFrom(choices: readonly string[]): RosterScope | null {
  const of = (prefix: string) => [...new Set(choices.filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length)))];
  const scope = { teams: of(ROSTER_TEAM), regions: of(ROSTER_REGION) };
  return scope.teams.length || scope.regions.length ? scope : null;
}

/** How the form's roster choices are written. */
export const ROSTER_TEAM = 'team:';
export const ROSTER_REGION = 'region:';

/** "$250,000", "250000.50", "250k", "1.2m" → cents; null when it is not an amount. */
export function parseAmountCents(raw: string): number | null {
  const cleaned = raw
    .replace(/^(usd|\$)\s*/i, '')
    .replace(/\s*usd$/i, '')
    .replace(/[,\s]/g, '');
  const match = /^(\d+(?:\.\d+)?)([km])?$/i.exec(cleaned);
  if (!match) return null;
  const multiplier = match[2] ? (match[2].toLowerCase() === 'k' ? 1_000 : 1_000_000) : 1;
  const cents = Math.round(Number(match[1]) * multiplier * 100);
  return Number.isSafeInteger(cents) ? cents : null;
}

/** 'europe/lisbon' → 'Europe/Lisbon': stored as the IANA database spells it. */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}
