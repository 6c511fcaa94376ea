import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { decideSeeSurveyResults } from '../../src/domain/access.js';
import { parseSurveyFile } from '../../src/domain/surveys/survey-file.js';
import type { SurveyKind } from '../../src/domain/surveys/surveys.js';
import { isUserFacing } from '../../src/errors.js';
import { editCommunicationsDecision } from '../../src/services/comms/editing.js';
import { actorFor } from '../../src/services/people/access.js';
import { allEvents, eventById } from '../../src/services/plan/event-store.js';
import { handleIn, whichSko } from '../../src/services/plan/which-sko.js';
import { isSurveyKind, replaceSurveyDefinition, SURVEY_KIND_NAMES, surveyById, surveyCsv, surveyOf } from '../../src/services/surveys/surveys.js';
import { escapeMrkdwn, type SlackMessage, section } from '../kit/blocks.js';
import { sendFilesInDm } from '../kit/private-reply.js';
import { eventOfButton } from '../kit/sko-ref.js';
import { skoChoicesText } from '../plan/which-sko-message.js';

/** "pre-event-survey-questions.json" (with several SKOs, after the handle): the file name says which survey, so sharing it back needs no words. */
const questionsFile = (kind: SurveyKind, handle: string | null) =>
  `${handle ? `${handle}-` : ''}${SURVEY_KIND_NAMES[kind].toLowerCase().replace(/[^a-z]+/g, '-')}-questions.json`;

/** The survey a file or message names: "pre", "post", "quiz", or its file name. */
function surveyKindIn(text: string): SurveyKind | undefined {
  const t = text.toLowerCase();
  if (/\bquiz\b|certification/.test(t)) return 'quiz';
  if (/\bpost\b|feedback/.test(t)) return 'post';
  if (/\bpre\b|pre-event/.test(t)) return 'pre';
  return undefined;
}

/** The survey a button carries: its number, or (a button from before SKOs were several) its kind in the clicker's SKO. */
function surveyOfButton(deps: Deps, value: string | undefined, body: BlockButtonAction): ReturnType<typeof surveyById> {
  if (value && /^\d+$/.test(value)) return surveyById(deps.db, Number(value));
  const event = eventOfButton(undefined, { db: deps.db, userId: body.user.id, channelId: body.channel?.id });
  return event && value && isSurveyKind(value) ? surveyOf(deps.db, event.id, value) : undefined;
}

/** "Send the answers as CSV" under survey results: every answer, as anonymity allows, in the asker's DM. */
export function handleSendSurveyAnswers(deps: Deps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const row = surveyOfButton(deps, action.value, body);
    const event = row ? eventById(deps.db, row.eventId) : undefined;
    if (!event || !row) return void (await tell('That survey is no longer there.'));
    const decision = decideSeeSurveyResults(actorFor(deps.db, body.user.id, event));
    if (!decision.allowed) return void (await tell(decision.reason));
    const filename = `${SURVEY_KIND_NAMES[row.kind].toLowerCase().replace(/[^a-z]+/g, '-')}-answers.csv`;
    await sendFilesInDm(deps.slack, body.user.id, [{ filename, content: surveyCsv(deps.db, row) }], `The ${SURVEY_KIND_NAMES[row.kind]}'s answers, as CSV.`);
    await tell(':inbox_tray: Sent the answers as CSV to our direct message.');
  };
}

/** "Edit the questions": the survey as a file to change and share back in the DM. */
export function handleSendSurveyQuestions(deps: Deps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const row = surveyOfButton(deps, action.value, body);
    const event = row ? eventById(deps.db, row.eventId) : undefined;
    if (!event || !row) return void (await tell('That survey is no longer there.'));
    const decision = editCommunicationsDecision(deps.db, event, body.user.id);
    if (!decision.allowed) return void (await tell(decision.reason));
    await sendFilesInDm(
      deps.slack,
      body.user.id,
      [{ filename: questionsFile(row.kind, allEvents(deps.db).length > 1 ? event.handle : null), content: `${JSON.stringify(row.definition, null, 2)}\n` }],
      `The ${SURVEY_KIND_NAMES[row.kind]}'s questions. Change the wording, add or remove questions, then drop the file back in here: I check it and replace the questions.`,
    );
    await tell(':inbox_tray: Sent the questions as a file to our direct message.');
  };
}

/** A survey's questions shared back in the DM: checked whole, and saved only if every question is right. */
export function loadSharedSurvey(deps: Deps, slackUserId: string, fileName: string, message: string, content: string): SlackMessage | string {
  const sko = whichSko(deps.db, { slackUserId, handle: handleIn(deps.db, message, fileName) });
  if (sko.kind !== 'found') return `Which SKO are the questions in *${escapeMrkdwn(fileName)}* for? ${skoChoicesText(sko)} The survey was not changed.`;
  const { event } = sko;
  const decision = editCommunicationsDecision(deps.db, event, slackUserId);
  if (!decision.allowed) return `${decision.reason} The survey was not changed.`;
  if (event.archivedAt) return `${event.name} is archived: its surveys are kept as they were. The survey was not changed.`;
  const kind = surveyKindIn(message) ?? surveyKindIn(fileName);
  const row = kind ? surveyOf(deps.db, event.id, kind) : undefined;
  if (!row) return `Which survey are the questions in *${escapeMrkdwn(fileName)}* for? Share it again with "pre", "post" or "quiz" in the message.`;
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return `*${escapeMrkdwn(fileName)}* is not a survey file I can read (it is not valid JSON). Start again from the file "Edit the questions" sends. The survey was not changed.`;
  }
  const edited = parseSurveyFile(data);
  if (!edited.ok) return problems(fileName, edited.problems);
  try {
    const saved = replaceSurveyDefinition(deps.db, row, edited.survey, deps.clock.now());
    const line = `:white_check_mark: Saved: the ${SURVEY_KIND_NAMES[saved.kind]} now has ${saved.definition.questions.length} questions.`;
    return { text: line, blocks: [section(line)] };
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    return `:x: ${escapeMrkdwn(error.message)}`;
  }
}

function problems(fileName: string, list: readonly string[]): SlackMessage {
  const head = `:x: The survey was not changed: *${escapeMrkdwn(fileName)}* has ${list.length === 1 ? 'a problem' : `${list.length} problems`}. Fix ${list.length === 1 ? 'it' : 'them'} and share the file again.`;
  return { text: head.replace(/\*/g, ''), blocks: [section(head), section(list.map((p) => `• ${escapeMrkdwn(p)}`).join('\n'))] };
}
