import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS_CSV, COMP_PLANS_CSV, DEALS_CSV, PEOPLE_CSV, QUOTAS_CSV } from './support/sales-data.js';

const root = join(import.meta.dirname, '..');
let dir: string;
let db: string;

/** `npm run sko -- …` as a user runs it (tsx over the sources), against a temporary database. */
function sko(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), ...args, '--db', db], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const json = (...args: string[]) => JSON.parse(sko(...args, '--json').stdout) as Record<string, unknown>;

describe('npm run sko -- import and the agents on the command line', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sko-cli-'));
    db = join(dir, 'sko.db');
    for (const [kind, text] of Object.entries({
      people: PEOPLE_CSV,
      deals: DEALS_CSV,
      quotas: QUOTAS_CSV,
      accounts: ACCOUNTS_CSV,
      'comp-plans': COMP_PLANS_CSV,
    })) {
      const res = sko('import', kind, file(`${kind}.csv`, text));
      expect(res.code, res.stderr).toBe(0);
    }
  }, 60_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('says what an import did, and rejects a bad file whole with each bad line, exit code 1', () => {
    expect(sko('import', 'deals', file('again.csv', DEALS_CSV)).stdout).toBe(`Imported ${join(dir, 'again.csv')}: 8 rows: 0 new deals and 8 updated.\n`);
    const bad = sko(
      'import',
      'deals',
      file(
        'bad.csv',
        'id,owner_email,stage,amount,close_date\nN1,ann@acme.com,Won,5,2017-01-01\nN2,nobody@acme.com,Won,5,2017-01-01\nN3,ann@acme.com,Won,5,2017-02-31\n',
      ),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      [
        'Nothing was imported: 2 rows have problems. Fix them and import the file again.',
        '  line 3: unknown owner "nobody@acme.com": nobody with that email (import them in the people file first)',
        '  line 4: close_date "2017-02-31" is not a date: use YYYY-MM-DD (or a date like 1/31/2026)',
        '',
      ].join('\n'),
    );
    expect(sko('import', 'orders', 'x.csv').stderr).toContain(
      'Say what the file holds: npm run sko -- import <people|deals|quotas|accounts|comp-plans|stage-history> <file>.',
    );
  });

  it('perf --from --to --json prints one object in the documented shape', () => {
    const out = json('perf', '--from', '2017-01-01', '--to', '2017-12-31');
    expect(Object.keys(out).slice(0, 11)).toEqual([
      'agent',
      'period',
      'totals',
      'byRep',
      'byTeam',
      'byRegion',
      'bySegment',
      'byProduct',
      'byQuarter',
      'rankedBy',
      'top',
    ]);
    expect(Object.keys(out).slice(11)).toEqual(['bottom', 'unranked', 'attainmentDistribution', 'overlays', 'dataAsOf', 'alerts']);
    // No overlay quota in the file; the newest record is C1's close on 1 Oct 2017.
    expect(out).toMatchObject({ agent: 'quota-performance-tracker', period: { from: '2017-01-01', to: '2017-12-31' }, overlays: [], dataAsOf: '2017-10-01' });
    // Four ranked reps: the top three, and Cat below them, with what is low against the median.
    expect((out.top as { key: string }[]).map((r) => r.key)).toEqual(['ann@acme.com', 'bob@acme.com', 'dan@acme.com']);
    expect((out.bottom as { key: string; reasons: unknown[] }[]).map((r) => [r.key, r.reasons])).toEqual([
      [
        'cat@acme.com',
        [
          { kind: 'low attainment', value: 0, median: 0.25 },
          { kind: 'low win rate', value: 0, median: (2 / 3 + 1) / 2 },
        ],
      ],
    ]);
    // Won 60,000 + 40,000 + 30,000 + 10,000; lost A3 and C1; open B2 and C2.
    expect(out.totals).toEqual({
      key: 'total',
      wonRevenue: 140_000,
      wonCount: 4,
      lostCount: 2,
      winRate: 4 / 6,
      avgDealSize: 35_000,
      avgCycleDays: (30 + 70 + 10 + 20 + 30 + 30) / 6,
      quota: 450_000,
      attainment: 140_000 / 450_000,
      openCount: 2,
      openValue: 120_000,
    });
    const reps = out.byRep as Record<string, unknown>[];
    expect(Object.keys(reps[0] as object)).toEqual([
      'key',
      'name',
      'wonRevenue',
      'wonCount',
      'lostCount',
      'winRate',
      'avgDealSize',
      'avgCycleDays',
      'quota',
      'attainment',
      'openCount',
      'openValue',
    ]);
    expect(reps.map((r) => r.key)).toEqual(['ann@acme.com', 'bob@acme.com', 'cat@acme.com', 'dan@acme.com']);
    expect((out.byQuarter as { key: string }[]).map((q) => q.key)).toEqual(['FY2017-Q1', 'FY2017-Q2', 'FY2017-Q3', 'FY2017-Q4']);
    expect((out.byTeam as { key: string; avgDealSize: number | null }[]).find((t) => t.key === 'West')?.avgDealSize).toBe(10_000);
    expect((out.bySegment as { quota: null }[]).every((s) => s.quota === null)).toBe(true);
  });

  it('perf without --json shows what Slack shows', () => {
    const res = sko('perf', '--fy', '2017', '--by', 'team');
    expect(res.stdout).toContain('PERFORMANCE · FY2017');
    expect(res.stdout).toMatch(/By team\nTeam\s+Won\s+W\/L\s+Win\s+Avg deal\s+Cycle\s+Att\.\s+Open\nEast\s+\$130K\s+3\/1\s+75%/);
  });

  it('territory, comp and me answer as JSON too', () => {
    const territory = json('territory', '--fy', '2018', '--target', '600K', '--save');
    expect(territory).toMatchObject({ agent: 'territory-planning-advisor', fiscalYear: 'FY2018', totals: { target: 600_000, toAssign: 660_000, reps: 4 } });
    expect(sko('settings').stdout).toContain('Territory plan FY2018: target $600,000, over-assignment 10%, ramp 0/25/50/75/100%, history weight 50%.');
    const comp = json('comp', '--rep', 'ann@acme.com', '--fy', '2017');
    // Ann won 100,000 against 100,000: base 50,000 + 50,000 at 1×, plus one Add-on deal's 500 SPIFF.
    expect(comp).toMatchObject({
      agent: 'commission-calculations',
      rep: { key: 'ann@acme.com', name: 'Ann Lee' },
      statement: { attainment: 1, base: 50_000, variable: 50_000, spiffs: 500, total: 100_500 },
    });
    const me = json('me', '--rep', 'cat@acme.com', '--today', '2017-12-15');
    expect(me).toMatchObject({ agent: 'me', person: { key: 'cat@acme.com', name: 'Cat Diaz' }, fiscalYear: 'FY2017', territory: { fiscalYear: 'FY2018' } });
    expect(sko('me', '--rep', 'nobody@acme.com').stderr).toBe('Nobody with the email nobody@acme.com has been imported.\n');
  }, 60_000);

  it('forecast and pipeline answer with the result object Slack renders', () => {
    const forecast = json('forecast', '--today', '2017-12-15');
    // Three full quarters (70,000 + 40,000 + 30,000) annualised: 186,666.67; +20% = 224,000, 56,000 a quarter. The pipeline
    // needed is at the value win rate, 140,000 won ÷ (140,000 + 10,000 lost) = 14/15: 224,000 × 15/14 = 240,000, 60,000 a quarter.
    expect(forecast).toMatchObject({
      agent: 'revenue-forecaster',
      fullQuarters: 3,
      base: { revenue: 186_666.67, annualised: true },
      plan: { fiscalYear: 'FY2018', revenue: 224_000, pipelineNeeded: 240_000 },
      coverage: { basis: 'value', rule: 3 },
      dataAsOf: '2017-10-01',
      alerts: [],
    });
    expect((forecast.plan as { byQuarter: unknown[] }).byQuarter[0]).toEqual({ key: 'FY2018-Q1', revenue: 56_000, pipelineNeeded: 60_000 });
    const pipeline = json('pipeline', '--fy', '2017', '--today', '2017-12-15');
    // Won cycles 30, 70, 20, 30: median 30, so B2 (136 days old) and C2 (91) are stale: 0 active × 2/3 × 35,000 ÷ (190 ÷ 6) days.
    expect(pipeline).toMatchObject({
      agent: 'sales-pipeline-analyst',
      open: { count: 2, value: 120_000 },
      velocity: { openDeals: 2, activeDeals: 0, staleDeals: 2, avgDealSize: 35_000, perDay: 0 },
      activeWindow: { medianWonCycleDays: 30, maxAgeDays: 60, staleOpenDeals: 2 },
      flow: null,
      bottleneck: null,
    });
    expect(sko('forecast', '--growth', 'lots').stderr).toContain('--growth takes a percentage such as 20 or 20%, not "lots".');
  }, 60_000);

  it('exports the CRM update as CSV, and importing it again gives the same quotas and territories', () => {
    expect(sko('export', 'crm').stderr).toContain('The CRM update is written as CSV: npm run sko -- export crm --csv [--out DIR].');
    const first = sko('export', 'crm', '--csv', '--out', dir, '--today', '2017-12-15');
    expect(first.code, first.stderr).toBe(0);
    const quotasFile = join(dir, 'crm-quotas-FY2018.csv');
    const territoriesFile = join(dir, 'crm-territories-FY2018.csv');
    expect(first.stdout).toContain(`to ${quotasFile} (email, period_start, period_end, amount)`);
    const quotas = readFileSync(quotasFile, 'utf8');
    const territories = readFileSync(territoriesFile, 'utf8');
    expect(quotas.split('\n')[0]).toBe('email,period_start,period_end,amount');
    expect(territories).toBe(
      'name,owner_email,region,segment,industry,potential\nAcme,ann@acme.com,US,Enterprise,Tech,400000\nGlobex,ann@acme.com,US,Enterprise,Retail,200000\nHooli,dan@acme.com,DE,SMB,Tech,200000\nInitech,bob@acme.com,US,SMB,Tech,200000\nUmbrella,cat@acme.com,DE,Enterprise,Pharma,200000\n',
    );
    expect(sko('import', 'quotas', quotasFile).code).toBe(0);
    expect(sko('import', 'accounts', territoriesFile).stdout).toContain('0 new accounts and 5 updated');
    const again = sko('export', 'crm', '--csv', '--out', dir, '--today', '2017-12-15');
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(quotasFile, 'utf8')).toBe(quotas);
    expect(readFileSync(territoriesFile, 'utf8')).toBe(territories);
    // What the app now holds for FY2018 is what the file said, row for row.
    const held = json('territory', '--fy', '2018') as { packages: { key: string; byQuarter: { quota: number }[] }[] };
    const lines = quotas
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(lines.length).toBe(held.packages.reduce((n, p) => n + p.byQuarter.filter((q) => q.quota > 0).length, 0));
  }, 90_000);
});
