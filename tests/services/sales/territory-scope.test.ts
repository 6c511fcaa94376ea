import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerritoryResult } from '../../../src/agents/territory.js';
import { authorizeSalesData } from '../../../src/services/people/access.js';
import { runAgentJob } from '../../../src/services/sales/agent-jobs.js';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { saveTerritorySettings } from '../../../src/services/sales/settings.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

/** East is split between two managers: Mia has Ann and Bob, Nia has Eve. West is all Max's. */
const PEOPLE = `email,name,role,team,region,manager_email,hire_date
lena@acme.com,Lena Ortiz,leader,,,,2010-01-04
mia@acme.com,Mia Ward,manager,East,Americas,lena@acme.com,2012-02-01
nia@acme.com,Nia Cruz,manager,East,Americas,lena@acme.com,2012-02-01
max@acme.com,Max Byrne,manager,West,EMEA,lena@acme.com,2013-03-01
ann@acme.com,Ann Lee,rep,East,Americas,mia@acme.com,2015-04-01
bob@acme.com,Bob Stone,rep,East,Americas,mia@acme.com,2016-01-15
eve@acme.com,Eve Park,rep,East,Americas,nia@acme.com,2016-01-15
cat@acme.com,Cat Diaz,rep,West,EMEA,max@acme.com,2015-07-03
dan@acme.com,Dan Moss,rep,West,EMEA,max@acme.com,2016-09-01
`;

let testDb: TestDb;

const idOf = (email: string) => testDb.db.$client.prepare('SELECT id FROM people WHERE email = ?').pluck().get(email) as number;

function planAs(email: string): TerritoryResult {
  const { scope } = authorizeSalesData(testDb.db, idOf(email), { kind: 'default' }, 'territory');
  return runAgentJob(testDb.db, { agent: 'territory', today: '2017-12-15', scope }) as TerritoryResult;
}

beforeEach(async () => {
  testDb = createTestDb();
  await importCsv(testDb.db, 'people', Readable.from([PEOPLE]));
  saveTerritorySettings(testDb.db, 2018, { targetCents: 50_000_000 });
});
afterEach(() => testDb.close());

describe("a manager's territory plan", () => {
  it('shows no total for a team or region she manages only part of, so the others’ quotas cannot be worked out', () => {
    const everyone = planAs('lena@acme.com');
    expect(everyone.byTeam.map((g) => [g.key, g.reps])).toEqual([
      ['East', 3],
      ['West', 2],
    ]);
    const mia = planAs('mia@acme.com');
    expect(mia.packages.map((p) => p.name).sort()).toEqual(['Ann Lee', 'Bob Stone']);
    // East's total over three reps beside Ann's and Bob's packages would give Eve's quota away.
    expect(mia.byTeam).toEqual([]);
    expect(mia.byRegion).toEqual([]);
  });

  it('shows the totals of a team and region wholly hers', () => {
    const max = planAs('max@acme.com');
    expect(max.packages.map((p) => p.name).sort()).toEqual(['Cat Diaz', 'Dan Moss']);
    expect(max.byTeam.map((g) => [g.key, g.reps])).toEqual([['West', 2]]);
    expect(max.byRegion.map((g) => [g.key, g.reps])).toEqual([['EMEA', 2]]);
  });
});
