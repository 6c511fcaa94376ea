import { daysBetween, formatCalendarDate, formatZoned } from '../../src/domain/dates.js';
import { formatMoney } from '../../src/domain/money.js';

/** '2027-02-02' → 'Tue 2 Feb 2027': unambiguous for readers on both sides of the Atlantic. */
export function formatDate(date: string, options: { year?: boolean } = {}): string {
  return formatCalendarDate(date, options.year === false ? 'ddd D MMM' : 'ddd D MMM YYYY');
}

export { formatMoney };

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}

/** '1 Jan – 31 Mar 2017', or across years '1 Feb 2026 – 31 Jan 2027'. */
export function formatPeriod(period: { from: string; to: string }): string {
  const sameYear = period.from.slice(0, 4) === period.to.slice(0, 4);
  return `${formatDate(period.from, { year: !sameYear }).replace(/^\w+ /, '')} – ${formatDate(period.to).replace(/^\w+ /, '')}`;
}

/** Currency units, compact where exact digits would only be noise: $950, $12.5K, $1.25M. */
export function formatAmount(dollars: number | null): string {
  if (dollars === null) return '–';
  const abs = Math.abs(dollars);
  const sign = dollars < 0 ? '-' : '';
  if (abs >= 1e9) return `${sign}$${trim(abs / 1e9)}B`;
  if (abs >= 1e6) return `${sign}$${trim(abs / 1e6)}M`;
  if (abs >= 1e4) return `${sign}$${trim(abs / 1e3)}K`;
  return `${sign}$${abs.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

/** Exact currency units, for calculations a person checks by hand: $12,345.50. */
export const formatExact = (dollars: number): string => formatMoney(Math.round(dollars * 100));

const trim = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** A fraction as a percentage; undefined rates show as a dash, never as 0%. */
export function formatPct(fraction: number | null, decimals = 0): string {
  return fraction === null ? '–' : `${(fraction * 100).toFixed(decimals)}%`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A task's state at a glance: done, overdue (open past its due date) or open. */
export function taskMark(task: { status: 'open' | 'done' | 'scheduled'; dueDate: string }, today: string): string {
  if (task.status === 'done') return ':white_check_mark:';
  if (task.status === 'scheduled') return ':outbox_tray:';
  return task.dueDate < today ? ':red_circle:' : ':white_circle:';
}

/** How far a date is from today, in words: 'today', 'tomorrow', 'in 3 days', '2 days ago'. */
export function relativeDay(today: string, date: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days > 1) return `in ${days} days`;
  return days === -1 ? 'yesterday' : `${-days} days ago`;
}

/** An instant as people in the event's time zone read it: 'Mon 30 Nov 2026 09:00 EST'. */
export function formatDateTime(instant: Date, timeZone: string): string {
  return formatZoned(instant, timeZone, 'ddd D MMM YYYY HH:mm');
}

/**
 * Slack's date formatting: each reader's Slack shows the instant in their own zone and way of
 * writing dates; the fallback (the event's zone, in our words) is what notifications and the
 * terminal show.
 */
function slackDate(instant: Date, tokens: string, fallback: string): string {
  return `<!date^${Math.floor(instant.getTime() / 1000)}^${tokens}|${fallback}>`;
}

/**
 * A calendar date (a due date, an event day) as each reader's Slack writes it, 'today' and
 * 'tomorrow' counted from their own day. It stays the event's date: 10:00 UTC falls on that same
 * date everywhere from UTC−10 to UTC+13:59, where the event's zone would shift it for readers far away.
 */
export function readerDate(date: string, options: { year?: boolean; pretty?: boolean } = {}): string {
  return slackDate(dateInstant(date), options.pretty === false ? '{date_short}' : '{date_short_pretty}', formatDate(date, options));
}

/** A day in a heading: Slack says 'tomorrow', or the whole date when it is further off; the fallback is our own words for it. */
export function readerDay(date: string, words: string): string {
  return slackDate(dateInstant(date), '{date_long_pretty}', words);
}

const dateInstant = (date: string): Date => new Date(`${date}T10:00:00Z`);

/** A moment (a survey closing, a message going out) in each reader's own zone; the event's zone in the fallback. */
export function readerDateTime(instant: Date, timeZone: string): string {
  return slackDate(instant, '{date_short_pretty} {time}', formatDateTime(instant, timeZone));
}

/** "Day 1 is in 12 days." and its neighbours, for messages that count down to the event. */
export function countdownText(days: number): string {
  if (days > 1) return `Day 1 is in ${days} days.`;
  if (days === 1) return 'Day 1 is tomorrow.';
  if (days === 0) return 'Day 1 is today.';
  return `Day 1 was ${plural(-days, 'day')} ago.`;
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
