import { daysBetween } from '../src/domain/timeline.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2027-02-02' → 'Tue 2 Feb 2027': unambiguous for readers on both sides of the Atlantic. */
export function formatDate(localDate: string, options: { year?: boolean } = {}): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${d} ${MONTHS[m - 1]}${options.year === false ? '' : ` ${y}`}`;
}

export { formatMoney } from '../src/domain/money.js';

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A task's state at a glance: done, overdue (open past its due date) or open. */
export function taskMark(task: { status: 'open' | 'done'; dueDate: string }, today: string): string {
  if (task.status === 'done') return ':white_check_mark:';
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

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as people in the event's time zone read it: 'Mon 30 Nov 2026 09:00 EST'. */
export function formatDateTime(instant: Date, timeZone: string): string {
  let f = dateTimeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    dateTimeFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${formatDate(`${p.year}-${p.month}-${p.day}`)} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}
