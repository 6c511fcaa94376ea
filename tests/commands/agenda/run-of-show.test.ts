import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaSessions, sessionRuns } from '../../../db/schema.js';
import { addSession } from '../../../src/services/agenda/sessions.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { RUN_OF_SHOW } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { EVENT_CHANNEL, U } from '../../support/builders.js';
import { dispatchAt, startWithSko } from '../../support/sko.js';
import { eventually, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };
type Message = { text?: string; blocks?: KnownBlock[] };

const SESSIONS = [
  { start: '09:00', end: '10:00', title: 'FY vision', kind: 'strategy' },
  { start: '10:00', end: '11:00', title: 'Territory rollout', kind: 'planning' },
  { start: '11:00', end: '12:00', title: 'Roadmap', kind: 'product' },
  { start: '13:00', end: '14:00', title: 'Discovery role-plays', kind: 'training' },
] as const;

/**
 * FY27 SKO, day 1 Tue 2 Feb 2027 in New York (UTC−5): Priya, the content lead, runs the show. The
 * vision starts on time, the territory rollout 14 minutes late, and she moves the rest of the day.
 */
describe('the run of show on an event day', () => {
  let t: TestApp;
  let show: Message;
  const at = (local: string) => t.clock.set(`2027-02-02T${local}:00-05:00`);
  const sessionId = (title: string) => t.db.select().from(agendaSessions).where(eq(agendaSessions.title, title)).get()?.id;
  const runOf = (title: string) =>
    t.db
      .select()
      .from(sessionRuns)
      .where(eq(sessionRuns.sessionId, sessionId(title) ?? 0))
      .get();
  const plain = (m: Message | undefined) => renderPlainText(m?.blocks ?? [], names);

  /** Clicks a button of the run of show (an ephemeral reply) for a session, and returns what replaced it or was said. */
  async function click(userId: string, actionId: string, title: string): Promise<Message & { replaced: boolean }> {
    const res = await t.driver.blockAction({
      userId,
      actionId,
      value: `${newestEvent(t.db)?.id}:${sessionId(title)}`,
      blockId: actionId === RUN_OF_SHOW.shift ? `run_of_show_shift_${sessionId(title)}` : `run_of_show_${sessionId(title)}`,
      channelId: 'C0GENERAL',
      ephemeral: true,
      message: { blocks: show.blocks },
    });
    const [reply] = await eventually(() => t.fake.responsesTo(res.responseUrl as string).length > 0 && t.fake.responsesTo(res.responseUrl as string));
    const body = reply?.body as Message & { replace_original?: boolean };
    if (body.replace_original) show = body;
    return { ...body, replaced: body.replace_original === true };
  }

  async function metrics(): Promise<string> {
    const res = await t.driver.slashCommand({ userId: U.dana, text: 'metrics' });
    return renderPlainText(res.json?.blocks as KnownBlock[], names);
  }

  beforeAll(async () => {
    t = await startWithSko();
    const event = newestEvent(t.db);
    if (!event) throw new Error('no event');
    for (const s of SESSIONS) {
      const added = addSession(t.db, event, { day: 1, ...s, format: 'workshop', speakers: 'Ana Ruiz', takeaways: 'One', nextSteps: 'Two' });
      if (!added.ok) throw new Error(JSON.stringify(added.errors));
    }
    // 07:00 on day 1: the morning agenda goes to the channel, and Priya's DM points to the run of show.
    await dispatchAt(t, '2027-02-02T12:00:00Z');
  });

  afterAll(async () => {
    await t.close();
  });

  it("opens today's run of show from the content lead's morning DM, as /sko runofshow shows it", async () => {
    const dm = t.fake.dmChannelOf(U.priya);
    const morning = await eventually(() => t.fake.messagesIn(dm).find((m) => JSON.stringify(m.blocks ?? []).includes(RUN_OF_SHOW.open)));
    expect(plain(morning as Message)).toContain('Day 1 of FY27 Sales Kickoff: 4 sessions, the first at 09:00.');
    at('08:50');
    const open = await t.driver.blockAction({ userId: U.priya, actionId: RUN_OF_SHOW.open, channelId: dm, messageTs: morning.ts });
    const [reply] = await eventually(() => t.fake.responsesTo(open.responseUrl as string).length > 0 && t.fake.responsesTo(open.responseUrl as string));
    show = reply?.body as Message;
    const command = await t.driver.slashCommand({ userId: U.priya, text: 'runofshow' });
    expect(plain(command.json as Message)).toBe(plain(show));
    const text = plain(show);
    expect(text).toContain('RUN OF SHOW · DAY 1 · TUE 2 FEB');
    expect(text).toContain('09:00–10:00 FY vision\nnot started');
    expect(await metrics()).toContain('○ not measured · Agenda adherence');
  });

  it('records Started and Ended as the clock reads, and redraws the message with the times', async () => {
    at('09:02');
    const started = await click(U.priya, RUN_OF_SHOW.started, 'FY vision');
    expect(started.replaced).toBe(true);
    expect(plain(started)).toContain('09:00–10:00 FY vision\nstarted 09:02 (on time)');
    at('10:01');
    const ended = await click(U.priya, RUN_OF_SHOW.ended, 'FY vision');
    expect(plain(ended)).toContain('09:00–10:00 FY vision\nstarted 09:02 (on time) · ended 10:01');
    expect(runOf('FY vision')).toMatchObject({
      plannedStart: '09:00',
      startedAt: '2027-02-02T14:02:00.000Z',
      startedBy: U.priya,
      endedAt: '2027-02-02T15:01:00.000Z',
      endedBy: U.priya,
    });
  });

  it('refuses a rep plainly, the button and the command, and records nothing', async () => {
    const refused = await click(U.rep, RUN_OF_SHOW.started, 'Territory rollout');
    expect(refused.replaced).toBe(false);
    expect(refused.text).toBe('Only the content lead, the SKO lead or an admin can mark sessions started or ended.');
    expect(runOf('Territory rollout')).toBeUndefined();
    const command = await t.driver.slashCommand({ userId: U.rep, text: 'runofshow' });
    expect(command.json?.text).toBe('Only the content lead, the SKO lead or an admin can mark sessions started or ended.');
  });

  it('offers to move the rest of the day after a late start; moving it changes the agenda and tells the channel once', async () => {
    at('10:14');
    const late = await click(U.priya, RUN_OF_SHOW.started, 'Territory rollout');
    expect(plain(late)).toContain('10:00–11:00 Territory rollout\nstarted 10:14 (14 min late)');
    expect(JSON.stringify(late.blocks)).toContain('Shift the rest of today by 14 minutes');

    const moved = await click(U.priya, RUN_OF_SHOW.shift, 'Territory rollout');
    expect(plain(moved)).toContain('11:14–12:14 Roadmap (moved from 11:00)\nnot started');
    expect(plain(moved)).toContain('13:14–14:14 Discovery role-plays (moved from 13:00)');
    expect(plain(moved)).toContain('10:00–11:00 Territory rollout\nstarted 10:14');
    expect(JSON.stringify(moved.blocks)).not.toContain('Shift the rest');

    const news = await eventually(() => t.fake.messagesIn(EVENT_CHANNEL).filter((m) => m.text?.startsWith('The rest of day 1')));
    expect(news).toHaveLength(1);
    expect(plain(news[0] as Message)).toContain(
      'The rest of day 1 moves 14 minutes later. The new times:\n11:14–12:14 Roadmap (was 11:00)\n13:14–14:14 Discovery role-plays (was 13:00)',
    );
    const agenda = await t.driver.slashCommand({ userId: U.rep, text: 'agenda' });
    expect(plain(agenda.json as Message)).toContain('11:14–12:14 Roadmap');

    const again = await click(U.priya, RUN_OF_SHOW.shift, 'Territory rollout');
    expect(again.text).toContain('can no longer be moved');
    expect(t.db.select().from(agendaSessions).where(eq(agendaSessions.title, 'Roadmap')).get()).toMatchObject({ start: '11:14', end: '12:14' });
  });

  it('scores agenda adherence against the moved plan, with the lateness in its basis', async () => {
    at('11:16');
    const onMovedTime = await click(U.priya, RUN_OF_SHOW.started, 'Roadmap');
    expect(plain(onMovedTime)).toContain('11:14–12:14 Roadmap (moved from 11:00)\nstarted 11:16 (on time)');
    // FY vision (2 min) and Roadmap (2 min after its moved time) on time, the rollout 14 min late: 2 of 3.
    const text = await metrics();
    expect(text).toContain('● missed · Agenda adherence 66.7% (target: at least 90% of sessions start within 5 minutes of schedule');
    expect(text).toContain(
      [
        // 2 + 14 + 2 = 18 min behind plan over 3 starts: 6 min on average.
        '2 of 3 sessions started within 5 minutes of plan; starts ran 18 min behind plan in all (6 min on average);',
        '1 more than 5 minutes late; the rest of day 1 was moved 14 min later.',
      ].join(' '),
    );
  });
});
