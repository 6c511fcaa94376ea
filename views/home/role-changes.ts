import type { RoleChange } from '../../src/services/people/role-changes.js';
import { type Blocks, divider, escapeMrkdwn, section } from '../kit/blocks.js';
import { formatDateTime } from '../kit/format.js';

const HOW: Record<RoleChange['source'], (by: string | null) => string> = {
  setup: (by) => `named a sales leader in the SKO setup${by ? ` by <@${by}>` : ''}`,
  import: () => 'from a people file',
};

/** For admins: who gained or lost a role lately, and what did it, so a grant nobody meant is seen. */
export function roleChangeBlocks(changes: readonly RoleChange[], timeZone: string): Blocks {
  if (changes.length === 0) return [];
  const lines = changes.map((c) => {
    const who = c.slackUserId ? `<@${c.slackUserId}>` : escapeMrkdwn(c.name ?? 'someone');
    return `• ${who}: ${c.fromRole} → ${c.toRole}, ${HOW[c.source](c.changedBy)} · ${formatDateTime(new Date(c.changedAt), timeZone)}`;
  });
  return [divider(), section(`*Role changes* (admins only, newest first)\n${lines.join('\n')}`)];
}
