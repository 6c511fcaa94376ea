import type { BlockAction, RespondFn } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { section } from './blocks.js';

/**
 * Says something to the person who clicked, privately: under the message they clicked in, or by DM
 * from the Home tab, which has no response_url. `about` names the DM in delivery reports.
 */
export async function tellClicker(deps: Deps, body: BlockAction, respond: RespondFn, text: string, about: string): Promise<void> {
  if (body.container.type !== 'view') {
    await respond({ response_type: 'ephemeral', replace_original: false, text });
    return;
  }
  const at = body.actions[0]?.action_ts ?? body.trigger_id;
  enqueue(deps.db, [{ key: `home-note:${body.user.id}:${at}`, kind: 'notice', label: about, channel: body.user.id, text, blocks: [section(text)] }]);
  deps.outbox.kick();
}
