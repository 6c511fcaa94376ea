import type { App } from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import { handleAppHomeOpened, handleOpenSetupFromHome } from './home.js';
import { handleFileShareInDm } from './import-dm.js';
import { handleActionItemButton } from './action-item-buttons.js';
import { handleActionShortcut, handleActionSubmission, handleCreateButton, handleReassignItemButton, handleReassignItemSubmission } from './action-item-modal.js';
import { handleCommitmentsSubmission, handleOpenCommitments } from './commitments-modal.js';
import { ACTION_ITEMS, ACTION_MODAL, ACTION_REASSIGN_MODAL, ACTION_SHORTCUT, COMMITMENTS, HOME, REASSIGN_MODAL, SETUP_MODAL, TASKS } from './ids.js';
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
  app.action(ACTION_ITEMS.done, handleActionItemButton(deps, 'done'));
  app.action(ACTION_ITEMS.reopen, handleActionItemButton(deps, 'reopen'));
  app.action(ACTION_ITEMS.snoozeDay, handleActionItemButton(deps, 'snooze-day'));
  app.action(ACTION_ITEMS.snoozeWeek, handleActionItemButton(deps, 'snooze-week'));
  app.action(ACTION_ITEMS.reassign, handleReassignItemButton(deps));
  app.view(ACTION_REASSIGN_MODAL.callbackId, handleReassignItemSubmission(deps));
  app.action(ACTION_ITEMS.create, handleCreateButton(deps));
  app.view(ACTION_MODAL.callbackId, handleActionSubmission(deps));
  app.shortcut({ callback_id: ACTION_SHORTCUT.callbackId, type: 'message_action' }, handleActionShortcut(deps));
  app.action(COMMITMENTS.open, handleOpenCommitments(deps));
  app.view(COMMITMENTS.callbackId, handleCommitmentsSubmission(deps));
}
