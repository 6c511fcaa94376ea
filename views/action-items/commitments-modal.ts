import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { InputBlock, ModalView } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { type CommitmentEntry, MAX_COMMITMENTS, validateCommitments } from '../../src/domain/action-items/commitments.js';
import { MAX_TITLE_LENGTH } from '../../src/domain/action-items/items.js';
import { localDate } from '../../src/domain/dates.js';
import { commitmentCounts, recordCommitments } from '../../src/services/action-items/items.js';
import { findPersonBySlackId } from '../../src/services/people/people.js';
import { escapeMrkdwn, plain, section, truncate } from '../kit/blocks.js';
import { formatDate } from '../kit/format.js';
import { COMMITMENTS } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { eventOfButton, skoRef } from '../kit/sko-ref.js';
import { buildNoticeModal } from '../plan/setup-modal.js';
import { NO_EVENT_TEXT } from '../plan/status-message.js';

const ordinal = ['First', 'Second', 'Third'];

/** One row per commitment still to record: what, and by when. */
function buildCommitmentsModal(rows: number, recorded: number): ModalView {
  const blocks: InputBlock[] = [];
  for (let n = 1; n <= rows; n++) {
    const label = ordinal[recorded + n - 1] ?? `Commitment ${recorded + n}`;
    blocks.push(
      {
        type: 'input',
        block_id: `${COMMITMENTS.text}${n}`,
        label: plain(`${label} commitment`),
        optional: n > 1,
        element: {
          type: 'plain_text_input',
          action_id: COMMITMENTS.actionId,
          max_length: MAX_TITLE_LENGTH,
          placeholder: plain(n === 1 ? 'Run discovery with the new framework on every first call' : 'Another thing you will do differently'),
        },
      },
      {
        type: 'input',
        block_id: `${COMMITMENTS.due}${n}`,
        label: plain('By when'),
        optional: n > 1,
        element: { type: 'datepicker', action_id: COMMITMENTS.actionId },
      },
    );
  }
  return {
    type: 'modal',
    callback_id: COMMITMENTS.callbackId,
    title: plain('Your SKO commitments'),
    submit: plain('Record'),
    close: plain('Cancel'),
    blocks: [
      section(
        'What will you do differently after the SKO? Each commitment becomes an action item that reminds you as it comes due; your manager can see them.',
      ),
      ...blocks,
    ],
  };
}

/** "Record my commitments" in the week-11 invitation. */
export function handleOpenCommitments(deps: Deps) {
  return async ({ ack, body, action }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const event = eventOfButton(action.value, { db: deps.db, userId: body.user.id, channelId: body.channel?.id });
    const person = findPersonBySlackId(deps.db, body.user.id);
    const recorded = event && person ? (commitmentCounts(deps.db, event.id).get(person.id) ?? 0) : 0;
    const view = !event
      ? buildNoticeModal('Your SKO commitments', NO_EVENT_TEXT)
      : recorded >= MAX_COMMITMENTS
        ? buildNoticeModal(
            'Your SKO commitments',
            `You have recorded your ${MAX_COMMITMENTS} commitments. \`/sko actions\` lists them, with buttons to mark each done.`,
          )
        : { ...buildCommitmentsModal(MAX_COMMITMENTS - recorded, recorded), private_metadata: skoRef(event.id) };
    await deps.slack.views.open({ trigger_id: body.trigger_id, view });
  };
}

export function handleCommitmentsSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const event = eventOfButton(view.private_metadata, { db: deps.db, userId: body.user.id });
    if (!event) {
      await ack({ response_action: 'update', view: buildNoticeModal('Not recorded', NO_EVENT_TEXT) });
      return;
    }
    const values = view.state.values;
    const entries: CommitmentEntry[] = [];
    for (let n = 1; values[`${COMMITMENTS.text}${n}`]; n++) {
      entries.push({
        text: values[`${COMMITMENTS.text}${n}`]?.[COMMITMENTS.actionId]?.value,
        due: values[`${COMMITMENTS.due}${n}`]?.[COMMITMENTS.actionId]?.selected_date,
      });
    }
    const now = deps.clock.now();
    const result = validateCommitments(entries, { today: localDate(now, event.timeZone), timeZone: event.timeZone });
    if (!result.ok) {
      const errors: Record<string, string> = {};
      for (const [i, problems] of Object.entries(result.errors)) {
        if (problems.text) errors[`${COMMITMENTS.text}${Number(i) + 1}`] = problems.text;
        if (problems.due) errors[`${COMMITMENTS.due}${Number(i) + 1}`] = problems.due;
      }
      await ack({ response_action: 'errors', errors });
      return;
    }
    const items = await unlessRefused(
      () => recordCommitments(deps.db, event, body.user.id, result.commitments, now),
      (message) => ack({ response_action: 'update', view: buildNoticeModal('Not recorded', message) }),
    );
    if (items === undefined) return;
    const list = items.map((i) => `• *${escapeMrkdwn(truncate(i.title, 600))}* by ${formatDate(i.due ?? '', { year: false })}`).join('\n');
    await ack({
      response_action: 'update',
      view: buildNoticeModal('Commitments recorded', `Recorded. I will remind you as each comes due, and your manager can see them:\n${list}`),
    });
  };
}
