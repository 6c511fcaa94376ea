/**
 * The new fiscal year's first weeks in the demo's sales data: late in week 12 the RevOps lead shares
 * the latest deals export (this Q1's deals so far, the demo's reps a little busier than a year
 * earlier, and the deals then due closed) and the people file with a leaving date, so the scorecard's Q1 and retention rows have
 * figures. Through the same importer a shared file goes through.
 */
import type { Db } from '../../db/client.js';
import { q1Window } from '../agents/q1-impact.js';
import { addDays, atLocalTime } from '../domain/dates.js';
import type { ImportKind } from '../domain/sales/import-formats.js';
import { timelineOf } from '../services/plan/event-store.js';
import { RecordImport } from '../services/sales/import/file-import.js';
import { fiscalCalendar } from '../services/sales/settings.js';
import type { DemoLife, Step } from './living.js';
import { seededRandom } from './random.js';

type Row = { id: string; email: string; account: string; stage: string; amount: number | null; created: string; closed: string | null };

export function q1SalesSteps(db: Db, life: DemoLife): Step[] {
  const { event } = life;
  const week12 = timelineOf(event).weeks.at(-1);
  if (!week12) return [];
  const lastDay = addDays(week12.end, -1);
  return [{ at: atLocalTime(lastDay, '09:00', event.timeZone), run: () => shareQ1Files(db, life, lastDay) }];
}

function shareQ1Files(db: Db, life: DemoLife, today: string): void {
  const window = q1Window(life.event.day1, today, fiscalCalendar(db));
  if (!window) return;
  const random = seededRandom(life.event.id * 104_729);
  const lastYear = db.$client
    .prepare(
      `SELECT d.id, p.email, d.account, d.stage, d.amount_cents / 100 AS amount, d.created_date AS created, d.close_date AS closed
       FROM deals d JOIN people p ON p.id = d.owner_id WHERE d.created_date BETWEEN ? AND ? ORDER BY d.id`,
    )
    .all(window.lastYear.from, window.lastYear.to) as Row[];
  const nextYear = (date: string) => addDays(date, 364);
  // About one deal in five twice: a fifth more activity than last year, and each deal a little larger.
  const rows = lastYear.flatMap((deal) => (random() < 0.2 ? [deal, { ...deal, id: `${deal.id}b` }] : [deal]));
  const deals = rows.map((deal) => {
    const closed = deal.closed && nextYear(deal.closed) <= today ? nextYear(deal.closed) : null;
    return [
      `${deal.id}-Q1`,
      deal.email,
      deal.account,
      closed ? deal.stage : 'Proposal',
      deal.amount === null ? '' : String(Math.round(deal.amount * (1 + random() * 0.2))),
      nextYear(deal.created),
      closed ?? '',
    ];
  });
  // The deals open when the demo began that were due to close by now have closed, a third of them won.
  const due = db.$client
    .prepare(
      `SELECT d.id, p.email, d.account, d.amount_cents / 100 AS amount, d.created_date AS created, d.close_date AS closed
       FROM deals d JOIN people p ON p.id = d.owner_id WHERE d.outcome = 'open' AND d.close_date <= ? ORDER BY d.id`,
    )
    .all(today) as Row[];
  const settled = due.map((deal) => [
    deal.id,
    deal.email,
    deal.account,
    random() < 0.35 ? 'Closed Won' : 'Closed Lost',
    deal.amount === null ? '' : String(deal.amount),
    deal.created,
    deal.closed ?? '',
  ]);
  importRecords(db, 'deals', ['id', 'owner_email', 'account', 'stage', 'amount', 'created_date', 'close_date'], [...deals, ...settled]);
  // One attendee left the company a month after the SKO: the scorecard counts it, and names them to sales leaders.
  const leaver = life.attendees.find((p) => p.role === 'rep' && p.team !== null);
  const email = leaver && (db.$client.prepare('SELECT email FROM people WHERE id = ?').pluck().get(leaver.personId) as string | null);
  if (email) importRecords(db, 'people', ['email', 'left_on'], [[email, addDays(today, -7)]]);
}

function importRecords(db: Db, kind: ImportKind, header: string[], rows: string[][]): void {
  const recordImport = new RecordImport(db, kind);
  try {
    db.$client.transaction(() => {
      recordImport.add(header, 1);
      rows.forEach((row, i) => {
        recordImport.add(row, i + 2);
      });
      const writing = recordImport.finish();
      for (let step = writing.next(); !step.done; step = writing.next());
    })();
  } finally {
    recordImport.close();
  }
}
