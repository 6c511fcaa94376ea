/** `sko skos`: every SKO in the database, running and archived, with the handle `--sko` takes. */
import type { EventRow } from '../services/plan/event-store.js';
import { allEvents } from '../services/plan/event-store.js';
import { openExisting } from './database.js';
import { print } from './terminal.js';

function rosterText(event: EventRow): string {
  if (!event.roster) return 'everyone';
  return [...event.roster.teams.map((t) => `team ${t}`), ...event.roster.regions.map((r) => `region ${r}`)].join(', ');
}

/** The `--json` shape: `{ skos: [{ handle, name, day1, days, timeZone, channelId, roster, archivedAt }] }`, newest first. */
function asJson(events: readonly EventRow[]): string {
  const skos = events.map((e) => ({
    handle: e.handle,
    name: e.name,
    day1: e.day1,
    days: e.days,
    timeZone: e.timeZone,
    channelId: e.channelId,
    roster: e.roster ?? null,
    archivedAt: e.archivedAt,
  }));
  return JSON.stringify({ skos }, null, 2);
}

export function skos(options: { db?: string | undefined; json?: boolean | undefined }): void {
  const db = openExisting(options);
  try {
    const events = allEvents(db);
    if (options.json) print(asJson(events));
    else if (events.length === 0) print('No SKO is set up yet; run /sko setup in Slack first.');
    else printTable(events);
  } finally {
    db.$client.close();
  }
}

function printTable(events: readonly EventRow[]): void {
  const rows = events.map((e) => [e.handle, e.name, e.day1, e.timeZone, rosterText(e), e.archivedAt ? `archived ${e.archivedAt.slice(0, 10)}` : 'running']);
  const head = ['handle', 'name', 'day 1', 'time zone', 'who attends', 'state'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  for (const row of [head, ...rows])
    print(
      row
        .map((cell, i) => cell.padEnd(widths[i] as number))
        .join('  ')
        .trimEnd(),
    );
}
