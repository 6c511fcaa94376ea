import { dispatchDue } from '../src/services/delivery/dispatch.js';
import { archiveFinished } from '../src/services/insights/archive.js';
import { digestSources } from '../src/services/insights/digest-sources.js';
import { refreshQ1Figures } from '../src/services/insights/q1-figures.js';
import { settleAppTasks } from '../src/services/plan/app-tasks.js';
import { renderNotice } from '../views/notices.js';
import type { Job } from './types.js';

/**
 * Every minute: turn schedule rows that have fallen due (including any missed while the app was
 * down) into outbox messages, send what the outbox holds, then record the plan tasks those
 * messages did (or, reaching nobody, could not do). Before all that, bring the Q1 figures up to
 * date and archive the SKOs whose week 12 has ended.
 */
export const dispatchJob: Job = {
  name: 'dispatch',
  cron: '* * * * *',
  async run(deps, now, signal) {
    // Before the archive and the digests, which show them.
    const { agents } = deps;
    await refreshQ1Figures(deps.db, now, agents && ((window) => agents.q1Figures(window, now))).catch((error: unknown) =>
      deps.logger.error('working out the Q1 figures failed:', error),
    );
    // Before dispatching, so a run that is late (the app was down as a week 12 ended) sends nothing more for that SKO.
    for (const event of archiveFinished(deps.db, now, digestSources(deps.surveyKeySecret))) deps.logger.info(`archived ${event.handle}: its week 12 has ended`);
    const report = deps.dispatcher
      ? await deps.dispatcher.dispatchDue(now, deps.surveyKeySecret, signal)
      : await dispatchDue(deps.db, now, renderNotice, deps.logger, deps.surveyKeySecret, signal);
    if (report.dispatched || report.skipped)
      deps.logger.info(`dispatch: ${report.dispatched} due item(s) → ${report.messages} message(s); ${report.skipped} stale, skipped`);
    // Stopping: what is stored waits in the outbox for the next start.
    if (signal?.aborted) return;
    await deps.outbox.drain();
    settleAppTasks(deps.db, deps.clock.now());
  },
};
