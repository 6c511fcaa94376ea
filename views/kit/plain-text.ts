import type { KnownBlock } from '@slack/types';

/** How a terminal shows what Slack would: mentions become names, Slack dates their fallback, mrkdwn marks and emoji codes plain text. */
export interface PlainTextNames {
  user(slackUserId: string): string | undefined;
  channel(channelId: string): string | undefined;
}

const EMOJI: Record<string, string> = {
  calendar: '📅',
  spiral_calendar_pad: '🗓',
  warning: '⚠',
  white_check_mark: '✔',
  red_circle: '●',
  white_circle: '○',
  tada: '🎉',
  checkered_flag: '🏁',
  wave: '👋',
  busts_in_silhouette: '👥',
  moneybag: '💰',
  dart: '🎯',
  alarm_clock: '⏰',
  hourglass_flowing_sand: '⏳',
  trophy: '🏆',
  compass: '🧭',
  zzz: '💤',
  construction: '🚧',
  outbox_tray: '📤',
  information_source: 'ℹ',
  x: '✖',
  heavy_minus_sign: '–',
  no_entry_sign: '🚫',
  bell: '🔔',
  eyes: '👀',
};

export function mrkdwnToPlain(text: string, names: PlainTextNames): string {
  return text
    .replace(/\n?```\n?/g, '\n')
    .replace(/<@([A-Z0-9]+)>/g, (_, id: string) => `@${names.user(id) ?? id}`)
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label?: string) => `#${label || names.channel(id) || id}`)
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/:([a-z0-9_+-]+):/g, (whole, code: string) => EMOJI[code] ?? whole)
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1$2')
    .replace(/(^|[\s(])_([^_\n]+)_/g, '$1$2')
    .replace(/(^|[\s(])~([^~\n]+)~/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function renderPlainText(blocks: KnownBlock[], names: PlainTextNames, width = 78): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        out.push(block.text.text.toUpperCase(), '═'.repeat(Math.min(width, block.text.text.length)));
        break;
      case 'section':
        if (block.text)
          out.push(
            `${mrkdwnToPlain(block.text.text, names).replace(/^\n+|\n+$/g, '')}${block.accessory?.type === 'button' ? `  [ ${block.accessory.text.text} ]` : ''}`,
          );
        for (const field of block.fields ?? []) out.push(mrkdwnToPlain(field.text, names));
        break;
      case 'context':
        out.push(block.elements.map((e) => ('text' in e ? mrkdwnToPlain(e.text, names) : '')).join('  ·  '));
        break;
      case 'divider':
        out.push('─'.repeat(width));
        break;
      case 'actions':
        out.push(block.elements.map((e) => ('text' in e && e.text ? `[ ${e.text.text} ]` : '')).join(' '));
        break;
      default:
        break;
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}
