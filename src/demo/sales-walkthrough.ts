/** The demo's sales part: the demo company's CRM exports through the importer, then each agent's answer as Slack shows it. */
import { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { formatAmount } from '../../views/kit/format.js';
import { type PlainTextNames, renderPlainText } from '../../views/kit/plain-text.js';
import { buildCompMessage } from '../../views/sales/comp-message.js';
import { buildForecastMessage } from '../../views/sales/forecast-message.js';
import { importCounts } from '../../views/sales/import-dm.js';
import { buildPerfMessage } from '../../views/sales/perf-message.js';
import { buildPipelineMessage } from '../../views/sales/pipeline-message.js';
import { buildTerritoryMessage } from '../../views/sales/territory-message.js';
import { buildTrackingMessage } from '../../views/sales/tracking-message.js';
import type { CompResult } from '../agents/comp.js';
import { fiscalYearPeriod } from '../agents/definitions.js';
import { DEFAULT_GROWTH_PCT, type ForecastResult } from '../agents/forecast.js';
import type { PerfResult } from '../agents/perf.js';
import type { PipelineResult } from '../agents/pipeline.js';
import type { TerritoryResult } from '../agents/territory.js';
import type { TrackingResult } from '../agents/tracking.js';
import { print } from '../cli/terminal.js';
import { findPersonByEmail } from '../services/people/people.js';
import { runAgentJob, type WithNotes } from '../services/sales/agent-jobs.js';
import { importCsv } from '../services/sales/import/import-csv.js';
import { crmExport } from '../services/sales/sales-ops.js';
import { fiscalCalendar, saveTerritorySettings } from '../services/sales/settings.js';
import { generateDemoSales } from './sales.js';
import { demoBox } from './show.js';

/** Week 1 to 3 of the plan: the CRM exports go in through the importer, and the agents answer as Slack would show them. */
export async function demoSales(db: Db, today: string, names: PlainTextNames, path: string): Promise<void> {
  const calendar = fiscalCalendar(db);
  const sales = generateDemoSales(db, today, calendar);
  print('Week 1, performance analysis. Dana shares the CRM exports with the app in a DM:');
  for (const kind of ['people', 'accounts', 'deals', 'quotas', 'comp-plans', 'stage-history'] as const) {
    const summary = await importCsv(db, kind, Readable.from([sales.files[kind]]));
    print(`  ${kind}.csv: ${importCounts(summary)}${summary.notes.length ? ` (${summary.notes.join(' ')})` : ''}`);
  }
  print();
  const fy = sales.fiscalYear;
  const perf = runAgentJob(db, { agent: 'perf', today, period: fiscalYearPeriod(fy, calendar), scope: { kind: 'all' } }) as WithNotes<PerfResult>;
  print(`Elena (CRO) types /sko perf for the FY${fy} retrospective; the app acknowledges at once and replies when the numbers are in:`);
  print(
    demoBox(
      '/sko perf (only you can see this)',
      renderPlainText(buildPerfMessage(perf, { label: 'the company', periodLabel: `FY${fy}`, by: null }).blocks, names),
    ),
  );
  print();

  const forecast = runAgentJob(db, {
    agent: 'forecast',
    today,
    growthPct: DEFAULT_GROWTH_PCT,
    targetCents: null,
    scope: { kind: 'all' },
  }) as WithNotes<ForecastResult>;
  print(
    'Beside it, the revenue-forecaster: /sko forecast (next year from the history, by season once there are two years of each quarter; +20% unless a growth rate or target is given):',
  );
  print(demoBox('/sko forecast (only you can see this)', renderPlainText(buildForecastMessage(forecast, { label: 'the company' }).blocks, names)));
  print();
  const pipeline = runAgentJob(db, { agent: 'pipeline', today, period: fiscalYearPeriod(fy, calendar), scope: { kind: 'all' } }) as WithNotes<PipelineResult>;
  print('And the sales-pipeline-analyst, with the stage history imported: /sko pipeline');
  print(
    demoBox(
      '/sko pipeline (only you can see this)',
      renderPlainText(buildPipelineMessage(pipeline, { label: 'the company', periodLabel: `FY${fy}` }).blocks, names),
    ),
  );
  print();

  saveTerritorySettings(db, fy + 1, { targetCents: sales.nextYearTargetCents });
  const territory = runAgentJob(db, { agent: 'territory', today, scope: { kind: 'all' } }) as WithNotes<TerritoryResult>;
  print(`Weeks 2–3, planning materials. Elena sets next year's target: /sko territory target ${formatAmount(sales.nextYearTargetCents / 100)}`);
  print(
    demoBox('/sko territory (only you can see this)', renderPlainText(buildTerritoryMessage(territory, { label: 'the company', saved: true }).blocks, names)),
  );
  print();

  const repId = (findPersonByEmail(db, sales.featuredRep.email) as { id: number }).id;
  const comp = runAgentJob(db, {
    agent: 'comp',
    today,
    period: fiscalYearPeriod(fy, calendar),
    repId,
    scope: { kind: 'people', ids: [repId] },
  }) as WithNotes<CompResult>;
  print(`${sales.featuredManager.name}, ${sales.featuredRep.name}'s manager, checks the comp plan rollout: /sko comp @${sales.featuredRep.name}`);
  print(
    demoBox(
      '/sko comp (only you can see this)',
      renderPlainText(buildCompMessage(comp, { label: sales.featuredRep.name, periodLabel: `FY${fy}` }).blocks, names),
    ),
  );
  print();
  const update = crmExport(db, today);
  print(
    `Week 11, the sales-ops-automator's CRM update (\`npm run sko -- export crm --csv --db ${path}\`) writes FY${update.fiscalYear}'s ${update.quotas.rows.toLocaleString('en-US')} quarterly quotas and ${update.territories.rows.toLocaleString('en-US')} account owners in the import format.`,
  );
  print();
  const tracking = runAgentJob(db, { agent: 'tracking', today, scope: { kind: 'all' } }) as WithNotes<TrackingResult>;
  print('Week 12, the new year so far against the same weeks last year: /sko perf tracking');
  print(demoBox('/sko perf tracking (only you can see this)', renderPlainText(buildTrackingMessage(tracking, { label: 'the company' }).blocks, names)));
  print();
  print(`${sales.featuredRep.name} sees only their own package with /sko me; asking about anyone else is refused.`);
  print();
}
