import { setupChoices } from '../../src/services/people/access.js';
import { adminsToAsk } from '../../src/services/people/admins.js';
import { activeEvents, allEvents, type EventRow } from '../../src/services/plan/event-store.js';
import { setupDecision, setupTarget } from '../../src/services/plan/setup.js';
import { buildAskAdminsMessage } from '../../views/people/admins.js';
import { buildSetupChoices, openSetup } from '../../views/plan/setup-choice.js';
import { type CommandContext, type Subcommand, skoOf } from '../types.js';

/** `/sko setup new` sets up another SKO beside the ones there are (a regional kickoff, next year's). */
const NEW = 'new';

export const setupCommand: Subcommand = {
  name: 'setup',
  usage: '/sko setup [new | <handle>]',
  summary: 'Set up a new SKO, or change one (admins and its SKO lead)',
  async run(context) {
    const { deps, command, ack } = context;
    if (allEvents(deps.db).length === 0) return firstSetup(context);
    const asked = context.args[0]?.toLowerCase() === NEW ? 'new' : context.handle || inSkoChannel(context) ? 'named' : 'choose';
    if (asked === 'choose') return offerChoices(context);
    let event: EventRow | undefined;
    if (asked === 'named') {
      const sko = skoOf(context);
      if ('reply' in sko) return ack(sko.reply);
      event = sko.event;
    }
    setupTarget(deps.db, command.user_id, event?.id ?? null);
    await ack();
    await openSetup(deps, command.trigger_id, command.user_id, event);
  },
};

/** In a running SKO's channel, `/sko setup` is about that SKO, as every command there is. */
const inSkoChannel = ({ deps, command }: CommandContext) => activeEvents(deps.db).some((e) => e.channelId === command.channel_id);

/**
 * "New SKO" and "Edit <name>" for each SKO this person may change. With a single choice the modal
 * opens at once, as it did when a workspace had one SKO: an SKO lead typing `/sko setup` means
 * their SKO, and an admin with no SKO running means a new one; a one-button reply would only cost
 * a click.
 */
async function offerChoices({ deps, command, ack }: CommandContext): Promise<void> {
  const { mayCreate, editable } = setupChoices(deps.db, command.user_id);
  const choices = editable.length + (mayCreate ? 1 : 0);
  // Nothing to offer: refused, in words saying who may set up or change an SKO.
  if (choices === 0) setupTarget(deps.db, command.user_id, null);
  if (choices === 1) {
    await ack();
    // The one SKO to edit, or else the new one. Awaited, not returned: a failure's async stack then leads back here.
    await openSetup(deps, command.trigger_id, command.user_id, editable[0]);
    return;
  }
  await ack(buildSetupChoices(mayCreate, editable));
}

/** No SKO yet: an admin gets the modal; anyone else is told who the admins are (Slack's member list, when none is known yet) and may ask them. */
async function firstSetup({ deps, command, ack }: CommandContext): Promise<void> {
  const decision = setupDecision(deps.db, command.user_id, undefined);
  if (decision.allowed) {
    await ack();
    await openSetup(deps, command.trigger_id, command.user_id, undefined);
    return;
  }
  const admins = await adminsToAsk(deps.db, deps.slack, deps.clock.now());
  // Asked again: finding the admins may have just learnt who they are, and the refusal names them.
  const refusal = setupDecision(deps.db, command.user_id, undefined);
  await ack(buildAskAdminsMessage(refusal.allowed ? decision.reason : refusal.reason, admins));
}
