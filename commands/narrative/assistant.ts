import { Assistant } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { routeQuestion } from '../../src/domain/narrative/question.js';
import { isUserFacing } from '../../src/errors.js';
import { type StoryResult, storyAllowed, writeAnswer } from '../../src/services/narrative/story.js';
import { buildNotUnderstoodMessage, SUGGESTED_PROMPTS } from '../../views/narrative/assistant-message.js';
import { buildStoryMessage } from '../../views/narrative/story-message.js';
import { buildBrief } from '../../views/sales/brief.js';
import { prepareAgentRequest, storyContext } from '../sales/agent-command.js';
import { NARRATED } from './specs.js';

/**
 * Slack's assistant surface, in the asker's DM with the app: a question becomes the agent command
 * that answers it (routeQuestion), which goes through the same access gate as the command, so the
 * reply is what `/sko perf` and the rest would show that person — the figures, and with the model
 * layer on, an answer in words written from them.
 */
export function buildAssistant(deps: Deps): Assistant {
  return new Assistant({
    // Answers depend on who asks, never on the channel they are looking at: no context is kept, and none is read back.
    threadContextStore: { get: async () => ({}), save: async () => {} },
    threadStarted: async ({ setSuggestedPrompts }) => {
      await setSuggestedPrompts(SUGGESTED_PROMPTS);
    },
    threadContextChanged: async () => {},
    userMessage: async ({ message, say, setStatus }) => {
      if (message.subtype !== undefined || !message.text || !message.user) return;
      const routed = routeQuestion(message.text);
      if (!routed) {
        await say(buildNotUnderstoodMessage());
        return;
      }
      await setStatus('is looking at the figures…');
      const spec = NARRATED[routed.command];
      try {
        const request = await prepareAgentRequest(deps, message.user, routed.words, spec);
        const output = await deps.agents.run(spec.job(request));
        // Short first, as the command answers: its buttons bring the details or the tables as files.
        await say(buildBrief(spec.render(output, request), { value: [routed.command, ...routed.words].join(' ') }));
        const narrator = deps.narrative;
        if (!narrator || !storyAllowed(narrator, storyContext(request))) return;
        const written = await writeAnswer(narrator, output as StoryResult, message.text, storyContext(request));
        await say(buildStoryMessage(written, { title: 'In short', purpose: 'answer' }));
      } catch (error) {
        if (!isUserFacing(error)) throw error;
        await say(error.message);
      }
    },
  });
}
