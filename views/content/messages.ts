/** Session content and its approval as people read it: `/sko content`, the leaders' DM and the owner's news. */
import type { SectionBlock } from '@slack/types';
import { CONTENT_DEADLINE_WEEK, CONTENT_STATE_LABELS, needsApproval, type UnapprovedContent } from '../../src/domain/content/approval.js';
import type { ContentItem, ContentPerson } from '../../src/services/content/approval.js';
import { actions, type Blocks, button, context, escapeMrkdwn, header, mention, type SlackMessage, section, truncate } from '../kit/blocks.js';
import { formatDateTime, plural } from '../kit/format.js';
import { CONTENT } from '../kit/ids.js';

/** Sessions listed in one message: Slack allows 50 blocks. */
const LISTED = 45;

const who = (p: ContentPerson | null): string => (p?.slackUserId ? mention(p.slackUserId) : escapeMrkdwn(p?.name ?? 'someone'));
const when = (iso: string | null, timeZone: string): string => (iso ? formatDateTime(new Date(iso), timeZone) : '');
const sessionName = (i: Pick<ContentItem, 'day' | 'start' | 'title'>): string => `*${escapeMrkdwn(i.title)}* (day ${i.day}, ${i.start})`;
const linkTo = (link: string): string => `<${link}|the content>`;

/** A button's value: the session and which submission of it, so an old message cannot settle a newer one. */
const submissionRef = (i: Pick<ContentItem, 'sessionId' | 'round'>): string => `${i.sessionId}:${i.round}`;
export function parseSubmissionRef(value: string | undefined): { sessionId: number; round: number } | null {
  const m = /^(\d{1,9}):(\d{1,6})$/.exec(value ?? '');
  return m ? { sessionId: Number(m[1]), round: Number(m[2]) } : null;
}

/** Where one session's content stands, on a line or two. */
function standing(i: ContentItem, timeZone: string): string {
  const state = CONTENT_STATE_LABELS[i.state];
  const link = i.link ? ` · ${linkTo(i.link)}` : '';
  if (i.state === 'draft') return `_${state}_`;
  if (i.state === 'submitted') return `_${state}_ · sent by ${who(i.submittedBy)} ${when(i.submittedAt, timeZone)}${link}`;
  const note = i.note ? `\n> ${escapeMrkdwn(truncate(i.note, 500)).replace(/\n/g, '\n> ')}` : '';
  return `_${state}_ by ${who(i.decidedBy)} ${when(i.decidedAt, timeZone)}${link}${note}`;
}

/** `/sko content`: each session with its content's standing; a Submit button for those who own the content. */
export function buildContentListMessage(input: { eventName: string; timeZone: string; items: ContentItem[]; maySubmit: boolean }): SlackMessage {
  const items = input.items.filter(needsApproval);
  const approved = items.filter((i) => i.state === 'approved').length;
  const blocks: Blocks = [header(`Session content: ${input.eventName}`)];
  if (items.length === 0) {
    blocks.push(section('No sessions with content yet. The content lead adds them with `/sko agenda add`.'));
  } else {
    blocks.push(
      context(
        `${approved} of ${plural(items.length, 'session')} approved by leadership. Content should be approved by the end of week ${CONTENT_DEADLINE_WEEK}. Social time needs no approval.`,
      ),
    );
  }
  for (const i of items.slice(0, LISTED)) {
    const block: SectionBlock = section(`*Day ${i.day} · ${i.start}–${i.end}* ${escapeMrkdwn(i.title)}\n${standing(i, input.timeZone)}`);
    const label = i.state === 'draft' ? 'Submit content' : i.state === 'approved' ? 'Submit a new version' : 'Submit again';
    blocks.push(input.maySubmit ? { ...block, accessory: button(label, CONTENT.submit, { value: String(i.sessionId) }) } : block);
  }
  if (items.length > LISTED) blocks.push(context(`…and ${items.length - LISTED} more sessions.`));
  return { text: `Session content for ${input.eventName}: ${approved} of ${plural(items.length, 'session')} approved.`, blocks };
}

/** The DM asking a sales leader to approve one session's content. */
export function buildApprovalRequest(item: ContentItem, eventName: string): SlackMessage {
  const link = item.link ? linkTo(item.link) : '';
  return {
    text: `Content to approve for ${eventName}: ${item.title}`,
    blocks: [
      section(`${who(item.submittedBy)} asks you to approve the content of ${sessionName(item)} for ${escapeMrkdwn(eventName)}:\n${link}`),
      actions(
        button('Approve', CONTENT.approve, { value: submissionRef(item), style: 'primary' }),
        button('Ask for changes', CONTENT.askChanges, { value: submissionRef(item) }),
      ),
    ],
  };
}

/** The same DM once the submission is settled: who decided, and no buttons left to press. */
export function buildSettledRequest(item: ContentItem, timeZone: string): SlackMessage {
  return {
    text: `${item.title}: ${CONTENT_STATE_LABELS[item.state]}`,
    blocks: [section(`${sessionName(item)}${item.link ? ` · ${linkTo(item.link)}` : ''}\n${standing(item, timeZone)}`)],
  };
}

/** Why a click changed nothing: the submission was settled already, or a newer one replaced it. */
export function settledText(item: ContentItem, round: number, timeZone: string): string {
  if (item.round !== round) return `The content of ${sessionName(item)} was submitted again since; the newer message has its link.`;
  return `This was answered already. ${sessionName(item)}: ${standing(item, timeZone)}`;
}

/** The owner's news: approved, or what to change. */
export function buildOwnerNews(item: ContentItem, eventName: string): SlackMessage {
  const text =
    item.state === 'approved'
      ? `:white_check_mark: ${who(item.decidedBy)} approved the content of ${sessionName(item)} for ${escapeMrkdwn(eventName)}.`
      : `${who(item.decidedBy)} asks for changes to the content of ${sessionName(item)} for ${escapeMrkdwn(eventName)}:\n> ${escapeMrkdwn(item.note ?? '').replace(/\n/g, '\n> ')}\nOnce it is fixed, submit it again from \`/sko content\`.`;
  return { text: `${item.title}: ${CONTENT_STATE_LABELS[item.state]}`, blocks: [section(text)] };
}

/** The week-9 digest's section: content still waiting for approval as the content weeks end. */
export function unapprovedContentSection(u: UnapprovedContent): SectionBlock {
  const lines = u.sessions.map((s) => `• Day ${s.day}, ${s.start} ${escapeMrkdwn(s.title)}: ${CONTENT_STATE_LABELS[s.state]}`);
  const more = u.more ? `\n…and ${u.more} more.` : '';
  return section(
    `*Session content not approved yet* (week ${CONTENT_DEADLINE_WEEK} ends the content work)\n${lines.join('\n')}${more}\n\`/sko content\` shows every session.`,
  );
}
