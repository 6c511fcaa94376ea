import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { decideSeeSurveyResults } from '../../src/domain/access.js';
import { isUserFacing } from '../../src/errors.js';
import { LESSONS_TITLE, writeLessons } from '../../src/services/narrative/brief.js';
import { actorFor } from '../../src/services/people/access.js';
import { surveyResults } from '../../src/services/surveys/surveys.js';
import { replyPrivately } from '../../views/kit/private-reply.js';
import { eventOfButton } from '../../views/kit/sko-ref.js';
import { briefMarkdown, buildBriefReply, createBriefCanvas } from '../../views/narrative/brief-canvas.js';
import { NO_EVENT_TEXT } from '../../views/plan/status-message.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * "Draft the lessons learned" under `/sko survey results post`: the same check as the results
 * themselves (whoever may see them), then a canvas in the clicker's DM for them to edit.
 */
export function handleDraftLessons(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const narrator = deps.narrative;
    const event = eventOfButton(action.value, { db: deps.db, userId: body.user.id, channelId: body.channel?.id });
    if (!narrator || !event) return replyPrivately(respond, NO_EVENT_TEXT);
    const decision = decideSeeSurveyResults(actorFor(deps.db, body.user.id, event));
    if (!decision.allowed) return replyPrivately(respond, decision.reason);
    try {
      const written = await writeLessons(narrator, surveyResults(deps.db, event.id, 'post'));
      if (written.kind === 'text') await createBriefCanvas(deps.slack, body.user.id, LESSONS_TITLE, briefMarkdown(LESSONS_TITLE, written.text));
      await replyPrivately(respond, buildBriefReply(written, LESSONS_TITLE, 'brief:lessons'));
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await replyPrivately(respond, error.message);
    }
  };
}
