import { createHash } from 'node:crypto';
import { decideRecordMaterials } from '../../src/domain/access.js';
import { NotAllowedError, NotFoundError } from '../../src/errors.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { actorFor, assertNotArchived } from '../../src/services/people/access.js';
import { addMaterial, parseMaterial, portal } from '../../src/services/sales/sales-ops.js';
import { refreshChannelCanvas } from '../../views/plan/canvas.js';
import { buildMaterialsPortal } from '../../views/sales/materials-message.js';
import { type Subcommand, withEvent } from '../types.js';

const usage = '/sko materials [add <session title> <link> [slides|recording|resource] | post]';

/**
 * The sales-ops-automator's materials portal: the content lead records each session's links, and
 * posts the portal to the event channel when they are all in (through the outbox, once per content).
 */
export const materialsCommand: Subcommand = {
  name: 'materials',
  usage,
  summary: 'Session materials and recordings: record links, preview the portal, post it to the event channel',
  run: withEvent(async ({ deps, command, args, ack }, event) => {
    const [verb = '', ...rest] = args;
    if (verb.toLowerCase() !== 'add' && verb.toLowerCase() !== 'post') {
      await ack(buildMaterialsPortal(event.name, portal(deps.db, event.id)));
      return;
    }
    const actor = actorFor(deps.db, command.user_id, event);
    const decision = decideRecordMaterials(actor);
    if (!decision.allowed) throw new NotAllowedError(decision.reason);
    assertNotArchived(event);
    if (verb.toLowerCase() === 'add') {
      const material = parseMaterial(rest);
      const done = addMaterial(deps.db, event.id, material, actor?.personId ?? null);
      await ack(
        `:white_check_mark: ${done === 'added' ? 'Added' : 'Updated'} the ${material.kind} for *${material.session}*. \`/sko materials\` shows the portal; \`/sko materials post\` sends it to <#${event.channelId}>.`,
      );
      await refreshChannelCanvas(deps, event.id);
      return;
    }
    const sessions = portal(deps.db, event.id);
    if (sessions.length === 0) throw new NotFoundError('There are no materials to post yet: add them with `/sko materials add <session title> <link>`.');
    const message = buildMaterialsPortal(event.name, sessions);
    // The key is the portal's content: posting the same portal twice sends it once; a changed one goes out again.
    const key = `materials-portal:${event.id}:${createHash('sha256').update(JSON.stringify(sessions)).digest('hex').slice(0, 16)}`;
    const added = enqueue(deps.db, [
      {
        key,
        kind: 'materials-portal',
        label: 'the materials portal',
        channel: event.channelId,
        text: message.text,
        blocks: message.blocks,
        eventId: event.id,
        notifyOnFailure: command.user_id,
      },
    ]);
    deps.outbox.kick();
    await ack(
      added
        ? `:outbox_tray: Posting the materials portal (${sessions.length} sessions) to <#${event.channelId}>.`
        : `That portal is already posted to <#${event.channelId}>; add or change a link to post a new one.`,
    );
  }),
};
