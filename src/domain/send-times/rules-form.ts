/**
 * The SKO lead's working hours and holiday calendar as typed in the settings modal (issue 14):
 * every problem at once, each on its own field, in words saying what to type.
 */
import { isCalendarDate } from '../dates.js';
import { lookUpCalendar } from './holidays.js';

export interface DeliveryRulesFormInput {
  workStart?: string | undefined;
  workEnd?: string | undefined;
  /** ISO weekdays as the checkboxes send them ('1' = Monday). */
  workDays?: readonly string[] | undefined;
  holidayCountry?: string | undefined;
  holidayRegion?: string | undefined;
  holidaysAdded?: string | undefined;
  holidaysRemoved?: string | undefined;
}

export type DeliveryRulesField = keyof DeliveryRulesFormInput;

export interface DeliveryRules {
  workStart: string;
  workEnd: string;
  workDays: number[];
  holidayCountry: string | null;
  holidayRegion: string | null;
  holidaysAdded: string[];
  holidaysRemoved: string[];
}

export type DeliveryRulesFormResult = { ok: true; rules: DeliveryRules } | { ok: false; errors: Partial<Record<DeliveryRulesField, string>> };

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Dates typed one a line or separated by commas; the first that is not a real date, if any. */
function dateList(text: string | undefined): { dates: string[]; bad: string | null } {
  const items = (text ?? '')
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  const bad = items.find((d) => !isCalendarDate(d)) ?? null;
  return { dates: [...new Set(items)].sort(), bad };
}

export function parseDeliveryRulesForm(input: DeliveryRulesFormInput): DeliveryRulesFormResult {
  const errors: Partial<Record<DeliveryRulesField, string>> = {};
  const start = input.workStart?.trim() ?? '';
  const end = input.workEnd?.trim() ?? '';
  if (!TIME.test(start)) errors.workStart = 'Choose the time working hours start, e.g. 08:00.';
  if (!TIME.test(end)) errors.workEnd = 'Choose the time working hours end, e.g. 18:00.';
  else if (TIME.test(start) && end <= start) errors.workEnd = `Working hours must end after they start (${start}).`;

  const days = [...new Set((input.workDays ?? []).map(Number))].sort((a, b) => a - b);
  if (days.length === 0 || days.some((d) => !(Number.isInteger(d) && d >= 1 && d <= 7))) errors.workDays = 'Tick at least one working day.';

  const countryText = input.holidayCountry?.trim() ?? '';
  const regionText = input.holidayRegion?.trim() ?? '';
  let country: string | null = null;
  let region: string | null = null;
  if (countryText) {
    const found = lookUpCalendar(countryText, regionText || null);
    if (found.ok) ({ country, region } = found);
    else errors[found.field === 'country' ? 'holidayCountry' : 'holidayRegion'] = found.message;
  } else if (regionText) errors.holidayRegion = 'A region needs its country: type the country too, or leave the region empty.';

  const added = dateList(input.holidaysAdded);
  const removed = dateList(input.holidaysRemoved);
  const format = 'Type dates as YYYY-MM-DD, one a line or separated by commas, e.g. 2027-01-18.';
  if (added.bad) errors.holidaysAdded = `“${added.bad}” is not a date. ${format}`;
  if (removed.bad) errors.holidaysRemoved = `“${removed.bad}” is not a date. ${format}`;
  const both = added.dates.filter((d) => removed.dates.includes(d));
  if (!added.bad && !removed.bad && both.length) errors.holidaysRemoved = `${both.join(', ')} cannot be both a day off and a working day: keep it in one list.`;

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    rules: {
      workStart: start,
      workEnd: end,
      workDays: days,
      holidayCountry: country,
      holidayRegion: region,
      holidaysAdded: added.dates,
      holidaysRemoved: removed.dates,
    },
  };
}
