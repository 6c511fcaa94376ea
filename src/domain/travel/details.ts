/**
 * Travel details (issue 20): what an attending person tells the logistics lead about their trip,
 * the rules the form holds them to, and the counts and list the logistics lead plans rooms and
 * meals from. Pure: the caller loads the SKO and the answers.
 */
import type { CsvValue } from '../csv.js';
import { addDays, atLocalTime, formatCalendarDate, isCalendarDate } from '../dates.js';
import type { OwnerRef } from '../plan/status.js';

export const DIETARY_NEEDS = [
  { key: 'vegetarian', label: 'Vegetarian' },
  { key: 'vegan', label: 'Vegan' },
  { key: 'gluten-free', label: 'Gluten-free' },
  { key: 'dairy-free', label: 'Dairy-free' },
  { key: 'nut-allergy', label: 'Nut allergy' },
  { key: 'halal', label: 'Halal' },
  { key: 'kosher', label: 'Kosher' },
  { key: 'other', label: 'Other (say in the note)' },
] as const;
type DietaryNeed = (typeof DIETARY_NEEDS)[number]['key'];

const DIETARY_LABEL = new Map<string, string>(DIETARY_NEEDS.map((d) => [d.key, d.label]));

/** Arrivals and departures further than this from the event's first and last days are typing slips, not trips. */
const DAYS_AROUND_EVENT = 7;
/** The one reminder goes this many days before the cut-off, to those who have not said yet. */
export const REMINDER_DAYS_BEFORE = 3;
export const TEXT_LIMIT = 500;

export const TRAVEL_REMINDER_KIND = 'travel-reminder';

export interface TravelEvent {
  id: number;
  day1: string;
  days: number;
  hasDay0: boolean;
  timeZone: string;
  reminderTime: string;
}

export interface TravelAnswers {
  arrival: string;
  departure: string;
  hotelNights: string[];
  dietary: DietaryNeed[];
  accessibility: string | null;
  note: string | null;
}

export type TravelField = keyof TravelAnswers;
export type TravelErrors = Partial<Record<TravelField, string>>;

/** As the form sends it: anything may be missing. */
export interface TravelInput {
  arrival?: string | null | undefined;
  departure?: string | null | undefined;
  hotelNights?: readonly string[] | undefined;
  dietary?: readonly string[] | undefined;
  accessibility?: string | null | undefined;
  note?: string | null | undefined;
}

/** The first day anyone is expected (day 0 when there is one) and the last day of the event. */
export function eventSpan(event: Pick<TravelEvent, 'day1' | 'days' | 'hasDay0'>): { first: string; last: string } {
  return { first: event.hasDay0 ? addDays(event.day1, -1) : event.day1, last: addDays(event.day1, event.days - 1) };
}

/** The nights a room may be needed: from the night before the first day to the night of the last day. */
export function hotelNightsOffered(event: Pick<TravelEvent, 'day1' | 'days' | 'hasDay0'>): string[] {
  const { first, last } = eventSpan(event);
  const nights: string[] = [];
  for (let night = addDays(first, -1); night <= last; night = addDays(night, 1)) nights.push(night);
  return nights;
}

const day = (date: string) => formatCalendarDate(date, 'ddd D MMM');
const trimmed = (text: string | null | undefined): string | null => (text?.trim() ? text.trim() : null);

/** Checks the form; every problem is named beside its field, and nothing is accepted while there is one. */
export function parseTravel(
  input: TravelInput,
  event: Pick<TravelEvent, 'day1' | 'days' | 'hasDay0'>,
): { ok: true; answers: TravelAnswers } | { ok: false; errors: TravelErrors } {
  const errors: TravelErrors = {};
  const { first, last } = eventSpan(event);
  const earliest = addDays(first, -DAYS_AROUND_EVENT);
  const latest = addDays(last, DAYS_AROUND_EVENT);
  const arrival = input.arrival && isCalendarDate(input.arrival) ? input.arrival : null;
  const departure = input.departure && isCalendarDate(input.departure) ? input.departure : null;
  if (!arrival) errors.arrival = 'Give the day you arrive.';
  else if (arrival < earliest || arrival > last)
    errors.arrival = `Arrive between ${day(earliest)} and ${day(last)}: the SKO runs ${day(first)} to ${day(last)}.`;
  if (!departure) errors.departure = 'Give the day you leave.';
  else if (arrival && departure < arrival) errors.departure = `You leave before you arrive (${day(arrival)}): give a day on or after it.`;
  else if (departure < first || departure > latest)
    errors.departure = `Leave between ${day(first)} and ${day(latest)}: the SKO runs ${day(first)} to ${day(last)}.`;

  const offered = new Set(hotelNightsOffered(event));
  const hotelNights = [...new Set(input.hotelNights ?? [])].sort();
  const unknownNight = hotelNights.find((n) => !offered.has(n));
  const outside = arrival && departure ? hotelNights.find((n) => n < arrival || n >= departure) : undefined;
  if (unknownNight) errors.hotelNights = 'Choose the nights from the list.';
  else if (outside && !errors.arrival && !errors.departure)
    errors.hotelNights = `The night of ${day(outside)} is outside your stay (${day(arrival as string)} to ${day(departure as string)}): untick it or change your dates.`;

  const dietary = [...new Set(input.dietary ?? [])];
  if (dietary.some((d) => !DIETARY_LABEL.has(d))) errors.dietary = 'Choose dietary needs from the list; say anything else in the note.';
  const accessibility = trimmed(input.accessibility);
  const note = trimmed(input.note);
  if (accessibility && accessibility.length > TEXT_LIMIT) errors.accessibility = `Keep it under ${TEXT_LIMIT} characters.`;
  if (note && note.length > TEXT_LIMIT) errors.note = `Keep it under ${TEXT_LIMIT} characters.`;

  if (Object.keys(errors).length || !arrival || !departure) return { ok: false, errors };
  const order = DIETARY_NEEDS.map((d) => d.key as string);
  return {
    ok: true,
    answers: {
      arrival,
      departure,
      hotelNights,
      dietary: dietary.sort((a, b) => order.indexOf(a) - order.indexOf(b)) as DietaryNeed[],
      accessibility,
      note,
    },
  };
}

/** Why a cut-off cannot be used, or null: a real date, not past, and no later than the event's last day. */
export function cutoffProblem(cutoff: string, today: string, event: Pick<TravelEvent, 'day1' | 'days' | 'hasDay0'>): string | null {
  const { last } = eventSpan(event);
  if (!isCalendarDate(cutoff)) return `Give the cut-off as a date, such as ${addDays(event.day1, -14)}; not "${cutoff}".`;
  if (cutoff < today) return `The cut-off ${day(cutoff)} has passed: give today or a later day.`;
  if (cutoff > last) return `The cut-off ${day(cutoff)} is after the SKO ends (${day(last)}): give a day on or before it.`;
  return null;
}

/** The instant the form closes: the end of the cut-off day, or without one, the start of the event (as RSVPs do). */
export function formClosesAt(event: Pick<TravelEvent, 'day1' | 'days' | 'hasDay0' | 'timeZone'>, cutoff: string | null): Date {
  return cutoff ? atLocalTime(addDays(cutoff, 1), '00:00', event.timeZone) : atLocalTime(event.day1, '00:00', event.timeZone);
}

/** The one reminder's schedule row: a few days before the cut-off at the SKO's reminder time, of no use once the form closes. */
export function travelReminderItem(event: TravelEvent, cutoff: string) {
  return {
    key: `travel-reminder:${event.id}`,
    kind: TRAVEL_REMINDER_KIND,
    dueAt: atLocalTime(addDays(cutoff, -REMINDER_DAYS_BEFORE), event.reminderTime, event.timeZone),
    staleAt: formClosesAt(event, cutoff),
    payload: { cutoff },
  };
}

export interface TravelReminderNotice {
  type: 'travel-reminder';
  to: { kind: 'person'; person: OwnerRef };
  label: string;
  eventId: number;
  eventName: string;
  cutoff: string;
  /** The logistics lead's Slack id, for questions. */
  contact: string | null;
}

export interface TravelTally {
  attending: number;
  answered: number;
  roomsPerNight: { night: string; rooms: number }[];
  /** People per dietary need, in the list's order; someone with two needs counts under both. */
  meals: { need: string; people: number }[];
  noDietaryNeeds: number;
  accessibilityNeeds: number;
}

/** The logistics lead's counts over what the attending people said. */
export function tallyTravel(nights: readonly string[], answers: readonly TravelAnswers[], attending: number): TravelTally {
  return {
    attending,
    answered: answers.length,
    roomsPerNight: nights.map((night) => ({ night, rooms: answers.filter((a) => a.hotelNights.includes(night)).length })),
    meals: DIETARY_NEEDS.map((d) => ({ need: d.label, people: answers.filter((a) => a.dietary.includes(d.key)).length })).filter((m) => m.people > 0),
    noDietaryNeeds: answers.filter((a) => a.dietary.length === 0).length,
    accessibilityNeeds: answers.filter((a) => a.accessibility !== null).length,
  };
}

const TRAVEL_CSV_HEADER = [
  'name',
  'slack_user_id',
  'team',
  'arrival',
  'departure',
  'hotel_nights',
  'dietary_needs',
  'accessibility_needs',
  'note',
  'saved_at',
] as const;

/** One row per attending person, blank where they have not said yet, so the list shows whom to chase too. */
export function travelCsvRows(
  people: readonly { name: string | null; slackUserId: string | null; team: string | null; answers: (TravelAnswers & { savedAt: string }) | null }[],
): CsvValue[][] {
  return [
    [...TRAVEL_CSV_HEADER],
    ...people.map(({ name, slackUserId, team, answers: a }) => [
      name,
      slackUserId,
      team,
      a?.arrival,
      a?.departure,
      a?.hotelNights.join('; '),
      a?.dietary.map((d) => DIETARY_LABEL.get(d) ?? d).join('; '),
      a?.accessibility,
      a?.note,
      a?.savedAt,
    ]),
  ];
}
