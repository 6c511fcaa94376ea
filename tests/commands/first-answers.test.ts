import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { U } from '../support/builders.js';
import { startWithSko } from '../support/sko.js';
import { eventually, type TestApp } from '../support/test-app.js';

const names = { user: (id: string) => id, channel: (id: string) => id };
const plainOf = (json: Record<string, unknown> | undefined) => renderPlainText((json?.blocks ?? []) as KnownBlock[], names);

/** The first thing people meet: help, a typo, the agents and the surveys before there is anything to show, the app's DM. */
describe('first answers, before there is any sales data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWithSko();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    t.fake.reset();
  });

  it('a typo gets the command meant and a short list, not the whole help', async () => {
    const res = await t.driver.slashCommand({ userId: U.rep, text: 'stauts' });
    const text = plainOf(res.json);
    expect(text.startsWith('Did you mean /sko status?')).toBe(true);
    expect(text).toContain('/sko help says what each does.');
    // A rep's short list is the commands meant for them, not all of them.
    expect(text).not.toContain('/sko territory');
    expect(text.length).toBeLessThan(400);
    const unknown = await t.driver.slashCommand({ userId: U.rep, text: 'dance' });
    expect(plainOf(unknown.json).startsWith("I don't know /sko dance.")).toBe(true);
  });

  it('help lists what a rep can do in full, and the rest by name; an admin sees every group', async () => {
    const rep = plainOf((await t.driver.slashCommand({ userId: U.rep, text: 'help' })).json);
    expect(rep).toContain('For everyone');
    expect(rep).not.toContain('For admins');
    expect(rep).toMatch(/Also there, for other roles:.*\/sko setup/);
    const admin = plainOf((await t.driver.slashCommand({ userId: U.dana, text: 'help' })).json);
    for (const group of ['For everyone', 'For the SKO lead and the event leads', 'For sales leaders and managers', 'For admins'])
      expect(admin).toContain(group);
    expect(admin).not.toContain('Also there');
  });

  it('an agent asked before any deal is in says how to import, not "$0 won", and names no event lead as a rep', async () => {
    const admin = await t.driver.slashCommand({ userId: U.dana, text: 'perf' });
    const text = plainOf(admin.json);
    expect(text).toContain('No sales data yet');
    expect(text).toContain('drop them into a direct message with me');
    expect(text).not.toContain('$0');
    expect(text).not.toContain('Aisha');
    const leader = plainOf((await t.driver.slashCommand({ userId: U.elena, text: 'pipeline' })).json);
    expect(leader).toContain(`An admin adds it by sharing your CRM's people and deals as CSV files with me in a direct message: ask @${U.dana}.`);
  });

  it('survey results before the survey went out say when it goes out', async () => {
    const res = await t.driver.slashCommand({ userId: U.dana, text: 'survey results pre' });
    const response = await eventually(() => t.fake.responsesTo(res.responseUrl)[0]);
    const text = plainOf(response.body);
    // Week 6 starts Mon 4 Jan 2027; the pre-event survey goes Tuesday and closes Friday of week 8.
    expect(text).toContain('The pre-event survey has not gone out yet: it goes out Tue 5 Jan 2027 10:00 EST and closes Fri 22 Jan 2027 17:00 EST.');
    expect(text).not.toContain('0 of 0');
  });

  it('the app answers help, status, tasks and me in its DM, and points elsewhere for anything else', async () => {
    const dm = t.fake.dmChannelOf(U.priya);
    const say = (text: string) => t.driver.event({ type: 'message', text, user: U.priya, channel: dm, channel_type: 'im', ts: `${Date.now() / 1000}` });
    await say('help');
    await say('status');
    await say('tasks');
    await say('how do I import?');
    const replies = await eventually(() => {
      const all = t.fake.messagesIn(dm);
      return all.length >= 4 ? all.map((m) => (m.blocks ? renderPlainText(m.blocks as KnownBlock[], names) : String(m.text))) : undefined;
    });
    expect(replies.some((r) => r.includes('For the SKO lead and the event leads'))).toBe(true);
    expect(replies.some((r) => r.includes('Day 1 is in 74 days'))).toBe(true);
    expect(replies.some((r) => r.includes('Mark done'))).toBe(true);
    expect(replies).toContainEqual(
      'Here I answer help, status, tasks and me, and I import CSV files you drop in. Everything else is a /sko command: /sko help lists them.',
    );
  });

  it('the time-zone menu starts from the person’s own zone, then the common ones', async () => {
    t.fake.addUser({ id: 'UKAI00001', name: 'kai', realName: 'Kai Berg', tz: 'Europe/Stockholm', isAdmin: true });
    const before = t.fake.callsTo('views.open').length;
    // An SKO is set up already: a new one's form, where nothing has chosen the zone yet.
    await t.driver.slashCommand({ userId: 'UKAI00001', text: 'setup new' });
    const opened = await eventually(() => t.fake.callsTo('views.open')[before]);
    const view = opened.args.view as { blocks: { block_id: string; element: { option_groups: { options: { value: string }[] }[] } }[] };
    const menu = view.blocks.find((b) => b.block_id === 'setup_time_zone')?.element;
    const firstGroup = menu?.option_groups[0]?.options.map((o) => o.value) ?? [];
    expect(firstGroup.slice(0, 3)).toEqual(['Europe/Stockholm', 'America/New_York', 'America/Chicago']);
    const all = menu?.option_groups.flatMap((g) => g.options.map((o) => o.value)) ?? [];
    expect(new Set(all).size).toBe(all.length);
  });
});
