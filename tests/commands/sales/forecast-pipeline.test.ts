import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { S, STAGE_HISTORY_CSV, useSalesApp } from '../../support/sales-data.js';

const sales = useSalesApp();
const { run } = sales;

// The organisation of tests/support/sales-data.ts on 15 Dec 2017. FY2017-Q1 won 70,000 (A1, D1), Q2 40,000 (A2; A3 lost),
// Q3 30,000 (B1); Q4 is in progress. Three full quarters: the base is 140,000 × 4 ÷ 3 = 186,666.67.
describe('/sko forecast', () => {
  it('says the history is short, annualises it, grows it 20% and splits it evenly', async () => {
    const { ack, reply } = await run(S.lena, 'forecast');
    expect(ack).toBe(':hourglass_flowing_sand: Forecasting next fiscal year from the history of 4 reps…');
    expect(reply).toContain(
      'Only 3 full quarters of history (a year needs four); the base is annualised from them and the plan is split evenly, not by season.',
    );
    // 186,666.67 × 1.2 = 224,000: 56,000 a quarter. Win rate 80% by deals (4 won, 1 lost in Q1–Q3); by value
    // 140,000 ÷ (140,000 + A3's 10,000 lost) = 93.3%, so the plan needs 224,000 × 15/14 = 240,000 (60,000 a quarter): 1.1×.
    expect(reply).toContain(
      'Plan\n$224K (+20%)\nBase (trailing year)\n$187K\nWin rate\n80% by deals, 93% by value (1 Jan – 30 Sep 2017)\nPipeline needed\n$240K (1.1× coverage at the value win rate; rule of thumb 3×)',
    );
    expect(reply).toMatch(/FY2018-Q1\s+\$56K\s+1\.00\s+\$60K/);
    expect(reply).not.toContain('The newest deal in the data');
    expect(reply).toMatch(/stretch\s+\+30%\s+\$243K/);
    expect(reply).toContain(
      // The newest record: C1 closed on 1 Oct (C2, the newest created, on 15 Sep).
      'How this was computed: plan per quarter = plan × seasonality index ÷ 4; pipeline needed = plan ÷ win rate. Data as of Sun 1 Oct 2017.',
    );
  });

  it('a target replaces the growth rate, and the reply says the growth it means', async () => {
    const { reply } = await run(S.lena, 'forecast --target 300k');
    // 300,000 ÷ 186,666.67 = 1.607: +60.7%; 75,000 a quarter.
    expect(reply).toContain('Plan\n$300K (+60.7%)');
    expect(reply).toMatch(/FY2018-Q4\s+\$75K/);
  });

  it.each([
    ['forecast --growth lots', 'Growth is a percentage, e.g. `--growth 20%` (or `--growth -5%`), not `lots`.'],
    ['forecast --target nothing', 'The target is an amount'],
    ['forecast by team', '`by` does not apply here.'],
  ])('`/sko %s` says what to fix', async (text, message) => {
    const { ack, reply } = await run(S.lena, text);
    expect(ack).toContain(message);
    expect(reply).toBeNull();
  });
});

// FY2017's closed deals: 4 won (140,000), 2 lost; cycles 30, 70, 10, 20, 30, 30 days (190 ÷ 6). Open: B2 (Negotiation, 20,000,
// created 1 Aug) and C2 (Proposal, 100,000, created 15 Sep).
describe('/sko pipeline', () => {
  it('with no stage history: stages by age, velocity, and a note that conversion needs the history', async () => {
    const { ack, reply } = await run(S.lena, 'pipeline');
    expect(ack).toBe(':hourglass_flowing_sand: Analysing the pipeline of 4 reps…');
    // Won cycles 30 (A1), 70 (A2), 20 (B1), 30 (D1): median 30, so open deals older than 60 days are stale. B2 is 136 days
    // old and C2 91 on 15 Dec: no active deal, so 0 × 2/3 × 35,000 ÷ 31.67 days = $0 a day (counting them: 1,473.68).
    expect(reply).toContain('Open pipeline\n$120K · 2 deals\nWin rate\n67%\nSales cycle\n32d\nAverage deal\n$35K\nSales velocity\n$0 a day');
    expect(reply).toContain(
      'Velocity counts the 0 open deals no older than 60 days (twice the median won cycle of 30 days); 2 older deals are left out as stale.',
    );
    expect(reply).toMatch(/Proposal\s+1\s+\$100K\s+91d\nNegotiation\s+1\s+\$20K\s+136d/);
    expect(reply).toContain('No stage history: import one (deal_id, stage, entered_date) to see conversion, time in stage and the bottleneck.');
  });

  it('with the stage history imported: conversion, time in stage and the bottleneck', async () => {
    await importCsv(sales.t.db, 'stage-history', Readable.from([STAGE_HISTORY_CSV]));
    const { reply } = await run(S.lena, 'pipeline');
    expect(reply).toMatch(/Qualification\s+5\s+4\/5\s+0\s+80%\s+16d\nProposal\s+4\s+2\/3\s+0\s+67%\s+30d/);
    expect(reply).not.toContain('back to an earlier stage');
    expect(reply).toContain('Bottleneck: Proposal (lowest conversion): 67% of deals that left it moved on, after 30d in it on average.');
  });

  it('a deal moved back from Proposal to Qualification is shown as a move back, not as moving on', async () => {
    await importCsv(sales.t.db, 'stage-history', Readable.from([STAGE_HISTORY_CSV]));
    // C1 now goes Qualification 1 Sep → Proposal 11 Sep → back to Qualification 16 Sep → lost 1 Oct.
    await importCsv(
      sales.t.db,
      'stage-history',
      Readable.from([
        'deal_id,stage,entered_date\nC1,Qualification,2017-09-01\nC1,Proposal,2017-09-11\nC1,Qualification,2017-09-16\nC1,Closed Lost,2017-10-01\n',
      ]),
    );
    const { reply } = await run(S.lena, 'pipeline');
    // Qualification: entered by A1, A2, A3, C2 and twice by C1 = 6; left 6 times (A3 and C1's second stay to lost),
    //   4 moved on; days 10 + 20 + 10 + 10 + 15 + 30 = 95 ÷ 6 = 15.8.
    // Proposal: entered 4 (A1, A2, C1, C2); left 3: A1 and A2 won (20 and 50 days), C1 back (5 days) = 2/3, 75 ÷ 3 = 25 days.
    expect(reply).toMatch(/Qualification\s+6\s+4\/6\s+0\s+67%\s+16d\nProposal\s+4\s+2\/3\s+1\s+67%\s+25d/);
    expect(reply).toContain('1 move back to an earlier stage: each counts as leaving its stage without moving on.');
  });

  it('a rep sees their own pipeline only', async () => {
    const { ack, reply } = await run(S.cat, 'pipeline');
    expect(ack).toBe(':hourglass_flowing_sand: Analysing the pipeline of 1 rep…');
    expect(reply).toContain('Open pipeline\n$100K · 1 deal');
  });
});

describe('/sko perf tracking', () => {
  it('three weeks into FY2018 against the same weeks of 2017, with who needs support', async () => {
    await importCsv(
      sales.t.db,
      'deals',
      Readable.from([
        'id,owner_email,stage,amount,created_date,close_date\nF1,ann@acme.com,Proposal,10000,2018-01-05,\nF2,bob@acme.com,Proposal,5000,2018-01-10,\nG1,bob@acme.com,Lost,20000,2017-01-10,2017-02-01\nG2,ann@acme.com,Won,8000,2017-01-15,2017-01-20\n',
      ]),
    );
    sales.t.clock.set('2018-01-21T15:00:00Z');
    const { ack, reply } = await run(S.lena, 'perf --tracking');
    expect(ack).toBe(":hourglass_flowing_sand: Tracking this fiscal year's first weeks against last year's for 4 reps…");
    expect(reply).toContain('TRACKING · THE FIRST 3 WEEKS');
    expect(reply).toContain('1 Jan – 21 Jan 2018 against 2 Jan – 22 Jan 2017');
    // Created: F1, F2 against G1, G2 (A1 was created on 1 Jan 2017, the day before). Won: nothing yet against G2's 8,000.
    expect(reply).toMatch(
      /Deals created\s+2\s+2\s+±0%\s+behind\nPipeline created\s+\$15K\s+\$28K\s+-46%\s+behind\nWon revenue\s+\$0\s+\$8,000\s+-100%\s+behind/,
    );
    expect(reply).toContain('Activity target +15%: 3 deals created by now; 2 so far.');
    // Ann is behind on activity (1 of 2) but not on pipeline (10,000 against 8,000); Bob is behind on both.
    expect(reply).toContain('• Bob Stone (East): 1 deal against a target of 2; $5,000 pipeline against $20K last year');
    expect(reply).not.toContain('Ann Lee (East): 1 deal');
    expect(reply).toContain('New this year (nothing to compare with): Cat Diaz, Dan Moss.');
  });
});
