/** Canvases: canvases.create (tabbed in a channel when channel_id is given) and canvases.access.set. */
import type { ApiArgs, ApiResponse } from './types.js';
import { fail, invalidArguments, isObject, ok, randomId, str } from './wire.js';

export interface StoredCanvas {
  id: string;
  title: string | undefined;
  /** The channel it is a tab of, if any. */
  channelId: string | undefined;
  markdown: string;
  /** Who may write in it, besides the app. */
  writers: string[];
}

const parse = (v: unknown): unknown => (typeof v === 'string' && v.startsWith('{') ? JSON.parse(v) : v);

export class Canvases {
  readonly list: StoredCanvas[] = [];

  readonly handlers: Record<string, (args: ApiArgs) => ApiResponse> = {
    'canvases.create': (args) => {
      const content = parse(args.document_content);
      if (content !== undefined && (!isObject(content) || content.type !== 'markdown' || typeof content.markdown !== 'string')) {
        return invalidArguments('document_content must be {type: "markdown", markdown: "…"}');
      }
      const channelId = str(args.channel_id);
      if (channelId && !/^[CDG]/.test(channelId)) return fail('channel_not_found');
      const canvas: StoredCanvas = { id: randomId('F'), title: str(args.title), channelId, markdown: content ? String(content.markdown) : '', writers: [] };
      this.list.push(canvas);
      return ok({ canvas_id: canvas.id });
    },
    'canvases.access.set': (args) => {
      const canvas = this.list.find((c) => c.id === str(args.canvas_id));
      if (!canvas) return fail('canvas_not_found');
      if (args.access_level !== 'read' && args.access_level !== 'write') return invalidArguments('access_level must be read or write');
      const users = parse(args.user_ids);
      if (!Array.isArray(users) || users.length === 0) return invalidArguments('user_ids or channel_ids is required');
      if (args.access_level === 'write') canvas.writers.push(...users.map(String));
      return ok();
    },
  };

  reset(): void {
    this.list.length = 0;
  }
}
