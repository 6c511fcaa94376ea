import { benchActionItems, reportActionItems } from './action-items.js';
import { benchCertification, reportCertification } from './certification.js';
import { benchDigest, reportDigest } from './digest.js';
import { benchDispatchQuery, reportDispatchQuery } from './dispatch-query.js';
import { benchImport, reportImport } from './import-memory.js';
import { benchImportThroughput, reportImportThroughput } from './import-throughput.js';
import { benchOutboxThroughput, reportOutboxThroughput } from './outbox-throughput.js';
import { benchPerfAgent, reportPerfAgent } from './perf-agent.js';
import { benchSessionRatings, reportSessionRatings } from './session-ratings.js';
import { benchStatusLatency, reportStatusLatency } from './status-latency.js';
import { benchSurveyResults, reportSurveyResults } from './survey-results.js';

/** `npm run bench`: each benchmark measures its baseline in the same run and prints the ratio. */
const out = (text: string) => process.stdout.write(`${text}\n`);

out('SKO Conductor benchmarks\n');
out(reportStatusLatency(await benchStatusLatency()));
out('');
out(reportOutboxThroughput(await benchOutboxThroughput()));
out('');
out(reportDispatchQuery(await benchDispatchQuery()));
out('');
out(reportPerfAgent(await benchPerfAgent()));
out('');
out(reportImport(benchImport()));
out('');
out(reportImportThroughput(await benchImportThroughput()));
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
