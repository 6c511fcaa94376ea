import type { KnownBlock } from '@slack/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timeZonesJob } from '../../../schedules/time-zones.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { dispatchAt, startWithSko } from '../../support/sko.js';
import { eventually, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => undefined };

/**
 * Issue 14, point 6: anyone pauses their reminders from App Home until a day they choose, and
 * resumes them when they like; event news still reaches them; the SKO lead sees who has paused.
 * The SKO is in New York (day 1 Tue 2 Feb 2027); Aisha lives in Los Angeles, so her Monday
 * 09:00 is 17:00 UTC, three hours after New York's, and her DMs wait in the outbox meanwhile.
 */
describe('pausing my reminders', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startWithSko();
    t.fake.addUser({ id: U.aisha, name: 'aisha', tz: 'America/Los_Angeles' });
    await timeZonesJob(t.deps.slack).run(t.deps, t.clock.now());
  });
  afterEach(async () => {
    await t.close();
  });

  const pausedUntil = () => t.db.$client.prepare('SELECT paused_until FROM people WHERE slack_user_id = ?').pluck().get(U.aisha);

  /** Aisha's Home tab as last drawn, as plain text, with the pause controls' block. */
  async function homeAfter(before: number) {
    const calls = await eventually(() => t.fake.callsTo('views.publish').length > before && t.fake.callsTo('views.publish'));
    const call = calls[calls.length - 1];
    if (!call) throw new Error('no Home tab was drawn');
    expect(call.args.user_id).toBe(U.aisha);
    // Slack took the view: the date picker and its button are valid Block Kit.
    expect(call.response.ok).toBe(true);
    const blocks = (call.args.view as { blocks: KnownBlock[] }).blocks;
    const controls = blocks.find((b) => b.block_id === 'home_pause') as { elements: Record<string, unknown>[] } | undefined;
    return { text: renderPlainText(blocks, names), controls: controls?.elements ?? [], id: String((call.response.view as { id: string }).id) };
  }

  async function openHome() {
    const before = t.fake.callsTo('views.publish').length;
    await t.driver.event({ type: 'app_home_opened', user: U.aisha, channel: t.fake.dmChannelOf(U.aisha), tab: 'home' });
    return homeAfter(before);
  }

  async function choose(viewId: string, date: string) {
    const before = t.fake.callsTo('views.publish').length;
    await t.driver.blockAction({ userId: U.aisha, actionId: 'home_pause_until', viewId, selectedDate: date });
    return homeAfter(before);
  }

  async function resume(viewId: string) {
    const before = t.fake.callsTo('views.publish').length;
    await t.driver.blockAction({ userId: U.aisha, actionId: 'home_resume', viewId });
    return homeAfter(before);
  }

  const dms = () => t.fake.messagesIn(t.fake.dmChannelOf(U.aisha)).map((m) => String(m.text));
  const digests = (week: number) => dms().filter((text) => text.includes(`Weekly digest, FY27 Sales Kickoff, week ${week} of 12`));

  it('offers the pause on App Home, refuses a day that is not ahead, and then offers Resume now', async () => {
    const home = await openHome();
    expect(home.text).toContain('My reminders · on. Taking time off? Choose the day they start again');
    expect(home.controls).toEqual([expect.objectContaining({ type: 'datepicker', action_id: 'home_pause_until', placeholder: expect.anything() })]);

    // Fri 20 Nov 2026, 07:00 in Los Angeles: today is not ahead.
    const today = await choose(home.id, '2026-11-20');
    expect(today.text).toContain('Choose a day after today: your reminders start again on the day you choose.');
    expect(pausedUntil()).toBeNull();

    const paused = await choose(home.id, '2027-01-06');
    expect(paused.text).toContain('My reminders · paused: they start again on Wed 6 Jan 2027. Messages about the event itself still reach you.');
    expect(paused.text).toContain('[ Resume now ]');
    expect(paused.controls[0]).toMatchObject({ initial_date: '2027-01-06' });
    // Midnight at the start of that day, in Los Angeles.
    expect(pausedUntil()).toBe('2027-01-06T08:00:00.000Z');

    const back = await resume(paused.id);
    expect(back.text).toContain('My reminders · on.');
    expect(back.text).not.toContain('Resume now');
    expect(pausedUntil()).toBeNull();
  });

  it('holds a reminder due at her morning, but not the save-the-date, and Resume now sends it', async () => {
    // Mon 4 Jan, 09:00 in New York: the week-6 digest waits for 09:00 in Los Angeles; the save-the-date is event news.
    await dispatchAt(t, '2027-01-04T14:00:00Z');
    const home = await openHome();
    await choose(home.id, '2027-01-06');
    await dispatchAt(t, '2027-01-04T17:00:00Z');
    await dispatchAt(t, '2027-01-04T23:00:00Z');
    expect(dms().filter((text) => text.includes('Save the date'))).toHaveLength(1);
    expect(digests(6)).toEqual([]);
    // Her digest is not written yet: it is composed when her moment comes, Wed 6 Jan, 08:00 in Los Angeles.
    const written = t.db.$client.prepare("SELECT status FROM outbox WHERE channel = ? AND label = 'week 6 digest'").pluck().all(U.aisha);
    expect(written).toEqual([]);

    // Tue 5 Jan, 10:00 in Los Angeles: she resumes, and the digest goes now.
    t.clock.set('2027-01-05T18:00:00Z');
    await resume(home.id);
    await dispatchAt(t, '2027-01-05T18:00:00Z');
    expect(digests(6)).toHaveLength(1);
    await dispatchAt(t, '2027-01-05T18:01:00Z');
    expect(t.db.$client.prepare("SELECT status FROM outbox WHERE channel = ? AND label = 'week 6 digest'").pluck().all(U.aisha)).toEqual(['sent']);
  });

  it('while paused, event news reaches her at its moment and the reminder waits for the day she chose', async () => {
    await dispatchAt(t, '2027-01-04T14:00:00Z');
    await dispatchAt(t, '2027-01-04T17:00:00Z');
    // Mon 11 Jan, 09:00 in New York: the survey and the week-7 digest are due at Aisha's morning.
    await dispatchAt(t, '2027-01-11T14:00:00Z');
    const home = await openHome();
    await choose(home.id, '2027-01-13');
    const before = dms().length;
    await dispatchAt(t, '2027-01-11T16:00:00Z');
    const arrived = dms().slice(before).join('\n');
    expect(arrived).toContain('Pre-event survey: 5 questions');
    expect(arrived).toContain('Save the date: FY27 Sales Kickoff');
    expect(digests(7)).toEqual([]);
    // Wed 13 Jan, 08:00 in Los Angeles.
    await dispatchAt(t, '2027-01-12T23:00:00Z');
    expect(digests(7)).toEqual([]);
    await dispatchAt(t, '2027-01-13T16:00:00Z');
    expect(digests(7)).toHaveLength(1);
    await dispatchAt(t, '2027-01-13T16:01:00Z');
    await dispatchAt(t, '2027-01-13T16:02:00Z');
    // Every row ends sent, each part of a combined DM with the outcome of the message that carried it.
    const unsettled = t.db.$client
      .prepare(
        "SELECT label, status FROM outbox WHERE channel = ? AND status <> 'sent' AND (label LIKE '%week 7 digest%' OR label IN ('the pre-event survey', 'the save-the-date'))",
      )
      .all(U.aisha);
    expect(unsettled).toEqual([]);
  });

  it('shows the SKO lead in /sko status who has paused and until when, and nobody else', async () => {
    const home = await openHome();
    await choose(home.id, '2027-01-06');
    const status = async (userId: string) => {
      const res = await t.driver.slashCommand({ userId, text: 'status' });
      return renderPlainText(res.json?.blocks as KnownBlock[], names);
    };
    const lead = await status(U.dana);
    expect(lead).toContain('Reminders paused (shown to the SKO lead and admins): messages about the event itself still reach them.');
    expect(lead).toContain(`• @${U.aisha}: back on Wed 6 Jan 2027`);
    expect(await status(U.rep)).not.toContain('Reminders paused');
    // Once the day has come, the pause is over and no longer shown.
    t.clock.set('2027-01-06T08:00:00Z');
    expect(await status(U.dana)).not.toContain('Reminders paused');
  });
});
