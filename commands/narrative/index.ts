import type { App } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { NARRATIVE } from '../../views/kit/ids.js';
import { buildAssistant } from './assistant.js';
import { handleDraftLessons } from './lessons.js';
import { handleFeedback, handleWriteStory } from './story.js';

/** The model layer's listeners; registered whether or not it is on, so an old button gets a plain answer. */
export function register(app: App, deps: Deps): void {
  app.action(NARRATIVE.writeStory, handleWriteStory(deps));
  app.action(NARRATIVE.useful, handleFeedback(deps, 'useful'));
  app.action(NARRATIVE.notUseful, handleFeedback(deps, 'not-useful'));
  app.action(NARRATIVE.draftLessons, handleDraftLessons(deps));
  app.assistant(buildAssistant(deps));
}
