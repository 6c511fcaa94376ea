import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedule } from '../../../db/schema.js';
import { COMMS } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { runUntil, startWithSko } from '../../support/sko.js';
import { eventually, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };

// startWithSko: the recap goes out Mon 8 Feb 2027 at 10:00 New York time; two working days before is Thu 4 Feb.
describe('the thank-you and recap with nothing set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWithSko();
    await runUntil(t, '2027-02-04T15:00:00Z');
  });
  afterAll(async () => {
    await t.close();
  });

  it('asks the communications lead, two working days before, with a button to the form', async () => {
    const [ask, ...more] = t.fake.messagesIn(U.aisha).filter((m) => m.text?.startsWith('The thank-you and recap'));
    expect(more).toEqual([]);
    expect(ask?.text).toBe('The thank-you and recap goes to every attendee Mon 8 Feb 2027 10:00 EST, and it has no highlights or links yet.');
    const row = t.db.select().from(schedule).where(eq(schedule.kind, 'recap-ask')).get();
    expect(row).toMatchObject({ dueAt: '2027-02-04T15:00:00.000Z', status: 'done', note: '1 message' });
    for (const other of [U.dana, U.priya, U.elena]) expect(t.fake.messagesIn(other).filter((m) => m.text?.startsWith('The thank-you and recap'))).toEqual([]);

    const before = t.fake.callsTo('views.open').length;
    // The button carries its SKO, and the form it opens carries the SKO and the message.
    const value = ((ask?.blocks ?? []) as { accessory?: { action_id?: string; value?: string } }[]).find((b) => b.accessory?.action_id === COMMS.recapDetails)
      ?.accessory?.value;
    expect(value).toBe(String(row?.eventId));
    await t.driver.blockAction({ userId: U.aisha, actionId: COMMS.recapDetails, value, channelId: ask?.channel, messageTs: ask?.ts });
    const calls = await eventually(() => t.fake.callsTo('views.open').length > before && t.fake.callsTo('views.open'));
    const view = calls.at(-1)?.response.view as { private_metadata?: string; blocks?: { block_id?: string }[] };
    expect(view.private_metadata).toBe(`${row?.eventId}:thank-you-recap`);
    expect(view.blocks?.map((b) => b.block_id)).toContain(COMMS.edit.blocks.highlights);
  });

  it('goes out as a plain thank-you that promises no highlights', async () => {
    await runUntil(t, '2027-02-08T15:00:00Z');
    const recap = t.fake.messagesIn(U.tom).find((m) => m.text?.startsWith('Thank you for'));
    expect(recap?.text).toBe('Thank you for FY27 Sales Kickoff');
    const text = renderPlainText(recap?.blocks as KnownBlock[], names);
    expect(text).not.toMatch(/highlights/i);
    expect(text).toContain('carry your commitments');
  });
});
