import { benchActionItems, reportActionItems } from './action-items.js';
import { benchCertification, reportCertification } from './certification.js';
import { benchDigest, reportDigest } from './digest.js';
import { benchDigestCharts, reportDigestCharts } from './digest-charts.js';
import { benchDispatchQuery, reportDispatchQuery } from './dispatch-query.js';
import { benchImport, reportImport } from './import-memory.js';
import { benchImportStatus, reportImportStatus } from './import-status.js';
import { benchImportThroughput, reportImportThroughput } from './import-throughput.js';
import { benchManySkosFanout, reportManySkosFanout } from './many-skos-fanout.js';
import { benchManySkosSearch, reportManySkosSearch } from './many-skos-search.js';
import { benchMemory, reportMemory } from './memory.js';
import { benchOutboxChaos, reportOutboxChaos } from './outbox-chaos.js';
import { benchOutboxThroughput, reportOutboxThroughput } from './outbox-throughput.js';
import { benchPerfAgent, reportPerfAgent } from './perf-agent.js';
import { benchSessionRatings, reportSessionRatings } from './session-ratings.js';
import { benchStatusLatency, reportStatusLatency } from './status-latency.js';
import { benchSurveyResults, reportSurveyResults } from './survey-results.js';
import { benchTimeZoneWaves, reportTimeZoneWaves } from './time-zone-waves.js';

/**
 * DMs per SKO in the ten-SKO fan-out. Each is a real HTTP call to the fake Slack (about 3 ms apiece
 * on a busy 2-core machine), so all 5,000 per SKO (50,000) take minutes: run benchManySkosFanout()
 * alone for that.
 */
const FANOUT_PER_SKO = 1_000;

/** `npm run bench`: each benchmark measures its baseline in the same run and prints the ratio. */
const out = (text: string) => process.stdout.write(`${text}\n`);

out('SKO Conductor benchmarks\n');
out(reportStatusLatency(await benchStatusLatency()));
out('');
out(reportOutboxThroughput(await benchOutboxThroughput()));
out('');
out(reportOutboxChaos(await benchOutboxChaos()));
out('');
out(reportTimeZoneWaves(await benchTimeZoneWaves()));
out('');
out(reportDispatchQuery(await benchDispatchQuery()));
out('');
out(reportManySkosSearch(await benchManySkosSearch()));
out('');
out(reportManySkosFanout(await benchManySkosFanout(FANOUT_PER_SKO)));
out('');
out(reportPerfAgent(await benchPerfAgent()));
out('');
out(reportImport(benchImport()));
out('');
out(reportImportThroughput(await benchImportThroughput()));
out('');
out(reportImportStatus(await benchImportStatus()));
out('');
out(reportActionItems(await benchActionItems()));
out('');
out(reportSurveyResults(await benchSurveyResults()));
out('');
out(reportCertification(await benchCertification()));
out('');
out(reportSessionRatings(await benchSessionRatings()));
out('');
out(reportDigest(await benchDigest()));
out('');
out(reportDigestCharts(await benchDigestCharts()));
out('');
out(reportMemory(benchMemory()));
