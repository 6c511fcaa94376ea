import type { App } from '@slack/bolt';
import { register as registerCommands } from '../commands/index.js';
import { register as registerNarrative } from '../commands/narrative/index.js';
import { register as registerViews } from '../views/index.js';
import type { Deps } from './deps.js';

/** Wires every listener onto the app; each folder owns its own registrations. */
export function registerListeners(app: App, deps: Deps): void {
  registerCommands(app, deps);
  registerViews(app, deps);
  registerNarrative(app, deps);
}
