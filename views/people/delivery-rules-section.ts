import type { ViewOutput } from '@slack/bolt';
import type { KnownBlock, PlainTextOption } from '@slack/types';
import { formatCalendarDate } from '../../src/domain/dates.js';
import { lookUpCalendar } from '../../src/domain/send-times/holidays.js';
import { type DeliveryRules, type DeliveryRulesFormInput, WEEKDAY_NAMES } from '../../src/domain/send-times/rules-form.js';
import { context, header, input, plain } from '../kit/blocks.js';
import { SETTINGS } from '../kit/ids.js';

const { deliveryBlocks: B, actionId: A } = SETTINGS;

const dayOption = (day: number): PlainTextOption => ({ text: plain(WEEKDAY_NAMES[day - 1] as string), value: String(day) });

const textInput = (block: string, label: string, initial: string, placeholder: string, hint: string, multiline = false) =>
  input(
    block,
    label,
    { type: 'plain_text_input', action_id: A, multiline, placeholder: plain(placeholder), ...(initial ? { initial_value: initial } : {}) },
    { optional: true, hint },
  );

/** The settings modal's section for the SKO's working hours and holiday calendar, filled with what is set now. */
export function deliveryRulesSection(rules: DeliveryRules): KnownBlock[] {
  return [
    header('Working hours and holidays'),
    context('Reminders and other direct messages reach each person inside these hours, in their own time zone, and wait out their days off.'),
    input(B.workStart, 'Working hours start', { type: 'timepicker', action_id: A, initial_time: rules.workStart }),
    input(B.workEnd, 'Working hours end', { type: 'timepicker', action_id: A, initial_time: rules.workEnd }),
    input(B.workDays, 'Working days', {
      type: 'checkboxes',
      action_id: A,
      options: WEEKDAY_NAMES.map((_, i) => dayOption(i + 1)),
      ...(rules.workDays.length ? { initial_options: rules.workDays.map(dayOption) } : {}),
    }),
    textInput(
      B.holidayCountry,
      'Public holidays of',
      rules.holidayCountry ?? '',
      'DE or Germany',
      'A country’s two-letter code or name. Leave it empty for no public holidays.',
    ),
    textInput(B.holidayRegion, 'Region', rules.holidayRegion ?? '', 'BY or Bayern', 'Optional: a state or region with its own holidays.'),
    textInput(B.holidaysAdded, 'Also days off', rules.holidaysAdded.join('\n'), '2027-12-24', 'Dates as YYYY-MM-DD, one a line: company days off.', true),
    textInput(
      B.holidaysRemoved,
      'Working days after all',
      rules.holidaysRemoved.join('\n'),
      '2027-01-18',
      'Dates as YYYY-MM-DD, one a line: public holidays your company works.',
      true,
    ),
  ];
}

/** What the section's inputs hold, or undefined when the modal did not show the section. */
export function readDeliveryRulesForm(values: ViewOutput['state']['values']): DeliveryRulesFormInput | undefined {
  if (!(B.workStart in values)) return undefined;
  const el = (block: string) => values[block]?.[A];
  return {
    workStart: el(B.workStart)?.selected_time ?? undefined,
    workEnd: el(B.workEnd)?.selected_time ?? undefined,
    workDays: (el(B.workDays)?.selected_options ?? []).map((o) => o.value),
    holidayCountry: el(B.holidayCountry)?.value ?? undefined,
    holidayRegion: el(B.holidayRegion)?.value ?? undefined,
    holidaysAdded: el(B.holidaysAdded)?.value ?? undefined,
    holidaysRemoved: el(B.holidaysRemoved)?.value ?? undefined,
  };
}

/** Weekdays as a person says them: "Monday to Friday", "Monday, Wednesday and Friday". */
function describeDays(days: readonly number[]): string {
  const names = days.map((d) => WEEKDAY_NAMES[d - 1] as string);
  const consecutive = days.every((d, i) => i === 0 || d === (days[i - 1] as number) + 1);
  if (days.length > 2 && consecutive) return `${names[0]} to ${names[names.length - 1]}`;
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
}

const dateList = (dates: readonly string[]) => dates.map((d) => formatCalendarDate(d, 'ddd D MMM YYYY')).join(', ');

/** The rules in one sentence, for the confirmation DM. */
export function describeDeliveryRules(rules: DeliveryRules): string {
  const calendar = rules.holidayCountry ? lookUpCalendar(rules.holidayCountry, rules.holidayRegion) : null;
  const holidays = calendar?.ok ? `the public holidays of ${calendar.name}` : 'no public holidays';
  const added = rules.holidaysAdded.length ? `; also off: ${dateList(rules.holidaysAdded)}` : '';
  const removed = rules.holidaysRemoved.length ? `; working after all: ${dateList(rules.holidaysRemoved)}` : '';
  return `Direct messages reach people ${rules.workStart}–${rules.workEnd} their time, ${describeDays(rules.workDays)}, with ${holidays}${added}${removed}.`;
}
