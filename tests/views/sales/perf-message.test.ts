import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { dataNotes } from '../../../src/agents/data-notes.js';
import type { DealFact, Seller } from '../../../src/agents/definitions.js';
import { createPerfTracker } from '../../../src/agents/perf.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { buildPerfMessage } from '../../../views/sales/perf-message.js';

const names = { user: () => undefined, channel: () => undefined };
const rep = (id: number, name: string): Seller => ({
  id,
  key: `${name.toLowerCase()}@example.com`,
  name,
  role: 'rep',
  team: 'East',
  region: null,
  segment: null,
});
const deal = (ownerId: number, outcome: 'won' | 'open', dollars: number | null): DealFact => ({
  ownerId,
  outcome,
  amountCents: dollars === null ? null : dollars * 100,
  segment: null,
  product: null,
  createdDate: null,
  closeDate: '2017-06-01',
});

describe('the performance message', () => {
  it('gives a thin pipeline by number of deals when the open deals have no amounts, and says what the data is as of', () => {
    const people = [rep(1, 'Ann'), rep(2, 'Bob'), rep(3, 'Cat'), rep(4, 'Dan')];
    const tracker = createPerfTracker({ period: { from: '2017-01-01', to: '2017-12-31' }, calendar: { startMonth: 1 }, people, quotas: [] });
    // Won 400, 300, 200, 10; open deals with no amount: 3, 3, 3, 1 (median 3; Dan's 1 is under 1.5).
    for (const [id, won, open] of [
      [1, 400, 3],
      [2, 300, 3],
      [3, 200, 3],
      [4, 10, 1],
    ] as const) {
      tracker.add(deal(id, 'won', won));
      for (let i = 0; i < open; i += 1) tracker.add(deal(id, 'open', null));
    }
    const result = tracker.result();
    const text = renderPlainText(
      buildPerfMessage({ ...result, ...dataNotes(result, '2017-12-01', '2017-12-31') }, { label: 'the company', periodLabel: 'FY2017', by: null })
        .blocks as KnownBlock[],
      names,
    );
    expect(text).toContain('thin pipeline (1 open deal against a median of 3; the open deals have no amounts)');
    expect(text).toContain('Data as of Fri 1 Dec 2017 (the newest deal record).');
  });
});
