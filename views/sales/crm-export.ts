import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { isUserFacing } from '../../src/errors.js';
import { assertMaySetTerritoryPlan } from '../../src/services/people/access.js';
import { identify } from '../../src/services/people/identity.js';
import { crmExport } from '../../src/services/sales/sales-ops.js';
import { sendFilesInDm } from '../kit/private-reply.js';

/** "Send the CRM update files" under the territory plan: next year's quotas and the account owners, ready to load into the CRM. */
export function handleExportCrmUpdate(deps: Deps) {
  return async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    try {
      const person = await identify(deps, body.user.id);
      assertMaySetTerritoryPlan(deps.db, person?.id ?? null);
      const update = crmExport(deps.db, deps.clock.now().toISOString().slice(0, 10));
      await sendFilesInDm(
        deps.slack,
        body.user.id,
        [
          { filename: `crm-quotas-FY${update.fiscalYear}.csv`, content: update.quotas.csv },
          { filename: `crm-territories-FY${update.fiscalYear}.csv`, content: update.territories.csv },
        ],
        `The CRM update for FY${update.fiscalYear}: ${update.quotas.rows.toLocaleString('en-US')} quarterly quotas and ${update.territories.rows.toLocaleString('en-US')} accounts with their owners, in the columns the CRM import expects.`,
      );
      await tell(':inbox_tray: Sent the CRM update files to our direct message.');
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await tell(error.message);
    }
  };
}
