import { buildDigest, digestReaders } from '../../src/services/insights/digest.js';
import { digestSources } from '../../src/services/insights/digest-sources.js';
import { buildDigestMessage } from '../../views/insights/digest-message.js';
import { type Subcommand, withPlan } from '../types.js';

export const digestCommand: Subcommand = {
  name: 'digest',
  usage: '/sko digest',
  summary: "This week's leaders' digest, as you would receive it on Monday",
  run: withPlan(async ({ deps, command, ack }, plan) => {
    const reader = digestReaders(deps.db, plan).find((p) => p.slackUserId === command.user_id);
    if (!reader) {
      await ack(
        'The weekly digest goes to sales leaders and the people who hold an event role (the SKO lead and the workstream leads). Ask the SKO lead if you should be one of them.',
      );
      return;
    }
    await ack(buildDigestMessage(buildDigest(deps.db, plan, reader, deps.clock.now(), digestSources(deps.surveyKeySecret)), true));
  }),
};
