import { beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../db/schema.js';
import { type SimulatedMessage, simulateSchedule } from '../../schedules/simulate.js';
import { isoWeekday, localDate, localTime } from '../../src/domain/dates.js';
import { quietLogger } from '../../src/logger.js';
import { saveSetup } from '../../src/services/plan/setup.js';
import { setupInput, U } from '../support/builders.js';
import { createTestDb } from '../support/test-db.js';

const PEOPLE = 300;
const ZONES = ['America/Los_Angeles', 'America/New_York', 'Europe/Berlin', 'Asia/Singapore', 'Australia/Sydney', 'Asia/Kolkata'];

/** Issue 14, "done when": a simulated SKO of 300 people in six zones, planned to its end. */
describe('a simulated SKO of 300 people', () => {
  let dms: (SimulatedMessage & { zone: string })[];

  beforeAll(async () => {
    const { db } = createTestDb();
    saveSetup(db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null);
    const zoneOf = new Map<string, string>();
    db.transaction(() => {
      for (let i = 0; i < PEOPLE; i += 1) {
        const slackUserId = `US${String(i).padStart(7, '0')}`;
        const timeZone = ZONES[i % ZONES.length] as string;
        zoneOf.set(slackUserId, timeZone);
        db.insert(people)
          .values({ slackUserId, name: `Seller ${i}`, team: `Team ${i % 12}`, timeZone })
          .run();
      }
    });
    const sent = await simulateSchedule(db, {
      from: new Date('2026-11-20T15:00:00Z'),
      until: new Date('2027-03-01T00:00:00Z'),
      logger: quietLogger(),
      surveyKeySecret: 'a-survey-key-for-the-simulation',
    });
    dms = sent.flatMap((m) => {
      const zone = zoneOf.get(m.channel);
      return zone ? [{ ...m, zone }] : [];
    });
  }, 300_000);

  it('reaches everyone', () => {
    expect(new Set(dms.map((m) => m.channel)).size).toBe(PEOPLE);
  });

  it('never gives one person two DMs within five minutes', () => {
    const byPerson = new Map<string, number[]>();
    for (const m of dms) byPerson.set(m.channel, [...(byPerson.get(m.channel) ?? []), m.at.getTime()]);
    const close: string[] = [];
    for (const [channel, times] of byPerson) {
      times.sort((a, b) => a - b);
      for (let i = 1; i < times.length; i += 1)
        if ((times[i] as number) - (times[i - 1] as number) < 5 * 60_000) close.push(`${channel} ${new Date(times[i] as number).toISOString()}`);
    }
    expect(close).toEqual([]);
  });

  it('sends no DM outside 08:00–18:00, Monday to Friday, in its reader’s zone', () => {
    const outside = dms.filter((m) => {
      const time = localTime(m.at, m.zone);
      return isoWeekday(localDate(m.at, m.zone)) > 5 || time < '08:00' || time >= '18:00';
    });
    expect(outside.map((m) => `${m.channel} ${m.zone} ${m.at.toISOString()} ${m.key}`)).toEqual([]);
  });
});
