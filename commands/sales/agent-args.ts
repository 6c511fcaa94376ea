import { BREAKDOWNS, type Breakdown } from '../../src/agents/perf.js';
import { parseAmountCents } from '../../src/domain/plan/setup.js';
import { parseDate } from '../../src/domain/sales/import-formats.js';
import { InputError } from '../../src/errors.js';

/**
 * The words after `/sko perf`, `/sko territory`, `/sko comp`: who it is about, which period, and
 * each agent's own options. Slack turns `--` into an em dash in some clients, so both work.
 */

type SubjectArg = { kind: 'default' } | { kind: 'slack'; slackUserId: string } | { kind: 'email'; email: string } | { kind: 'team'; name: string };

export type PeriodArg = { kind: 'fiscal-year'; fiscalYear: number | null } | { kind: 'to-date' } | { kind: 'range'; from: string; to: string };

export interface AgentArgs {
  subject: SubjectArg;
  period: PeriodArg;
  by: Breakdown | null;
  target: number | null;
  overAssignmentPct: number | null;
  ramp: number[] | null;
  historyWeightPct: number | null;
  growthPct: number | null;
  tracking: boolean;
}

export type ArgKind = 'subject' | 'period' | 'by' | 'territory' | 'forecast' | 'tracking';

const FLAG = /^(?:--|—|–)?(from|to)$/i;
const KEYWORDS = /^(?:by|fy\d{0,4}|ytd|tracking|(?:--|—|–)?(?:from|to|target|growth|tracking)|over|ramp|history)$/i;

/** Parses the arguments an agent accepts; anything else is an InputError that shows the usage. */
export function parseAgentArgs(words: readonly string[], accepts: readonly ArgKind[], usage: string): AgentArgs {
  const args: AgentArgs = {
    subject: { kind: 'default' },
    period: { kind: 'fiscal-year', fiscalYear: null },
    by: null,
    target: null,
    overAssignmentPct: null,
    ramp: null,
    historyWeightPct: null,
    growthPct: null,
    tracking: false,
  };
  const bad = (message: string): never => {
    throw new InputError(`${message}\nUsage: \`${usage}\``);
  };
  const takes = (kind: ArgKind, word: string) => {
    if (!accepts.includes(kind)) bad(`\`${word}\` does not apply here.`);
  };
  let from: string | null = null;
  let to: string | null = null;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    const next = () => {
      const value = words[i + 1];
      if (value === undefined) bad(`\`${word}\` needs a value after it.`);
      i += 1;
      return value as string;
    };
    const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word);
    const fy = /^fy(\d{4})?$/i.exec(word);
    const flag = FLAG.exec(word);
    const bare = word.replace(/^(?:--|—|–)/, '').toLowerCase();
    if (mention) {
      takes('subject', word);
      args.subject = { kind: 'slack', slackUserId: mention[1] as string };
    } else if (/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(word)) {
      takes('subject', word);
      args.subject = { kind: 'email', email: word.toLowerCase() };
    } else if (word.toLowerCase() === 'team') {
      takes('subject', word);
      const name: string[] = [];
      while (i + 1 < words.length && !KEYWORDS.test(words[i + 1] as string)) {
        i += 1;
        name.push(words[i] as string);
      }
      if (name.length === 0) bad('`team` needs the team’s name after it, e.g. `team Enterprise East`.');
      args.subject = { kind: 'team', name: name.join(' ') };
    } else if (fy) {
      takes('period', word);
      const year = fy[1] ?? (/^\d{4}$/.test(words[i + 1] ?? '') ? next() : undefined);
      args.period = { kind: 'fiscal-year', fiscalYear: year === undefined ? null : Number(year) };
    } else if (word.toLowerCase() === 'ytd') {
      takes('period', word);
      args.period = { kind: 'to-date' };
    } else if (flag) {
      takes('period', word);
      const value = next();
      const date = parseDate(value) ?? bad(`\`${value}\` is not a date: use YYYY-MM-DD.`);
      if ((flag[1] as string).toLowerCase() === 'from') from = date;
      else to = date;
    } else if (word.toLowerCase() === 'by') {
      takes('by', word);
      const value = next().toLowerCase().replace(/s$/, '');
      args.by = (BREAKDOWNS as readonly string[]).includes(value) ? (value as Breakdown) : bad(`\`by ${value}\`: choose one of ${BREAKDOWNS.join(', ')}.`);
    } else if (bare === 'tracking') {
      takes('tracking', word);
      args.tracking = true;
    } else if (bare === 'growth') {
      takes('forecast', word);
      const value = next();
      const pct = Number(value.replace(/%$/, ''));
      args.growthPct =
        Number.isFinite(pct) && pct > -100 && pct <= 1000 ? pct : bad(`Growth is a percentage, e.g. \`--growth 20%\` (or \`--growth -5%\`), not \`${value}\`.`);
    } else if (bare === 'target') {
      if (!accepts.includes('forecast')) takes('territory', word);
      args.target = positiveCents(next()) ?? bad('The target is an amount, e.g. `target $50M` or `target 48,500,000`.');
    } else if (word.toLowerCase() === 'over') {
      takes('territory', word);
      args.overAssignmentPct = parsePercent(next()) ?? bad('Over-assignment is a percentage, e.g. `over 10%`.');
    } else if (word.toLowerCase() === 'history') {
      takes('territory', word);
      args.historyWeightPct = parsePercent(next(), 100) ?? bad('The history weight is a percentage from 0 to 100, e.g. `history 50%`.');
    } else if (word.toLowerCase() === 'ramp') {
      takes('territory', word);
      const steps = next().replace(/%/g, '').split(/[/,]/).map(Number);
      args.ramp =
        steps.length > 0 && steps.every((s) => Number.isFinite(s) && s >= 0 && s <= 100)
          ? steps
          : bad('The ramp is monthly percentages from the hire month, e.g. `ramp 0/25/50/75/100`.');
    } else {
      bad(`I don't understand \`${word}\`.`);
    }
  }
  if (from !== null || to !== null) {
    if (from === null || to === null) bad('Give both `--from YYYY-MM-DD` and `--to YYYY-MM-DD`.');
    if ((to as string) < (from as string)) bad(`--to ${to} is before --from ${from}.`);
    args.period = { kind: 'range', from: from as string, to: to as string };
  }
  return args;
}

function parsePercent(value: string, max = 1000): number | null {
  const n = Number(value.replace(/%$/, ''));
  return Number.isFinite(n) && n >= 0 && n <= max ? n : null;
}

/** "$50M", "750k", "48,500,000": to whole cents; null unless above zero. */
export function positiveCents(value: string): number | null {
  const cents = parseAmountCents(value);
  return cents !== null && cents > 0 ? cents : null;
}
