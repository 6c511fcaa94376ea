import type { App } from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import { handleAppHomeOpened, handleOpenSetupFromHome } from './home.js';
import { HOME, REASSIGN_MODAL, SETUP_MODAL, TASKS } from './ids.js';
import { handleFileShareInDm } from './import-dm.js';
import { handleReassignButton, handleReassignSubmission } from './reassign-modal.js';
import { handleSetupSubmission } from './setup-modal.js';
import { handleTaskButton } from './task-list.js';

export function register(app: App, deps: Deps): void {
  app.view(SETUP_MODAL.callbackId, handleSetupSubmission(deps));
  app.event('app_home_opened', handleAppHomeOpened(deps));
  app.action(HOME.openSetup, handleOpenSetupFromHome(deps));
  app.action(TASKS.markDone, handleTaskButton(deps, 'done'));
  app.action(TASKS.undo, handleTaskButton(deps, 'open'));
  app.action(TASKS.reassign, handleReassignButton(deps));
  app.view(REASSIGN_MODAL.callbackId, handleReassignSubmission(deps));
  app.event('message', handleFileShareInDm(deps));
}
