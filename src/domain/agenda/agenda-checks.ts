/**
 * The design checks `/sko agenda` runs on the event agenda (PRODUCT §5): seed 000's lessons and
 * seed 001's warnings turned into figures.
 *
 * Minutes are summed per session, so breakouts that run side by side belong in one session (with
 * all their speakers); entered separately they would count once each. Social time (dinners, team
 * building) is part of the agenda's total but not of its content: the split, the lecture share and
 * the takeaways check look at content only.
 */
import { SESSION_KINDS, type Session, type SessionKind, sessionMinutes } from './sessions.js';

/** The principle a check holds the agenda to, in words a sales leader uses (the playbook's lessons, retold). */
interface SeedRule {
  principle: string;
}

type AgendaCheckKey = 'balance' | 'interaction' | 'action' | 'product' | 'celebration' | 'speakers';

export interface AgendaCheck {
  key: AgendaCheckKey;
  title: string;
  figure: { text: string; values: Record<string, number> };
  status: 'ok' | 'warn';
  rules: readonly SeedRule[];
  /** What the figure means against the rule, and what to change when it warns. */
  detail: string;
}

interface AgendaDay {
  day: number;
  /** By start time, then title. */
  sessions: Session[];
  minutes: number;
  contentMinutes: number;
}

export interface AgendaReview {
  days: AgendaDay[];
  totalMinutes: number;
  /** Everything but social time. */
  contentMinutes: number;
  minutesByKind: Record<SessionKind, number>;
  checks: AgendaCheck[];
}

/** Seed 000, lesson 3 asks for 60% strategy and planning; more than this many points either way warns. */
const BALANCE_TARGET_PCT = 60;
const BALANCE_TOLERANCE_POINTS = 10;
/** Lecture may be at most half of the content minutes (seed 000, lesson 5). */
const MAX_LECTURE_PCT = 50;
/** About half a day of a three-day agenda; beyond it, the product session becomes a roadmap review. */
const MAX_PRODUCT_PCT = 15;
/** One minute in five: room for awards and a dinner, not an event built around them. */
const MAX_CELEBRATION_PCT = 20;
/** A content day has room for about this many voices before slots turn into slide decks. */
const MAX_SPEAKERS_PER_DAY = 6;

const RULES = {
  balance: { principle: 'Best-practice kickoffs spend about 60% on strategy and planning and 40% on skills.' },
  interaction: { principle: 'People learn by doing: workshops, role-plays and discussions work better than presentations.' },
  action: { principle: 'Every session should end with takeaways and next steps.' },
  product: { principle: 'A kickoff is not a product roadmap review, however much airtime product marketing wants.' },
  celebration: { principle: 'A kickoff is not a celebration, even when celebration is deserved.' },
  celebrate: { principle: 'Recognition motivates: do not skip celebrating wins.' },
  speakers: { principle: 'More speakers and more slides bring more content than people can absorb.' },
} satisfies Record<string, SeedRule>;

export function agendaChecks(sessions: Session[]): AgendaReview {
  const timed = sessions.map((session) => ({ session, minutes: sessionMinutes(session) }));
  const content = timed.filter((t) => t.session.kind !== 'social');
  const minutesByKind = Object.fromEntries(SESSION_KINDS.map((k) => [k, 0])) as Record<SessionKind, number>;
  for (const t of timed) minutesByKind[t.session.kind] += t.minutes;
  const totalMinutes = total(timed);
  const contentMinutes = total(content);

  const dayNumbers = [...new Set(sessions.map((s) => s.day))].sort((a, b) => a - b);
  const days = dayNumbers.map((day): AgendaDay => {
    const own = timed.filter((t) => t.session.day === day);
    return {
      day,
      sessions: own.map((t) => t.session).sort(byStartThenTitle),
      minutes: total(own),
      contentMinutes: total(own.filter((t) => t.session.kind !== 'social')),
    };
  });

  return {
    days,
    totalMinutes,
    contentMinutes,
    minutesByKind,
    checks: [
      balanceCheck(minutesByKind),
      interactionCheck(content, contentMinutes),
      actionCheck(content.map((t) => t.session)),
      productCheck(minutesByKind.product, totalMinutes),
      celebrationCheck(minutesByKind, totalMinutes),
      speakersCheck(sessions, dayNumbers.length),
    ],
  };
}

function balanceCheck(byKind: Record<SessionKind, number>): AgendaCheck {
  const strategy = byKind.strategy + byKind.planning;
  const training = byKind.training;
  const base = strategy + training;
  const check = { key: 'balance', title: 'Strategy and planning vs training', rules: [RULES.balance] } as const;
  if (base === 0) {
    return {
      ...check,
      figure: { text: 'No strategy, planning or training sessions yet', values: { strategyPlanningMinutes: 0, trainingMinutes: 0 } },
      status: 'warn',
      detail: 'Add the strategy, planning and training sessions; the playbook asks for about 60% / 40% between them.',
    };
  }
  const strategyPct = pct(strategy, base);
  const values = { strategyPlanningMinutes: strategy, trainingMinutes: training, strategyPlanningPct: strategyPct, trainingPct: 100 - strategyPct };
  const figure = { text: `${strategyPct}% strategy and planning / ${100 - strategyPct}% training (${minutes(strategy)} / ${minutes(training)})`, values };
  // Integer form of |strategy ÷ base − 60%| > 10 points.
  const off = Math.abs(strategy * 100 - BALANCE_TARGET_PCT * base) > BALANCE_TOLERANCE_POINTS * base;
  if (!off) {
    return {
      ...check,
      figure,
      status: 'ok',
      detail: `Within ${BALANCE_TOLERANCE_POINTS} points of the 60 / 40 balance (counting strategy, planning and training sessions only).`,
    };
  }
  const move = Math.round(Math.abs(strategy - (BALANCE_TARGET_PCT * base) / 100));
  const [from, to] = strategy * 100 > BALANCE_TARGET_PCT * base ? ['strategy and planning', 'training'] : ['training', 'strategy and planning'];
  return {
    ...check,
    figure,
    status: 'warn',
    detail: `More than ${BALANCE_TOLERANCE_POINTS} points from 60 / 40; moving about ${minutes(move)} from ${from} to ${to} would restore it.`,
  };
}

function interactionCheck(content: { session: Session; minutes: number }[], contentMinutes: number): AgendaCheck {
  const lecture = total(content.filter((t) => t.session.format === 'lecture'));
  const check = { key: 'interaction', title: 'Interactive over lecture', rules: [RULES.interaction] } as const;
  if (contentMinutes === 0) {
    return {
      ...check,
      figure: { text: 'No content sessions yet', values: { lectureMinutes: 0, contentMinutes: 0 } },
      status: 'warn',
      detail: 'Add content sessions to see how much of them is lecture.',
    };
  }
  const lecturePct = pct(lecture, contentMinutes);
  const figure = {
    text: `${lecturePct}% lecture, ${100 - lecturePct}% interactive (${minutes(lecture)} of ${minutes(contentMinutes)} of content is lecture)`,
    values: { lectureMinutes: lecture, interactiveMinutes: contentMinutes - lecture, contentMinutes, lecturePct },
  };
  if (lecture * 100 <= MAX_LECTURE_PCT * contentMinutes) {
    return { ...check, figure, status: 'ok', detail: 'Workshops, role-plays, panels and discussion take at least half of the content time.' };
  }
  const convert = lecture - Math.floor((contentMinutes * MAX_LECTURE_PCT) / 100);
  return {
    ...check,
    figure,
    status: 'warn',
    detail: `Lecture is more than half of the content time; turn at least ${minutes(convert)} of it into workshops, role-plays, panels or discussion.`,
  };
}

function actionCheck(content: Session[]): AgendaCheck {
  const lacking = content.filter((s) => s.takeaways.length === 0 || s.nextSteps.length === 0).sort((a, b) => a.day - b.day || byStartThenTitle(a, b));
  const check = { key: 'action', title: 'Takeaways and next steps', rules: [RULES.action] } as const;
  const figure = {
    text: `${lacking.length} of ${content.length} content session${content.length === 1 ? '' : 's'} lack${lacking.length === 1 ? 's' : ''} takeaways or next steps`,
    values: { lacking: lacking.length, contentSessions: content.length },
  };
  if (lacking.length === 0) {
    const detail = content.length === 0 ? 'No content sessions yet.' : 'Every content session has takeaways and next steps.';
    return { ...check, figure, status: content.length === 0 ? 'warn' : 'ok', detail };
  }
  const items = lacking.map((s) => {
    const missing = [s.takeaways.length === 0 ? 'takeaways' : null, s.nextSteps.length === 0 ? 'next steps' : null].filter(Boolean).join(' or ');
    return `day ${s.day} ${s.start} ${s.title} (no ${missing})`;
  });
  return { ...check, figure, status: 'warn', detail: `Add them to: ${items.join('; ')}.` };
}

function productCheck(product: number, totalMinutes: number): AgendaCheck {
  const productPct = pct(product, totalMinutes);
  const warn = product * 100 > MAX_PRODUCT_PCT * totalMinutes;
  return {
    key: 'product',
    title: 'Product roadmap time',
    figure: {
      text: `${productPct}% of agenda time on product (${minutes(product)} of ${minutes(totalMinutes)})`,
      values: { productMinutes: product, totalMinutes, productPct },
    },
    status: warn ? 'warn' : 'ok',
    rules: [RULES.product],
    detail: warn
      ? `More than ${MAX_PRODUCT_PCT}% of the agenda is product; keep what sellers will use in deals and give the rest back to installing how they sell.`
      : `At most ${MAX_PRODUCT_PCT}% of the agenda, about half a day of three.`,
  };
}

function celebrationCheck(byKind: Record<SessionKind, number>, totalMinutes: number): AgendaCheck {
  const celebration = byKind.recognition + byKind.social;
  const celebrationPct = pct(celebration, totalMinutes);
  const figure = {
    text: `${celebrationPct}% of agenda time on recognition and social (${minutes(celebration)} of ${minutes(totalMinutes)})`,
    values: { recognitionMinutes: byKind.recognition, socialMinutes: byKind.social, totalMinutes, celebrationPct },
  };
  const check = { key: 'celebration', title: 'Recognition and celebration time', figure, rules: [RULES.celebration, RULES.celebrate] } as const;
  if (celebration * 100 > MAX_CELEBRATION_PCT * totalMinutes) {
    return {
      ...check,
      status: 'warn',
      detail: `More than ${MAX_CELEBRATION_PCT}% of the agenda is recognition and social; keep the awards, and shorten the rest in favour of installation.`,
    };
  }
  if (byKind.recognition === 0) {
    return { ...check, status: 'warn', detail: 'No recognition session: the playbook says not to skip it; add awards or a performance recognition slot.' };
  }
  return { ...check, status: 'ok', detail: `Recognition is on the agenda, and it and social time take at most ${MAX_CELEBRATION_PCT}% of it.` };
}

function speakersCheck(sessions: Session[], dayCount: number): AgendaCheck {
  // The same person typed in different case or spacing is one speaker; the first spelling is shown.
  const bySpeaker = new Map<string, { name: string; sessions: number }>();
  for (const session of sessions) {
    const seen = new Set<string>();
    for (const name of session.speakers) {
      const id = name.trim().toLowerCase().replace(/\s+/g, ' ');
      if (!id || seen.has(id)) continue;
      seen.add(id);
      const entry = bySpeaker.get(id) ?? { name: name.trim(), sessions: 0 };
      entry.sessions += 1;
      bySpeaker.set(id, entry);
    }
  }
  const speakers = [...bySpeaker.values()].sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name));
  const limit = MAX_SPEAKERS_PER_DAY * dayCount;
  const perDay = dayCount === 0 ? 0 : Math.round((speakers.length * 10) / dayCount) / 10;
  const warn = speakers.length > limit;
  const list = speakers.map((s) => `${s.name} (${s.sessions})`).join(', ');
  return {
    key: 'speakers',
    title: 'Speakers',
    figure: {
      text: `${speakers.length} speaker${speakers.length === 1 ? '' : 's'} over ${dayCount} day${dayCount === 1 ? '' : 's'} (${perDay} per day)`,
      values: { speakers: speakers.length, days: dayCount, perDay, limit },
    },
    status: warn ? 'warn' : 'ok',
    rules: [RULES.speakers],
    detail:
      (warn
        ? `More than ${MAX_SPEAKERS_PER_DAY} speakers a day (${limit} for ${dayCount} day${dayCount === 1 ? '' : 's'}); give fewer people longer, practised slots.`
        : `At most ${MAX_SPEAKERS_PER_DAY} speakers a day.`) + (list ? ` Sessions per speaker: ${list}.` : ''),
  };
}

function total(items: { minutes: number }[]): number {
  return items.reduce((sum, t) => sum + t.minutes, 0);
}

/** Whole percent, half up; 0 when there is nothing to divide. */
function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 100) / whole);
}

/** 90 → '90 min', 1125 → '1,125 min'. */
function minutes(count: number): string {
  return `${count.toLocaleString('en-US')} min`;
}

function byStartThenTitle(a: Session, b: Session): number {
  return a.start.localeCompare(b.start) || a.title.localeCompare(b.title);
}
