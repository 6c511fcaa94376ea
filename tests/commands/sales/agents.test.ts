import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { territorySettings } from '../../../src/services/sales/settings.js';
import { S, useSalesApp } from '../../support/sales-data.js';

const sales = useSalesApp();
const { run } = sales;

describe('/sko perf', () => {
  it('acknowledges with what it is crunching, then replies with the figures', async () => {
    const { ack, reply } = await run(S.lena, 'perf');
    expect(ack).toBe(':hourglass_flowing_sand: Crunching FY2017 for 4 reps…');
    // Won 140,000 of a 450,000 quota; 4 won, 2 lost; open 120,000 in 2 deals.
    expect(reply).toContain('Won revenue\n$140K · 4 deals\nAttainment\n31% of $450K\nWin rate\n67% · 4 won, 2 lost');
    expect(reply).toContain('Open pipeline\n$120K · 2 deals');
    expect(reply).toContain('1. Ann Lee (East): 100% of quota · $100K won · win rate 67%');
    expect(reply).toContain(
      '• Cat Diaz (West): 0% of quota · $0 won · win rate 0%\n   low attainment (0% against a median of 25%); low win rate (0% against a median of 83%)',
    );
  });

  it('says how fresh the data is, and warns when a rep’s newest deal is more than 90 days old', async () => {
    const company = await run(S.lena, 'perf');
    // The newest record is C1's close on 1 Oct 2017: 75 days before 15 Dec, fresh enough.
    expect(company.reply).toContain('Data as of Sun 1 Oct 2017 (the newest deal record).');
    expect(company.reply).not.toContain('The newest deal in the data');
    const dan = await run(S.dan, 'perf');
    // Dan's newest record is D1's close on 3 Mar: 28 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 15 = 287 days before 15 Dec.
    expect(dan.reply).toContain('The newest deal in the data is from 2017-03-03, 287 days ago: import a fresh export before relying on these figures.');
  });

  it('reads any breakdown, and a custom period (with the em dash Slack makes of --)', async () => {
    const { reply } = await run(S.lena, 'perf —from 2017-01-01 —to 2017-03-31 by product');
    expect(reply).toContain('PERFORMANCE · 1 JAN – 31 MAR 2017');
    // Q1: Ann's 60,000 Core deal and Dan's 10,000 Core deal.
    expect(reply).toMatch(/By product\nProduct\s+Won\s+W\/L\s+Win\s+Avg deal\s+Cycle\s+Att\.\s+Open\nCore\s+\$70K\s+2\/0\s+100%\s+\$35K\s+30d\s+–\s+\$0/);
  });

  it('an empty period says so, with rates undefined rather than 0%', async () => {
    const { reply } = await run(S.lena, 'perf fy2019');
    expect(reply).toContain('Won revenue\n$0 · 0 deals\nAttainment\nno quotas\nWin rate\n– (nothing closed)');
    expect(reply).toContain('No deals closed or open in FY2019 for the company.');
  });

  it('tracks the year to date against the same dates last year', async () => {
    await importCsv(
      sales.t.db,
      'deals',
      Readable.from(['id,owner_email,stage,amount,close_date\nE1,ann@acme.com,Won,70000,2016-06-01\nE2,ann@acme.com,Won,5000,2016-12-20\n']),
    );
    const { ack, reply } = await run(S.lena, 'perf ytd');
    expect(ack).toBe(':hourglass_flowing_sand: Crunching FY2017 to date for 4 reps…');
    // To 15 Dec 2017: the four wins (140,000) and two losses; B2 and C2 expect to close after today.
    // 1 Jan – 15 Dec 2016: E1 alone (E2 closed on 20 Dec).
    expect(reply).toContain(
      "Last year's open pipeline cannot be rebuilt: the deals file is a snapshot of what is open now, so last year's open figures are today's open deals dated then.",
    );
    expect(reply).toContain(
      'Against the same dates last year (1 Jan – 15 Dec 2016)\nWon $140K against $70K (+100%) · 4 deals against 1 (+300%)\nWin rate 67% against 100% · open pipeline now $0',
    );
  });

  it.each([
    ['perf --from 2017-01-01', 'Give both `--from YYYY-MM-DD` and `--to YYYY-MM-DD`.'],
    ['perf --from 2017-02-30 --to 2017-03-01', '`2017-02-30` is not a date: use YYYY-MM-DD.'],
    ['perf --from 2017-03-01 --to 2017-02-01', '--to 2017-02-01 is before --from 2017-03-01.'],
    ['perf by colour', '`by colour`: choose one of rep, team, region, segment, product, quarter.'],
    ['perf team', '`team` needs the team’s name after it, e.g. `team Enterprise East`.'],
    ['perf team Atlantis', 'There is no team called "Atlantis". Teams: East, West.'],
    ['perf target 5M', '`target` does not apply here.'],
    ['perf nobody@acme.com', 'Nobody with the email nobody@acme.com is in the sales data.'],
  ])('`/sko %s` says what to fix', async (text, message) => {
    const { ack, reply } = await run(S.lena, text);
    expect(ack).toContain(message);
    expect(reply).toBeNull();
  });
});

describe('/sko territory', () => {
  it('says how to start when there is no target yet', async () => {
    const { ack } = await run(S.lena, 'territory');
    expect(ack).toBe('There is no company target for FY2018 yet. A sales leader or admin sets it: `/sko territory target $50M`.');
  });

  it('a leader sets the target, over-assignment and ramp, and sees every package checked against the target', async () => {
    const { ack, reply } = await run(S.lena, 'territory target $600K over 10% ramp 0/50/100');
    expect(ack).toBe(':hourglass_flowing_sand: Planning FY2018 quotas for 4 reps…');
    expect(territorySettings(sales.t.db)).toEqual({
      fiscalYear: 2018,
      targetCents: 60_000_000,
      overAssignmentPct: 10,
      ramp: [0, 50, 100],
      historyWeightPct: 50,
    });
    // Shares: weights ½ × last year's share + ½ × potential share = Ann 102/168, Bob 32/168, Cat 28/168 (no wins: potential
    // alone), Dan 20/168, i.e. 51/91, 16/91, 14/91, 10/91 of 660,000 = 369,890.11, 116,043.96, 101,538.46, 72,527.47.
    // Thousands: 369 + 116 + 101 + 72 = 658; the 2 missing go to Ann (.89) and Cat (.54), so they add up to 660,000 exactly
    // (rounding each alone gave 370 + 116 + 102 + 73 = 661).
    expect(reply).toContain('Company target\n$600K\nQuotas to assign\n$660K (+10%)\nAssigned\n✔ $660K = 110.0% of target');
    expect(reply).toMatch(/Dan Moss\s+West\s+1\s+\$72K\s+\$72K\s+\$18K/);
    expect(reply).toMatch(/Rep packages\nRep\s+Team\s+Accts\s+Full quota\s+FY2018\s+Q1\s+Q2\s+Q3\s+Q4\nAnn Lee\s+East\s+2\s+\$370K/);
  });

  it('a rep sees their own package in full', async () => {
    const { reply } = await run(S.ann, 'territory');
    expect(reply).toContain(
      'Ann Lee · East · Americas · hired 2015-04-01\nQuota: $370K this year ($370K at full productivity) · Q1 $92.5K · Q2 $92.5K · Q3 $92.5K · Q4 $92.5K',
    );
    expect(reply).toContain('Territory: 2 accounts, $600K potential: Acme ($400K), Globex ($200K)');
    expect(reply).not.toContain('Bob Stone');
  });
});

describe('/sko comp', () => {
  it("a rep's statement, with each step of the calculation", async () => {
    const { reply } = await run(S.ann, 'comp');
    expect(reply).toContain('COMP · ANN LEE · FY2017');
    expect(reply).toContain('Quota\n$100,000\nWon\n$100,000 · 2 deals\nAttainment\n100.0%\nEarned\n$100,500');
    expect(reply).toContain(
      [
        '• Base: $100,000 OTE × 50% = $50,000',
        '• Target variable: $100,000 OTE × 50% = $50,000',
        '• Base commission rate: $50,000 ÷ $100,000 quota = 50.00%',
        '• 0–100% of quota: $100,000 × 50.00% × 1 = $50,000',
        '• Cap at 200% of target variable ($100,000): not reached',
        '• SPIFF Add-on push: 1 deal × $500 = $500',
        '• Total: $50,000 base + $50,000 commission + $500 SPIFFs = $100,500',
      ].join('\n'),
    );
  });

  it('a rep hired during the year: base, target variable and quota prorated to the days employed, and the reply says so', async () => {
    const { reply } = await run(S.cat, 'comp');
    // Cat was hired on 3 Jul 2017: 29 + 31 + 30 + 31 + 30 + 31 = 182 of 365 days (49.9%). Base 50,000 × 182/365 = 24,931.51;
    // her 200,000 quota × 182/365 = 99,726.03; nothing won, so nothing more.
    expect(reply).toContain('Quota\n$99,726.03\nWon\n$0 · 0 deals\nAttainment\n0.0%\nEarned\n$24,931.51');
    expect(reply).toContain('Hired Mon 3 Jul 2017: base, target variable and quota are prorated to the time employed.');
    expect(reply).toContain('• Base: $100,000 OTE × 50% × 49.9% of the year = $24,931.51');
  });

  it('worked payouts at 50 to 150% of quota', async () => {
    const { reply } = await run(S.lena, 'comp');
    expect(reply).toMatch(
      /Worked payouts on a \$100K quota\nAttainment\s+Revenue\s+Base\s+Commission\s+Total\n50%\s+\$50K\s+\$50K\s+\$25K\s+\$75K\n75%[^\n]+\n100%[^\n]+\n125%\s+\$125K\s+\$50K\s+\$75K\s+\$125K\n150%\s+\$150K\s+\$50K\s+\$100K\s+\$150K/,
    );
    expect(reply).toContain(
      'At 150% ($150,000 won)\n• Base commission rate: $50,000 ÷ $100,000 quota = 50.00%\n• 0–100% of quota: $100,000 × 50.00% × 1 = $50,000\n• 100–∞% of quota: $50,000 × 50.00% × 2 = $50,000',
    );
  });
});

describe('/sko me', () => {
  it("a rep's own package: this year's attainment, next year's territory and quota, and their comp plan", async () => {
    const { ack, reply } = await run(S.ann, 'me');
    expect(ack).toBe(':hourglass_flowing_sand: Gathering your FY2017 package…');
    expect(reply).toContain('YOUR PACKAGE · ANN LEE');
    expect(reply).toContain('Won\n$100K · 2 deals\nAttainment\n100% of $100K');
    expect(reply).toContain('Territory and quota for FY2018');
    expect(reply).toContain('Your comp plan\nAE 2017 (for Account Executive)');
    expect(reply).not.toMatch(/Bob|Cat|Dan/);
  });
});
