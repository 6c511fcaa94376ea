import type { KnownBlock } from '@slack/types';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIns, people } from '../../../db/schema.js';
import { addSession } from '../../../src/services/agenda/sessions.js';
import { recordRsvp } from '../../../src/services/comms/rsvps.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { CHECK_IN } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { checkView } from '../../support/block-kit-limits.js';
import { addPeople, EVENT_CHANNEL, setupValues, U } from '../../support/builders.js';
import type { StoredView } from '../../support/fake-slack/types.js';
import { runUntil, submitSetup } from '../../support/sko.js';
import { stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/**
 * FY27 SKO, day 1 Tue 2 Feb 2027 in New York, 10 people expected. Marco is the logistics lead,
 * Rita, Sam and Lee are reps, Gus a guest outside the attendee list. Six said they were attending.
 */
const SAM = 'UREP00002';
const LEE = 'UREP00003';
const GUS = 'UGUEST001';
const NAMES: Record<string, string> = { [U.dana]: 'Dana', [U.marco]: 'Marco', [U.rep]: 'Rita', [SAM]: 'Sam', [LEE]: 'Lee', [GUS]: 'Gus' };
const names = { user: (id: string) => NAMES[id], channel: () => 'sko' };
const REFUSED = "Only the logistics lead, the SKO lead or an admin can check people in. To check yourself in, click I'm here on the morning's agenda.";

let t: TestApp;
const render = (blocks: unknown) => renderPlainText(blocks as KnownBlock[], names);

/** Who is checked in, on which day, and by whom, as the database holds it. */
function checkedIn(): string[] {
  const byId = new Map(
    t.db
      .select()
      .from(people)
      .all()
      .map((p) => [p.id, NAMES[p.slackUserId as string]]),
  );
  return t.db
    .select()
    .from(checkIns)
    .orderBy(asc(checkIns.day), asc(checkIns.personId))
    .all()
    .map((c) => `day ${c.day}: ${byId.get(c.personId)} by ${byId.get(c.byPersonId)}`);
}

/** The private replies to a click or a command, in order. */
const replies = async (responseUrl: string, n: number) =>
  (await eventually(() => t.fake.responsesTo(responseUrl).length >= n && t.fake.responsesTo(responseUrl))).map((r) => r.body.text as string);

async function clickImHere(userId: string): Promise<string> {
  const agenda = t.fake.messagesIn(EVENT_CHANNEL).find((m) => m.text?.startsWith('Today at FY27 Sales Kickoff (day 1)'));
  if (!agenda) throw new Error('no morning agenda in the event channel');
  const click = await t.driver.blockAction({ userId, actionId: CHECK_IN.here, channelId: EVENT_CHANNEL, messageTs: agenda.ts });
  const [reply] = await replies(click.responseUrl as string, 1);
  return reply as string;
}

/** `/sko checkin`: the modal it opens, or the private refusal it gets instead. */
async function checkinCommand(userId: string): Promise<{ view: StoredView | null; refusal: string | null }> {
  const before = t.fake.callsTo('views.open').length;
  const res = await t.driver.slashCommand({ userId, text: 'checkin' });
  const outcome = await eventually(() => {
    if (t.fake.callsTo('views.open').length > before) return { opened: true };
    const [reply] = t.fake.responsesTo(res.responseUrl);
    return reply ? { opened: false, reply: reply.body.text as string } : undefined;
  });
  return outcome.opened ? { view: await openedView(t, before), refusal: null } : { view: null, refusal: outcome.reply ?? null };
}

const submit = (userId: string, view: StoredView, chosen: string[]) =>
  t.driver.viewSubmission({
    userId,
    viewId: view.id,
    callbackId: CHECK_IN.callbackId,
    values: { [CHECK_IN.blocks.people]: { [CHECK_IN.actionId]: stateValue.users(chosen) } },
  });

/** The scorecard's attendance line in `/sko metrics`, with the indented lines under it. */
async function attendance(): Promise<string> {
  const res = await t.driver.slashCommand({ userId: U.dana, text: 'metrics' });
  const lines = render(res.json?.blocks).split('\n');
  const at = lines.findIndex((l) => l.includes(' Attendance '));
  const end = lines.findIndex((l, i) => i > at && !l.startsWith(' '));
  return lines.slice(at, end).join('\n');
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  expect((await submitSetup(t, setupValues({ headcount: stateValue.text('10') }))).text).toBe('');
  addPeople(t.db, [
    { slackUserId: U.rep, name: 'Rita', team: 'East' },
    { slackUserId: SAM, name: 'Sam', team: 'East' },
    { slackUserId: LEE, name: 'Lee', team: 'West' },
    { slackUserId: GUS, name: 'Gus', role: 'guest' },
  ]);
  const event = newestEvent(t.db);
  if (!event) throw new Error('no SKO');
  for (const day of [1, 2]) {
    const added = addSession(t.db, event, {
      day: String(day),
      start: '09:00',
      end: '10:00',
      title: day === 1 ? 'FY vision' : 'Discovery workshop',
      kind: 'strategy',
      format: 'workshop',
      speakers: 'Ana Ruiz',
      takeaways: 'One narrative',
      nextSteps: 'Team talk track',
    });
    expect(added.ok).toBe(true);
  }
  for (const user of [U.dana, U.marco, U.priya, U.rep, SAM, LEE]) recordRsvp(t.db, event.id, user, 'attending', new Date('2027-01-10T15:00:00Z'));
});
afterAll(async () => {
  await t.close();
});

describe('check-in at the SKO', () => {
  it('before day 1: attendance is the RSVPs, and the check-in form is not open yet', async () => {
    t.clock.set('2027-02-01T15:00:00Z');
    expect(await attendance()).toBe(
      '● missed · Attendance 60% (target: above 95% of the team)\n    Short of the target by more than the at-risk band (at least 85.5% of the team).',
    );
    expect(await checkinCommand(U.marco)).toEqual({ view: null, refusal: 'Check-in opens on the first day of the SKO, Tue 2 Feb.' });
  });

  it('on day 1 the morning agenda carries I’m here; a click checks the clicker in, once', async () => {
    await runUntil(t, '2027-02-02T12:30:00Z');
    const agenda = t.fake.messagesIn(EVENT_CHANNEL).find((m) => m.text?.startsWith('Today at FY27 Sales Kickoff (day 1)'));
    expect(render(agenda?.blocks)).toBe(`DAY 1 AGENDA · TUE 2 FEB
════════════════════════

09:00–10:00 FY vision (strategy, workshop) · Ana Ruiz

[ I'm here ]

[ Ask a question ]

/sko agenda shows the whole agenda.`);
    // Nobody has checked in yet: the RSVPs still stand, rather than a 0% that would say nobody came.
    expect(await attendance()).toContain('60%');
    expect(await attendance()).toContain('RSVPs until the first check-in: nobody has checked in yet.');

    expect(await clickImHere(U.rep)).toBe(':white_check_mark: You are checked in for day 1 of FY27 Sales Kickoff. Welcome!');
    expect(await clickImHere(U.rep)).toBe('You are already checked in for day 1. Nothing more to do.');
    expect(await clickImHere(GUS)).toBe('You are not on this SKO’s attendee list; ask the logistics lead to check you in.');
    expect(checkedIn()).toEqual(['day 1: Rita by Rita']);
  });

  it('a rep cannot open the check-in form, and is told how to check in themselves', async () => {
    expect(await checkinCommand(U.rep)).toEqual({ view: null, refusal: REFUSED });
  });

  it('the logistics lead checks people in by name; someone off the attendee list is refused beside the field, and nobody is checked in', async () => {
    const { view } = await checkinCommand(U.marco);
    if (!view) throw new Error('Marco could not open the check-in form');
    expect(checkView(view)).toEqual([]);
    expect(render(view.blocks)).toContain('FY27 Sales Kickoff · day 1, Tue 2 Feb\n1 of 9 attendees checked in so far today.');

    const refused = await submit(U.marco, view, [SAM, GUS]);
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: {
        [CHECK_IN.blocks.people]:
          'Not on this SKO’s attendee list, so nobody was checked in: Gus. Take them out, or ask an admin to add them to the people data.',
      },
    });
    expect(checkedIn()).toEqual(['day 1: Rita by Rita']);

    const done = await submit(U.marco, view, [SAM, LEE, U.rep]);
    expect(done.json?.response_action).toBe('update');
    expect(render((done.json?.view as { blocks?: unknown } | undefined)?.blocks)).toBe(
      '✔ Checked in for day 1: @Sam, @Lee.\nAlready checked in: @Rita.\n3 of 9 attendees are checked in today.',
    );
    expect(checkedIn()).toEqual(['day 1: Rita by Rita', 'day 1: Sam by Marco', 'day 1: Lee by Marco']);
  });

  it('from the first check-in on day 1, attendance is the people checked in against the expected headcount', async () => {
    expect(await attendance()).toBe(
      '● missed · Attendance 30% (target: above 95% of the team)\n    Short of the target by more than the at-risk band (at least 85.5% of the team).\n    3 people checked in on day 1, of 10 expected; 6 had RSVPed attending.',
    );
    // On day 2 the same people count once; a new arrival adds to the figure.
    t.clock.set('2027-02-03T14:00:00Z');
    expect(await clickImHere(U.rep)).toBe(':white_check_mark: You are checked in for day 2 of FY27 Sales Kickoff. Welcome!');
    expect(await clickImHere(U.dana)).toBe(':white_check_mark: You are checked in for day 2 of FY27 Sales Kickoff. Welcome!');
    expect(await attendance()).toBe(
      '● missed · Attendance 40% (target: above 95% of the team)\n    Short of the target by more than the at-risk band (at least 85.5% of the team).\n    4 people checked in on at least one of the first 2 days, of 10 expected; 6 had RSVPed attending.',
    );
  });
});
