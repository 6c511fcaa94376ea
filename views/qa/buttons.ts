/** A question's Upvote and Mark answered buttons, in the event channel. */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { markAnswered, voteFor } from '../../src/services/qa/questions.js';
import { unlessRefused } from '../kit/refuse.js';
import { sendQuestionUpdate } from './messages.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function handleUpvote(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const vote = await unlessRefused(() => voteFor(deps.db, deps.surveyKeySecret, Number(action.value), body.user.id), tell);
    if (vote === undefined) return;
    if (!vote.counted) {
      await tell('You have already upvoted this question: each person’s vote counts once.');
      return;
    }
    sendQuestionUpdate(deps, vote.question);
  };
}

export function handleMarkAnswered(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const marked = await unlessRefused(() => markAnswered(deps.db, Number(action.value), body.user.id, deps.clock.now()), tell);
    if (marked === undefined) return;
    if (!marked.changed) {
      await tell('This question is already marked answered.');
      return;
    }
    sendQuestionUpdate(deps, marked.question);
  };
}
