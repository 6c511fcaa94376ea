import { describe, expect, it } from 'vitest';
import { dealRowReader } from '../../../src/domain/sales/deal-row.js';
import { FileConventions, type ReadingSettings } from '../../../src/domain/sales/file-conventions.js';
import { FORMATS, rowSchemas } from '../../../src/domain/sales/import-formats.js';

type Raw = Record<string, string>;

function readers(given: ReadingSettings = {}) {
  const conv = new FileConventions(FORMATS.deals, given, {});
  return { fast: dealRowReader(conv), schema: rowSchemas(conv).deals };
}

const deal = (fields: Raw): Raw => ({ id: 'OPP-1', owner_email: 'ann@acme.com', stage: 'Closed Won', close_date: '2024-06-30', ...fields });

describe('the hand-written reading of a deal row', () => {
  it('reads every good row exactly as the deals schema does', () => {
    const { fast, schema } = readers({ dateOrder: 'MDY', numberFormat: '1,234.50' });
    const good: Raw[] = [
      deal({}),
      deal({ amount: '$1,234.50', created_date: '1/1/2024', close_date: '6/30/2024, 10:15 AM' }),
      deal({ amount: ' 1234 ', account: ' Acme ', product: 'Core', segment: 'Enterprise' }),
      deal({ amount: 'EUR 12,345.5', amount_currency: 'eur' }),
      deal({ amount: '(0)', stage: 'closedwon' }),
      deal({ stage: 'Negotiation', close_date: '' }),
      deal({ stage: 'lost', created_date: '2024-06-30', amount: '' }),
    ];
    for (const raw of good) {
      const expected = schema.parse(raw);
      expect(fast(raw)).toEqual(expected);
    }
  });

  it("leaves every bad row to the schema, so its messages are the schema's own", () => {
    const { fast, schema } = readers({ dateOrder: 'MDY', numberFormat: '1,234.50' });
    const bad: Raw[] = [
      deal({ id: ' ' }),
      deal({ owner_email: '' }),
      deal({ stage: '' }),
      deal({ stage: '123456' }),
      deal({ amount: '-5' }),
      deal({ amount: '1.234,50' }),
      deal({ amount: '$5', amount_currency: 'EUR' }),
      deal({ amount: '5', amount_currency: 'dollars' }),
      deal({ close_date: '' }),
      deal({ close_date: '2024-13-01' }),
      deal({ created_date: '2024-07-01' }),
    ];
    for (const raw of bad) {
      expect(schema.safeParse(raw).success).toBe(false);
      expect(fast(raw)).toBeNull();
    }
  });
});
