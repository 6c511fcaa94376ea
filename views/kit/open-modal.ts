import type { ModalView } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { isUserFacing } from '../../src/errors.js';

/**
 * Opens the modal `build` makes, inside the trigger's 3 seconds. When making it refuses the person
 * (they may not, there is no SKO yet), the reason goes to `refuse` instead and nothing opens.
 */
export async function openModalOr(deps: Deps, triggerId: string, build: () => ModalView, refuse: (text: string) => Promise<void>): Promise<void> {
  let view: ModalView;
  try {
    view = build();
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    await refuse(error.message);
    return;
  }
  await deps.slack.views.open({ trigger_id: triggerId, view });
}
