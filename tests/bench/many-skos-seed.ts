import type { Db } from '../../db/client.js';
import { addDays } from '../../src/domain/dates.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { setupInput, U } from '../support/builders.js';

export const ATTENDEES = 5_000;
/** Regional SKOs one day apart, each in its own zone: their reminders fall due at different moments. */
const SKO_ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Asia/Singapore',
  'America/Los_Angeles',
  'Europe/London',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'America/Chicago',
  'Asia/Tokyo',
] as const;
/** Each SKO's people live in its own zone and two neighbouring ones. */
const ZONE_SPREAD = 3;
const PLANNED_AT = new Date('2026-11-02T15:00:00Z');

export interface SeededSko {
  id: number;
  users: string[];
}

const userOf = (sko: number, i: number) => `U${String(sko + 1).padStart(2, '0')}${String(i).padStart(6, '0')}`;

/**
 * `count` regional SKOs set up as a lead would (the real setup: plan, reminders, communications,
 * surveys), each with its own channel and a roster of its own region's people (5,000 unless told).
 */
export function seedSkos(db: Db, count: number, attendees = ATTENDEES): SeededSko[] {
  const skos: SeededSko[] = [];
  for (let k = 0; k < count; k += 1) {
    const region = `Region ${k + 1}`;
    const outcome = saveSetup(
      db,
      setupInput({
        name: `${region} Kickoff`,
        day1: addDays('2027-02-02', k),
        timeZone: SKO_ZONES[k % SKO_ZONES.length] as string,
        channelId: `CREGION${String(k + 1).padStart(2, '0')}`,
        headcount: attendees,
        roster: { teams: [], regions: [region] },
      }),
      U.dana,
      PLANNED_AT,
      null,
    );
    const users = Array.from({ length: attendees }, (_, i) => userOf(k, i));
    const insert = db.$client.prepare("INSERT INTO people (name, slack_user_id, role, region, team, time_zone) VALUES (?, ?, 'rep', ?, ?, ?)");
    db.$client.transaction(() => {
      users.forEach((user, i) => {
        insert.run(`Seller ${k + 1}-${i}`, user, region, `${region} team ${i % 20}`, SKO_ZONES[(k + (i % ZONE_SPREAD)) % SKO_ZONES.length]);
      });
    })();
    skos.push({ id: outcome.event.id, users });
  }
  return skos;
}
