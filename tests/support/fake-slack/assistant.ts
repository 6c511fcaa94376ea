/** The assistant surface's thread methods: assistant.threads.setStatus, setSuggestedPrompts and setTitle. */
import type { ApiArgs, ApiResponse } from './types.js';
import { fail, invalidArguments, ok, str } from './wire.js';

/** A thread is named by a DM (D…) and the ts of its first message, as Slack requires. */
function threadOf(args: ApiArgs): ApiResponse | undefined {
  const channel = str(args.channel_id);
  const threadTs = str(args.thread_ts);
  if (!channel) return invalidArguments('missing required field: channel_id');
  if (!threadTs) return invalidArguments('missing required field: thread_ts');
  if (!channel.startsWith('D')) return fail('channel_not_found');
  return undefined;
}

export const assistantHandlers: Record<string, (args: ApiArgs) => ApiResponse> = {
  'assistant.threads.setStatus': (args) => threadOf(args) ?? (typeof args.status === 'string' ? ok() : invalidArguments('missing required field: status')),
  'assistant.threads.setSuggestedPrompts': (args) => {
    const prompts = typeof args.prompts === 'string' ? (JSON.parse(args.prompts) as unknown) : args.prompts;
    if (!Array.isArray(prompts) || prompts.length === 0 || prompts.length > 4) return invalidArguments('prompts must hold 1 to 4 prompts');
    return threadOf(args) ?? ok();
  },
  'assistant.threads.setTitle': (args) => threadOf(args) ?? (str(args.title) ? ok() : invalidArguments('missing required field: title')),
};
