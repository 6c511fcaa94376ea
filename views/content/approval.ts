/**
 * The approval flow's listeners: Submit content (under `/sko content`) and its modal, then Approve
 * and Ask for changes in each leader's DM. The owner hears the answer by DM; the leader's DM is
 * redrawn without its buttons.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { Deps } from '../../src/deps.js';
import { isUserFacing } from '../../src/errors.js';
import { type ContentItem, contentToDecide, contentToSubmit, decideContent, submitContent } from '../../src/services/content/approval.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import type { EventRow } from '../../src/services/plan/event-store.js';
import { escapeMrkdwn, input, mention, plain, section } from '../kit/blocks.js';
import { CONTENT } from '../kit/ids.js';
import { openModalOr } from '../kit/open-modal.js';
import { unlessRefused } from '../kit/refuse.js';
import { tellClicker } from '../kit/tell.js';
import { buildNoticeModal } from '../plan/setup-modal.js';
import { buildApprovalRequest, buildOwnerNews, buildSettledRequest, parseSubmissionRef, settledText } from './messages.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const ABOUT = 'a note about session content';
const STALE_BUTTON = 'That button is out of date. Run `/sko content` for the sessions as they are now.';
const S = CONTENT.submitModal;
const C = CONTENT.changesModal;

function buildSubmitModal(item: ContentItem): ModalView {
  return {
    type: 'modal',
    callback_id: S.callbackId,
    private_metadata: String(item.sessionId),
    title: plain('Submit content'),
    submit: plain('Submit'),
    close: plain('Cancel'),
    blocks: [
      section(`*${escapeMrkdwn(item.title)}* · day ${item.day}, ${item.start}–${item.end}`),
      input(
        S.blocks.link,
        'Link to the content',
        {
          type: 'plain_text_input',
          action_id: S.actionId,
          max_length: 1000,
          placeholder: plain('https://docs.example.com/deck'),
          ...(item.link ? { initial_value: item.link } : {}),
        },
        { hint: "The deck, document or folder. The SKO's sales leaders get it by direct message to approve." },
      ),
    ],
  };
}

/** Submit content: the modal for the content's owners; anyone else is told who may. */
export function handleSubmitContentButton(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const sessionId = Number(action.value);
    await openModalOr(
      deps,
      body.trigger_id,
      () => buildSubmitModal(contentToSubmit(deps.db, sessionId, body.user.id).item),
      (text) => tellClicker(deps, body, respond, text, ABOUT),
    );
  };
}

/** Records the submission and asks the sales leaders by DM; a bad link is shown on its field and nothing is written. */
export function handleSubmitContentSubmission(deps: Deps) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const link = view.state.values[S.blocks.link]?.[S.actionId]?.value;
    const now = deps.clock.now();
    const outcome = await unlessRefused(
      () => submitContent(deps.db, Number(view.private_metadata), body.user.id, link, now),
      (message) => ack({ response_action: 'update', view: buildNoticeModal('Not submitted', message) }),
    );
    if (outcome === undefined) return;
    if (!outcome.ok) {
      await ack({ response_action: 'errors', errors: { [S.blocks.link]: outcome.errors.link } });
      return;
    }
    const { item, event, approvers } = outcome;
    const asked = approvers.map((p) => mention(p.slackUserId ?? '')).join(', ');
    await ack({
      response_action: 'update',
      view: buildNoticeModal(
        'Content submitted',
        asked
          ? `*${escapeMrkdwn(item.title)}* is waiting for approval. ${asked} ${approvers.length === 1 ? 'has' : 'have'} it by direct message.`
          : `*${escapeMrkdwn(item.title)}* is waiting for approval, but the SKO names no sales leader to ask; the SKO lead can name them in \`/sko setup\`.`,
      ),
    });
    enqueue(
      deps.db,
      approvers.map((p) => ({
        key: `content-approval:${item.sessionId}:${item.round}:${p.id}`,
        kind: 'content-approval',
        label: `the request to approve the content of “${item.title}”`,
        channel: p.slackUserId ?? '',
        eventId: event.id,
        ...buildApprovalRequest(item, event.name),
      })),
    );
    deps.outbox.kick();
  };
}

/** The owner hears the answer, unless they gave it themselves. */
function tellOwner(deps: Deps, item: ContentItem, event: EventRow, clicker: string): void {
  const owner = item.submittedBy?.slackUserId;
  if (!owner || owner === clicker) return;
  enqueue(deps.db, [
    {
      key: `content-decided:${item.sessionId}:${item.round}`,
      kind: 'content-decided',
      label: `the answer about the content of “${item.title}”`,
      channel: owner,
      eventId: event.id,
      ...buildOwnerNews(item, event.name),
    },
  ]);
  deps.outbox.kick();
}

/** Approve, in a leader's DM. */
export function handleApproveContentButton(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = parseSubmissionRef(action.value);
    if (!ref) return tellClicker(deps, body, respond, STALE_BUTTON, ABOUT);
    const outcome = await unlessRefused(
      () => decideContent(deps.db, ref.sessionId, ref.round, body.user.id, { kind: 'approve' }, deps.clock.now()),
      (message) => tellClicker(deps, body, respond, message, ABOUT),
    );
    if (outcome === undefined || 'errors' in outcome) return;
    if (!outcome.ok) return tellClicker(deps, body, respond, settledText(outcome.settled, ref.round, outcome.event.timeZone), ABOUT);
    await redrawRequest(deps, body.channel?.id, body.message?.ts, outcome.item, outcome.event.timeZone);
    tellOwner(deps, outcome.item, outcome.event, body.user.id);
  };
}

/** The leader's DM, redrawn as settled. */
async function redrawRequest(deps: Deps, channel: string | undefined, ts: string | undefined, item: ContentItem, timeZone: string): Promise<void> {
  if (!channel || !ts) return;
  await deps.slack.chat.update({ channel, ts, ...buildSettledRequest(item, timeZone) });
}

const changesMetadata = z.object({
  s: z.number().int().positive(),
  r: z.number().int().positive(),
  c: z.string().max(30).optional(),
  t: z.string().max(30).optional(),
});

function buildChangesModal(item: ContentItem, round: number, message: { channel?: string | undefined; ts?: string | undefined }): ModalView {
  return {
    type: 'modal',
    callback_id: C.callbackId,
    private_metadata: JSON.stringify({ s: item.sessionId, r: round, c: message.channel, t: message.ts }),
    title: plain('Ask for changes'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks: [
      section(`*${escapeMrkdwn(item.title)}* · day ${item.day}, ${item.start}–${item.end}`),
      input(
        C.blocks.note,
        'What should change?',
        { type: 'plain_text_input', action_id: C.actionId, multiline: true, max_length: 1500 },
        { hint: 'The content owner gets this by direct message.' },
      ),
    ],
  };
}

/** Ask for changes, in a leader's DM: the note's modal, for those who may approve. */
export function handleAskChangesButton(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = parseSubmissionRef(action.value);
    if (!ref) return tellClicker(deps, body, respond, STALE_BUTTON, ABOUT);
    const where = { channel: body.channel?.id, ts: body.message?.ts };
    await openModalOr(
      deps,
      body.trigger_id,
      () => buildChangesModal(contentToDecide(deps.db, ref.sessionId, body.user.id).item, ref.round, where),
      (text) => tellClicker(deps, body, respond, text, ABOUT),
    );
  };
}

/** Records the request for changes and sends the note to the owner; an empty note is shown on its field. */
export function handleAskChangesSubmission(deps: Deps) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const meta = changesMetadata.safeParse(safeJson(view.private_metadata));
    if (!meta.success) {
      await ack({ response_action: 'update', view: buildNoticeModal('Not sent', STALE_BUTTON) });
      return;
    }
    const { s, r, c, t } = meta.data;
    const note = view.state.values[C.blocks.note]?.[C.actionId]?.value;
    let outcome: ReturnType<typeof decideContent>;
    try {
      outcome = decideContent(deps.db, s, r, body.user.id, { kind: 'changes', note }, deps.clock.now());
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await ack({ response_action: 'update', view: buildNoticeModal('Not sent', error.message) });
      return;
    }
    if (!outcome.ok && 'errors' in outcome) {
      await ack({ response_action: 'errors', errors: { [C.blocks.note]: outcome.errors.note } });
      return;
    }
    if (!outcome.ok) {
      await ack({ response_action: 'update', view: buildNoticeModal('Not sent', settledText(outcome.settled, r, outcome.event.timeZone)) });
      return;
    }
    const owner = outcome.item.submittedBy?.slackUserId;
    await ack({
      response_action: 'update',
      view: buildNoticeModal(
        'Changes asked for',
        owner && owner !== body.user.id ? `${mention(owner)} gets your note by direct message.` : 'Your note is saved with the session.',
      ),
    });
    await redrawRequest(deps, c, t, outcome.item, outcome.event.timeZone);
    tellOwner(deps, outcome.item, outcome.event, body.user.id);
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
