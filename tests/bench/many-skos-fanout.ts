import { ManualClock } from '../../src/clock.js';
import { SLACK_POST_LIMITS } from '../../src/domain/delivery.js';
import { enqueueDms } from '../../src/services/delivery/combine.js';
import { createTestDb } from '../support/test-db.js';
import { benchOutbox, slackAtItsLimits } from './bench-outbox.js';
import { ATTENDEES, seedSkos } from './many-skos-seed.js';

const SKOS = 10;
/** Monday 11 Jan 2027, 15:00 UTC: a communication every SKO planned for the same moment. */
const DUE = new Date('2027-01-11T15:00:00Z');

export interface ManySkosFanoutResult {
  skos: number;
  messages: number;
  seconds: number;
  minimumSeconds: number;
  ratio: number;
  lost: number;
  duplicated: number;
  rejected: number;
  realSeconds: number;
}

/**
 * Issue 12's done-when, the fan-out: one communication falls due in ten SKOs at once, a DM to each
 * of their 5,000 attendees, stored as the dispatcher stores scheduled DMs and sent through the real
 * outbox to a fake Slack enforcing chat.postMessage's limits, on a simulated clock shared with the
 * fake. The fastest any sender could go is the workspace burst at once, then the workspace rate.
 */
export async function benchManySkosFanout(perSko = ATTENDEES): Promise<ManySkosFanoutResult> {
  const clock = new ManualClock(DUE);
  const fake = await slackAtItsLimits(clock);
  const testDb = createTestDb();
  const realStart = performance.now();
  try {
    const skos = seedSkos(testDb.db, SKOS, perSko);
    const text = (skoId: number, user: string) => `SKO ${skoId}: the agenda is out, ${user}`;
    for (const sko of skos)
      enqueueDms(
        testDb.db,
        sko.users.map((user) => ({
          key: `agenda-out:${sko.id}:${user}`,
          kind: 'communication',
          label: 'the agenda is out',
          channel: user,
          text: text(sko.id, user),
          eventId: sko.id,
          notBefore: DUE,
        })),
        DUE,
      );
    // The production pacing (no limits given), waiting on the simulated clock.
    const outbox = benchOutbox(fake.apiUrl, {
      db: testDb.db,
      clock,
      sleep: async (ms) => clock.advance(ms),
    });
    const pending = testDb.db.$client.prepare("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')").pluck();
    while ((pending.get() as number) > 0) await outbox.drain();
    await outbox.stop();

    const lastSent = testDb.db.$client.prepare("SELECT max(sent_at) FROM outbox WHERE key LIKE 'agenda-out:%'").pluck().get() as string;
    const messages = skos.length * perSko;
    const seconds = (Date.parse(lastSent) - DUE.getTime()) / 1000;
    const minimumSeconds = (messages - SLACK_POST_LIMITS.workspaceBurst) / (SLACK_POST_LIMITS.workspacePerMinute / 60);
    // Per recipient and message: each attendee is owed exactly one DM, their own SKO's (its text names both).
    const received = new Map<string, number>();
    for (const m of fake.allMessages()) received.set(m.text ?? '', (received.get(m.text ?? '') ?? 0) + 1);
    const counts = skos.flatMap((sko) => sko.users.map((user) => received.get(text(sko.id, user)) ?? 0));
    return {
      skos: skos.length,
      messages,
      seconds,
      minimumSeconds,
      ratio: minimumSeconds / seconds,
      lost: counts.filter((n) => n === 0).length,
      duplicated: counts.filter((n) => n > 1).length,
      rejected: fake.callsTo('chat.postMessage').filter((c) => c.rejected).length,
      realSeconds: (performance.now() - realStart) / 1000,
    };
  } finally {
    await fake.close();
    testDb.close();
  }
}

export function reportManySkosFanout(r: ManySkosFanoutResult): string {
  return [
    `Many SKOs, the fan-out: one communication due in ${r.skos} SKOs at once, ${r.messages.toLocaleString('en-US')} DMs through a fake Slack enforcing chat.postMessage at`,
    `  ${SLACK_POST_LIMITS.workspacePerMinute}/min per workspace (bursts of ${SLACK_POST_LIMITS.workspaceBurst}) and 1/s per channel, on a simulated clock (${r.realSeconds.toFixed(1)} s of real time):`,
    `  took ${r.seconds.toFixed(0)} s (fastest allowed ${r.minimumSeconds.toFixed(0)} s): ${r.ratio.toFixed(3)} of Slack's allowed rate (target ≥ 0.9) · lost ${r.lost} · duplicated ${r.duplicated} · 429s received ${r.rejected} ${
      r.ratio >= 0.9 && r.lost === 0 && r.duplicated === 0 ? 'PASS' : 'FAIL'
    }`,
  ].join('\n');
}
