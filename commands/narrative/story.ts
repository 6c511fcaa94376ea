import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { isUserFacing } from '../../src/errors.js';
import { recordFeedback, type Verdict } from '../../src/services/narrative/feedback.js';
import { type StoryResult, storyAllowed, writeStory } from '../../src/services/narrative/story.js';
import type { AgentOutput } from '../../src/services/sales/agent-jobs.js';
import { replyPrivately } from '../../views/kit/private-reply.js';
import { buildStoryMessage } from '../../views/narrative/story-message.js';
import { prepareAgentRequest, storyContext } from '../sales/agent-command.js';
import { isNarrated, NARRATED } from './specs.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const STALE = 'This button is from an older reply: run the command again for a fresh one.';
const INDIVIDUAL_OFF = 'Stories are not written about one person’s figures here: a setting keeps individual data away from the writing model.';

/**
 * "Write the story": the command is run again for the person who clicked (the same access check,
 * so a forwarded or stale button shows nobody more than their own command would), then the model
 * writes from that result and the reply comes privately, under the figures.
 */
export function handleWriteStory(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const [name = '', ...words] = (action.value ?? '').split(' ').filter(Boolean);
    const narrator = deps.narrative;
    if (!isNarrated(name) || !narrator) return replyPrivately(respond, STALE);
    const spec = NARRATED[name];
    try {
      const request = await prepareAgentRequest(deps, body.user.id, words, spec);
      if (!storyAllowed(narrator, storyContext(request))) return replyPrivately(respond, INDIVIDUAL_OFF);
      const output = (await deps.agents.run(spec.job(request))) as AgentOutput as StoryResult;
      const written = await writeStory(narrator, output, storyContext(request));
      const purpose = `story:${name}`;
      await replyPrivately(respond, buildStoryMessage(written, { title: `The story · ${request.auth.label}`, purpose }));
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await replyPrivately(respond, error.message);
    }
  };
}

/** 👍 / 👎 under a text the model wrote: kept for whoever tunes the prompts, and thanked privately. */
export function handleFeedback(deps: Deps, verdict: Verdict) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    recordFeedback(deps.db, { purpose: action.value ?? 'unknown', verdict, slackUserId: body.user.id, at: deps.clock.now() });
    await replyPrivately(respond, verdict === 'useful' ? 'Thanks: noted as useful.' : 'Thanks: noted as not useful. It helps make the next one better.');
  };
}
