import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, rsvps } from '../../../db/schema.js';
import { RSVP } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, U } from '../../support/builders.js';
import type { StoredMessage } from '../../support/fake-slack/types.js';
import { runUntil, startWithSko } from '../../support/sko.js';
import { eventually, type TestApp } from '../../support/test-app.js';

const REP2 = 'UREP00002';
const REP3 = 'UREP00003';
const REP4 = 'UREP00004';
const GUEST = 'UGUEST001';
const NAMES: Record<string, string> = {
  [U.dana]: 'Dana',
  [U.priya]: 'Priya',
  [U.marco]: 'Marco',
  [U.aisha]: 'Aisha',
  [U.tom]: 'Tom',
  [U.elena]: 'Elena',
  [U.rep]: 'Rita',
  [REP2]: 'Sam',
  [REP3]: 'Lee',
  [REP4]: 'Kim',
  [GUEST]: 'Gus',
};
const names = { user: (id: string) => NAMES[id], channel: () => 'sko' };

let t: TestApp;

const saveTheDates = (user: string) =>
  t.fake.messagesIn(user).filter((m) => m.text?.startsWith('Save the date') || m.text?.startsWith('Reminder: will you be at'));
const travel = (user: string) => t.fake.messagesIn(user).filter((m) => m.text?.startsWith('Travel booking instructions'));
const who = (pick: (user: string) => StoredMessage[]) =>
  Object.keys(NAMES)
    .filter((u) => pick(u).length > 0)
    .map((u) => NAMES[u]);

async function rsvp(user: string, actionId: string): Promise<void> {
  const [message] = saveTheDates(user);
  if (!message) throw new Error(`${NAMES[user]} has no save-the-date`);
  const before = JSON.stringify(t.fake.messagesIn(user).find((m) => m.ts === message.ts)?.blocks);
  await t.driver.blockAction({ userId: user, actionId, channelId: message.channel, messageTs: message.ts });
  await eventually(() => JSON.stringify(t.fake.messagesIn(user).find((m) => m.ts === message.ts)?.blocks) !== before);
}

function answers(): Record<string, string> {
  const byId = new Map(
    t.db
      .select()
      .from(people)
      .all()
      .map((p) => [p.id, p.slackUserId as string]),
  );
  return Object.fromEntries(
    t.db
      .select()
      .from(rsvps)
      .all()
      .map((r) => [NAMES[byId.get(r.personId) as string] as string, r.answer]),
  );
}

beforeAll(async () => {
  t = await startWithSko();
  // An import adds four reps, a guest who holds no role in the event, and someone without Slack.
  addPeople(t.db, [
    { slackUserId: U.rep, name: 'Rita', team: 'East' },
    { slackUserId: REP2, name: 'Sam', team: 'East' },
    { slackUserId: REP3, name: 'Lee', team: 'West' },
    { slackUserId: REP4, name: 'Kim', team: 'West' },
    { slackUserId: GUEST, name: 'Gus', role: 'guest' },
    { slackUserId: null, name: 'Ida', team: 'West', email: 'ida@example.com' },
  ]);
  // Day 1 is Tue 2 Feb 2027 in New York, so week 6 starts Mon 4 Jan: the save-the-date goes at 10:00 EST.
  await runUntil(t, '2027-01-04T15:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('the save-the-date', () => {
  it('reaches every attendee: role holders and reps, not a guest without a role, not someone without Slack', () => {
    expect(who(saveTheDates)).toEqual(['Dana', 'Priya', 'Marco', 'Aisha', 'Tom', 'Elena', 'Rita', 'Sam', 'Lee', 'Kim']);
    const [message] = saveTheDates(U.rep);
    expect(renderPlainText(message?.blocks as KnownBlock[], names)).toBe(`SAVE THE DATE: FY27 SALES KICKOFF
═════════════════════════════════

Tue 2 Feb – Thu 4 Feb 2027 · Chicago

Save the date! Our Sales Kickoff sets next year’s plan, the standards we sell by, and the territories and quotas behind them. Tell us now whether you will be there, so travel and seating can be planned. You can change your answer later.

Will you be there? Please answer by Fri 15 Jan.

[ Attending ] [ Not attending ] [ Maybe ]`);
  });

  it('records each click and shows the answer in the message, which can be changed', async () => {
    t.clock.set('2027-01-04T18:00:00Z');
    await rsvp(U.dana, RSVP.attending);
    await rsvp(U.rep, RSVP.attending);
    await rsvp(REP2, RSVP.attending);
    await rsvp(REP2, RSVP.notAttending);
    await rsvp(REP3, RSVP.maybe);
    expect(answers()).toEqual({ Dana: 'attending', Rita: 'attending', Sam: 'not-attending', Lee: 'maybe' });
    const [sam] = saveTheDates(REP2);
    const text = renderPlainText(sam?.blocks as KnownBlock[], names);
    expect(text).toContain('✔ Your answer: Not attending. You can change it any time before the event.\n\n[ Attending ] [ Not attending ] [ Maybe ]');
    expect(text).not.toContain('Will you be there?');
    // The chosen answer is the highlighted button.
    const buttons = (sam!.blocks as { block_id?: string; elements?: { action_id: string; style?: string }[] }[]).find(
      (b) => b.block_id === RSVP.block,
    )?.elements;
    expect(buttons?.map((b) => [b.action_id, b.style ?? null])).toEqual([
      [RSVP.attending, null],
      [RSVP.notAttending, 'primary'],
      [RSVP.maybe, null],
    ]);
  });

  it('sends travel instructions only to those attending, and at once to someone who says yes later, once', async () => {
    await runUntil(t, '2027-01-06T15:00:00Z');
    expect(who(travel)).toEqual(['Dana', 'Rita']);
    expect(renderPlainText(travel(U.rep)[0]?.blocks as KnownBlock[], names)).toBe(`BOOK YOUR TRAVEL: FY27 SALES KICKOFF
════════════════════════════════════

Tue 2 Feb – Thu 4 Feb 2027 · Chicago

Thanks for confirming you will be at the SKO. Please book your travel now: arrive by the evening before day 1 and leave after the closing session on the last day. Book through the company travel tool, use the event’s hotel block, and keep receipts for your expense report.

Questions about travel? Ask @Marco, who runs logistics.`);

    t.clock.set('2027-01-07T15:00:00Z');
    await rsvp(REP4, RSVP.attending);
    await eventually(() => travel(REP4).length === 1);
    await rsvp(REP4, RSVP.maybe);
    await rsvp(REP4, RSVP.attending);
    await t.deps.outbox.idle();
    expect(travel(REP4)).toHaveLength(1);
    expect(who(travel)).toEqual(['Dana', 'Rita', 'Kim']);
  });

  it('reminds only those who have not answered, twice at most', async () => {
    // Fri 8 Jan and Thu 14 Jan at 10:00: halfway to, and the day before, the RSVP-by date (Fri 15 Jan).
    await runUntil(t, '2027-01-08T15:00:00Z');
    const first = (user: string) => saveTheDates(user).filter((m) => m.text?.startsWith('Reminder'));
    expect(who(first)).toEqual(['Priya', 'Marco', 'Aisha', 'Tom', 'Elena']);
    expect(first(U.marco)[0]?.text).toBe('Reminder: will you be at FY27 Sales Kickoff (Tue 2 Feb – Thu 4 Feb 2027)? Please RSVP.');

    t.clock.set('2027-01-11T15:00:00Z');
    await rsvp(U.priya, RSVP.attending);
    await eventually(() => travel(U.priya).length === 1);

    // Every day at 10:00 until day 1: only the second reminder goes, and only to those still silent.
    for (let day = 12; day <= 31; day += 1) await runUntil(t, `2027-01-${String(day).padStart(2, '0')}T15:00:00Z`);
    await runUntil(t, '2027-02-01T15:00:00Z');
    const counts = Object.fromEntries(Object.keys(NAMES).map((u) => [NAMES[u], first(u).length]));
    expect(counts).toEqual({ Dana: 0, Priya: 1, Marco: 2, Aisha: 2, Tom: 2, Elena: 2, Rita: 0, Sam: 0, Lee: 0, Kim: 0, Gus: 0 });
    expect(t.errors).toEqual([]);
  });

  it('closes RSVPs once the event starts', async () => {
    t.clock.set('2027-02-02T05:00:00Z');
    const [message] = saveTheDates(U.marco);
    const click = await t.driver.blockAction({ userId: U.marco, actionId: RSVP.attending, channelId: message?.channel, messageTs: message?.ts });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body).toMatchObject({ response_type: 'ephemeral', text: 'The SKO has started, so RSVPs are closed.' });
    expect(answers().Marco).toBeUndefined();
  });

  it('answers a button that has lost its event with what to do, and records nothing', async () => {
    const [message] = saveTheDates(U.tom);
    const click = await t.driver.blockAction({ userId: U.tom, actionId: RSVP.maybe, value: 'not json', channelId: message?.channel, messageTs: message?.ts });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body.text).toBe('That button is out of date. Run `/sko status` to see the SKO as it stands.');
    expect(answers().Tom).toBeUndefined();
    expect(t.errors).toEqual([]);
  });
});
