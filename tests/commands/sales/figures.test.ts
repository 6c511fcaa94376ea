import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { S, useSalesApp } from '../../support/sales-data.js';

// Its own app: these tests import data that would change the other files' figures. Each test imports what it needs
// and reads only figures that what later tests import leaves alone.
const sales = useSalesApp();
const { run } = sales;

describe('/sko perf with an overlay quota', () => {
  it('a manager’s overlay quota is reported for her organisation, never added to the company’s, and she is not ranked', async () => {
    await importCsv(sales.t.db, 'quotas', Readable.from(['email,period_start,period_end,amount\nmia@acme.com,2017-01-01,2017-12-31,300000\n']));
    await importCsv(
      sales.t.db,
      'deals',
      Readable.from(['id,owner_email,stage,amount,created_date,close_date\nM1,mia@acme.com,Won,18000,2017-05-01,2017-05-31\n']),
    );
    const { reply } = await run(S.lena, 'perf');
    // Won 140,000 + Mia's 18,000 = 158,000 against the reps' 450,000 (with her overlay: 750,000, 21%) = 35%.
    expect(reply).toContain('Won revenue\n$158K · 5 deals\nAttainment\n35% of $450K');
    // East: Mia, Ann and Bob: 100,000 + 30,000 + 18,000 = 148,000 ÷ 300,000 = 49%.
    expect(reply).toContain(
      "Overlay quotas (each against its holder's organisation; not in the totals above)\n• Mia Ward: $148K won by 3 people = 49% of $300K",
    );
    expect(reply).toContain('Not ranked: Mia Ward (no rep quota).');
    expect(reply).not.toContain('Mia Ward (East)');
  });
});

describe('/sko comp on a zero quota', () => {
  it('says the quota is zero instead of borrowing the plan’s, and works no examples', async () => {
    await importCsv(sales.t.db, 'quotas', Readable.from(['email,period_start,period_end,amount\ndan@acme.com,2017-01-01,2017-12-31,0\n']));
    const { reply } = await run(S.dan, 'comp');
    expect(reply).toContain(
      "No statement: Dan Moss's quota for this period is zero: with no quota there is no commission rate (target variable ÷ quota), so no commission and no worked examples.",
    );
    expect(reply).toContain('No worked examples: the quota is zero, so there is no commission rate to work them with.');
    expect(reply).not.toContain('Worked payouts');
  });
});
