import type { AllMiddlewareArgs, BlockAction, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import type { ActionItemView } from '../../src/domain/action-items/notices.js';
import { type ActionChange, changeActionItem, changeRule, itemsByIds, mayExportActionItems } from '../../src/services/action-items/items.js';
import { publishHome } from '../home/home.js';
import type { SlackMessage } from '../kit/blocks.js';
import { unlessRefused } from '../kit/refuse.js';
import { tellClicker } from '../kit/tell.js';
import { buildActionListMessage, type ItemRef, itemIdOfBlock, parseItemRef, refreshItemBlocks } from './messages.js';

export const ABOUT_ITEM = 'a note about an action item';
const STALE_ITEM_BUTTON = 'That button is out of date. Run `/sko actions` for your current action items.';

export type ItemButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Where an item was clicked, so it can be redrawn there once it has changed. */
export type Surface =
  | { kind: 'home' }
  | { kind: 'ephemeral'; responseUrl: string; list: number[]; scope: string }
  | { kind: 'message'; channel: string; ts: string };

export function surfaceOf(body: BlockAction, ref: ItemRef): Surface | null {
  if (body.container.type === 'view') return { kind: 'home' };
  if (body.container.is_ephemeral || !body.message || !body.channel) {
    return body.response_url
      ? { kind: 'ephemeral', responseUrl: body.response_url, list: ref.list ?? (ref.item ? [ref.item] : []), scope: ref.scope ?? 'mine' }
      : null;
  }
  return { kind: 'message', channel: body.channel.id, ts: body.message.ts };
}

const CHANGES: Record<'done' | 'reopen' | 'snooze-day' | 'snooze-week', ActionChange> = {
  done: { kind: 'done' },
  reopen: { kind: 'reopen' },
  'snooze-day': { kind: 'snooze', span: '1d' },
  'snooze-week': { kind: 'snooze', span: '1w' },
};

/** Done, Reopen and the two snoozes: record the change (if the clicker may), then redraw the item where it was clicked. */
export function handleActionItemButton(deps: Deps, change: keyof typeof CHANGES) {
  return async ({ ack, body, action, respond }: ItemButtonArgs): Promise<void> => {
    await ack();
    const ref = parseItemRef(action.value);
    const itemId = ref?.item;
    if (!ref || !itemId) {
      await tellClicker(deps, body, respond, STALE_ITEM_BUTTON, ABOUT_ITEM);
      return;
    }
    const changed = await unlessRefused(
      () => changeActionItem(deps.db, itemId, body.user.id, CHANGES[change], deps.clock.now()).item,
      (message) => tellClicker(deps, body, respond, message, ABOUT_ITEM),
    );
    if (changed === undefined) return;
    const surface = surfaceOf(body, ref);
    if (surface) await redraw(deps, surface, body.user.id, changed, body.message?.blocks as KnownBlock[] | undefined);
  };
}

/**
 * Shows the items as they now stand where the reader saw them: the Home tab is drawn again, an
 * ephemeral list (which Slack cannot edit, nor send back) is rebuilt from the ids its buttons carry
 * and replaced through the response_url, and a posted message has its item blocks replaced in place.
 * `changed` is the item just changed, shown even if the reader may no longer see it (they gave it away).
 */
export async function redraw(
  deps: Deps,
  surface: Surface,
  readerSlackId: string,
  changed: ActionItemView,
  postedBlocks?: readonly KnownBlock[],
): Promise<void> {
  if (surface.kind === 'home') {
    await publishHome(deps, readerSlackId);
    return;
  }
  const blocks = surface.kind === 'message' ? (postedBlocks ?? (await fetchBlocks(deps, surface))) : [];
  const ids = surface.kind === 'ephemeral' ? surface.list : idsIn(blocks);
  const found = itemsByIds(deps.db, readerSlackId, ids, deps.clock.now());
  if (!found) return;
  const items = ids.map((id) => (id === changed.id ? changed : found.items.find((i) => i.id === id))).filter((i): i is ActionItemView => i !== undefined);
  const mayChange = changeRule(deps.db, readerSlackId, found.event);
  if (surface.kind === 'ephemeral') {
    const open = items.filter((i) => i.status === 'open').length;
    const message = buildActionListMessage(items, {
      today: found.today,
      timeZone: found.event.timeZone,
      viewerSlackId: readerSlackId,
      scope: surface.scope,
      total: open,
      mayChange,
      mayExport: mayExportActionItems(deps.db, readerSlackId, found.event),
      eventId: found.event.id,
    });
    await postToResponseUrl(surface.responseUrl, { replace_original: true, ...message });
    return;
  }
  await deps.slack.chat.update({
    channel: surface.channel,
    ts: surface.ts,
    blocks: refreshItemBlocks(blocks, new Map(items.map((i) => [i.id, i])), (item) => ({
      today: found.today,
      timeZone: found.event.timeZone,
      viewerSlackId: readerSlackId,
      mayChange: mayChange(item),
    })),
  });
}

function idsIn(blocks: readonly KnownBlock[]): number[] {
  return [...new Set(blocks.map(itemIdOfBlock).filter((id): id is number => id !== null))];
}

/** A posted message's blocks, when the click that started this was a while ago (a modal in between). */
async function fetchBlocks(deps: Deps, surface: { channel: string; ts: string }): Promise<KnownBlock[]> {
  const res = await deps.slack.conversations.history({ channel: surface.channel, latest: surface.ts, inclusive: true, limit: 1 });
  const message = res.messages?.find((m) => m.ts === surface.ts);
  return (message?.blocks ?? []) as KnownBlock[];
}

/** What Bolt's respond() does, for a response_url kept from an earlier click (a modal opened from an ephemeral list). */
async function postToResponseUrl(url: string, message: SlackMessage & { replace_original: boolean }): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}
