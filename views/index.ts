import type { App } from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import { handleAppHomeOpened, handleOpenSetupFromHome } from './home.js';
import { HOME, SETUP_MODAL } from './ids.js';
import { handleFileShareInDm } from './import-dm.js';
import { handleSetupSubmission } from './setup-modal.js';

export function register(app: App, deps: Deps): void {
  app.view(SETUP_MODAL.callbackId, handleSetupSubmission(deps));
  app.event('app_home_opened', handleAppHomeOpened(deps));
  app.action(HOME.openSetup, handleOpenSetupFromHome(deps));
  app.event('message', handleFileShareInDm(deps));
}
