import type { Db } from '../../db/client.js';
import { people } from '../../db/schema.js';
import type { SetupInput } from '../../src/domain/plan/setup.js';
import { SETUP_MODAL } from '../../views/kit/ids.js';
import { emptyValue, type StateValue, type StateValues, stateValue } from './slack-driver/state-values.js';

/** Slack user ids for the people the tests play. */
export const U = {
  dana: 'UDANA0001', // an admin (SKO_ADMINS in the test app); SKO lead
  priya: 'UPRIYA001', // content lead
  marco: 'UMARCO001', // logistics lead
  aisha: 'UAISHA001', // communications lead
  tom: 'UTOM00001', // technology lead
  elena: 'UELENA001', // sales leader
  rep: 'UREP00001', // holds no role
} as const;

export const EVENT_CHANNEL = 'CSKO00001';

type SetupBlock = keyof typeof SETUP_MODAL.blocks;

/**
 * A complete, valid setup submission; `overrides` replaces (or with null, leaves empty) single fields.
 * Who attends is asked only when the people data has teams or regions, and "Start from a past SKO"
 * only for a new SKO when there are SKOs already, so they are sent only when given.
 */
export function setupValues(overrides: Partial<Record<SetupBlock, StateValue | null>> = {}): StateValues {
  const base: Record<Exclude<SetupBlock, 'roster' | 'copyFrom'>, StateValue> = {
    name: stateValue.text('FY27 Sales Kickoff'),
    day1: stateValue.date('2027-02-02'),
    days: stateValue.option('3'),
    hasDay0: stateValue.checkboxes([]),
    timeZone: stateValue.option('America/New_York'),
    location: stateValue.text('Chicago'),
    headcount: stateValue.text('240'),
    budget: stateValue.text('$620,000'),
    channelId: stateValue.channel(EVENT_CHANNEL),
    gtmChallenge: stateValue.radio('inconsistent-execution'),
    sko_lead: stateValue.user(U.dana),
    content_lead: stateValue.user(U.priya),
    logistics_lead: stateValue.user(U.marco),
    communications_lead: stateValue.user(U.aisha),
    technology_lead: stateValue.user(U.tom),
    salesLeaders: stateValue.users([U.elena]),
    reminderTime: stateValue.time('09:00'),
  };
  const values: StateValues = {};
  for (const key of Object.keys(base) as (keyof typeof base)[]) {
    const value = key in overrides ? (overrides[key] ?? emptyValue(base[key].type)) : base[key];
    values[SETUP_MODAL.blocks[key]] = { [SETUP_MODAL.actionId]: value };
  }
  if (overrides.roster) values[SETUP_MODAL.blocks.roster] = { [SETUP_MODAL.actionId]: overrides.roster };
  if (overrides.copyFrom) values[SETUP_MODAL.blocks.copyFrom] = { [SETUP_MODAL.actionId]: overrides.copyFrom };
  return values;
}

/** A validated setup, for storing an SKO without going through the modal (benches, command-line tests). */
export function setupInput(overrides: Partial<SetupInput> = {}): SetupInput {
  return {
    name: 'FY27 Sales Kickoff',
    day1: '2027-02-02',
    days: 3,
    hasDay0: false,
    timeZone: 'America/New_York',
    location: 'Chicago',
    headcount: 240,
    budgetCents: 62_000_000,
    channelId: EVENT_CHANNEL,
    gtmChallenge: 'inconsistent-execution',
    leads: { sko_lead: U.dana, content_lead: U.priya, logistics_lead: U.marco, communications_lead: U.aisha, technology_lead: U.tom },
    salesLeaders: [U.elena],
    ...overrides,
  };
}

export interface RosterEntry {
  slackUserId: string | null;
  name: string;
  role?: 'admin' | 'leader' | 'manager' | 'rep' | 'guest';
  team?: string | null;
  region?: string | null;
  email?: string | null;
}

/** People as an import would add them (issue 6): reps and managers with teams. */
export function addPeople(db: Db, entries: readonly RosterEntry[]): void {
  for (const e of entries)
    db.insert(people)
      .values({ slackUserId: e.slackUserId, name: e.name, role: e.role ?? 'rep', team: e.team ?? null, region: e.region ?? null, email: e.email ?? null })
      .run();
}
