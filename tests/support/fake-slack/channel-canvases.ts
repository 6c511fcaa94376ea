/** Channel canvases: conversations.canvases.create makes a channel's one canvas, canvases.edit changes it. */
import type { ApiArgs, ApiResponse } from './types.js';
import { fail, ok, randomId, str } from './wire.js';

export interface StoredChannelCanvas {
  id: string;
  channel: string;
  /** The markdown as last written (create, or an edit that replaced it whole). */
  markdown: string;
  edits: number;
}

const markdownOf = (content: unknown): string | undefined => {
  const parsed = typeof content === 'string' ? (JSON.parse(content) as unknown) : content;
  const doc = parsed as { type?: string; markdown?: unknown } | undefined;
  return doc?.type === 'markdown' && typeof doc.markdown === 'string' ? doc.markdown : undefined;
};

export class ChannelCanvases {
  #byId = new Map<string, StoredChannelCanvas>();

  constructor(readonly resolveChannel: (channel: string) => string) {}

  inChannel(channel: string): StoredChannelCanvas | undefined {
    const id = this.resolveChannel(channel);
    return [...this.#byId.values()].find((c) => c.channel === id);
  }

  /** Like Slack, a channel has at most one channel canvas. */
  create(args: ApiArgs): ApiResponse {
    const channel = str(args.channel_id);
    if (!channel) return fail('invalid_arguments');
    const resolved = this.resolveChannel(channel);
    if (this.inChannel(resolved)) return fail('channel_canvas_already_exists');
    let markdown: string | undefined;
    try {
      markdown = args.document_content === undefined ? '' : markdownOf(args.document_content);
    } catch {
      return fail('invalid_arguments');
    }
    if (markdown === undefined) return fail('invalid_arguments');
    const id = randomId('F');
    this.#byId.set(id, { id, channel: resolved, markdown, edits: 0 });
    return ok({ canvas_id: id });
  }

  /** Only whole replacements are modelled: the app rewrites its canvas rather than patching sections. */
  edit(args: ApiArgs): ApiResponse {
    const canvas = this.#byId.get(str(args.canvas_id) ?? '');
    if (!canvas) return fail('canvas_not_found');
    let changes: { operation?: string; document_content?: unknown }[];
    try {
      changes = (typeof args.changes === 'string' ? JSON.parse(args.changes) : args.changes) as typeof changes;
    } catch {
      return fail('invalid_arguments');
    }
    if (!Array.isArray(changes) || changes.length === 0) return fail('invalid_arguments');
    for (const change of changes) {
      const markdown = change.operation === 'replace' ? markdownOf(change.document_content) : undefined;
      if (markdown === undefined) return fail('invalid_arguments');
      canvas.markdown = markdown;
      canvas.edits += 1;
    }
    return ok();
  }
}
