import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { MAX_LESSONS } from '../../src/domain/plan/lessons.js';
import { lessonsEventFor } from '../../src/services/people/access.js';
import type { EventRow } from '../../src/services/plan/event-store.js';
import { LessonsInputError, lessonsStart, saveLessons } from '../../src/services/plan/lessons.js';
import { tasksByIds } from '../../src/services/plan/tasks.js';
import { context, escapeMrkdwn, mention, plain, truncate } from '../kit/blocks.js';
import { plural } from '../kit/format.js';
import { LESSONS_MODAL } from '../kit/ids.js';
import { openModalOr } from '../kit/open-modal.js';
import { unlessRefused } from '../kit/refuse.js';
import { buildNoticeModal } from './setup-modal.js';
import { type ButtonArgs, parseTaskRef } from './task-list.js';

const { blocks: B, actionId: A } = LESSONS_MODAL;
/** Slack's limit for a text input's value. */
const TEXT_MAX = 3000;

type Start = ReturnType<typeof lessonsStart>;

/** What worked, what to change (one lesson a line) and who acts on the changes next time; the SKO's id travels in private_metadata. */
function buildLessonsModal(event: EventRow, start: Start): ModalView {
  const text = (blockId: string, label: string, initial: string, hint: string) => ({
    type: 'input' as const,
    block_id: blockId,
    optional: true,
    label: plain(label),
    hint: plain(hint),
    element: {
      type: 'plain_text_input' as const,
      action_id: A,
      multiline: true,
      max_length: TEXT_MAX,
      ...(initial ? { initial_value: truncate(initial, TEXT_MAX) } : {}),
    },
  });
  const intro = start.fromSurvey
    ? 'Drafted from the post-event survey: the best-rated sessions, the lowest-rated, and what the answers ask to do better. Edit freely.'
    : `What ${escapeMrkdwn(event.name)} taught you, for the next SKO: it shows them when it is set up and in its first digest.`;
  return {
    type: 'modal',
    callback_id: LESSONS_MODAL.callbackId,
    private_metadata: JSON.stringify({ e: event.id }),
    title: plain('Lessons learned'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      context(intro),
      text(B.worked, 'What worked', start.worked, `One lesson a line, up to ${MAX_LESSONS}.`),
      text(B.toChange, 'What to change', start.toChange, `One a line, up to ${MAX_LESSONS}: each becomes a week-1 task of the next SKO.`),
      {
        type: 'input',
        block_id: B.owner,
        optional: true,
        label: plain('Owner for next time'),
        hint: plain('Who acts on the changes at the next SKO.'),
        element: { type: 'users_select', action_id: A, ...(start.ownerSlackId ? { initial_user: start.ownerSlackId } : {}) },
      },
    ],
  };
}

/** Capture lessons (on the week-12 task): opens the form, prefilled, for those who may save it; the SKO's id comes from the task. */
export function handleLessonsButton(deps: Deps) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = parseTaskRef(action.value);
    const found = ref?.task ? tasksByIds(deps.db, [ref.task]) : null;
    if (!found) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That button belongs to an older message. Run `/sko tasks` for a fresh one.',
      });
      return;
    }
    const { event } = found.plan;
    await openModalOr(
      deps,
      body.trigger_id,
      () => {
        lessonsEventFor(deps.db, event.id, body.user.id);
        return buildLessonsModal(event, lessonsStart(deps.db, event.id));
      },
      async (text) => {
        await respond({ response_type: 'ephemeral', replace_original: false, text });
      },
    );
  };
}

function eventIdOf(metadata: string): number | null {
  try {
    const id = (JSON.parse(metadata) as { e?: unknown }).e;
    return typeof id === 'number' && Number.isInteger(id) ? id : null;
  } catch {
    return null;
  }
}

const FIELD_BLOCKS = { worked: B.worked, toChange: B.toChange, owner: B.owner } as const;
type Field = keyof typeof FIELD_BLOCKS;

export function handleLessonsSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const values = view.state.values;
    const eventId = eventIdOf(view.private_metadata);
    if (eventId === null) {
      await ack({ response_action: 'update', view: buildNoticeModal('Not saved', 'This form is out of date. Open it again from the task.') });
      return;
    }
    const form = {
      worked: values[B.worked]?.[A]?.value ?? '',
      toChange: values[B.toChange]?.[A]?.value ?? '',
      ownerSlackId: values[B.owner]?.[A]?.selected_user ?? null,
    };
    const saved = await unlessRefused(
      () => saveLessons(deps.db, eventId, body.user.id, form, deps.clock.now()),
      (message, error) =>
        error instanceof LessonsInputError
          ? ack({
              response_action: 'errors',
              errors: Object.fromEntries(Object.entries(error.fields).map(([field, text]) => [FIELD_BLOCKS[field as Field], text])),
            })
          : ack({ response_action: 'update', view: buildNoticeModal('Not saved', message) }),
    );
    if (!saved) return;
    const changes = saved.lessons.toChange.length;
    const owner = form.ownerSlackId ? mention(form.ownerSlackId) : 'its SKO lead';
    const next = changes ? ` and ${owner} gets a week-1 task for each of the ${plural(changes, 'change')}` : '';
    await ack({
      response_action: 'update',
      view: buildNoticeModal(
        'Lessons saved',
        `The lessons of *${escapeMrkdwn(saved.event.name)}* are saved and its task is done. The next SKO shows them when it is set up and in its first digest${next}.`,
      ),
    });
  };
}
