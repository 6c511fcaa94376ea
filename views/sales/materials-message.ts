import type { MaterialKind, PortalSession } from '../../src/agents/sales-ops.js';
import { type Blocks, context, escapeMrkdwn, header, type SlackMessage, section } from '../kit/blocks.js';

const LABEL: Record<MaterialKind, string> = { slides: 'Slides', recording: 'Recording', resource: 'Resource' };

/** The week-11 materials portal: every session's slides, recording and resources, one section per session. */
export function buildMaterialsPortal(eventName: string, sessions: PortalSession[]): SlackMessage {
  const blocks: Blocks = [header(`${eventName}: session materials and recordings`)];
  if (sessions.length === 0) blocks.push(section('No materials yet. The content lead adds them with `/sko materials add <session title> <link>`.'));
  for (const s of sessions.slice(0, 45)) {
    blocks.push(section(`*${escapeMrkdwn(s.session)}*\n${s.items.map((i) => `• <${i.url}|${LABEL[i.kind]}>`).join('\n')}`));
  }
  if (sessions.length > 45) blocks.push(context(`…and ${sessions.length - 45} more sessions.`));
  blocks.push(context('Bookmark this message: it is the portal for everything from the kickoff.'));
  return { text: `${eventName}: materials and recordings for ${sessions.length} sessions`, blocks };
}
