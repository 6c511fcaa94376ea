import { NotAllowedError } from '../../src/errors.js';
import { assertNotArchived } from '../../src/services/people/access.js';
import { adminsToAsk } from '../../src/services/people/admins.js';
import { timeZoneOf } from '../../src/services/people/identity.js';
import { teamsAndRegions } from '../../src/services/people/people.js';
import { allEvents, type EventRow } from '../../src/services/plan/event-store.js';
import { setupDecision } from '../../src/services/plan/setup.js';
import { buildAskAdminsMessage } from '../../views/people/admins.js';
import { buildSetupDefaults, buildSetupModal } from '../../views/plan/setup-modal.js';
import { type CommandContext, type Subcommand, skoOf } from '../types.js';

/** `/sko setup new` sets up another SKO beside the ones there are (a regional kickoff, next year's). */
const NEW = 'new';

export const setupCommand: Subcommand = {
  name: 'setup',
  usage: '/sko setup [new | <handle>]',
  summary: 'Set up an SKO, or change one (admins and its SKO lead); `new` for another SKO',
  async run(context) {
    const { deps, command, ack } = context;
    let event: EventRow | undefined;
    if (context.args[0]?.toLowerCase() !== NEW && allEvents(deps.db).length > 0) {
      const sko = skoOf(context);
      if ('reply' in sko) return ack(sko.reply);
      event = sko.event;
    }
    const decision = setupDecision(deps.db, command.user_id, event);
    if (!decision.allowed) {
      if (allEvents(deps.db).length > 0) throw new NotAllowedError(decision.reason);
      // No SKO yet: find the admins (Slack's member list, when none is known yet), name them, and offer to ask them.
      const admins = await adminsToAsk(deps.db, deps.slack, deps.clock.now());
      const refusal = setupDecision(deps.db, command.user_id, undefined);
      await ack(buildAskAdminsMessage(refusal.allowed ? decision.reason : refusal.reason, admins));
      return;
    }
    if (event) assertNotArchived(event);
    await ack();
    await openSetup(context, event);
  },
};

async function openSetup({ deps, command }: CommandContext, event: EventRow | undefined): Promise<void> {
  // The trigger id is good for 3 seconds from Slack's send, so the modal opens right after the ack.
  await deps.slack.views.open({
    trigger_id: command.trigger_id,
    view: buildSetupModal(buildSetupDefaults(deps, event), await timeZoneOf(deps, command.user_id), teamsAndRegions(deps.db)),
  });
}
