import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, TextBlock, Tool, ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages/messages';
import type { NarrativeConfig } from '../../config.js';
import { type Facts, lookUpFigures } from '../../domain/narrative/facts.js';
import { checkNumbers } from '../../domain/narrative/number-check.js';
import type { Logger } from '../../logger.js';

/**
 * The model layer: one client, one tool loop, one gate. The model gets the facts' outline (names
 * and shape, no numbers), asks for figures with the get_figures tool, and what it writes is posted
 * only when every number in it is one of those figures. A draft that fails is written again once;
 * a second failure, or the API staying busy after the SDK's retries, leaves the figures alone.
 */

export interface WriteRequest {
  /** What the text is for, for the debug log: 'story:perf', 'answer', 'brief:committee'. */
  purpose: string;
  size: 'quick' | 'long';
  /** What to write, in words. */
  task: string;
  facts: Facts;
}

export type Written = { kind: 'text'; text: string } | { kind: 'figures-only'; reason: 'unchecked' | 'unavailable' };

/** A story needs a handful of look-ups; more turns than this is a model going round in circles. */
const MAX_TOOL_TURNS = 6;
const MAX_TOKENS = { quick: 1200, long: 4000 } as const;

const FIGURES_TOOL: Tool = {
  name: 'get_figures',
  description:
    'Returns the value of each figure id (the "#…" strings in the facts). Amounts are in currency units, rates are fractions (0.65 is 65%), durations in days. Ask for every figure before you write it.',
  input_schema: {
    type: 'object',
    properties: { ids: { type: 'array', items: { type: 'string' }, description: 'Figure ids, such as "totals.wonRevenue".' } },
    required: ['ids'],
  },
};

const SYSTEM = [
  'You write for sales leaders, in Slack mrkdwn (*bold*, bullet lines starting with "• "), plainly and briefly.',
  'The facts are the analysis of the sales data; you see their shape and names, and every number in them is a figure id such as "#totals.wonRevenue".',
  'Use get_figures to read any figure you write. Write only those figures, rounded if you like; never work out new numbers (no sums, differences or ratios of your own), and do not number lists or headings.',
  'If the facts do not say something, do not say it.',
].join('\n');

export function createNarrator(config: NarrativeConfig, logger: Logger): Narrator {
  // The SDK retries 429s, 529s and 5xx itself (twice, honouring retry-after), before we fall back to the figures.
  const client = new Anthropic({ apiKey: config.apiKey, ...(config.baseUrl ? { baseURL: config.baseUrl } : {}), maxRetries: 2, timeout: 60_000 });
  return new Narrator(client, config, logger);
}

export class Narrator {
  constructor(
    private readonly client: Anthropic,
    readonly config: NarrativeConfig,
    private readonly logger: Logger,
  ) {}

  async write(request: WriteRequest): Promise<Written> {
    let rejected: string[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      let text: string | null;
      try {
        text = await this.#draft(request, rejected, attempt);
      } catch (error) {
        if (!(error instanceof Anthropic.APIError)) throw error;
        this.logger.warn(`narrative ${request.purpose}: the Messages API failed (${error.status ?? 'no status'}) after retries`);
        return { kind: 'figures-only', reason: 'unavailable' };
      }
      if (text === null) continue;
      const check = checkNumbers(text, request.facts);
      if (check.ok) return { kind: 'text', text };
      rejected = check.unsupported;
      this.logger.info(`narrative ${request.purpose}: draft ${attempt} had ${rejected.length} number(s) not in the facts; not posted`);
    }
    return { kind: 'figures-only', reason: 'unchecked' };
  }

  /** One draft through the tool loop; null when the model never finished writing. */
  async #draft(request: WriteRequest, rejected: string[], attempt: number): Promise<string | null> {
    const model = request.size === 'quick' ? this.config.quickModel : this.config.longModel;
    const again = rejected.length
      ? `\n\nA first draft wrote numbers that are not figures in the facts (${rejected.join(', ')}). Write it again using only figures from get_figures.`
      : '';
    const messages: MessageParam[] = [{ role: 'user', content: `${request.task}\n\nThe facts:\n${JSON.stringify(request.facts.outline)}${again}` }];
    // What was sent, without personal data: the purpose, the model and the sizes, never the outline (it holds names).
    this.logger.debug(
      `narrative ${request.purpose}: attempt ${attempt} to ${model}, ${request.facts.figures.size} figures available, ${messages[0]?.content.length ?? 0} characters`,
    );
    for (let turn = 0; turn <= MAX_TOOL_TURNS; turn++) {
      const reply = await this.client.messages.create({ model, max_tokens: MAX_TOKENS[request.size], system: SYSTEM, tools: [FIGURES_TOOL], messages });
      const uses = reply.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
      if (reply.stop_reason !== 'tool_use' || uses.length === 0) {
        const text = reply.content
          .filter((block): block is TextBlock => block.type === 'text')
          .map((block) => block.text)
          .join('')
          .trim();
        return text === '' ? null : text;
      }
      messages.push({ role: 'assistant', content: reply.content }, { role: 'user', content: uses.map((use) => this.#answer(use, request.facts)) });
      this.logger.debug(`narrative ${request.purpose}: ${uses.length} figure look-up(s) in turn ${turn + 1}`);
    }
    return null;
  }

  #answer(use: ToolUseBlock, facts: Facts): ToolResultBlockParam {
    const ids = (use.input as { ids?: unknown }).ids;
    if (use.name !== FIGURES_TOOL.name || !Array.isArray(ids)) {
      return { type: 'tool_result', tool_use_id: use.id, is_error: true, content: 'Call get_figures with {"ids": ["…"]}.' };
    }
    return { type: 'tool_result', tool_use_id: use.id, content: JSON.stringify(lookUpFigures(facts, ids.map(String))) };
  }
}
