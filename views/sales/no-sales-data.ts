import { context, mention, type SlackMessage, section } from '../kit/blocks.js';

/**
 * An agent asked before any deal is in: say so, and how the data gets in, rather than report "$0
 * won" and rank the event's organisers as reps who sold nothing.
 */
export function buildNoSalesDataMessage(askerIsAdmin: boolean, admins: readonly string[]): SlackMessage {
  const how = askerIsAdmin
    ? 'Export *people* and *deals* from your CRM as CSV files and drop them into a direct message with me (the Messages tab of SKO Conductor): people first, then deals. Quotas, accounts and comp plans follow the same way.'
    : `An admin adds it by sharing your CRM's people and deals as CSV files with me in a direct message${admins.length ? `: ask ${admins.map(mention).join(' or ')}` : ''}.`;
  return {
    text: 'No sales data yet: nothing to analyse.',
    blocks: [
      section(`:open_file_folder: *No sales data yet*, so there is nothing to analyse.\n${how}`),
      context('App Home shows what is loaded once it is in.'),
    ],
  };
}
