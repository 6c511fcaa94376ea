import { digestSources } from '../../src/services/insights/digest-sources.js';
import { historyFor } from '../../src/services/insights/history.js';
import { buildHistoryMessage } from '../../views/insights/history-message.js';
import type { Subcommand } from '../types.js';

export const historyCommand: Subcommand = {
  name: 'history',
  usage: '/sko history',
  summary: 'The scorecards of the SKOs held so far, side by side, with the change from one to the next',
  run: async ({ deps, ack }) => {
    await ack(buildHistoryMessage(historyFor(deps.db, deps.clock.now(), digestSources(deps.surveyKeySecret))));
  },
};
