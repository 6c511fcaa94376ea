import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/services/sales/import/import-csv.js';
import { U } from '../support/builders.js';
import { dispatchAt, startWithSko } from '../support/sko.js';
import type { TestApp } from '../support/test-app.js';

/**
 * Issue 14, point 3: people in other countries follow their own calendar where the people file
 * says their country. The SKO is in New York (no calendar set); Mon 11 Jan 2027 is Coming of Age
 * Day in Japan, a working day in the United States.
 */
describe('a person’s own country’s holidays', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startWithSko();
  });
  afterEach(async () => {
    await t.close();
  });

  const importPeople = (csv: string) => importCsv(t.db, 'people', Readable.from([csv]));
  const digests = (userId: string) =>
    t.fake
      .messagesIn(t.fake.dmChannelOf(userId))
      .map((m) => String(m.text))
      .filter((text) => text.includes('Weekly digest, FY27 Sales Kickoff, week 7 of 12'));

  it('holds Monday’s digest for the person in Japan until their next working morning, and no one else’s', async () => {
    await importPeople(`email,name,slack_user_id,country\nmarco@acme.com,Marco Rossi,${U.marco},JP\naisha@acme.com,Aisha Khan,${U.aisha},US\n`);
    expect(t.db.$client.prepare('SELECT slack_user_id AS id, country FROM people WHERE country IS NOT NULL ORDER BY country').all()).toEqual([
      { id: U.marco, country: 'JP' },
      { id: U.aisha, country: 'US' },
    ]);
    // Mon 4 and Mon 11 Jan at 09:00 in New York, then Mon 11 Jan at 17:59 there.
    for (const at of ['2027-01-04T14:00:00Z', '2027-01-11T14:00:00Z', '2027-01-11T22:59:00Z']) await dispatchAt(t, at);
    expect(digests(U.aisha)).toHaveLength(1);
    expect(digests(U.priya)).toHaveLength(1);
    expect(digests(U.marco)).toEqual([]);
    // Tue 12 Jan, 08:00 in New York (Marco's Slack has no time zone, so the event's is his).
    await dispatchAt(t, '2027-01-12T13:00:00Z');
    expect(digests(U.marco)).toHaveLength(1);
  });

  it('sends that digest on the Monday once the people file no longer says Japan', async () => {
    await importPeople(`email,name,slack_user_id,country\nmarco@acme.com,Marco Rossi,${U.marco},JP\n`);
    await importPeople(`email,country\nmarco@acme.com,\n`);
    for (const at of ['2027-01-04T14:00:00Z', '2027-01-11T14:00:00Z']) await dispatchAt(t, at);
    expect(digests(U.marco)).toHaveLength(1);
  });
});
