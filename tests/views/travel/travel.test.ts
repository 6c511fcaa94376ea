import type { KnownBlock } from '@slack/types';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, people, schedule, travelCutoffs, travelDetails } from '../../../db/schema.js';
import { RSVP, TRAVEL } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { checkView } from '../../support/block-kit-limits.js';
import { addPeople, U } from '../../support/builders.js';
import type { StoredMessage, StoredView } from '../../support/fake-slack/types.js';
import { runUntil, setupChoices, startWithSko } from '../../support/sko.js';
import { type StateValues, stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/**
 * FY27 SKO, Tue 2 – Thu 4 Feb 2027 in New York (Dana SKO lead and admin, Marco logistics lead,
 * Priya content lead, Elena sales leader). Rita and Sam are reps; Lee is a rep in London.
 */
const SAM = 'UREP00002';
const LEE = 'UREP00003';
const NAMES: Record<string, string> = { [U.dana]: 'Dana', [U.marco]: 'Marco', [U.priya]: 'Priya', [U.rep]: 'Rita', [SAM]: 'Sam', [LEE]: 'Lee' };
const names = { user: (id: string) => NAMES[id], channel: () => 'sko' };
const B = TRAVEL.blocks;
const A = TRAVEL.actionId;
const LEADS_ONLY = 'Everyone’s travel details, with their dietary and accessibility needs, are seen by the logistics lead and admins only.';

let t: TestApp;
const text = (blocks: unknown) => renderPlainText(blocks as KnownBlock[], names);
const saveTheDate = (user: string) => t.fake.messagesIn(user).find((m) => m.text?.startsWith('Save the date')) as StoredMessage;
const stored = () => t.db.select().from(travelDetails).all();
const personId = (slackUserId: string) => t.db.select().from(people).where(eq(people.slackUserId, slackUserId)).get()?.id;

const form = (f: { arrival?: string; departure?: string; nights?: string[]; dietary?: string[]; accessibility?: string; note?: string }): StateValues => ({
  [B.arrival]: { [A]: stateValue.date(f.arrival ?? null) },
  [B.departure]: { [A]: stateValue.date(f.departure ?? null) },
  [B.hotelNights]: { [A]: stateValue.checkboxes(f.nights ?? []) },
  [B.dietary]: { [A]: stateValue.checkboxes(f.dietary ?? []) },
  [B.accessibility]: { [A]: stateValue.text(f.accessibility ?? null) },
  [B.note]: { [A]: stateValue.text(f.note ?? null) },
});

/** `user` answers Attending to their save-the-date, and the message shows the answer. */
async function attend(user: string): Promise<StoredMessage> {
  const message = saveTheDate(user);
  await t.driver.blockAction({ userId: user, actionId: RSVP.attending, channelId: message.channel, messageTs: message.ts });
  return eventually(() => {
    const now = t.fake.messagesIn(user).find((m) => m.ts === message.ts);
    return JSON.stringify(now?.blocks).includes(TRAVEL.open) && now;
  });
}

/** Clicks the travel button in `message`: the form it opened, or the private reply it got instead. */
async function clickTravel(user: string, message: StoredMessage): Promise<{ view: StoredView | null; reply: string | null }> {
  const before = t.fake.callsTo('views.open').length;
  const click = await t.driver.blockAction({ userId: user, actionId: TRAVEL.open, channelId: message.channel, messageTs: message.ts });
  const outcome = await eventually(() => {
    if (t.fake.callsTo('views.open').length > before) return { opened: true, reply: null };
    const [reply] = t.fake.responsesTo(click.responseUrl as string);
    return reply ? { opened: false, reply: reply.body.text as string } : undefined;
  });
  return { view: outcome.opened ? await openedView(t, before) : null, reply: outcome.reply };
}

async function fillIn(user: string, message: StoredMessage, values: StateValues) {
  const { view } = await clickTravel(user, message);
  if (!view) throw new Error(`${NAMES[user]} got no travel form`);
  return t.driver.viewSubmission({ userId: user, viewId: view.id, callbackId: TRAVEL.callbackId, values });
}

async function slash(user: string, commandText: string): Promise<string> {
  const res = await t.driver.slashCommand({ userId: user, text: commandText });
  if (res.json?.blocks && (res.json.blocks as unknown[]).length) return text(res.json.blocks);
  if (res.json?.text) return res.json.text as string;
  const [reply] = await eventually(() => t.fake.responsesTo(res.responseUrl).length > 0 && t.fake.responsesTo(res.responseUrl));
  return reply?.body.text as string;
}

beforeAll(async () => {
  t = await startWithSko();
  addPeople(t.db, [
    { slackUserId: U.rep, name: 'Rita', team: 'East' },
    { slackUserId: SAM, name: 'Sam', team: 'East' },
    { slackUserId: LEE, name: 'Lee', team: 'West' },
  ]);
  t.db.update(people).set({ timeZone: 'Europe/London' }).where(eq(people.slackUserId, LEE)).run();
  // The save-the-date goes Mon 4 Jan at 10:00 in New York.
  await runUntil(t, '2027-01-04T15:00:00Z');
  t.clock.set('2027-01-04T18:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('the travel form after an Attending RSVP', () => {
  it('is offered beside the answer, and a bad form is refused field by field with nothing written', async () => {
    const message = await attend(U.rep);
    expect(text(message.blocks)).toContain('✔ Your answer: Attending. You can change it any time before the event.  [ Add travel details ]');
    const { view } = await clickTravel(U.rep, message);
    expect(view?.callback_id).toBe(TRAVEL.callbackId);
    expect(checkView(view as StoredView)).toEqual([]);
    const nights = ((view?.blocks ?? []) as { block_id?: string; element?: { options?: { value: string }[] } }[]).find((b) => b.block_id === B.hotelNights);
    expect(nights?.element?.options?.map((o) => o.value)).toEqual(['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04']);

    const backwards = await t.driver.viewSubmission({
      userId: U.rep,
      viewId: (view as StoredView).id,
      callbackId: TRAVEL.callbackId,
      values: form({ arrival: '2027-02-03', departure: '2027-02-01', nights: ['2027-02-03'] }),
    });
    expect(backwards.json).toEqual({
      response_action: 'errors',
      errors: { [B.departure]: 'You leave before you arrive (Wed 3 Feb): give a day on or after it.' },
    });
    const farAway = await t.driver.viewSubmission({
      userId: U.rep,
      viewId: (view as StoredView).id,
      callbackId: TRAVEL.callbackId,
      values: form({ arrival: '2027-03-15', departure: '2027-03-16' }),
    });
    expect(farAway.json?.errors).toEqual({
      [B.arrival]: 'Arrive between Tue 26 Jan and Thu 4 Feb: the SKO runs Tue 2 Feb to Thu 4 Feb.',
      [B.departure]: 'Leave between Tue 2 Feb and Thu 11 Feb: the SKO runs Tue 2 Feb to Thu 4 Feb.',
    });
    const nightOutside = await t.driver.viewSubmission({
      userId: U.rep,
      viewId: (view as StoredView).id,
      callbackId: TRAVEL.callbackId,
      values: form({ arrival: '2027-02-02', departure: '2027-02-04', nights: ['2027-02-01', '2027-02-02'] }),
    });
    expect(nightOutside.json?.errors).toEqual({
      [B.hotelNights]: 'The night of Mon 1 Feb is outside your stay (Tue 2 Feb to Thu 4 Feb): untick it or change your dates.',
    });
    expect(stored()).toEqual([]);
  });

  it('stores what the person gives, and tells them until when they can change it', async () => {
    const res = await fillIn(
      U.rep,
      saveTheDate(U.rep),
      form({
        arrival: '2027-02-01',
        departure: '2027-02-04',
        nights: ['2027-02-03', '2027-02-01', '2027-02-02'],
        dietary: ['vegetarian'],
        accessibility: ' Step-free room, please ',
        note: 'Flying in from Boston',
      }),
    );
    expect(res.json?.response_action).toBe('update');
    expect(text((res.json?.view as { blocks?: unknown } | undefined)?.blocks)).toBe(
      'Thanks: you arrive Mon 1 Feb and leave Thu 4 Feb; hotel nights: Mon 1 Feb, Tue 2 Feb, Wed 3 Feb.\nYou can change these until Tue 2 Feb 2027 00:00 EST with the same button, or /sko travel.',
    );
    expect(stored()).toEqual([
      {
        eventId: expect.any(Number),
        personId: personId(U.rep),
        arrival: '2027-02-01',
        departure: '2027-02-04',
        hotelNights: ['2027-02-01', '2027-02-02', '2027-02-03'],
        dietary: ['vegetarian'],
        accessibility: 'Step-free room, please',
        note: 'Flying in from Boston',
        savedAt: '2027-01-04T18:00:00.000Z',
      },
    ]);
    // Opened again, the form holds what was given.
    const { view } = await clickTravel(U.rep, saveTheDate(U.rep));
    const arrival = ((view?.blocks ?? []) as { block_id?: string; element?: { initial_date?: string } }[]).find((b) => b.block_id === B.arrival);
    expect(arrival?.element?.initial_date).toBe('2027-02-01');
  });

  it('is not offered to someone who has not said Attending', async () => {
    const before = t.fake.callsTo('views.open').length;
    // The button as it is in Rita's message, clicked by Priya, who has not answered.
    const [button] = setupChoices(saveTheDate(U.rep).blocks).filter((b) => b.actionId === TRAVEL.open);
    const click = await t.driver.blockAction({
      userId: U.priya,
      actionId: TRAVEL.open,
      value: button?.value,
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    const [answer] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    const reply = answer?.body.text;
    expect(reply).toBe('The travel form is for people attending FY27 Sales Kickoff: answer Attending to the save-the-date first.');
    expect(t.fake.callsTo('views.open')).toHaveLength(before);
    expect(await slash(U.priya, 'travel')).toBe('The travel form is for people attending FY27 Sales Kickoff: answer Attending to the save-the-date first.');
  });
});

describe('what the logistics lead gets', () => {
  it('counts rooms per night and meals by dietary need over the people attending', async () => {
    await fillIn(SAM, await attend(SAM), form({ arrival: '2027-02-02', departure: '2027-02-03', nights: ['2027-02-02'], dietary: ['vegan', 'gluten-free'] }));
    await attend(U.dana);
    await attend(LEE);
    const counts = await slash(U.marco, 'travel');
    expect(counts).toContain('2 of 4 people attending have given their travel details.');
    expect(counts).toContain('Rooms per night\nNight of   Rooms\nMon 1 Feb      1\nTue 2 Feb      2\nWed 3 Feb      1\nThu 4 Feb      0');
    expect(counts).toContain(
      'Meals by dietary need (people)\nNeed              People\nVegetarian             1\nVegan                  1\nGluten-free            1\nNo dietary needs       0',
    );
    expect(counts).toContain('Accessibility needs: 1 person told us theirs; the list has them.');
    // An admin sees the same.
    expect(await slash(U.dana, 'travel')).toBe(counts);
  });

  it('sends the full list as a CSV file to their DM', async () => {
    const before = t.fake.uploads().length;
    const res = await t.driver.slashCommand({ userId: U.marco, text: 'travel' });
    await t.driver.blockAction({ userId: U.marco, actionId: TRAVEL.csv, channelId: 'C0GENERAL', ephemeral: true, message: { blocks: res.json?.blocks } });
    const upload = await eventually(() =>
      t.fake
        .uploads()
        .slice(before)
        .find((u) => u.completed),
    );
    expect(upload).toMatchObject({ filename: 'travel-details.csv', channel: t.fake.dmChannelOf(U.marco), completed: true });
    expect(upload?.initialComment).toBe('Travel details for FY27 Sales Kickoff: 2 of 4 people attending have given theirs.');
    expect(upload?.bytes?.toString('utf8')).toBe(
      [
        'name,slack_user_id,team,arrival,departure,hotel_nights,dietary_needs,accessibility_needs,note,saved_at',
        `,${U.dana},,,,,,,,`,
        `Lee,${LEE},West,,,,,,,`,
        `Rita,${U.rep},East,2027-02-01,2027-02-04,2027-02-01; 2027-02-02; 2027-02-03,Vegetarian,"Step-free room, please",Flying in from Boston,2027-01-04T18:00:00.000Z`,
        `Sam,${SAM},East,2027-02-02,2027-02-03,2027-02-02,Vegan; Gluten-free,,,2027-01-04T18:00:00.000Z`,
        '',
      ].join('\r\n'),
    );
  });

  it('keeps dietary and accessibility needs from anyone else: another lead, a sales leader, a rep', async () => {
    const uploads = t.fake.uploads().length;
    for (const user of [U.priya, U.elena, U.rep]) {
      const own = await slash(user, 'travel');
      expect(own).not.toMatch(/Vegetarian|Vegan|Step-free|Rooms per night|Sam|Rita/);
      expect(await slash(user, 'travel csv')).toBe(LEADS_ONLY);
    }
    expect(await slash(U.rep, 'travel')).toBe('You have given your travel details; you can change them until the cut-off.  [ Edit travel details ]');
    const click = await t.driver.blockAction({
      userId: U.priya,
      actionId: TRAVEL.csv,
      value: '1',
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: [] },
    });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body.text).toBe(LEADS_ONLY);
    expect(t.fake.uploads()).toHaveLength(uploads);
    expect(await slash(U.rep, 'travel cutoff 2027-01-20')).toBe(LEADS_ONLY);
    expect(t.db.select().from(travelCutoffs).all()).toEqual([]);
  });
});

describe('the cut-off and the reminder', () => {
  it('refuses a cut-off that has passed or falls after the SKO, and keeps none', async () => {
    expect(await slash(U.marco, 'travel cutoff 2026-12-20')).toBe('The cut-off Sun 20 Dec has passed: give today or a later day.');
    expect(await slash(U.marco, 'travel cutoff 2027-02-10')).toBe('The cut-off Wed 10 Feb is after the SKO ends (Thu 4 Feb): give a day on or before it.');
    expect(await slash(U.marco, 'travel cutoff soon')).toBe(
      'Give the cut-off as a date in the form YYYY-MM-DD, such as `/sko travel cutoff 2027-01-20`; not "soon".',
    );
    expect(t.db.select().from(travelCutoffs).all()).toEqual([]);
    expect(t.db.select().from(schedule).where(eq(schedule.kind, 'travel-reminder')).all()).toEqual([]);
  });

  it('reminds, once and at their own hour, those attending who have not filled the form in', async () => {
    expect(await slash(U.marco, 'travel cutoff 2027-01-22')).toContain('The form takes changes until Sat 23 Jan 2027 00:00 EST (cut-off Fri 22 Jan)');
    await runUntil(t, '2027-01-20T15:00:00Z');
    const reminders = t.db
      .select({ channel: outbox.channel, notBefore: outbox.notBefore, text: outbox.text })
      .from(outbox)
      .where(eq(outbox.kind, 'travel-reminder'))
      .orderBy(outbox.notBefore)
      .all();
    // Tue 19 Jan, 3 days before the cut-off, at 09:00 (the SKO's reminder time) in London for Lee and New York for Dana.
    expect(reminders).toEqual([
      { channel: LEE, notBefore: '2027-01-19T09:00:00.000Z', text: 'Reminder: add your travel details for FY27 Sales Kickoff by Fri 22 Jan' },
      { channel: U.dana, notBefore: '2027-01-19T14:00:00.000Z', text: 'Reminder: add your travel details for FY27 Sales Kickoff by Fri 22 Jan' },
    ]);
    const [dm] = t.fake.messagesIn(LEE).filter((m) => m.text?.startsWith('Reminder: add your travel details'));
    expect(text(dm?.blocks)).toContain('The form closes after Fri 22 Jan.  [ Add travel details ]');
    // The button in the reminder opens the form.
    expect((await clickTravel(LEE, dm as StoredMessage)).view?.callback_id).toBe(TRAVEL.callbackId);
    await runUntil(t, '2027-01-22T23:00:00Z');
    expect(t.db.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.kind, 'travel-reminder')).get()?.n).toBe(2);
    expect(t.errors).toEqual([]);
  });

  it('after the cut-off, the form says it is closed and whom to ask, and a form opened before saves nothing', async () => {
    const { view: openBefore } = await clickTravel(SAM, saveTheDate(SAM));
    t.clock.set('2027-01-23T06:00:00Z');
    const { view } = await clickTravel(U.rep, saveTheDate(U.rep));
    const closed = 'The travel form for FY27 Sales Kickoff is closed: its cut-off was Fri 22 Jan. For a change, ask @Marco, who runs logistics.';
    expect(text(view?.blocks)).toBe(closed);
    const before = stored();
    const late = await t.driver.viewSubmission({
      userId: SAM,
      viewId: (openBefore as StoredView).id,
      callbackId: TRAVEL.callbackId,
      values: form({ arrival: '2027-02-01', departure: '2027-02-04', nights: ['2027-02-01'] }),
    });
    expect(late.json?.response_action).toBe('update');
    expect(text((late.json?.view as { blocks?: unknown } | undefined)?.blocks)).toBe(closed);
    expect(stored()).toEqual(before);
  });
});
