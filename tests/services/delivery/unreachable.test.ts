import { Readable } from 'node:stream';
import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, people } from '../../../db/schema.js';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { dispatchAt, startWithSko } from '../../support/sko.js';
import type { TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };

// startWithSko: the save-the-date goes out Mon 4 Jan 2027 at 10:00 New York time, the pre-event survey Tue 5 Jan.
describe('a person Slack refuses for good', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWithSko();
    t.fake.failAlways('chat.postMessage', { kind: 'error', error: 'account_inactive' }, { channel: U.tom });
    await dispatchAt(t, '2027-01-04T15:00:00Z');
    await dispatchAt(t, '2027-01-05T15:00:00Z');
  });
  afterAll(async () => {
    await t.close();
  });

  it('is marked unreachable on the first refusal, and nothing more is tried', () => {
    expect(t.db.select().from(people).where(eq(people.slackUserId, U.tom)).get()).toMatchObject({ unreachableReason: 'account_inactive' });
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === U.tom)).toHaveLength(1);
    const toTom = t.db.select().from(outbox).where(eq(outbox.channel, U.tom)).orderBy(outbox.id).all();
    // Monday's catch-up at 10:00 (the digest, his week-6 tasks and the save-the-date) travels as one DM:
    // that one refusal marks him, each part keeps the outcome, and Tuesday's survey is never tried.
    expect(toTom.map((r) => [r.kind, r.status, r.lastError])).toEqual([
      ['digest', 'failed', 'account_inactive'],
      ['week-start', 'failed', 'account_inactive'],
      ['combined', 'failed', 'account_inactive'],
      ['save-the-date', 'failed', 'account_inactive'],
      ['combined', 'failed', 'account_inactive'],
      ['pre-event-survey', 'skipped', 'unreachable: account_inactive'],
    ]);
  });

  it('shows the SKO lead each such person once, with advice that fits, and no message-by-message list for them', async () => {
    const res = await t.driver.slashCommand({ userId: U.dana, text: 'status' });
    const text = renderPlainText(res.json?.blocks as KnownBlock[], names);
    expect(text).toContain(`Not reachable in Slack (deactivated or gone): @${U.tom}. Nothing more is sent to them.`);
    expect(text).toContain('Remove them from the people file');
    expect(text).not.toContain('did not get');
    expect(text).not.toContain('reassign their tasks');
  });

  it('is tried again once a people import names him', async () => {
    const csv = `email,name,role,slack_user_id\ntom@acme.com,Tom Reyes,rep,${U.tom}\n`;
    await importCsv(t.db, 'people', Readable.from([csv]));
    expect(t.db.select().from(people).where(eq(people.slackUserId, U.tom)).get()).toMatchObject({ unreachableSince: null, unreachableReason: null });
  });
});
