import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionItems, people, schedule } from '../../db/schema.js';
import { ACTION_ITEMS } from '../../views/kit/ids.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { U } from '../support/builders.js';
import type { FakeSlack } from '../support/fake-slack/server.js';
import type { StoredMessage } from '../support/fake-slack/types.js';
import { localTime, startWalkApp, walk } from '../support/schedule-walk.js';
import { submitSetup } from '../support/sko.js';
import { eventually, type TestApp } from '../support/test-app.js';

const MONA = 'UMONA0001';
const NAMES: Record<string, string> = { [U.dana]: 'Dana', [U.priya]: 'Priya', [U.rep]: 'Rita', [MONA]: 'Mona' };
const names = { user: (id: string) => NAMES[id], channel: () => undefined };
const REMINDER = /^(Due |Overdue by |<@\w+>'s action item)/;

let t: TestApp & { ownFake: FakeSlack };
let lines: string[];

const item = (title: string) => t.db.select().from(actionItems).where(eq(actionItems.title, title)).get();
/** Reminders due to one person at the same moment travel as one DM; its text has a line per reminder. */
const partsOf = (m: StoredMessage) => (m.text ?? '').split('\n');
const dmTo = (slackId: string, text: string) => t.ownFake.messagesIn(slackId).find((m) => partsOf(m).includes(text)) as StoredMessage;

/** The part of a DM about one item, as Slack shows it: parts of a combined DM are set apart by a divider. */
const partAbout = (m: StoredMessage, title: string) =>
  renderPlainText(m.blocks as KnownBlock[], names)
    .split(/\n\n─+\n\n/)
    .find((part) => part.includes(title));

/** One line per action-item reminder delivered: when (New York and UTC), to whom, its notification text. */
function reminderLines(): string[] {
  const who = new Map(Object.entries(NAMES).map(([id, name]) => [t.ownFake.dmChannelOf(id), `@${name}`]));
  return t.ownFake
    .allMessages()
    .flatMap((m) => partsOf(m).map((text) => ({ ...m, text })))
    .filter((m) => REMINDER.test(m.text))
    .map((m) => ({ at: Number(m.ts.split('.')[0]) * 1000, to: who.get(m.channel) ?? m.channel, text: m.text }))
    .sort((a, b) => a.at - b.at || a.to.localeCompare(b.to) || a.text.localeCompare(b.text))
    .map((m) => `${localTime(new Date(m.at))} ${m.to}: ${m.text}`);
}

/** Rita clicks a button on the item in her DM, as she would in Slack, and the DM changes in place. */
async function click(actionId: string, message: StoredMessage, itemId: number): Promise<void> {
  const buttons = (message.blocks as { block_id?: string; elements?: { action_id: string; value: string }[] }[]).find(
    (b) => b.block_id === `${ACTION_ITEMS.buttonsPrefix}${itemId}`,
  );
  const value = buttons?.elements?.find((e) => e.action_id === actionId)?.value;
  const before = t.ownFake.callsTo('chat.update').length;
  await t.driver.blockAction({ userId: U.rep, actionId, value, channelId: message.channel, messageTs: message.ts });
  await eventually(() => t.ownFake.callsTo('chat.update').length > before);
}

describe('action-item reminders on a simulated clock, three weeks of December 2026 in New York', () => {
  beforeAll(async () => {
    t = await startWalkApp('2026-11-20T15:00:00Z');
    await submitSetup(t);
    // Rita reports to Mona (as an import would record it); Priya has no manager.
    const mona = t.db.insert(people).values({ slackUserId: MONA, name: 'Mona', role: 'manager' }).returning().get();
    t.db.insert(people).values({ slackUserId: U.rep, name: 'Rita', role: 'rep', managerId: mona.id }).run();

    // Mon 30 Nov, 10:00: Dana records what was agreed in the morning's meeting.
    t.clock.set('2026-11-30T15:00:00Z');
    for (const text of [
      `Send the pricing deck to finance <@${U.rep}> due:fri`,
      `Book the QBR room <@${U.rep}> due:fri`,
      `Update the CRM fields <@${U.rep}> due:fri`,
      `Prepare the Monday forecast <@${U.rep}> due:2026-12-07`,
      `Confirm the caterer <@${U.priya}> due:fri`,
    ]) {
      const res = await t.driver.slashCommand({ userId: U.dana, text: `action ${text}` });
      expect(res.json?.text).toMatch(/^Added an action item/);
    }
    await t.deps.outbox.idle();

    // Each hour to Fri 18 Dec. Rita marks the CRM fields done from Thursday's reminder, at 11:00,
    // and on Monday at 11:00 snoozes the QBR room for a week from its first overdue reminder.
    await walk(t, '2026-12-19T04:00:00Z', {
      stepMs: 3_600_000,
      async onStep(now) {
        if (now.toISOString() === '2026-12-03T16:00:00.000Z')
          await click(ACTION_ITEMS.done, dmTo(U.rep, 'Due tomorrow: Update the CRM fields'), item('Update the CRM fields')?.id as number);
        if (now.toISOString() === '2026-12-07T16:00:00.000Z')
          await click(ACTION_ITEMS.snoozeWeek, dmTo(U.rep, 'Overdue by 1 weekday: Book the QBR room'), item('Book the QBR room')?.id as number);
      },
    });
    lines = reminderLines();
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('sends exactly the reminders the rules call for, at 09:00 on weekdays, and escalates once', () => {
    // Due Fri 4 Dec: the day before (Thu), the day (Fri), then Mon, Tue and Wed, with the escalation
    // on Wednesday, the third weekday overdue; nothing on Sat 5 or Sun 6. Due Mon 7 Dec: the day before
    // is Friday. Done on Thursday: nothing after. Snoozed a week on Mon 7: nothing until Mon 14, when
    // the chase starts again and escalates on its third day. Priya has no manager: the SKO lead hears.
    expect(lines).toEqual([
      'Thu 3 Dec 09:00 EST (14:00Z) @Priya: Due tomorrow: Confirm the caterer',
      'Thu 3 Dec 09:00 EST (14:00Z) @Rita: Due tomorrow: Book the QBR room',
      'Thu 3 Dec 09:00 EST (14:00Z) @Rita: Due tomorrow: Send the pricing deck to finance',
      'Thu 3 Dec 09:00 EST (14:00Z) @Rita: Due tomorrow: Update the CRM fields',
      'Fri 4 Dec 09:00 EST (14:00Z) @Priya: Due today: Confirm the caterer',
      'Fri 4 Dec 09:00 EST (14:00Z) @Rita: Due in 3 days: Prepare the Monday forecast',
      'Fri 4 Dec 09:00 EST (14:00Z) @Rita: Due today: Book the QBR room',
      'Fri 4 Dec 09:00 EST (14:00Z) @Rita: Due today: Send the pricing deck to finance',
      'Mon 7 Dec 09:00 EST (14:00Z) @Priya: Overdue by 1 weekday: Confirm the caterer',
      'Mon 7 Dec 09:00 EST (14:00Z) @Rita: Due today: Prepare the Monday forecast',
      'Mon 7 Dec 09:00 EST (14:00Z) @Rita: Overdue by 1 weekday: Book the QBR room',
      'Mon 7 Dec 09:00 EST (14:00Z) @Rita: Overdue by 1 weekday: Send the pricing deck to finance',
      'Tue 8 Dec 09:00 EST (14:00Z) @Priya: Overdue by 2 weekdays: Confirm the caterer',
      'Tue 8 Dec 09:00 EST (14:00Z) @Rita: Overdue by 1 weekday: Prepare the Monday forecast',
      'Tue 8 Dec 09:00 EST (14:00Z) @Rita: Overdue by 2 weekdays: Send the pricing deck to finance',
      `Wed 9 Dec 09:00 EST (14:00Z) @Dana: <@${U.priya}>'s action item is overdue by 3 weekdays: Confirm the caterer`,
      `Wed 9 Dec 09:00 EST (14:00Z) @Mona: <@${U.rep}>'s action item is overdue by 3 weekdays: Send the pricing deck to finance`,
      'Wed 9 Dec 09:00 EST (14:00Z) @Priya: Overdue by 3 weekdays: Confirm the caterer',
      'Wed 9 Dec 09:00 EST (14:00Z) @Rita: Overdue by 2 weekdays: Prepare the Monday forecast',
      'Wed 9 Dec 09:00 EST (14:00Z) @Rita: Overdue by 3 weekdays: Send the pricing deck to finance',
      `Thu 10 Dec 09:00 EST (14:00Z) @Mona: <@${U.rep}>'s action item is overdue by 3 weekdays: Prepare the Monday forecast`,
      'Thu 10 Dec 09:00 EST (14:00Z) @Rita: Overdue by 3 weekdays: Prepare the Monday forecast',
      'Mon 14 Dec 09:00 EST (14:00Z) @Rita: Overdue by 6 weekdays: Book the QBR room',
      'Tue 15 Dec 09:00 EST (14:00Z) @Rita: Overdue by 7 weekdays: Book the QBR room',
      `Wed 16 Dec 09:00 EST (14:00Z) @Mona: <@${U.rep}>'s action item is overdue by 8 weekdays: Book the QBR room`,
      'Wed 16 Dec 09:00 EST (14:00Z) @Rita: Overdue by 8 weekdays: Book the QBR room',
    ]);
  });

  it('records each escalation once, and leaves no reminder waiting for items that have run their course', () => {
    expect(item('Send the pricing deck to finance')?.escalatedAt).toBe('2026-12-09T14:00:00.000Z');
    expect(item('Book the QBR room')).toMatchObject({ snoozedUntil: '2026-12-14', escalatedAt: '2026-12-16T14:00:00.000Z' });
    expect(
      t.db
        .select()
        .from(schedule)
        .where(eq(schedule.status, 'pending'))
        .all()
        .filter((r) => r.kind.startsWith('action-')),
    ).toEqual([]);
    expect(t.errors).toEqual([]);
  });

  it('Done stops the reminders and changes the DM in place, with Reopen', () => {
    expect(item('Update the CRM fields')).toMatchObject({ status: 'done', doneAt: '2026-12-03T16:00:00.000Z' });
    // Thursday's three reminders to Rita came as one DM; the done one changed in place, the others stayed.
    const thursday = dmTo(U.rep, 'Due tomorrow: Update the CRM fields');
    expect(partsOf(thursday)).toEqual([
      'Due tomorrow: Send the pricing deck to finance',
      'Due tomorrow: Book the QBR room',
      'Due tomorrow: Update the CRM fields',
    ]);
    expect(partAbout(thursday, 'Send the pricing deck')).toContain('○ Send the pricing deck to finance\nDue Fri 4 Dec (tomorrow) · added by @Dana\n\n[ Done ]');
    expect(partAbout(thursday, 'Update the CRM fields')).toBe(`⏰ Due tomorrow (Fri 4 Dec)

✔ Update the CRM fields
Done by @Rita Thu 3 Dec · added by @Dana

[ Reopen ]

FY27 Sales Kickoff · /sko actions lists everything you own`);
  });

  it('Snooze shows, in place, when the reminders resume', () => {
    expect(partAbout(dmTo(U.rep, 'Overdue by 1 weekday: Book the QBR room'), 'Book the QBR room')).toBe(`● Overdue by 1 weekday (it was due Fri 4 Dec)
Mark it done if it is, snooze it, or hand it to whoever should do it.

💤 Book the QBR room
Overdue since Fri 4 Dec · reminders resume Mon 14 Dec · added by @Dana

[ Done ] [ Snooze 1 day ] [ Snooze 1 week ] [ Reassign… ]

FY27 Sales Kickoff · /sko actions lists everything you own`);
  });

  it('the manager’s message names the owner and offers no buttons to someone who may not change the item', () => {
    const escalation = dmTo(MONA, `<@${U.rep}>'s action item is overdue by 3 weekdays: Send the pricing deck to finance`);
    expect(renderPlainText(escalation.blocks as KnownBlock[], names)).toBe(`⚠ @Rita's action item is overdue by 3 weekdays
You are hearing about it as their manager, once: a word from you may be all it needs.

● Send the pricing deck to finance
Overdue since Fri 4 Dec · @Rita · added by @Dana

FY27 Sales Kickoff · @Rita has been reminded each weekday since it was due`);
  });
});
