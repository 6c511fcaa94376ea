import type { ActionsBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Written } from '../../src/services/narrative/narrator.js';
import { actions, button, type SlackMessage, section } from '../kit/blocks.js';
import { NARRATIVE } from '../kit/ids.js';
import { skoRef } from '../kit/sko-ref.js';
import { aiTextFooter } from './story-message.js';

/** The draft as a canvas: its text, and the label that says who wrote it and that it is the reader's to edit. */
export function briefMarkdown(title: string, text: string): string {
  return `# ${title}\n\n${text}\n\n---\n_Written by AI from the figures; every number in it was checked against them. It is a draft: edit it freely._\n`;
}

/**
 * A canvas tabbed in the requester's DM with the app, which they may edit: a new one per draft, so
 * an earlier draft (and the DM's own canvas, if it has one) is never overwritten.
 */
export async function createBriefCanvas(slack: WebClient, userId: string, title: string, markdown: string): Promise<string> {
  const dm = (await slack.conversations.open({ users: userId })).channel?.id;
  if (!dm?.startsWith('D')) throw new Error('could not open the DM for a brief canvas');
  const created = await slack.canvases.create({ title, channel_id: dm, document_content: { type: 'markdown', markdown } });
  const canvasId = created.canvas_id as string;
  await slack.canvases.access.set({ canvas_id: canvasId, access_level: 'write', user_ids: [userId] });
  return canvasId;
}

/** The private reply once the draft is made: where it is, or why the figures stand alone. */
export function buildBriefReply(written: Written, title: string, purpose: string): SlackMessage {
  if (written.kind === 'figures-only') {
    const text =
      written.reason === 'unchecked'
        ? `The draft of “${title}” used numbers that are not in the figures, so no canvas was made. Try again for a new draft; /sko perf, forecast and pipeline give the figures.`
        : `The draft of “${title}” could not be written just now: the writing service is busy or out of reach. Try again in a few minutes.`;
    return { text, blocks: [section(`:information_source: ${text}`)] };
  }
  const text = `:memo: *${title}* is drafted in a canvas in our DM (its tab at the top). It is yours to edit.`;
  return { text: `${title} is drafted in a canvas in our DM.`, blocks: [section(text), ...aiTextFooter(purpose)] };
}

/** Under the post-event survey's results: the week-12 lessons learned, drafted as a canvas to edit. */
export function lessonsButton(eventId: number): ActionsBlock {
  return actions(button('Draft the lessons learned', NARRATIVE.draftLessons, { value: skoRef(eventId) }));
}
