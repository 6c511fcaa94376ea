import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewOutput, ViewSubmitAction } from '@slack/bolt';
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { Deps } from '../../src/deps.js';
import type { SurveyPage } from '../../src/domain/surveys/paging.js';
import {
  type Answers,
  type AnswerValue,
  type Question,
  RATING_MIN,
  type Survey,
  YES_SOMEWHAT_NO,
  YES_SOMEWHAT_NO_LABELS,
} from '../../src/domain/surveys/surveys.js';
import { isUserFacing } from '../../src/errors.js';
import type { PageOutcome } from '../../src/services/surveys/surveys.js';
import { answerPage, firstPage, type SurveyAccess, surveyAccess } from '../../src/services/surveys/taking.js';
import { refreshHome } from '../home/home.js';
import { context, plain, section, truncate } from '../kit/blocks.js';
import { formatDateTime } from '../kit/format.js';
import { SURVEY } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { buildNoticeModal } from '../plan/setup-modal.js';

const { questionPrefix, actionId: A } = SURVEY;
const metaSchema = z.object({ s: z.number().int().positive(), p: z.number().int().positive() });

function option(text: string, value: string): PlainTextOption {
  return { text: plain(truncate(text, 75)), value };
}

function choices(q: Question): PlainTextOption[] {
  switch (q.kind) {
    case 'rating':
      return q.labels.map((label, i) => option(`${RATING_MIN + i} · ${label}`, String(RATING_MIN + i)));
    case 'single':
    case 'multi':
      return q.options.map((o) => option(o.label, o.id));
    case 'yes-somewhat-no':
      return YES_SOMEWHAT_NO.map((v) => option(YES_SOMEWHAT_NO_LABELS[v], v));
    case 'text':
      return [];
  }
}

function questionInput(q: Question, earlier: AnswerValue | undefined): InputBlock {
  const options = choices(q);
  const chosen = (value: AnswerValue | undefined) =>
    options.filter((o) => (Array.isArray(value) ? value.map(String) : [String(value)]).includes(o.value ?? ''));
  let element: InputBlock['element'];
  if (q.kind === 'text') {
    element = {
      type: 'plain_text_input',
      action_id: A,
      multiline: q.multiline,
      max_length: q.maxLength,
      ...(typeof earlier === 'string' && earlier ? { initial_value: earlier } : {}),
    };
  } else if (q.kind === 'multi') {
    const initial = chosen(earlier);
    element = { type: 'checkboxes', action_id: A, options, ...(initial.length ? { initial_options: initial } : {}) };
  } else {
    const [initial] = earlier === undefined ? [] : chosen(earlier);
    element = { type: 'radio_buttons', action_id: A, options, ...(initial ? { initial_option: initial } : {}) };
  }
  return {
    type: 'input',
    block_id: `${questionPrefix}${q.id}`,
    label: plain(q.prompt),
    optional: !q.required,
    element,
    ...(q.hint ? { hint: plain(q.hint) } : {}),
  };
}

/** One page of a survey as a modal; earlier answers are filled in, so answering again starts from them. */
function buildSurveyModal(survey: Survey, surveyId: number, page: SurveyPage, answers: Answers): ModalView {
  const last = page.number === page.of;
  const privacy = survey.anonymous ? 'Anonymous: your name is not stored with your answers.' : 'Your answers are recorded under your name.';
  return {
    type: 'modal',
    callback_id: SURVEY.callbackId,
    private_metadata: JSON.stringify({ s: surveyId, p: page.number }),
    title: plain(survey.title),
    submit: plain(last ? 'Submit' : 'Next'),
    close: plain('Cancel'),
    blocks: [
      ...(page.number === 1 ? [section(survey.intro)] : []),
      context(`${page.of > 1 ? `Page ${page.number} of ${page.of} · ` : ''}${privacy}`),
      ...page.questions.map((q) => questionInput(q, answers[q.id])),
    ],
  };
}

/** The raw answers of one page, as the modal's state holds them; validation decides what they are worth. */
function readPageAnswers(view: Pick<ViewOutput, 'state'>, page: SurveyPage): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const q of page.questions) {
    const el = view.state.values[`${questionPrefix}${q.id}`]?.[A];
    if (!el) continue;
    if (q.kind === 'multi') raw[q.id] = (el.selected_options ?? []).map((o) => o.value);
    else if (q.kind === 'text') raw[q.id] = el.value ?? undefined;
    else raw[q.id] = el.selected_option?.value ?? undefined;
  }
  return raw;
}

function closedText(access: Exclude<SurveyAccess, { kind: 'open' }>): string {
  return access.kind === 'closed'
    ? `“${access.title}” closed ${formatDateTime(access.closesAt, access.timeZone)}, so it takes no more answers.`
    : `“${access.title}” opens ${formatDateTime(access.opensAt, access.timeZone)}.`;
}

function thanksModal(survey: Survey, outcome: Extract<PageOutcome, { kind: 'done' }>, closesAt: Date, timeZone: string): ModalView {
  const lines = [outcome.replaced ? 'Your new answers are saved; they replace the ones you gave before.' : 'Your answers are saved. Thank you!'];
  if (outcome.grade) {
    const g = outcome.grade;
    lines.push(
      `You got *${g.correct} of ${g.total}* right (${Math.round(g.score)}%): ${g.passed ? ':white_check_mark: you passed.' : `not a pass yet; the pass mark is ${survey.passMark}%. You can try again.`}`,
    );
  }
  lines.push(`You can change them until ${formatDateTime(closesAt, timeZone)} with the Answer button in the message.`);
  return { ...buildNoticeModal(survey.title, lines.join('\n\n')), close: plain('Done') };
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Answer: opens the survey's first page inside the click's 3-second trigger window. */
export function handleAnswerButton(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    let view: ModalView | null = null;
    try {
      const access = surveyAccess(deps.db, Number(action.value), body.user.id, deps.clock.now());
      if (access.kind !== 'open') {
        await respond({ response_type: 'ephemeral', replace_original: false, text: closedText(access) });
        return;
      }
      const { page, answers } = firstPage(deps.db, deps.surveyKeySecret, access);
      view = buildSurveyModal(access.row.definition, access.row.id, page, answers);
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await respond({ response_type: 'ephemeral', replace_original: false, text: error.message });
      return;
    }
    await deps.slack.views.open({ trigger_id: body.trigger_id, view });
  };
}

/** A page submitted: errors inline and nothing stored, the next page, or the thanks. */
export function handleSurveySubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    let meta: z.infer<typeof metaSchema>;
    try {
      meta = metaSchema.parse(JSON.parse(view.private_metadata));
    } catch {
      await ack({ response_action: 'update', view: buildNoticeModal('Survey', 'This survey form is out of date; open it again from its message.') });
      return;
    }
    const now = deps.clock.now();
    const result = await unlessRefused(
      () =>
        answerPage(deps.db, deps.surveyKeySecret, {
          surveyId: meta.s,
          slackUserId: body.user.id,
          pageNumber: meta.p,
          read: (page) => readPageAnswers(view, page),
          now,
        }),
      (message) => ack({ response_action: 'update', view: buildNoticeModal('Not saved', message) }),
    );
    if (result === undefined) return;
    const { access, outcome } = result;
    if (access.kind !== 'open' || !outcome) {
      await ack({
        response_action: 'update',
        view: buildNoticeModal('Not saved', access.kind === 'open' ? 'Open the survey again from its message.' : closedText(access)),
      });
      return;
    }
    const survey = access.row.definition;
    switch (outcome.kind) {
      case 'errors':
        await ack({
          response_action: 'errors',
          errors: Object.fromEntries(Object.entries(outcome.errors).map(([id, message]) => [`${questionPrefix}${id}`, message])),
        });
        return;
      case 'next':
        await ack({ response_action: 'update', view: buildSurveyModal(survey, access.row.id, outcome.page, outcome.answers) });
        return;
      case 'done':
        await ack({ response_action: 'update', view: thanksModal(survey, outcome, access.closesAt, access.timeZone) });
        await refreshHome(deps, body.user.id);
        return;
    }
  };
}
