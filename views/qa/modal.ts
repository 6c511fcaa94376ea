/** The Ask a question form: from the morning agenda's button or `/sko ask`, named or anonymous. */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { Deps } from '../../src/deps.js';
import type { Placement } from '../../src/domain/qa/questions.js';
import { InputError } from '../../src/errors.js';
import { askQuestion, whereQuestionGoes } from '../../src/services/qa/questions.js';
import { channelMention, escapeMrkdwn, input, plain } from '../kit/blocks.js';
import { QA } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { eventOfButton } from '../kit/sko-ref.js';
import { buildNoticeModal } from '../plan/setup-modal.js';
import { sendQuestion } from './messages.js';

const metaSchema = z.object({ e: z.number().int().positive() });

function placementText(placement: Exclude<Placement, { kind: 'none' }>, channelId: string): string {
  const { session } = placement;
  const title = `“${escapeMrkdwn(session.title)}”`;
  const where = channelMention(channelId);
  if (placement.kind === 'running') return `in ${where}, in the thread of the session running now, ${title}.`;
  if (placement.kind === 'next') return `in ${where}, in the thread of the next session, ${title} at ${session.start}: no session is running now.`;
  return `in ${where}, in the thread of today’s last session, ${title}: today’s sessions have ended.`;
}

function buildAskModal(eventId: number, placement: Exclude<Placement, { kind: 'none' }>, prefill: string): ModalView {
  const title = placement.session.title;
  return {
    type: 'modal',
    callback_id: QA.callbackId,
    private_metadata: JSON.stringify({ e: eventId }),
    title: plain('Ask a question'),
    submit: plain('Ask'),
    close: plain('Cancel'),
    blocks: [
      input(
        QA.blocks.question,
        'Your question',
        { type: 'plain_text_input', action_id: QA.actionId, multiline: true, ...(prefill ? { initial_value: prefill } : {}) },
        { hint: `It goes to the event channel, under “${title}”, where everyone can upvote it.` },
      ),
      input(
        QA.blocks.anonymous,
        'Your name',
        {
          type: 'checkboxes',
          action_id: QA.actionId,
          options: [{ text: plain('Ask anonymously'), value: 'anonymous', description: plain('Your name is not shown, nor stored with the question.') }],
        },
        { optional: true },
      ),
    ],
  };
}

/** Opens the form, or says why there is nowhere to ask now (before the event, a day without sessions). */
export async function openAskModal(deps: Deps, eventId: number, triggerId: string, prefill: string, refuse: (text: string) => Promise<unknown>): Promise<void> {
  const placement = whereQuestionGoes(deps.db, eventId, deps.clock.now());
  if (placement.kind === 'none') {
    await refuse(placement.reason);
    return;
  }
  await deps.slack.views.open({ trigger_id: triggerId, view: buildAskModal(eventId, placement, prefill) });
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Ask a question, under the morning agenda. */
export function handleAskButton(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const event = eventOfButton(action.value, { db: deps.db, userId: body.user.id, channelId: body.channel?.id });
    if (!event) {
      await tell('That button belongs to an older message. Use `/sko ask` instead.');
      return;
    }
    await openAskModal(deps, event.id, body.trigger_id, '', tell);
  };
}

/** The form submitted: inline errors and nothing stored, or the question posted and where it went. */
export function handleAskSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const meta = metaSchema.safeParse(JSON.parse(view.private_metadata || '{}'));
    if (!meta.success) {
      await ack({ response_action: 'update', view: buildNoticeModal('Ask a question', 'This form is out of date; open it again.') });
      return;
    }
    const values = view.state.values;
    const anonymous = (values[QA.blocks.anonymous]?.[QA.actionId]?.selected_options ?? []).some((o) => o.value === 'anonymous');
    const asked = await unlessRefused(
      () =>
        askQuestion(deps.db, deps.surveyKeySecret, {
          eventId: meta.data.e,
          slackUserId: body.user.id,
          text: values[QA.blocks.question]?.[QA.actionId]?.value ?? undefined,
          anonymous,
          now: deps.clock.now(),
        }),
      (message, error) =>
        error instanceof InputError && error.field === 'question'
          ? ack({ response_action: 'errors', errors: { [QA.blocks.question]: message } })
          : ack({ response_action: 'update', view: buildNoticeModal('Not posted', message) }),
    );
    if (asked === undefined) return;
    const { question, placement } = asked;
    const where = placementText({ kind: placement, session: question.session }, question.channelId);
    const how = anonymous ? ' It is anonymous: your name is not shown, nor stored with it.' : '';
    await ack({ response_action: 'update', view: buildNoticeModal('Question asked', `Your question is posted ${where}${how}`) });
    sendQuestion(deps, question);
  };
}
