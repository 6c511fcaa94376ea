import { ManualClock } from '../../src/clock.js';
import { isoWeekday, localDate, localTime } from '../../src/domain/dates.js';
import { SLACK_POST_LIMITS } from '../../src/domain/delivery.js';
import { DEFAULT_WORKING_HOURS, sendAt } from '../../src/domain/send-times/send-time.js';
import { enqueueDms } from '../../src/services/delivery/combine.js';
import { createTestDb } from '../support/test-db.js';
import { benchOutbox, slackAtItsLimits } from './bench-outbox.js';

const PEOPLE = 5_000;
/** Twelve zones, each a different offset in January, so each makes its own wave. */
const ZONES = [
  'Australia/Sydney',
  'Asia/Singapore',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/Berlin',
  'Europe/London',
  'America/Sao_Paulo',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Pacific/Honolulu',
] as const;
const EVENT_ZONE = 'Europe/Berlin';
/** Monday 11 Jan 2027 10:00 in Berlin: the moment the plan names, which each reader gets at 10:00 on their own clock. */
const NOMINAL = new Date('2027-01-11T09:00:00Z');
const PLANNED_AT = new Date('2027-01-08T12:00:00Z');

interface WaveResult {
  zone: string;
  people: number;
  seconds: number;
  minimumSeconds: number;
  ratio: number;
}

export interface TimeZoneWavesResult {
  waves: WaveResult[];
  lost: number;
  duplicated: number;
  outsideHours: number;
  rejected: number;
  realSeconds: number;
}

const inWorkingHours = (at: Date, timeZone: string): boolean => {
  const time = localTime(at, timeZone);
  const { start, end, days } = DEFAULT_WORKING_HOURS;
  return days.includes(isoWeekday(localDate(at, timeZone))) && time >= start && time < end;
};

/**
 * Issue 14's done-when: one DM to 5,000 people in 12 zones, each at 10:00 on their own clock, through
 * the real outbox (the combining path it takes in dispatch) to a fake Slack enforcing chat.postMessage's
 * limits. The clock is simulated and shared with the fake, so twelve waves a day long run in seconds and
 * the rates are Slack's own. Each wave's fastest possible run is the workspace burst at once, then the
 * workspace rate; each wave's ratio is that over the time it took.
 */
export async function benchTimeZoneWaves(): Promise<TimeZoneWavesResult> {
  const clock = new ManualClock(PLANNED_AT);
  const fake = await slackAtItsLimits(clock);
  const testDb = createTestDb();
  const realStart = performance.now();
  try {
    const people = Array.from({ length: PEOPLE }, (_, i) => ({
      user: `U${String(i + 1).padStart(8, '0')}`,
      timeZone: ZONES[i % ZONES.length] as string,
    }));
    const event = { timeZone: EVENT_ZONE, eventDays: ['2027-02-02', '2027-02-03'], hours: DEFAULT_WORKING_HOURS };
    const zoneOf = new Map(people.map((p) => [p.user, p.timeZone]));
    enqueueDms(
      testDb.db,
      people.map(({ user, timeZone }) => ({
        key: `wave:${user}`,
        kind: 'week-start',
        label: 'week 3 tasks',
        channel: user,
        text: `Week 3: your tasks, ${user}`,
        notBefore: sendAt(NOMINAL, { eventDay: false }, { timeZone, isHoliday: () => false, pausedUntil: null }, event, PLANNED_AT),
      })),
      PLANNED_AT,
    );
    // The production pacing (no limits given), waiting on the simulated clock.
    const outbox = benchOutbox(fake.apiUrl, {
      db: testDb.db,
      clock,
      sleep: async (ms) => clock.advance(ms),
    });
    const nextDue = testDb.db.$client.prepare("SELECT min(not_before) FROM outbox WHERE status IN ('pending', 'sending')").pluck();
    for (;;) {
      const next = nextDue.get() as string | null;
      if (next === null) break;
      if (Date.parse(next) > clock.now().getTime()) clock.set(next);
      await outbox.drain();
    }
    await outbox.stop();

    const rows = testDb.db.$client.prepare("SELECT channel, not_before AS notBefore, sent_at AS sentAt FROM outbox WHERE key LIKE 'wave:%'").all() as {
      channel: string;
      notBefore: string;
      sentAt: string | null;
    }[];
    const perSecond = SLACK_POST_LIMITS.workspacePerMinute / 60;
    const waves = ZONES.map((zone) => {
      const own = rows.filter((r) => zoneOf.get(r.channel) === zone);
      const start = Math.min(...own.map((r) => Date.parse(r.notBefore)));
      const end = Math.max(...own.map((r) => Date.parse(r.sentAt ?? r.notBefore)));
      const seconds = (end - start) / 1000;
      const minimumSeconds = Math.max(0, own.length - SLACK_POST_LIMITS.workspaceBurst) / perSecond;
      return { zone, people: own.length, seconds, minimumSeconds, ratio: seconds > 0 ? minimumSeconds / seconds : 1 };
    });
    const counts = people.map((p) => fake.messagesIn(p.user).length);
    return {
      waves,
      lost: counts.filter((n) => n === 0).length,
      duplicated: counts.filter((n) => n > 1).length,
      outsideHours: rows.filter((r) => r.sentAt !== null && !inWorkingHours(new Date(r.sentAt), zoneOf.get(r.channel) as string)).length,
      rejected: fake.callsTo('chat.postMessage').filter((c) => c.rejected).length,
      realSeconds: (performance.now() - realStart) / 1000,
    };
  } finally {
    await fake.close();
    testDb.close();
  }
}

export function reportTimeZoneWaves(r: TimeZoneWavesResult): string {
  const worst = Math.min(...r.waves.map((w) => w.ratio));
  return [
    `Time-zone waves: one DM to ${PEOPLE.toLocaleString('en-US')} people in ${ZONES.length} zones, each at 10:00 on their own clock, through a fake Slack enforcing`,
    `  chat.postMessage at ${SLACK_POST_LIMITS.workspacePerMinute}/min per workspace (bursts of ${SLACK_POST_LIMITS.workspaceBurst}) and 1/s per channel, on a simulated clock (${r.realSeconds.toFixed(1)} s of real time):`,
    ...r.waves.map(
      (w) =>
        `  ${w.zone.padEnd(20)} ${String(w.people).padStart(4)} DMs in ${w.seconds.toFixed(1).padStart(6)} s (fastest allowed ${w.minimumSeconds.toFixed(1)} s): ${w.ratio.toFixed(3)} of Slack's allowed rate`,
    ),
    `  slowest wave: ${worst.toFixed(3)} of Slack's allowed rate (target ≥ 0.9) · lost ${r.lost} · duplicated ${r.duplicated} · outside quiet hours ${r.outsideHours} · 429s received ${r.rejected}`,
  ].join('\n');
}
