import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../../db/schema.js';
import { digestSources } from '../../../src/services/insights/digest-sources.js';
import { refreshQ1Figures } from '../../../src/services/insights/q1-figures.js';
import { scorecardFor } from '../../../src/services/insights/scorecard.js';
import { changeRole } from '../../../src/services/people/role-changes.js';
import { loadPlan } from '../../../src/services/plan/event-store.js';
import { saveSetup } from '../../../src/services/plan/setup.js';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { setFiscalYearStartMonth } from '../../../src/services/sales/settings.js';
import { setupInput, U } from '../../support/builders.js';
import { PEOPLE_CSV, Q1_DEALS_CSV } from '../../support/sales-data.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

let t: TestDb;
let event: EventRow;
beforeEach(async () => {
  t = createTestDb();
  await importCsv(t.db, 'people', Readable.from([PEOPLE_CSV]));
  event = saveSetup(t.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null).event;
  await importCsv(t.db, 'deals', Readable.from([Q1_DEALS_CSV]));
});
afterEach(() => {
  t.close();
});

const MARCH_10 = new Date('2027-03-10T15:00:00Z');
const productivity = (now: Date) => scorecardFor(t.db, loadPlan(t.db, event), now, digestSources(null)).find((r) => r.key === 'productivity');

describe("the scorecard's Q1 figures, worked out ahead and stored", () => {
  it('are worked out once, then read, until the sales data changes', async () => {
    expect(productivity(MARCH_10)?.status).toBe('not measured');
    expect(await refreshQ1Figures(t.db, MARCH_10)).toBe(1);
    expect(productivity(MARCH_10)?.value).toBe(35);
    expect(await refreshQ1Figures(t.db, MARCH_10)).toBe(0);

    // A deal won by Dan this Q1 adds $20,000 to this year's $108,000 over four reps: +60%.
    await importCsv(
      t.db,
      'deals',
      Readable.from(['id,owner_email,account,stage,amount,created_date,close_date\nD4,dan@acme.com,Hooli,Closed Won,20000,2027-01-10,2027-02-20\n']),
    );
    expect(productivity(MARCH_10)?.reason).toContain('being worked out');
    expect(await refreshQ1Figures(t.db, MARCH_10)).toBe(1);
    expect(productivity(MARCH_10)?.value).toBe(60);
  });

  it('are worked out again on a new day of Q1, after a role change and after a fiscal calendar change', async () => {
    await refreshQ1Figures(t.db, MARCH_10);
    const nextDay = new Date('2027-03-11T15:00:00Z');
    expect(await refreshQ1Figures(t.db, nextDay)).toBe(1);

    const dan = t.db.$client.prepare("SELECT id FROM people WHERE email = 'dan@acme.com'").pluck().get() as number;
    changeRole(t.db, { personId: dan, from: 'rep', to: 'manager', source: 'setup', by: null, at: nextDay });
    expect(await refreshQ1Figures(t.db, nextDay)).toBe(1);

    setFiscalYearStartMonth(t.db, 2);
    expect(productivity(nextDay)?.reason).toContain('being worked out');
    expect(await refreshQ1Figures(t.db, nextDay)).toBe(1);
  });
});
