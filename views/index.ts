import type { App } from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import { handleAppHomeOpened, handleOpenSetupFromHome } from './home.js';
import { handleCommsEditSubmission, handleCommsMenu } from './comms-calendar.js';
import { handlePreviewButton, handleRsvpButton } from './comms-messages.js';
import { COMMS, HOME, REASSIGN_MODAL, RSVP, SETUP_MODAL, SURVEY, TASKS } from './ids.js';
import { handleReassignButton, handleReassignSubmission } from './reassign-modal.js';
import { handleSetupSubmission } from './setup-modal.js';
import { handleAnswerButton, handleSurveySubmission } from './survey-modal.js';
import { handleTaskButton } from './task-list.js';

export function register(app: App, deps: Deps): void {
  app.view(SETUP_MODAL.callbackId, handleSetupSubmission(deps));
  app.event('app_home_opened', handleAppHomeOpened(deps));
  app.action(HOME.openSetup, handleOpenSetupFromHome(deps));
  app.action(TASKS.markDone, handleTaskButton(deps, 'done'));
  app.action(TASKS.undo, handleTaskButton(deps, 'open'));
  app.action(TASKS.reassign, handleReassignButton(deps));
  app.view(REASSIGN_MODAL.callbackId, handleReassignSubmission(deps));
  app.action(RSVP.attending, handleRsvpButton(deps, 'attending'));
  app.action(RSVP.notAttending, handleRsvpButton(deps, 'not-attending'));
  app.action(RSVP.maybe, handleRsvpButton(deps, 'maybe'));
  app.action(SURVEY.answer, handleAnswerButton(deps));
  app.view(SURVEY.callbackId, handleSurveySubmission(deps));
  app.action(COMMS.menu, handleCommsMenu(deps));
  app.action(new RegExp(`^${COMMS.previewButton}_\\d+$`), handlePreviewButton());
  app.view(COMMS.edit.callbackId, handleCommsEditSubmission(deps));
}
