/**
 * `sko metrics`: an SKO's success scorecard (`--sko`, or the only one running) on a day (`--today`,
 * else now), as /sko metrics shows it in Slack, or as JSON. Leavers are counted, never named: the
 * names are for sales leaders and admins in Slack.
 */

import { buildScorecardMessage } from '../../views/insights/scorecard-message.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { loadSurveyKeySecret } from '../config.js';
import { atLocalTime } from '../domain/dates.js';
import { scorecardOf } from '../services/insights/archive.js';
import { digestSources } from '../services/insights/digest-sources.js';
import { workOutQ1Figures } from '../services/insights/q1-figures.js';
import { scorecardFor } from '../services/insights/scorecard.js';
import { loadPlan } from '../services/plan/event-store.js';
import { skoForCommandLine } from '../services/plan/which-sko.js';
import { demoSurveyKey, openExisting } from './database.js';
import { namesFrom, print } from './terminal.js';

export function metrics(options: { db?: string | undefined; json?: boolean | undefined; sko?: string | undefined; today?: string | undefined }): void {
  const db = openExisting(options);
  try {
    const event = skoForCommandLine(db, options.sko);
    // Midday in the SKO's time zone: the scorecard's day is the SKO's local date.
    const now = options.today ? atLocalTime(options.today, '12:00', event.timeZone) : new Date();
    workOutQ1Figures(db, event, now);
    const plan = loadPlan(db, event);
    const sources = digestSources(loadSurveyKeySecret() ?? demoSurveyKey(db));
    // An archived SKO's scorecard is the one stored as it ended, unless a day is asked for.
    const results = options.today ? scorecardFor(db, plan, now, sources) : scorecardOf(db, plan, now, sources);
    if (options.json) print(JSON.stringify(results, null, 2));
    else print(renderPlainText(buildScorecardMessage(results, event.name).blocks, namesFrom(db)));
  } finally {
    db.$client.close();
  }
}
