import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeZonesJob } from '../../schedules/time-zones.js';
import { ManualClock } from '../../src/clock.js';
import { localDate } from '../../src/domain/dates.js';
import { RSVP } from '../../views/kit/ids.js';
import { addPeople, setupValues, U } from '../support/builders.js';
import { FakeSlack } from '../support/fake-slack/server.js';
import { walk } from '../support/schedule-walk.js';
import { submitNewSko, submitSetup } from '../support/sko.js';
import { stateValue } from '../support/slack-driver/state-values.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Two regional SKOs in one workspace, a week apart and six hours apart. The Americas SKO (day 1
 * Tue 2 Feb 2027, New York, #amer-sko) is for the Americas region; Dana leads it, and it is set up
 * on Fri 20 Nov 2026. The EMEA SKO (day 1 Tue 9 Feb 2027, Berlin, #emea-sko) is for the EMEA
 * region; Emil leads it, Frieda its content, Eva is its sales leader, and it is set up a week
 * later, on Fri 27 Nov. Both then run through their twelve weeks in one database.
 */
const HOUR = 3_600_000;
const AMER_CHANNEL = 'CAMER0001';
const EMEA_CHANNEL = 'CEMEA0001';
const [AVA, BEN, EMIL, FRIEDA, EVA, LARS, SOFIA] = ['UAVA00001', 'UBEN00001', 'UEMIL0001', 'UFRIEDA01', 'UEVA00001', 'ULARS0001', 'USOFIA001'];
const ZONES: Record<string, string> = {
  [U.dana]: 'America/New_York',
  [U.priya]: 'America/New_York',
  [U.marco]: 'America/Chicago',
  [U.aisha]: 'America/New_York',
  [U.tom]: 'America/Los_Angeles',
  [U.elena]: 'America/New_York',
  [AVA]: 'America/New_York',
  [BEN]: 'America/Chicago',
  [EMIL]: 'Europe/Berlin',
  [FRIEDA]: 'Europe/Berlin',
  [EVA]: 'Europe/Paris',
  [LARS]: 'Europe/Stockholm',
  [SOFIA]: 'Europe/Berlin',
};
/** Who each SKO is for: its region's people and its role holders. */
const AMER_PEOPLE = [U.dana, U.priya, U.marco, U.aisha, U.tom, U.elena, AVA, BEN];
const EMEA_PEOPLE = [EMIL, FRIEDA, EVA, LARS, SOFIA];

interface Delivered {
  eventId: number | null;
  kind: string;
  key: string;
  to: string;
  at: Date;
}

describe('two regional SKOs a week apart, in one database', () => {
  const clock = new ManualClock('2026-11-20T15:00:00Z');
  let fake: FakeSlack;
  let t: TestApp;
  let amer: number;
  let emea: number;
  let delivered: Delivered[];

  /** Everyone says Attending with the save-the-date's button once it reaches them: the post-event messages go to those attending. */
  const answered = new Set<string>();
  async function answerSaveTheDates(): Promise<void> {
    await t.deps.outbox.idle();
    for (const user of [...AMER_PEOPLE, ...EMEA_PEOPLE]) {
      const message = fake.messagesIn(user).find((m) => JSON.stringify(m.blocks ?? []).includes(RSVP.attending));
      if (!message || answered.has(user)) continue;
      answered.add(user);
      const button = (message.blocks as { elements?: { action_id?: string; value?: string }[] }[])
        .flatMap((b) => b.elements ?? [])
        .find((e) => e.action_id === RSVP.attending);
      await t.driver.blockAction({ userId: user, actionId: RSVP.attending, value: button?.value, channelId: message.channel, messageTs: message.ts });
    }
  }

  beforeAll(async () => {
    fake = await FakeSlack.start({ now: () => clock.now().getTime() });
    for (const [id, tz] of Object.entries(ZONES)) fake.addUser({ id, name: id.toLowerCase(), tz });
    t = await startTestApp({ clock, fake });
    addPeople(t.db, [
      { slackUserId: AVA, name: 'Ava', team: 'East', region: 'Americas' },
      { slackUserId: BEN, name: 'Ben', team: 'West', region: 'Americas' },
      { slackUserId: EMIL, name: 'Emil', team: 'DACH', region: 'EMEA' },
      { slackUserId: FRIEDA, name: 'Frieda', team: 'UK', region: 'EMEA' },
      { slackUserId: EVA, name: 'Eva', role: 'leader', region: 'EMEA' },
      { slackUserId: LARS, name: 'Lars', team: 'Nordics', region: 'EMEA' },
      { slackUserId: SOFIA, name: 'Sofia', team: 'DACH', region: 'EMEA' },
    ]);
    const first = await submitSetup(
      t,
      setupValues({
        name: stateValue.text('Americas Kickoff FY27'),
        channelId: stateValue.channel(AMER_CHANNEL),
        roster: stateValue.options(['region:Americas']),
      }),
    );
    if (first.text !== '') throw new Error(`the Americas SKO was refused: ${first.text}`);
    await timeZonesJob(t.deps.slack).run(t.deps, clock.now());
    await walk(t, '2026-11-27T15:00:00Z', { stepMs: HOUR, onStep: answerSaveTheDates });

    const second = await submitNewSko(
      t,
      setupValues({
        name: stateValue.text('EMEA Kickoff FY27'),
        day1: stateValue.date('2027-02-09'),
        timeZone: stateValue.option('Europe/Berlin'),
        channelId: stateValue.channel(EMEA_CHANNEL),
        sko_lead: stateValue.user(EMIL),
        content_lead: stateValue.user(FRIEDA),
        logistics_lead: stateValue.user(EMIL),
        communications_lead: stateValue.user(EMIL),
        technology_lead: stateValue.user(EMIL),
        salesLeaders: stateValue.users([EVA]),
        roster: stateValue.options(['region:EMEA']),
      }),
    );
    if (second.text !== '') throw new Error(`the EMEA SKO was refused: ${second.text}`);
    await walk(t, '2027-03-15T00:00:00Z', { stepMs: HOUR, onStep: answerSaveTheDates });
    await t.deps.outbox.idle();

    const ids = t.db.$client.prepare('SELECT name, id FROM events').all() as { name: string; id: number }[];
    amer = ids.find((e) => e.name.startsWith('Americas'))?.id as number;
    emea = ids.find((e) => e.name.startsWith('EMEA'))?.id as number;
    // Each message that reached Slack, on its own or as a part of another to the same person.
    delivered = (
      t.db.$client
        .prepare(
          `SELECT o.event_id AS eventId, o.kind, o.key, o.channel AS "to", coalesce(o.sent_at, c.sent_at) AS at
           FROM outbox o LEFT JOIN outbox c ON c.id = o.carried_by
           WHERE o.status = 'sent' OR (o.status = 'combined' AND c.status = 'sent')`,
        )
        .all() as (Omit<Delivered, 'at'> & { at: string })[]
    ).map((row) => ({ ...row, at: new Date(row.at) }));
  }, 600_000);

  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const of = (eventId: number) => delivered.filter((m) => m.eventId === eventId);
  const local = (m: Delivered, zone: string) =>
    `${localDate(m.at, zone)} ${new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(m.at)}`;

  it('sends each SKO’s messages only to its own channel and its own people', () => {
    expect(of(amer).length).toBeGreaterThan(100);
    expect(of(emea).length).toBeGreaterThan(60);
    expect([...new Set(of(amer).map((m) => m.to))].filter((to) => to !== AMER_CHANNEL && !AMER_PEOPLE.includes(to))).toEqual([]);
    expect([...new Set(of(emea).map((m) => m.to))].filter((to) => to !== EMEA_CHANNEL && !EMEA_PEOPLE.includes(to))).toEqual([]);
    // What Slack shows in each channel and DM names its own SKO, never the other.
    for (const user of EMEA_PEOPLE) expect(fake.messagesIn(user).filter((m) => m.text?.includes('Americas Kickoff'))).toEqual([]);
    for (const user of AMER_PEOPLE) expect(fake.messagesIn(user).filter((m) => m.text?.includes('EMEA Kickoff'))).toEqual([]);
    expect(fake.messagesIn(EMEA_CHANNEL).filter((m) => m.text?.includes('Americas'))).toEqual([]);
    expect(fake.messagesIn(AMER_CHANNEL).filter((m) => m.text?.includes('EMEA'))).toEqual([]);
  });

  it('reaches each SKO’s whole roster, and nobody else, with each of its communications', () => {
    const kinds = ['save-the-date', 'pre-event-survey', 'travel-instructions', 'thank-you-recap', 'post-event-survey', 'commitments-invite'];
    const reached = (eventId: number, kind: string) =>
      of(eventId)
        .filter((m) => m.kind === kind)
        .map((m) => m.to)
        .sort();
    for (const kind of kinds) {
      expect({ kind, to: reached(amer, kind) }).toEqual({ kind, to: [...AMER_PEOPLE].sort() });
      expect({ kind, to: reached(emea, kind) }).toEqual({ kind, to: [...EMEA_PEOPLE].sort() });
    }
    // Each RSVP button answered its own SKO.
    const rsvps = t.db.$client.prepare('SELECT r.event_id AS eventId, p.slack_user_id AS who FROM rsvps r JOIN people p ON p.id = r.person_id').all() as {
      eventId: number;
      who: string;
    }[];
    expect(
      rsvps
        .filter((r) => r.eventId === amer)
        .map((r) => r.who)
        .sort(),
    ).toEqual([...AMER_PEOPLE].sort());
    expect(
      rsvps
        .filter((r) => r.eventId === emea)
        .map((r) => r.who)
        .sort(),
    ).toEqual([...EMEA_PEOPLE].sort());
  });

  it('runs the EMEA SKO one week after the Americas one, each on its own clock', () => {
    const posts = (eventId: number, to: string, zone: string) =>
      of(eventId)
        // The setup summary goes when each lead saves the setup; everything after is planned.
        .filter((m) => m.to === to && m.kind !== 'setup-summary')
        .map((m) => ({ kind: m.kind, at: local(m, zone) }))
        .sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind));
    const aWeekLater = (at: string) => `${localDate(new Date(Date.parse(`${at.slice(0, 10)}T12:00:00Z`) + 7 * 24 * HOUR), 'UTC')} ${at.slice(11)}`;
    // The channel's phase announcements: the same, on the same local clock, seven days later.
    const amerChannel = posts(amer, AMER_CHANNEL, 'America/New_York');
    expect(amerChannel.map((p) => p.kind)).toContain('phase-start');
    expect(posts(emea, EMEA_CHANNEL, 'Europe/Berlin')).toEqual(amerChannel.map((p) => ({ kind: p.kind, at: aWeekLater(p.at) })));
    // Each content lead and each sales leader gets the same messages, on their own clock (New York, and Berlin or Paris), a week apart.
    const priya = posts(amer, U.priya, 'America/New_York');
    expect(priya.filter((p) => p.kind === 'week-start').length).toBeGreaterThanOrEqual(5);
    expect(posts(emea, FRIEDA, 'Europe/Berlin')).toEqual(priya.map((p) => ({ kind: p.kind, at: aWeekLater(p.at) })));
    const elena = posts(amer, U.elena, 'America/New_York');
    expect(elena.length).toBeGreaterThanOrEqual(10);
    expect(posts(emea, EVA, 'Europe/Paris')).toEqual(elena.map((p) => ({ kind: p.kind, at: aWeekLater(p.at) })));
  });

  it('reaches everyone within their own working hours, on their own clock', () => {
    const outside = delivered
      .filter((m) => ZONES[m.to])
      .map((m) => ({
        who: m.to,
        at: local(m, ZONES[m.to] as string),
        weekday: new Intl.DateTimeFormat('en-GB', { timeZone: ZONES[m.to], weekday: 'short' }).format(m.at),
        kind: m.kind,
      }))
      .filter((m) => m.at.slice(11) < '08:00' || m.at.slice(11) >= '18:00' || m.weekday === 'Sat' || m.weekday === 'Sun');
    expect(outside).toEqual([]);
  });
});
