import type { KnownBlock } from '@slack/types';
import { describeChanges } from '../../src/domain/sales/crm-records.js';
import { CRM_NAMES, type SyncState } from '../../src/services/sales/sync/sync.js';
import { divider, escapeMrkdwn, section } from '../kit/blocks.js';
import { formatDateTime } from '../kit/format.js';

export interface CrmSyncView {
  syncs: SyncState[];
  timeZone: string;
}

/** For admins on the App Home: each CRM's last nightly sync, what it changed, and why it refused if it did. */
export function crmSyncBlocks(view: CrmSyncView): KnownBlock[] {
  if (view.syncs.length === 0) return [];
  const lines = view.syncs.map((s) => {
    const when = formatDateTime(new Date(s.lastRunAt), view.timeZone);
    const changed = s.changes ? describeChanges(s.changes) : null;
    if (s.lastStatus === 'applied') return `*${CRM_NAMES[s.crm]}* · last sync ${when}: ${changed}.`;
    const earlier = changed ? `\nThe last sync that applied: ${changed}.` : '';
    const why = s.lastStatus === 'refused' ? 'refused its data, and changed nothing' : 'could not finish, and changed nothing';
    return `*${CRM_NAMES[s.crm]}* · the sync at ${when} ${why}:\n\`\`\`\n${escapeMrkdwn(s.problem ?? '').replace(/```/g, "'''")}\n\`\`\`${earlier}`;
  });
  return [divider(), section(`*CRM sync* (nightly at 02:00)\n${lines.join('\n')}`.slice(0, 3000))];
}
